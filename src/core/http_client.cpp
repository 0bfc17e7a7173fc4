#include "core/http_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace core::http_client {
namespace {

struct Sink {
    const Request& request;
    Reply& reply;
};

std::size_t receive(char* data, std::size_t size, std::size_t count, void* out) {
    auto* sink = static_cast<Sink*>(out);
    std::string_view chunk(data, size * count);
    bool more = true;
    if (sink->request.on_data) more = sink->request.on_data(chunk);
    else if (sink->reply.body.size() + chunk.size() > sink->request.max_body) more = false;
    else sink->reply.body.append(chunk);
    if (more) return chunk.size();
    sink->reply.too_large = true;
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
}

std::size_t send_chunk(char* data, std::size_t size, std::size_t count, void* in) {
    auto* stream = static_cast<std::istream*>(in);
    stream->read(data, static_cast<std::streamsize>(size * count));
    if (stream->bad()) return CURL_READFUNC_ABORT;
    return static_cast<std::size_t>(stream->gcount());
}

}  // namespace

Reply send(const Request& request) {
    // libcurl's global setup is not thread-safe, and requests come from many threads at once.
    static std::once_flag setup;
    std::call_once(setup, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    Reply reply;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        reply.error = "libcurl could not start";
        return reply;
    }
    curl_slist* headers = nullptr;
    for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned(headers, curl_slist_free_all);
    Sink sink{request, reply};
    if (!request.unix_socket.empty()) curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, request.unix_socket.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, receive);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, request.timeout_ms);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    if (request.upload) {
        // Its size when the stream can tell (a file), chunked otherwise.
        auto start = request.upload->tellg();
        request.upload->seekg(0, std::ios::end);
        auto end = request.upload->tellg();
        request.upload->seekg(start);
        curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, send_chunk);
        curl_easy_setopt(curl.get(), CURLOPT_READDATA, request.upload);
        if (start >= 0 && end >= start) curl_easy_setopt(curl.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(end - start));
        else request.upload->clear();
    } else if (request.method != "GET") {
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
    auto rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) {
        reply.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
        reply.error = reply.too_large ? "the answer was too large" : curl_easy_strerror(rc);
        return reply;
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

}  // namespace core::http_client

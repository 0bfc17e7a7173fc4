#include "core/http_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace core::http_client {
namespace {

struct Sink {
    const Request& request;
    std::string& body;
};

std::size_t receive(char* data, std::size_t size, std::size_t count, void* out) {
    auto* sink = static_cast<Sink*>(out);
    std::string_view chunk(data, size * count);
    if (sink->request.on_data) sink->request.on_data(chunk);
    else sink->body.append(chunk);
    return chunk.size();
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
    Sink sink{request, reply.body};
    if (!request.unix_socket.empty()) curl_easy_setopt(curl.get(), CURLOPT_UNIX_SOCKET_PATH, request.unix_socket.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, receive);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, request.timeout_ms);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    if (request.method != "GET") {
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    auto rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) {
        reply.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
        reply.error = curl_easy_strerror(rc);
        return reply;
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

}  // namespace core::http_client

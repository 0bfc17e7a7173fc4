#include "http/stream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <fstream>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace http {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

}  // namespace

void add_standard_headers(beast::http::fields& fields, const Request& req, const Response& res) {
    fields.set(beast::http::field::server, "skyscape");
    fields.set(beast::http::field::content_type, res.content_type);
    fields.set("X-Content-Type-Options", "nosniff");
    fields.set("Referrer-Policy", "same-origin");
    fields.set("X-Frame-Options", "SAMEORIGIN");
    fields.set("X-Request-Id", req.request_id);
    if (res.content_type.starts_with("text/html")) fields.set("Content-Security-Policy", kContentSecurityPolicy);
    for (const auto& [name, value] : res.headers) fields.insert(name, value);
}

BodyStream::BodyStream(beast::tcp_stream& stream, beast::flat_buffer& buffer, Parser& parser,
                       std::chrono::seconds io_timeout)
    : stream_(stream), buffer_(buffer), parser_(parser), timeout_(io_timeout) {}

asio::awaitable<std::size_t> BodyStream::read(char* data, std::size_t size) {
    while (!error_ && !parser_.is_done()) {
        parser_.get().body().data = data;
        parser_.get().body().size = size;
        stream_.expires_after(timeout_);
        co_await beast::http::async_read_some(stream_, buffer_, parser_, asio::redirect_error(asio::use_awaitable, error_));
        if (error_ == beast::http::error::need_buffer) error_ = {};
        std::size_t n = size - parser_.get().body().size;
        if (n > 0 || error_) co_return error_ ? 0 : n;
    }
    co_return 0;
}

asio::awaitable<bool> BodyStream::start(const Request& req, const Response& head, std::optional<std::uint64_t> length) {
    beast::http::response<beast::http::empty_body> res{static_cast<beast::http::status>(head.status), 11};
    add_standard_headers(res, req, head);
    chunked_ = !length;
    if (length) res.content_length(*length);
    else res.chunked(true);
    res.keep_alive(req.raw.keep_alive());
    status_ = head.status;
    beast::http::response_serializer<beast::http::empty_body> serializer(res);
    stream_.expires_after(timeout_);
    co_await beast::http::async_write_header(stream_, serializer, asio::redirect_error(asio::use_awaitable, error_));
    co_return !error_;
}

asio::awaitable<bool> BodyStream::write(const char* data, std::size_t size) {
    if (error_ || size == 0) co_return !error_;
    stream_.expires_after(timeout_);
    if (chunked_)
        co_await asio::async_write(stream_, beast::http::make_chunk(asio::const_buffer(data, size)),
                                   asio::redirect_error(asio::use_awaitable, error_));
    else
        co_await asio::async_write(stream_, asio::const_buffer(data, size), asio::redirect_error(asio::use_awaitable, error_));
    bytes_sent_ += size;
    co_return !error_;
}

asio::awaitable<bool> BodyStream::finish() {
    if (error_) co_return false;
    if (!chunked_) co_return finished_ = true;
    stream_.expires_after(timeout_);
    co_await asio::async_write(stream_, beast::http::make_chunk_last(), asio::redirect_error(asio::use_awaitable, error_));
    finished_ = !error_;
    co_return finished_;
}

namespace {

// Reads the body in pieces, each given to `take`, refusing it past limit; `take` returning false
// (a full disk) stops it.
template <class Take>
asio::awaitable<core::Status> read_pieces(BodyStream& body, const Request& req, std::uint64_t limit, Take take) {
    auto too_large = [limit] {
        return core::fail(core::Errc::too_large, "The request body is over " + std::to_string(limit >> 20) + " MB.");
    };
    if (auto length = parse_number(req.header("Content-Length")); length && static_cast<std::uint64_t>(*length) > limit) co_return too_large();
    std::vector<char> buffer(64 * 1024);
    std::uint64_t total = 0;
    while (std::size_t n = co_await body.read(buffer.data(), buffer.size())) {
        total += n;
        if (total > limit) co_return too_large();
        if (!take(std::string_view(buffer.data(), n))) co_return core::fail(core::Errc::internal, "The server could not keep the request body.");
    }
    if (body.failed() || !body.body_done()) co_return core::fail(core::Errc::invalid, "The request body was cut off.");
    co_return core::Status{};
}

}  // namespace

asio::awaitable<core::Result<std::string>> read_body(BodyStream& body, const Request& req, std::size_t limit) {
    std::string out;
    auto read = co_await read_pieces(body, req, limit, [&out](std::string_view piece) {
        out.append(piece);
        return true;
    });
    if (!read) co_return tl::unexpected(read.error());
    co_return out;
}

asio::awaitable<core::Status> save_body(BodyStream& body, const Request& req, const std::filesystem::path& file, std::uint64_t limit) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    auto saved = co_await read_pieces(body, req, limit, [&out](std::string_view piece) {
        out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
        return static_cast<bool>(out);
    });
    out.close();
    if (saved && !out) co_return core::fail(core::Errc::internal, "The server could not keep the request body.");
    co_return saved;
}

asio::awaitable<bool> send_file(BodyStream& body, const Request& req, const Response& head, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (!in || ec) co_return false;
    if (!co_await body.start(req, head, size)) co_return false;
    if (req.raw.method() == beast::http::verb::head) co_return co_await body.finish();
    std::vector<char> buffer(256 * 1024);
    for (std::uint64_t left = size; left > 0;) {
        in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size())));
        auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0) co_return false;  // the file shrank: the client sees a short body
        if (!co_await body.write(buffer.data(), n)) co_return false;
        left -= n;
    }
    co_return co_await body.finish();
}

void BodyStream::cancel() {
    beast::error_code ec;
    stream_.socket().cancel(ec);
}

}  // namespace http

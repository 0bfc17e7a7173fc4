#include "http/stream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

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

asio::awaitable<bool> BodyStream::start(const Request& req, const Response& head) {
    beast::http::response<beast::http::empty_body> res{static_cast<beast::http::status>(head.status), 11};
    add_standard_headers(res, req, head);
    res.chunked(true);
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
    co_await asio::async_write(stream_, beast::http::make_chunk(asio::const_buffer(data, size)),
                               asio::redirect_error(asio::use_awaitable, error_));
    bytes_sent_ += size;
    co_return !error_;
}

asio::awaitable<bool> BodyStream::finish() {
    if (error_) co_return false;
    stream_.expires_after(timeout_);
    co_await asio::async_write(stream_, beast::http::make_chunk_last(), asio::redirect_error(asio::use_awaitable, error_));
    finished_ = !error_;
    co_return finished_;
}

void BodyStream::cancel() {
    beast::error_code ec;
    stream_.socket().cancel(ec);
}

}  // namespace http

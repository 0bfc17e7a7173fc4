#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include <functional>

namespace http {

struct Request;
struct Response;

//! The body and the answer of a streaming route (git's smart HTTP): the request body is read as
//! it arrives and the response body written as chunks as it is produced, each step waiting for
//! the other side, so memory stays bounded whatever the sizes.
class BodyStream {
public:
    using Parser = boost::beast::http::request_parser<boost::beast::http::buffer_body>;

    BodyStream(boost::beast::tcp_stream& stream, boost::beast::flat_buffer& buffer, Parser& parser,
               std::chrono::seconds io_timeout);

    //! Reads up to size bytes of the de-chunked body; 0 at its end or on an error (failed()).
    boost::asio::awaitable<std::size_t> read(char* data, std::size_t size);
    //! Sends the status line and headers: of a chunked response, or of one of exactly `length`
    //! bytes (then write() sends them as they are, and finish() nothing). False on an error.
    boost::asio::awaitable<bool> start(const Request& req, const Response& head, std::optional<std::uint64_t> length = std::nullopt);
    boost::asio::awaitable<bool> write(const char* data, std::size_t size);
    //! Ends the chunked body.
    boost::asio::awaitable<bool> finish();
    //! Aborts a read or write in progress (the other side of a pump gave up).
    void cancel();

    bool started() const { return status_ != 0; }
    bool finished() const { return finished_; }
    bool body_done() const { return parser_.is_done(); }
    bool failed() const { return static_cast<bool>(error_); }
    unsigned status() const { return status_; }
    std::size_t bytes_sent() const { return bytes_sent_; }

private:
    boost::beast::tcp_stream& stream_;
    boost::beast::flat_buffer& buffer_;
    Parser& parser_;
    std::chrono::seconds timeout_;
    boost::beast::error_code error_;
    unsigned status_ = 0;
    bool finished_ = false;
    bool chunked_ = true;
    std::size_t bytes_sent_ = 0;
};

//! The whole request body, refused (too_large) past limit bytes, or when its Content-Length says
//! it will be, before a byte is read; invalid when the client broke off.
boost::asio::awaitable<core::Result<std::string>> read_body(BodyStream& body, const Request& req, std::size_t limit);
//! The same into a file, for bodies too large to hold.
boost::asio::awaitable<core::Status> save_body(BodyStream& body, const Request& req, const std::filesystem::path& file, std::uint64_t limit);

//! Answers with a file from the disk, read as it is sent (artifacts of hundreds of megabytes),
//! with its Content-Length. False when it cannot be opened (nothing was sent) or the client went.
boost::asio::awaitable<bool> send_file(BodyStream& body, const Request& req, const Response& head, const std::filesystem::path& file);

//! A streaming route's handler. The Response it returns is sent as a whole only if it did not
//! start() a streamed one.
using StreamHandler = std::function<boost::asio::awaitable<Response>(Request&, BodyStream&)>;

//! Headers every response carries: security headers, request id, the handler's own headers.
void add_standard_headers(boost::beast::http::fields& fields, const Request& req, const Response& res);

}  // namespace http

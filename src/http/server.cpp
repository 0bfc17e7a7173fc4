#include "http/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include <limits>
#include <thread>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/process.hpp"
#include "http/stream.hpp"

namespace http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    bool busy = false;  //!< a request is being read, handled or answered; touched only on its worker
};

namespace {

// Query values that must never reach a log line: whatever names a password, token, secret or
// key (password, current_password, new_password, access_token, csrf_token, …), an OAuth code,
// and a secret's value, should a form holding one be sent as a GET.
bool is_secret_key(std::string_view key) {
    for (std::string_view part : {"password", "token", "secret", "key"})
        if (key.find(part) != std::string_view::npos) return true;
    return key == "code" || key == "value";
}

std::string redacted_query(std::string_view query) {
    std::string out;
    while (!query.empty()) {
        auto end = query.find('&');
        std::string_view pair = query.substr(0, end);
        query = end == std::string_view::npos ? std::string_view{} : query.substr(end + 1);
        auto eq = pair.find('=');
        if (!out.empty()) out += '&';
        if (eq != std::string_view::npos && is_secret_key(pair.substr(0, eq)))
            out.append(pair.substr(0, eq)).append("=***");
        else
            out.append(pair);
    }
    return out;
}

bool is_disconnect(const beast::error_code& ec) {
    return ec == beast::http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
           ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
           ec == asio::error::bad_descriptor || ec == beast::http::error::partial_message;
}

// After answering a request whose body we refused to read, the client may still be sending it.
// Closing at once would reset the connection and could destroy our answer in the client's
// buffers (it sees EPIPE/ECONNRESET instead of the 413), so, like nginx's lingering close,
// stop sending and discard what arrives for a bounded time and amount.
asio::awaitable<void> linger(beast::tcp_stream& stream, beast::flat_buffer& buffer) {
    constexpr std::size_t kMaxDiscard = 16 << 20;
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    char sink[16384];
    for (std::size_t discarded = 0; !ec && discarded < kMaxDiscard;)
        discarded += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    buffer.clear();
}

// Request ids: a random per-process prefix and a counter, unique across restarts without a
// syscall per request.
std::string next_request_id() {
    static const std::string prefix = core::crypto::random_hex(3);
    static std::atomic<std::uint64_t> counter{0};
    char digits[17];
    std::snprintf(digits, sizeof digits, "%06llx", static_cast<unsigned long long>(++counter & 0xffffff));
    return prefix + digits;
}

}  // namespace

namespace {

std::vector<std::unique_ptr<asio::io_context>> make_workers(unsigned count) {
    std::vector<std::unique_ptr<asio::io_context>> workers;
    for (unsigned i = 0; i < std::max(1u, count); ++i) workers.push_back(std::make_unique<asio::io_context>(1));
    return workers;
}

}  // namespace

Server::Server(const core::Config& config, const Dispatcher& dispatcher, unsigned workers, Limits limits)
    : config_(config),
      dispatcher_(dispatcher),
      limits_(limits),
      workers_(make_workers(workers)),
      acceptor_(*workers_.front()) {}

Server::~Server() = default;

void Server::run() {
    asio::signal_set signals(*workers_.front(), SIGINT, SIGTERM);
    signals.async_wait([this](const beast::error_code& ec, int) {
        if (!ec) shutdown();
    });
    // Each worker runs until shutdown stops it; the guard keeps an idle worker from returning early.
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
        threads.emplace_back([ctx = workers_[i].get()] {
            auto guard = asio::make_work_guard(*ctx);
            ctx->run();
        });
    }
    for (auto& t : threads) t.join();
}

core::Result<std::uint16_t> Server::listen() {
    beast::error_code ec;
    auto address = asio::ip::make_address(config_.host, ec);
    if (ec) return core::fail(core::Errc::invalid, "HOST is not an IP address: " + config_.host);
    tcp::endpoint endpoint(address, config_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) core::process::close_on_exec(acceptor_.native_handle());
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return core::fail(core::Errc::internal,
                          "cannot listen on " + config_.host + ":" + std::to_string(config_.port) + ": " + ec.message());
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
    return acceptor_.local_endpoint().port();
}

asio::awaitable<void> Server::accept_loop() {
    for (;;) {
        beast::error_code ec;
        auto& worker = *workers_[next_worker_++ % workers_.size()];
        tcp::socket socket = co_await acceptor_.async_accept(worker, asio::redirect_error(asio::use_awaitable, ec));
        if (stopping_) co_return;
        if (ec) {
            // Out of file descriptors or a transient error: back off instead of spinning.
            spdlog::warn("accept: {}", ec.message());
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        core::process::close_on_exec(socket.native_handle());
        auto conn = std::make_shared<Connection>(std::move(socket));
        asio::co_spawn(conn->stream.get_executor(), serve(conn), asio::detached);
    }
}

asio::awaitable<void> Server::serve(std::shared_ptr<Connection> conn) {
    std::list<std::weak_ptr<Connection>>::iterator registration;
    {
        std::lock_guard lock(mutex_);
        registration = connections_.insert(connections_.end(), conn);
    }
    beast::error_code ec;
    std::string remote_ip = conn->stream.socket().remote_endpoint(ec).address().to_string();
    beast::flat_buffer buffer;
    auto& stream = conn->stream;

    auto log = [&](const Request& req, unsigned status, std::size_t bytes, std::chrono::steady_clock::time_point started) {
        auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        // A target refused before it had a path (an absolute URI, with credentials perhaps) is
        // never logged as sent.
        std::string target = req.path.empty() ? "-" : config_.prefix + req.path;
        if (!req.path.empty() && !req.raw_query.empty()) target += "?" + redacted_query(req.raw_query);
        spdlog::info("{} {} {} {} {} {} {} {:.1f}ms", req.request_id, remote_ip,
                     req.actor.signed_in() ? req.actor.username : "-", req.method().empty() ? "-" : req.method(),
                     target, status, bytes, ms);
    };

    // Writes a complete response; returns false when the connection must close afterwards.
    auto send = [&](Request& req, Response res, bool keep_alive,
                    std::chrono::steady_clock::time_point started) -> asio::awaitable<bool> {
        beast::http::response<beast::http::string_body> out{static_cast<beast::http::status>(res.status),
                                                             req.raw.version() ? req.raw.version() : 11};
        add_standard_headers(out, req, res);
        std::size_t bytes = res.body.size();
        bool head = req.raw.method() == beast::http::verb::head;
        if (res.status != 204 && res.status != 304) out.content_length(bytes);
        if (!head) out.body() = std::move(res.body);
        keep_alive = keep_alive && !stopping_;
        out.keep_alive(keep_alive);
        stream.expires_after(limits_.write_timeout);
        beast::http::serializer<false, beast::http::string_body> serializer(out);
        if (head) serializer.split(true);
        if (head)
            co_await beast::http::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
        else
            co_await beast::http::async_write(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
        log(req, res.status, head ? 0 : bytes, started);
        co_return !ec && keep_alive;
    };

    for (bool open = !stopping_; open;) {
        beast::http::request_parser<beast::http::empty_body> header_parser;
        header_parser.header_limit(static_cast<std::uint32_t>(limits_.header_bytes));
        // The route decides the body limit; until it is known, Beast must not judge Content-Length.
        header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        stream.expires_after(limits_.header_timeout);
        co_await beast::http::async_read_header(stream, buffer, header_parser, asio::redirect_error(asio::use_awaitable, ec));
        auto started = std::chrono::steady_clock::now();
        conn->busy = true;
        Request req;
        req.config = &config_;
        req.remote_ip = remote_ip;
        req.request_id = next_request_id();
        if (ec) {
            if (is_disconnect(ec) && ec != beast::http::error::partial_message) break;
            if (ec == beast::http::error::partial_message && buffer.size() == 0) break;
            bool too_large = ec == beast::http::error::header_limit;
            co_await send(req, dispatcher_.reject(req, too_large ? 413 : 400, too_large ? "The request headers are too large." : "The request is malformed."),
                          false, started);
            break;
        }
        // Route from the parser's message; it moves into req once the body is read. Answers
        // sent before that (refused targets and bodies) copy the header for the log line.
        const auto& header = header_parser.get();
        auto refuse = [&](unsigned status, const char* message) {
            req.raw.base() = header.base();
            return dispatcher_.reject(req, status, message);
        };
        std::string_view target(header.target().data(), header.target().size());
        auto question = target.find('?');
        std::string_view path = target.substr(0, question);
        if (question != std::string_view::npos) req.raw_query = std::string(target.substr(question + 1));
        Match m;
        bool under_prefix = path.starts_with(config_.prefix) &&
                            (path.size() == config_.prefix.size() || path[config_.prefix.size()] == '/');
        if (!path.starts_with('/')) {
            co_await send(req, refuse(400, "The request target must be a path."), false, started);
            break;
        }
        if (under_prefix) {
            path.remove_prefix(config_.prefix.size());
            req.path = path.empty() ? "/" : std::string(path);
            m = dispatcher_.match({header.method_string().data(), header.method_string().size()}, req.path);
        } else {
            req.path = std::string(path);
        }
        std::size_t limit = m.route ? m.route->body_limit : kFormBodyLimit;
        auto length = header_parser.content_length();
        if (length && *length > limit) {
            co_await send(req, refuse(413, "The request body is too large."), false, started);
            co_await linger(stream, buffer);
            break;
        }
        if (header[beast::http::field::expect] == "100-continue") {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            co_await asio::async_write(stream, asio::buffer(kContinue), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
        }

        if (m.route && m.route->stream) {
            req.raw.base() = header.base();
            BodyStream::Parser parser(std::move(header_parser));
            BodyStream body(stream, buffer, parser, limits_.body_timeout);
            Response res = co_await dispatcher_.dispatch_stream(req, m, body);
            if (!body.started()) {
                // An answer given without reading the body (a refusal) ends the connection.
                bool whole = body.body_done();
                open = co_await send(req, std::move(res), whole && req.raw.keep_alive(), started);
                if (!whole) co_await linger(stream, buffer);
            } else {
                log(req, body.status(), body.bytes_sent(), started);
                open = body.finished() && body.body_done() && req.raw.keep_alive() && !stopping_;
            }
            conn->busy = false;
            continue;
        }

        beast::http::request_parser<beast::http::string_body> parser(std::move(header_parser));
        parser.body_limit(limit);
        if (!parser.is_done()) {
            stream.expires_after(limits_.body_timeout);
            co_await beast::http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (ec) {
            if (is_disconnect(ec)) break;
            spdlog::debug("{} reading the body: {}", req.request_id, ec.message());
            bool too_large = ec == beast::http::error::body_limit;
            req.raw.base() = parser.get().base();
            co_await send(req, dispatcher_.reject(req, too_large ? 413 : 400, too_large ? "The request body is too large." : "The request body is malformed."),
                          false, started);
            co_await linger(stream, buffer);
            break;
        }
        req.raw = parser.release();
        Response res = under_prefix ? dispatcher_.dispatch(req, m) : dispatcher_.reject(req, 404, "There is nothing at this address.");
        open = co_await send(req, std::move(res), req.raw.keep_alive(), started);
        conn->busy = false;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    std::lock_guard lock(mutex_);
    connections_.erase(registration);
}

void Server::shutdown() {
    if (stopping_.exchange(true)) return;
    spdlog::info("shutting down: finishing requests in flight (at most {}s)", limits_.shutdown_grace.count());
    shutdown_deadline_ = std::chrono::steady_clock::now() + limits_.shutdown_grace;
    asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ec;
        acceptor_.close(ec);
    });
    {
        std::lock_guard lock(mutex_);
        for (auto& weak : connections_) {
            auto conn = weak.lock();
            if (!conn) continue;
            asio::post(conn->stream.get_executor(), [conn] {
                if (!conn->busy) conn->stream.socket().close();
            });
        }
    }
    drain();
}

// Polls until every connection is gone or the grace period ends, then stops the io_context.
void Server::drain() {
    auto timer = std::make_shared<asio::steady_timer>(*workers_.front(), std::chrono::milliseconds(20));
    timer->async_wait([this, timer](const beast::error_code&) {
        bool idle;
        {
            std::lock_guard lock(mutex_);
            idle = connections_.empty();
        }
        if (idle || std::chrono::steady_clock::now() >= shutdown_deadline_) {
            if (!idle) spdlog::warn("shutdown grace period over; closing the remaining connections");
            for (auto& worker : workers_) worker->stop();
            return;
        }
        drain();
    });
}

}  // namespace http

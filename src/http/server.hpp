#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>

#include "core/result.hpp"
#include "http/dispatcher.hpp"

namespace core {
struct Config;
}

namespace http {

struct Connection;

//! Limits a connection is held to; a slow or hostile client costs a socket, never a thread.
struct Limits {
    std::size_t header_bytes = 16 * 1024;
    std::chrono::seconds header_timeout{30};  //!< also the keep-alive idle timeout
    std::chrono::seconds body_timeout{60};
    std::chrono::seconds write_timeout{60};
    std::chrono::seconds shutdown_grace{10};
};

//! HTTP/1.1 server: one coroutine per connection on its own strand, handlers run inline on the
//! io threads (they may block briefly on SQLite or libgit2).
class Server {
public:
    Server(boost::asio::io_context& io, const core::Config& config, const Dispatcher& dispatcher, Limits limits = {});

    //! Binds HOST:PORT and starts accepting; returns the bound port (PORT=0 picks one).
    core::Result<std::uint16_t> listen();

    //! Stops accepting, closes idle connections, lets in-flight requests finish, and stops the
    //! io_context once none are left or the grace period is over. Safe to call from any thread.
    void shutdown();

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(std::shared_ptr<Connection> conn);
    void drain();

    boost::asio::io_context& io_;
    const core::Config& config_;
    const Dispatcher& dispatcher_;
    Limits limits_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::atomic<bool> stopping_{false};
    std::chrono::steady_clock::time_point shutdown_deadline_;
    std::mutex mutex_;
    std::list<std::weak_ptr<Connection>> connections_;
};

}  // namespace http

#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

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

//! HTTP/1.1 server in nginx's worker model: one io_context and thread per worker, each
//! connection handled start to end by one coroutine on one worker, so no strands and no
//! hand-offs between threads. Handlers run inline on the worker (they may block briefly on
//! SQLite or libgit2); a handler that blocks for long delays only its own worker's connections.
class Server {
public:
    Server(const core::Config& config, const Dispatcher& dispatcher, unsigned workers, Limits limits = {});
    ~Server();

    //! Binds HOST:PORT and starts accepting; returns the bound port (PORT=0 picks one).
    core::Result<std::uint16_t> listen();

    //! Runs the workers until shutdown() has finished; SIGINT and SIGTERM call shutdown().
    void run();

    //! Stops accepting, closes idle connections, lets in-flight requests finish, and stops the
    //! workers once none are left or the grace period is over. Safe to call from any thread.
    void shutdown();

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(std::shared_ptr<Connection> conn);
    void drain();

    const core::Config& config_;
    const Dispatcher& dispatcher_;
    Limits limits_;
    std::vector<std::unique_ptr<boost::asio::io_context>> workers_;
    std::size_t next_worker_ = 0;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::atomic<bool> stopping_{false};
    std::chrono::steady_clock::time_point shutdown_deadline_;
    std::mutex mutex_;
    std::list<std::weak_ptr<Connection>> connections_;
};

}  // namespace http

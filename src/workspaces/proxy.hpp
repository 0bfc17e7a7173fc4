#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"

namespace auth {
class Accounts;
}
namespace core {
struct Config;
}
namespace http {
struct Request;
}

namespace workspaces {

class Service;
struct Tunnel;

//! The workspaces' origin: a listener of its own (WORKSPACES_PORT), never the forge's, because
//! what runs in a workspace (extensions, webviews, a dev server) is untrusted and on the forge's
//! origin could read any page its user can. It serves /coder/{id}/… to the workspace's owner
//! only, as a reverse proxy to that workspace's code-server: HTTP streamed both ways, WebSocket
//! upgrades relayed as bytes once the IDE agreed. Every request and upgrade is checked against
//! the workspace cookie (from the forge's one-time hand-off) and the forge session behind it;
//! an upgrade's Origin must be this origin exactly; the forge's cookies and any Authorization
//! never reach the IDE. Open sockets close when the workspace stops or the session ends.
//!
//! It also listens on DATA_DIR/run/forge.sock, which every sandbox sees read-only: what the
//! agent inside relays there goes on to the forge's own port (git, as the workspace's token).
class Proxy {
public:
    Proxy(const core::Config& config, Service& service, auth::Accounts& accounts);
    ~Proxy();

    //! Binds WORKSPACES_PORT (0 picks one) and the forge socket, whose connections go on to
    //! forge_port; the bound port.
    core::Result<std::uint16_t> listen(std::uint16_t forge_port);
    void start();
    void stop();

    //! The address of a workspace's IDE for the browser that sent req, on the workspaces' origin.
    std::string ide_url(const http::Request& req, const std::string& id) const;
    //! Closes every open socket of a workspace.
    void close_workspace(const std::string& id);

    static constexpr int kSocketsPerUser = 256;

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> accept_forge();
    boost::asio::awaitable<void> sweep();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);
    boost::asio::awaitable<void> relay_to_forge(boost::asio::local::stream_protocol::socket socket);
    //! Registers an upgraded connection; false when its user has kSocketsPerUser open already.
    bool add_tunnel(const std::shared_ptr<Tunnel>& tunnel);
    void remove_tunnel(const std::shared_ptr<Tunnel>& tunnel);
    boost::asio::io_context& next_worker();
    //! The forge's address for the browser that sent a request with this Host.
    std::string forge_url(std::string_view host, bool https) const;

    const core::Config& config_;
    Service& service_;
    auth::Accounts& accounts_;
    std::uint16_t forge_port_ = 0;
    std::uint16_t port_ = 0;
    std::vector<std::unique_ptr<boost::asio::io_context>> workers_;
    std::size_t next_worker_ = 0;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::local::stream_protocol::acceptor forge_acceptor_;
    std::vector<std::thread> threads_;

    std::mutex mutex_;
    std::list<std::shared_ptr<Tunnel>> tunnels_;
    std::map<std::int64_t, int> sockets_per_user_;
    bool stopping_ = false;
};

}  // namespace workspaces

#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "core/result.hpp"

struct ssh_bind_struct;

namespace core {
struct Config;
}
namespace git {
class Backend;
}

namespace ssh {

class Keys;

//! git over SSH with libssh: public-key auth as user `git`, only git-upload-pack,
//! git-receive-pack and git-upload-archive on repositories the key's owner may use (the same
//! Service::access as every other surface). One thread per session, at most kMaxSessions.
class Server {
public:
    static constexpr int kMaxSessions = 256;

    Server(const core::Config& config, Keys& keys, git::Backend& backend);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    //! Loads the ed25519 host key from DATA_DIR/ssh (creating it the first time) and listens on
    //! SSH_PORT; returns the port.
    core::Result<std::uint16_t> listen();
    void start();
    //! Stops accepting and waits for sessions in progress, at most `grace`.
    void stop(std::chrono::seconds grace);

    //! Runs one session to its end; public for the session threads.
    void serve(void* session);

private:
    void accept_loop();

    const core::Config& config_;
    Keys& keys_;
    git::Backend& backend_;
    ssh_bind_struct* bind_ = nullptr;
    std::atomic<bool> stopping_{false};
    std::atomic<int> sessions_{0};
    std::thread acceptor_;
};

}  // namespace ssh

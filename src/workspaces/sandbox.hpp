#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace workspaces {

//! Where one workspace's files are on the host, all below DATA_DIR/workspaces/{id}.
struct Layout {
    std::filesystem::path root;
    std::filesystem::path home() const { return root / "home"; }  //!< its user's home: settings, extensions, shell history
    std::filesystem::path work() const { return root / "work"; }  //!< /workspaces, the clone in it
    std::filesystem::path run() const { return root / "run"; }    //!< /run/skyscape: the IDE's socket; made anew at each start
    std::filesystem::path etc() const { return root / "etc"; }    //!< passwd, hosts, gitconfig: the host's, never writable inside
    std::filesystem::path log() const { return root / "ide.log"; }
};

//! What runs in a workspace's sandbox, and as whom.
struct Launch {
    std::string id;
    std::string username;
    std::string repo_name;
    std::vector<std::string> command;  //!< argv inside the sandbox
    std::vector<std::string> env;      //!< NAME=value, added to the sandbox's own
};

//! Workspaces in bubblewrap: their own user, mount, pid, ipc, uts and network namespaces, the
//! system's /usr read-only, code-server read-only, and of the host's files only their own
//! home, /workspaces and /run/skyscape writable. The network namespace has loopback only: the
//! forge is reached through the agent (`workspace agent`), which relays 127.0.0.1:PORT inside to
//! the forge's socket, bound read-only; nothing in a workspace can reach the host's ports,
//! other workspaces, the container engine's socket or DATA_DIR.
class Sandbox {
public:
    //! code_server: CODE_SERVER, or "" to look on PATH and in /opt/code-server.
    Sandbox(std::filesystem::path data_dir, const std::string& code_server);

    //! The code-server program, or "" when there is none (workspaces cannot start).
    const std::string& code_server() const { return code_server_; }
    //! The forge's port, which git's remote names inside (the agent listens there).
    std::uint16_t forge_port() const { return forge_port_; }
    void set_forge_port(std::uint16_t port) { forge_port_ = port; }
    Layout layout(const std::string& id) const { return {data_dir_ / "workspaces" / id}; }
    //! The folder holding the forge's socket for agents, bound read-only in every sandbox.
    std::filesystem::path forge_socket() const { return data_dir_ / "run" / "forge.sock"; }

    //! Starts the launch's command behind the agent; its output goes to the layout's log.
    core::Result<pid_t> start(const Launch& launch) const;
    //! Runs the command to its end (killed at the timeout); its exit code.
    core::Result<int> run(const Launch& launch, std::chrono::seconds timeout) const;
    //! Ends a sandbox start() made: SIGTERM, then SIGKILL after grace. Reaps it.
    static void stop(pid_t pid, std::chrono::milliseconds grace);
    //! The exit status of a sandbox that ended, reaped; nullopt while it runs.
    static std::optional<int> exited(pid_t pid);

private:
    std::vector<std::string> arguments(const Launch& launch) const;

    std::filesystem::path data_dir_;
    std::string code_server_;
    std::filesystem::path code_server_root_;  //!< what is bound for it ("" when under /usr)
    std::string self_;                         //!< this program, bound in as the agent
    std::uint16_t forge_port_ = 0;
};

//! A connection to the unix socket at path, which a workspace made: opened without following a
//! link it may have put there (to the container engine's socket, say), and only if it is a
//! socket. -1 when it is not there or not a socket.
int connect_socket(const std::filesystem::path& path);

//! The bytes of the files below dir, not following links.
std::int64_t disk_use(const std::filesystem::path& dir);

}  // namespace workspaces

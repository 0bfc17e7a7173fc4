#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "auth/actor.hpp"
#include "core/result.hpp"
#include "workspaces/passes.hpp"
#include "workspaces/sandbox.hpp"
#include "workspaces/workspace.hpp"

namespace auth {
class Accounts;
}
namespace core {
struct Config;
}
namespace db {
class Pool;
}
namespace repos {
class Service;
struct Repo;
}

namespace workspaces {

//! Workspaces' rules and lifecycle, in one place: every change of state goes through here (and
//! store::transition), from a request or from the watcher that stops idle ones. Starting,
//! rebuilding and deleting run on worker threads; the caller sees the state they pass through.
class Service {
public:
    Service(db::Pool& pool, const core::Config& config, auth::Accounts& accounts, repos::Service& repos);
    ~Service();

    //! Marks what the last run of the server left running as stopped and starts the watcher;
    //! forge_port is where the server listens.
    void start(std::uint16_t forge_port);
    //! Stops every sandbox (they would die with the server anyway) and the threads.
    void stop();

    //! The actor's workspace on repo at ref (the default branch when empty), made if it has none,
    //! and started if it is not running. Needs write access to the repository.
    core::Result<Workspace> open(const auth::Actor& actor, const repos::Repo& repo, const std::string& ref);
    //! The actor's own workspace; not_found for anyone else's.
    core::Result<Workspace> get(const auth::Actor& actor, const std::string& id);
    std::vector<Workspace> list(const auth::Actor& actor);
    //! Every workspace, for site admins.
    std::vector<Workspace> all();
    core::Result<Workspace> resume(const auth::Actor& actor, const std::string& id);
    core::Result<Workspace> shut_down(const auth::Actor& actor, const std::string& id);
    core::Result<Workspace> rebuild(const auth::Actor& actor, const std::string& id);
    //! Stops the workspace and, on a worker thread, saves what was not pushed to
    //! refs/workspaces/{id}/… in the repository, then deletes it; when that save fails nothing is
    //! deleted and it stays Shutdown with the reason. The save pushes through the forge, so it
    //! must not hold the request that asked for it.
    core::Result<Workspace> remove(const auth::Actor& actor, const std::string& id);

    //! The IDE's socket of an available workspace.
    std::filesystem::path ide_socket(const std::string& id) const { return sandbox_.layout(id).run() / "ide.sock"; }
    //! Traffic of its user: postpones the idle stop.
    void touch(const std::string& id);
    Passes& passes() { return passes_; }
    //! Called with a workspace's id when it stops or goes, so that its open sockets close.
    void on_stopped(std::function<void(const std::string&)> listener) { on_stopped_ = std::move(listener); }
    const Sandbox& sandbox() const { return sandbox_; }
    //! Why workspaces cannot start here, or "" when they can.
    std::string unavailable() const;

private:
    struct Live {
        pid_t pid = 0;
        std::chrono::steady_clock::time_point started;
        std::chrono::steady_clock::time_point last_traffic;
    };
    enum class Job { start, rebuild, remove };

    core::Result<Workspace> owned(const auth::Actor& actor, const std::string& id);
    core::Status check_quota(const Workspace& workspace, bool new_one);
    void enqueue(const std::string& id, Job job);
    void work();
    void watch();
    //! Clones (the first time), writes the sandbox's files, starts code-server and waits for it.
    core::Status launch(const Workspace& workspace);
    core::Status prepare(const Workspace& workspace);
    //! Ends the sandbox, if any, and moves the workspace to `to`.
    void halt(const std::string& id, State to, const std::string& message);
    core::Status autosave(const Workspace& workspace);
    void finish_removal(const Workspace& workspace);
    Launch launch_of(const Workspace& workspace, std::vector<std::string> command) const;
    std::string tail_of_log(const std::string& id) const;

    db::Pool& pool_;
    const core::Config& config_;
    auth::Accounts& accounts_;
    repos::Service& repos_;
    Sandbox sandbox_;
    Passes passes_;
    std::function<void(const std::string&)> on_stopped_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<std::string, Job>> jobs_;
    std::map<std::string, Live> live_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
    std::thread watcher_;
};

}  // namespace workspaces

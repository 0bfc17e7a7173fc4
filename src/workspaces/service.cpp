#include "workspaces/service.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cctype>
#include <fstream>

#include "auth/service.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/process.hpp"
#include "db/pool.hpp"
#include "http/request.hpp"
#include "repos/disk.hpp"
#include "repos/service.hpp"
#include "workspaces/store.hpp"

namespace workspaces {
namespace {

namespace fs = std::filesystem;
using core::Errc;
using core::fail;
using Clock = std::chrono::steady_clock;

// "alice-hello-world-3f9a1c": the owner and repository in a DNS label, and a random tail.
std::string new_id(const std::string& username, const std::string& repo_name) {
    std::string slug;
    for (char c : username + "-" + repo_name) {
        char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        bool ok = std::isalnum(static_cast<unsigned char>(lower));
        if (ok)
            slug += lower;
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
        if (slug.size() >= 48) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return (slug.empty() ? "workspace" : slug) + "-" + core::crypto::random_hex(3);
}

// A program's run to its end with its output in the log; its exit code.
int run_quietly(std::vector<std::string> argv, const fs::path& log) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    auto pid = core::process::spawn({std::move(argv), core::process::inherited_environment(), -1, fd, fd});
    if (fd >= 0) ::close(fd);
    if (!pid) return -1;
    for (;;) {
        if (auto status = Sandbox::exited(*pid)) return *status;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

bool write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::trunc);
    out << text;
    return static_cast<bool>(out);
}

// GET /healthz over the IDE's socket answers 200: code-server is serving.
bool ide_answers(const fs::path& socket_path) {
    int fd = connect_socket(socket_path);
    if (fd < 0) return false;
    static constexpr std::string_view kProbe = "GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n";
    bool ok = ::write(fd, kProbe.data(), kProbe.size()) == static_cast<ssize_t>(kProbe.size());
    char head[16] = {};
    ok = ok && ::read(fd, head, sizeof head - 1) >= 12 && std::string_view(head).substr(9, 3) == "200";
    ::close(fd);
    return ok;
}

}  // namespace

Service::Service(db::Pool& pool, const core::Config& config, auth::Accounts& accounts, repos::Service& repos)
    : pool_(pool), config_(config), accounts_(accounts), repos_(repos), sandbox_(config.data_dir, config.code_server) {}

Service::~Service() { stop(); }

std::string Service::unavailable() const {
    if (sandbox_.code_server().empty())
        return "Workspaces need code-server, which is not installed here: set CODE_SERVER, or run scripts/setup, which installs it.";
    return "";
}

void Service::start(std::uint16_t forge_port) {
    sandbox_.set_forge_port(forge_port);
    for (const auto& id : store::stop_all(pool_)) {
        accounts_.revoke_workspace_token(id);
        spdlog::info("workspace {}: marked stopped (it was running when the server stopped)", id);
    }
    std::error_code ec;
    fs::create_directories(sandbox_.forge_socket().parent_path(), ec);
    std::lock_guard lock(mutex_);
    stopping_ = false;
    for (int i = 0; i < 2; ++i) workers_.emplace_back([this] { work(); });
    watcher_ = std::thread([this] { watch(); });
}

void Service::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || (workers_.empty() && !watcher_.joinable())) return;
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
    if (watcher_.joinable()) watcher_.join();
    std::map<std::string, Live> live;
    {
        std::lock_guard lock(mutex_);
        live.swap(live_);
    }
    for (const auto& [id, process] : live) {
        Sandbox::stop(process.pid, std::chrono::seconds(2));
        store::transition(pool_, id, {State::available, State::starting, State::rebuilding, State::shutting_down}, State::shutdown,
                          "Stopped when the server stopped.");
        accounts_.revoke_workspace_token(id);
    }
}

core::Status Service::check_quota(const Workspace& workspace, bool new_one) {
    if (new_one && store::count_for_user(pool_, workspace.user_id) >= config_.workspaces_per_user)
        return fail(Errc::forbidden, "You have " + std::to_string(config_.workspaces_per_user) +
                                         " workspaces, the most allowed here: delete one first.");
    if (store::count_active_for_user(pool_, workspace.user_id) >= config_.workspaces_running_per_user)
        return fail(Errc::forbidden, "You have " + std::to_string(config_.workspaces_running_per_user) +
                                         " workspaces running, the most allowed here: stop one first.");
    if (workspace.disk_bytes > config_.workspace_disk_mb * 1024 * 1024)
        return fail(Errc::forbidden, "This workspace uses " + std::to_string(workspace.disk_bytes >> 20) + " MB, over the " +
                                         std::to_string(config_.workspace_disk_mb) + " MB allowed: it cannot start. Delete it, or ask a site admin.");
    return {};
}

core::Result<Workspace> Service::open(const auth::Actor& actor, const repos::Repo& repo, const std::string& ref) {
    if (auto why = unavailable(); !why.empty()) return fail(Errc::not_allowed, why);
    auto access = repos_.access(actor, repo.id, auth::Role::write);
    if (!access) return tl::unexpected(access.error());
    std::string branch = ref.empty() ? repo.default_branch : ref;
    if (branch.starts_with("refs/heads/")) branch = branch.substr(11);
    if (branch.empty() || branch.size() > 255 || branch.find_first_of(" ~^:?*[\\\n\r\t") != std::string::npos || branch.starts_with('-'))
        return fail(Errc::invalid, "\"" + branch + "\" is not a branch name.");
    bool empty = !repos::disk::ref_target(repos_.path(repo.id), "HEAD");
    if (!empty && !repos::disk::ref_target(repos_.path(repo.id), "refs/heads/" + branch))
        return fail(Errc::not_found, repo.full_name() + " has no branch " + branch + ".");
    if (auto existing = store::find_for(pool_, actor.user_id, repo.id, branch)) {
        if (existing->active()) return *existing;
        return resume(actor, existing->id);
    }
    Workspace w;
    w.id = new_id(actor.username, repo.name);
    w.user_id = actor.user_id;
    w.username = actor.username;
    w.repo_id = repo.id;
    w.owner = repo.owner;
    w.repo_name = repo.name;
    w.ref = branch;
    w.state = State::queued;
    w.message = "Waiting to start.";
    w.created_at = w.last_used_at = db::now();
    if (auto ok = check_quota(w, true); !ok) return tl::unexpected(ok.error());
    if (!store::insert(pool_, w)) {
        auto raced = store::find_for(pool_, actor.user_id, repo.id, branch);
        if (raced) return *raced;
        return fail(Errc::internal, "The workspace could not be recorded.");
    }
    spdlog::info("workspace {}: created by {} on {}@{}", w.id, actor.username, repo.full_name(), branch);
    enqueue(w.id, Job::start);
    return w;
}

core::Result<Workspace> Service::owned(const auth::Actor& actor, const std::string& id) {
    auto w = store::find(pool_, id);
    if (!w || w->user_id != actor.user_id) return fail(Errc::not_found, "There is no such workspace.");
    return *w;
}

core::Result<Workspace> Service::get(const auth::Actor& actor, const std::string& id) { return owned(actor, id); }

std::vector<Workspace> Service::list(const auth::Actor& actor) { return store::list(pool_, actor.user_id); }

std::vector<Workspace> Service::all() { return store::list(pool_, 0); }

core::Result<Workspace> Service::resume(const auth::Actor& actor, const std::string& id) {
    auto w = owned(actor, id);
    if (!w) return w;
    if (w->active()) return w;
    if (auto why = unavailable(); !why.empty()) return fail(Errc::not_allowed, why);
    // Access may have changed since it was made: only a writer's workspace starts.
    if (auto access = repos_.access(actor, w->repo_id, auth::Role::write); !access) return tl::unexpected(access.error());
    w->disk_bytes = disk_use(sandbox_.layout(id).root);
    store::set_disk(pool_, id, w->disk_bytes);
    if (auto ok = check_quota(*w, false); !ok) return tl::unexpected(ok.error());
    if (!store::transition(pool_, id, {State::shutdown, State::failed}, State::queued, "Waiting to start."))
        return store::find(pool_, id).value_or(*w);
    enqueue(id, Job::start);
    w->state = State::queued;
    return w;
}

core::Result<Workspace> Service::shut_down(const auth::Actor& actor, const std::string& id) {
    auto w = owned(actor, id);
    if (!w || w->state == State::shutting_down) return w;
    halt(id, State::shutdown, "Stopped.");
    return store::find(pool_, id).value_or(*w);
}

core::Result<Workspace> Service::rebuild(const auth::Actor& actor, const std::string& id) {
    auto w = owned(actor, id);
    if (!w) return w;
    if (w->state == State::shutting_down) return fail(Errc::conflict, "This workspace is stopping or being deleted.");
    if (auto why = unavailable(); !why.empty()) return fail(Errc::not_allowed, why);
    if (auto access = repos_.access(actor, w->repo_id, auth::Role::write); !access) return tl::unexpected(access.error());
    halt(id, State::rebuilding, "Rebuilding: the sandbox is made anew; the files stay.");
    enqueue(id, Job::rebuild);
    return store::find(pool_, id).value_or(*w);
}

core::Result<Workspace> Service::remove(const auth::Actor& actor, const std::string& id) {
    auto w = owned(actor, id);
    if (!w) return w;
    if (w->state == State::shutting_down) return w;
    halt(id, State::shutting_down, "Saving what was not pushed, then deleting.");
    store::set_message(pool_, id, "Saving what was not pushed, then deleting.");
    enqueue(id, Job::remove);
    spdlog::info("workspace {}: deleted by {}", id, actor.username);
    return store::find(pool_, id).value_or(*w);
}

void Service::finish_removal(const Workspace& w) {
    if (auto saved = autosave(w); !saved) {
        spdlog::warn("workspace {}: not deleted, its work could not be saved: {}", w.id, saved.error().message);
        store::transition(pool_, w.id, {State::shutting_down}, State::shutdown,
                          "Not deleted: what it holds could not be saved to the repository (" + saved.error().message +
                              "). Push from it, or delete it again.");
        return;
    }
    accounts_.revoke_workspace_token(w.id);
    passes_.revoke_workspace(w.id);
    std::error_code ec;
    fs::remove_all(sandbox_.layout(w.id).root, ec);
    if (ec) spdlog::error("workspace {}: its files could not all be removed: {}", w.id, ec.message());
    store::remove(pool_, w.id);
    spdlog::info("workspace {}: deleted", w.id);
}

void Service::touch(const std::string& id) {
    std::lock_guard lock(mutex_);
    if (auto it = live_.find(id); it != live_.end()) it->second.last_traffic = Clock::now();
}

void Service::enqueue(const std::string& id, Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.emplace_back(id, job);
    }
    wake_.notify_one();
}

void Service::work() {
    for (;;) {
        std::pair<std::string, Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        auto w = store::find(pool_, job.first);
        if (!w) continue;
        if (job.second == Job::remove) {
            if (w->state == State::shutting_down) finish_removal(*w);
            continue;
        }
        State from = job.second == Job::rebuild ? State::rebuilding : State::queued;
        if (!store::transition(pool_, w->id, {from}, job.second == Job::rebuild ? State::rebuilding : State::starting, "Starting."))
            continue;  // stopped or deleted meanwhile
        if (auto launched = launch(*w); !launched) {
            spdlog::warn("workspace {}: did not start: {}", w->id, launched.error().message);
            halt(w->id, State::failed, launched.error().message);
        }
    }
}

void Service::watch() {
    auto idle = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::ratio<60>>(config_.workspace_idle_minutes));
    auto lifetime = std::chrono::hours(config_.workspace_max_hours);
    auto last_flush = Clock::now();
    auto idle_seconds = std::chrono::duration_cast<std::chrono::seconds>(idle).count();
    std::string idle_span = idle_seconds % 60 == 0 ? std::to_string(idle_seconds / 60) + " minutes" : std::to_string(idle_seconds) + " seconds";
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; })) return;
        }
        std::vector<std::pair<std::string, std::string>> to_stop;  // id, why
        std::vector<std::pair<std::string, int>> ended;
        std::vector<std::string> used;
        auto now = Clock::now();
        bool flush = now - last_flush >= std::chrono::seconds(30);
        {
            std::lock_guard lock(mutex_);
            for (auto& [id, process] : live_) {
                if (auto status = Sandbox::exited(process.pid)) {
                    ended.emplace_back(id, *status);
                    process.pid = 0;
                } else if (now - process.last_traffic >= idle) {
                    to_stop.emplace_back(id, "Stopped after " + idle_span + " without use.");
                } else if (now - process.started >= lifetime) {
                    to_stop.emplace_back(id, "Stopped after running " + std::to_string(config_.workspace_max_hours) + " hours.");
                }
                if (flush && process.last_traffic > last_flush) used.push_back(id);
            }
            std::erase_if(live_, [](const auto& entry) { return entry.second.pid == 0; });
        }
        if (flush) last_flush = now;
        for (const auto& id : used) store::set_last_used(pool_, id, db::now());
        for (const auto& [id, status] : ended) {
            store::transition(pool_, id, {State::available, State::starting, State::rebuilding}, State::failed,
                              "The IDE ended (exit " + std::to_string(status) + "). " + tail_of_log(id));
            accounts_.revoke_workspace_token(id);
            passes_.revoke_workspace(id);
            if (on_stopped_) on_stopped_(id);
        }
        for (const auto& [id, why] : to_stop) {
            spdlog::info("workspace {}: {}", id, why);
            halt(id, State::shutdown, why);
        }
    }
}

Launch Service::launch_of(const Workspace& w, std::vector<std::string> command) const {
    return {w.id, w.username, w.repo_name, std::move(command), {}};
}

core::Status Service::prepare(const Workspace& w) {
    auto paths = sandbox_.layout(w.id);
    std::error_code ec;
    for (const auto& dir : {paths.home(), paths.work(), paths.etc()}) fs::create_directories(dir, ec);
    if (ec) return fail(Errc::internal, "The workspace's folders could not be made: " + ec.message());
    fs::remove_all(paths.run(), ec);
    fs::create_directories(paths.run(), ec);
    auto clone = paths.work() / w.repo_name;
    std::string remote = "http://127.0.0.1:" + std::to_string(sandbox_.forge_port()) + config_.prefix + "/" + w.full_name() + ".git";
    if (!fs::exists(clone)) {
        // Copied, not hard-linked: the workspace may write to anything in its clone, and a
        // shared inode would let it change the repository's own objects.
        store::set_message(pool_, w.id, "Cloning " + w.full_name() + ".");
        auto source = repos_.path(w.repo_id);
        bool empty = !repos::disk::ref_target(source, "HEAD");
        std::vector<std::string> argv = empty ? std::vector<std::string>{"git", "init", "-q", "-b", w.ref, clone.string()}
                                              : std::vector<std::string>{"git", "clone", "-q", "--no-hardlinks", "--branch", w.ref, "--",
                                                                         source.string(), clone.string()};
        run_quietly(argv, paths.log());
        if (!fs::exists(clone / ".git")) return fail(Errc::internal, "The repository could not be cloned. " + tail_of_log(w.id));
        if (empty)
            run_quietly({"git", "-C", clone.string(), "remote", "add", "origin", remote}, paths.log());
        else
            run_quietly({"git", "-C", clone.string(), "remote", "set-url", "origin", remote}, paths.log());
    }
    auto user = accounts_.user(w.user_id);
    if (!user) return fail(Errc::not_found, "The workspace's owner is gone.");
    std::string name = user->full_name.empty() ? user->username : user->full_name;
    std::string email = user->email.find('@') != std::string::npos ? user->email : user->username + "@localhost";
    auto token = accounts_.create_workspace_token(w.user_id, w.id, w.repo_id);
    std::string origin = "http://127.0.0.1:" + std::to_string(sandbox_.forge_port());
    bool ok = write_file(paths.etc() / "passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\n" + w.username + ":x:1000:1000:" + name +
                                                    ":/home/" + w.username + ":/bin/bash\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n") &&
              write_file(paths.etc() / "group", "root:x:0:\n" + w.username + ":x:1000:\nnogroup:x:65534:\n") &&
              write_file(paths.etc() / "hosts", "127.0.0.1 localhost " + w.id.substr(0, 63) + "\n::1 localhost\n") &&
              write_file(paths.etc() / "gitconfig", "[user]\n\tname = " + name + "\n\temail = " + email + "\n[credential \"" + origin +
                                                      "\"]\n\thelper = store --file=/run/skyscape/git-credentials\n[safe]\n\tdirectory = *\n") &&
              write_file(paths.run() / "git-credentials", "http://" + http::percent_encode(w.username) + ":" + token + "@127.0.0.1:" +
                                                              std::to_string(sandbox_.forge_port()) + "\n");
    ::chmod((paths.run() / "git-credentials").c_str(), 0600);
    if (!ok) return fail(Errc::internal, "The workspace's settings could not be written.");
    return {};
}

core::Status Service::launch(const Workspace& w) {
    if (auto ready = prepare(w); !ready) return ready;
    store::set_message(pool_, w.id, "Starting VS Code.");
    auto paths = sandbox_.layout(w.id);
    auto pid = sandbox_.start(launch_of(w, {sandbox_.code_server(), "--socket", "/run/skyscape/ide.sock", "--auth", "none",
                                            "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
                                            "--ignore-last-opened", "/workspaces/" + w.repo_name}));
    if (!pid) return tl::unexpected(pid.error());
    {
        std::lock_guard lock(mutex_);
        live_[w.id] = {*pid, Clock::now(), Clock::now()};
    }
    auto deadline = Clock::now() + std::chrono::seconds(90);
    while (!ide_answers(paths.run() / "ide.sock")) {
        {
            std::lock_guard lock(mutex_);
            auto it = live_.find(w.id);
            if (it == live_.end() || it->second.pid != *pid) return {};  // stopped meanwhile
        }
        if (auto ended = Sandbox::exited(*pid)) {
            std::lock_guard lock(mutex_);
            live_.erase(w.id);
            return fail(Errc::internal, "VS Code ended as it started (exit " + std::to_string(*ended) + "). " + tail_of_log(w.id));
        }
        if (Clock::now() >= deadline) return fail(Errc::internal, "VS Code did not answer within 90 s. " + tail_of_log(w.id));
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (!store::transition(pool_, w.id, {State::starting, State::rebuilding}, State::available, "Ready.")) return {};
    store::set_started(pool_, w.id, db::now());
    spdlog::info("workspace {}: available", w.id);
    return {};
}

void Service::halt(const std::string& id, State to, const std::string& message) {
    store::transition(pool_, id, {State::available, State::starting, State::queued, State::rebuilding}, State::shutting_down, "Stopping.");
    pid_t pid = 0;
    {
        std::lock_guard lock(mutex_);
        if (auto it = live_.find(id); it != live_.end()) {
            pid = it->second.pid;
            live_.erase(it);
        }
        std::erase_if(jobs_, [&](const auto& job) { return job.first == id && job.second != Job::remove && to != State::rebuilding; });
    }
    if (pid > 0) Sandbox::stop(pid, std::chrono::seconds(3));
    passes_.revoke_workspace(id);
    if (on_stopped_) on_stopped_(id);
    if (to != State::shutting_down) {
        accounts_.revoke_workspace_token(id);
        store::transition(pool_, id, {State::shutting_down}, to, message);
    }
    std::error_code ec;
    fs::remove(ide_socket(id), ec);
    store::set_disk(pool_, id, disk_use(sandbox_.layout(id).root));
}

core::Status Service::autosave(const Workspace& w) {
    auto paths = sandbox_.layout(w.id);
    if (!fs::exists(paths.work() / w.repo_name / ".git")) return {};
    if (auto ready = prepare(w); !ready) return ready;
    // In the workspace's own sandbox, as its user: a commit of every change (untracked files
    // too, through a scratch index, so its own index is untouched), pushed with every local
    // branch to refs/workspaces/{id}/ in the repository.
    std::string script =
        "set -e\n"
        "export GIT_INDEX_FILE=$(mktemp)\n"
        "if git rev-parse -q --verify HEAD >/dev/null; then git read-tree HEAD; parent='-p HEAD'; else parent=''; fi\n"
        "git add -A\n"
        "tree=$(git write-tree)\n"
        "if [ -n \"$parent\" ] && [ \"$tree\" = \"$(git rev-parse 'HEAD^{tree}')\" ]; then save=HEAD; else\n"
        "  save=$(git commit-tree $tree $parent -m 'Autosave of workspace " + w.id + "'); fi\n"
        "if [ -z \"$parent\" ] && [ \"$tree\" = 4b825dc642cb6eb9a060e54bf8d69288fbee4904 ]; then exit 0; fi\n"
        "if git rev-parse -q --verify \"$save\" >/dev/null; then\n"
        "  git push -q --force origin \"$save:refs/workspaces/" + w.id + "/autosave\" 'refs/heads/*:refs/workspaces/" + w.id + "/heads/*'\n"
        "fi\n";
    auto status = sandbox_.run(launch_of(w, {"/bin/sh", "-c", script}), std::chrono::seconds(300));
    accounts_.revoke_workspace_token(w.id);
    if (!status) return tl::unexpected(status.error());
    if (*status != 0) return fail(Errc::internal, "git exited with " + std::to_string(*status) + ". " + tail_of_log(w.id));
    spdlog::info("workspace {}: saved to refs/workspaces/{}/ in {}", w.id, w.id, w.full_name());
    return {};
}

std::string Service::tail_of_log(const std::string& id) const {
    std::ifstream in(sandbox_.layout(id).log(), std::ios::binary);
    if (!in) return "";
    in.seekg(0, std::ios::end);
    auto size = static_cast<std::int64_t>(in.tellg());
    in.seekg(std::max<std::int64_t>(0, size - 600));
    std::string tail((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (size > 600)
        if (auto newline = tail.find('\n'); newline != std::string::npos) tail.erase(0, newline + 1);
    return tail.empty() ? "" : "Its log ends: " + tail;
}

}  // namespace workspaces

#include "workspaces/sandbox.hpp"

#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/process.hpp"

namespace workspaces {
namespace {

namespace fs = std::filesystem;
using core::Errc;
using core::fail;

constexpr const char* kAgent = "/opt/skyscape/workspace";

std::string on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream in(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(in, dir, ':');) {
        auto candidate = fs::path(dir.empty() ? "." : dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return "";
}

// The folder to bind for code-server: its npm prefix (the parent of its node_modules) or, for a
// release archive (bin/code-server), the archive's folder. Nothing under /usr, which is bound.
fs::path install_root(const std::string& program) {
    std::error_code ec;
    auto real = fs::canonical(program, ec);
    if (ec || real.string().starts_with("/usr/")) return {};
    for (auto dir = real.parent_path(); dir != dir.root_path(); dir = dir.parent_path())
        if (dir.filename() == "node_modules") return dir.parent_path();
    return real.parent_path().parent_path();
}

std::int64_t g_bytes = 0;
int add_size(const char*, const struct stat* st, int type, struct FTW*) {
    if (type == FTW_F) g_bytes += static_cast<std::int64_t>(st->st_blocks) * 512;
    return 0;
}

}  // namespace

Sandbox::Sandbox(fs::path data_dir, const std::string& code_server) : data_dir_(std::move(data_dir)) {
    code_server_ = code_server;
    if (code_server_.empty()) code_server_ = on_path("code-server");
    if (code_server_.empty() && ::access("/opt/code-server/node_modules/.bin/code-server", X_OK) == 0)
        code_server_ = "/opt/code-server/node_modules/.bin/code-server";
    if (!code_server_.empty()) code_server_root_ = install_root(code_server_);
    std::error_code ec;
    self_ = fs::read_symlink("/proc/self/exe", ec).string();
}

std::vector<std::string> Sandbox::arguments(const Launch& launch) const {
    auto paths = layout(launch.id);
    std::string home = "/home/" + launch.username;
    std::vector<std::string> args = {"bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--uid", "1000", "--gid", "1000",
                                     "--hostname", launch.id.substr(0, 63),
                                     "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                                     "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev",
                                     "--tmpfs", "/tmp", "--dir", "/etc"};
    for (const char* etc : {"/etc/alternatives", "/etc/ssl", "/etc/ca-certificates", "/etc/localtime", "/etc/terminfo", "/etc/bash.bashrc",
                            "/etc/profile", "/etc/inputrc", "/etc/nsswitch.conf"})
        args.insert(args.end(), {"--ro-bind-try", etc, etc});
    // The host's files for the sandbox come from a folder it cannot write: a link it made in
    // place of one would make bwrap bind whatever the link names.
    for (const char* etc : {"passwd", "group", "hosts", "gitconfig"})
        args.insert(args.end(), {"--ro-bind", (paths.etc() / etc).string(), std::string("/etc/") + etc});
    if (!code_server_root_.empty()) args.insert(args.end(), {"--ro-bind", code_server_root_.string(), code_server_root_.string()});
    args.insert(args.end(), {"--ro-bind", self_, kAgent, "--ro-bind", forge_socket().parent_path().string(), "/run/skyscape-forge",
                             "--bind", paths.home().string(), home, "--bind", paths.work().string(), "/workspaces",
                             "--bind", paths.run().string(), "/run/skyscape",
                             "--setenv", "HOME", home, "--setenv", "USER", launch.username, "--setenv", "SHELL", "/bin/bash",
                             "--chdir", "/workspaces/" + launch.repo_name,
                             kAgent, "agent", std::to_string(forge_port_), "/run/skyscape-forge/forge.sock", "--"});
    args.insert(args.end(), launch.command.begin(), launch.command.end());
    return args;
}

core::Result<pid_t> Sandbox::start(const Launch& launch) const {
    int log = ::open(layout(launch.id).log().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (log < 0) return fail(Errc::internal, "The workspace's log could not be opened.");
    std::vector<std::string> env = {"PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG=C.UTF-8", "TERM=xterm-256color"};
    env.insert(env.end(), launch.env.begin(), launch.env.end());
    auto pid = core::process::spawn({arguments(launch), std::move(env), -1, log, log, true});
    ::close(log);
    if (!pid) return fail(Errc::internal, "bwrap could not start: " + pid.error().message);
    return *pid;
}

core::Result<int> Sandbox::run(const Launch& launch, std::chrono::seconds timeout) const {
    auto pid = start(launch);
    if (!pid) return tl::unexpected(pid.error());
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto status = exited(*pid)) return *status;
        if (std::chrono::steady_clock::now() >= deadline) {
            stop(*pid, std::chrono::milliseconds(0));
            return fail(Errc::internal, "It ran past " + std::to_string(timeout.count()) + " s and was stopped.");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void Sandbox::stop(pid_t pid, std::chrono::milliseconds grace) {
    ::kill(-pid, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + grace;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::optional<int> Sandbox::exited(pid_t pid) {
    int status = 0;
    auto got = ::waitpid(pid, &status, WNOHANG);
    if (got == 0) return std::nullopt;
    if (got < 0) return 128;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int connect_socket(const fs::path& path) {
    int node = ::open(path.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
    struct stat st {};
    if (node < 0 || ::fstat(node, &st) != 0 || !S_ISSOCK(st.st_mode)) {
        if (node >= 0) ::close(node);
        return -1;
    }
    // Connected through the descriptor, so what was checked is what is reached.
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "/proc/self/fd/%d", node);
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(node);
    if (!ok && fd >= 0) ::close(fd);
    return ok ? fd : -1;
}

std::int64_t disk_use(const fs::path& dir) {
    static std::mutex mutex;  // nftw takes a plain function: one walk at a time
    std::lock_guard lock(mutex);
    g_bytes = 0;
    ::nftw(dir.c_str(), add_size, 32, FTW_PHYS | FTW_MOUNT);
    return g_bytes;
}

}  // namespace workspaces

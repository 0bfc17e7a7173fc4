#include "actions/bubblewrap.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "actions/tar.hpp"
#include "core/crypto.hpp"
#include "core/process.hpp"

namespace actions {
namespace {

using core::Errc;
using core::fail;
namespace fs = std::filesystem;

// The folders a job may write; everything else it sees is the system's, read-only.
constexpr const char* kWritable[] = {"workspace", "skyscape"};

std::optional<std::string> output_of(std::vector<std::string> args) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
    auto pid = core::process::spawn({std::move(args), core::process::inherited_environment(), -1, pipe_fds[1], pipe_fds[1]});
    close(pipe_fds[1]);
    if (!pid) {
        close(pipe_fds[0]);
        return std::nullopt;
    }
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0 && out.size() < 64 * 1024;) out.append(buffer, static_cast<std::size_t>(n));
    close(pipe_fds[0]);
    int status = 0;
    waitpid(*pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    return out;
}

// Where a path of the job's "/" is on this machine, if it is in a writable folder.
std::optional<fs::path> host_path(const fs::path& box, const std::string& path) {
    fs::path relative = fs::path(path).relative_path().lexically_normal();
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    auto top = relative.begin()->string();
    if (std::none_of(std::begin(kWritable), std::end(kWritable), [&](const char* w) { return top == w; })) return std::nullopt;
    return box / relative;
}

}  // namespace

std::optional<Bubblewrap> Bubblewrap::find(fs::path root) {
    // A sandbox that runs `true` proves bwrap works here (user namespaces may be off).
    auto version = output_of({"bwrap", "--version"});
    if (!version) return std::nullopt;
    if (!output_of({"bwrap", "--unshare-all", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
                    "--symlink", "usr/lib64", "/lib64", "/bin/true"}))
        return std::nullopt;
    while (!version->empty() && version->back() == '\n') version->pop_back();
    return Bubblewrap(std::move(root), "bwrap", *version);
}

core::Result<std::string> Bubblewrap::create(const ContainerSpec& spec) const {
    // Sharing the host's network would give the job the forge's own ports on loopback.
    if (spec.limits.network)
        return fail(Errc::invalid, "This job asks for a network (container.options: --network), but jobs here run in bubblewrap, "
                                   "which gives them none. Run it on a container engine or a remote runner.");
    auto id = core::crypto::random_hex(12);
    std::error_code ec;
    for (const char* folder : kWritable) fs::create_directories(root_ / id / folder, ec);
    if (ec) return fail(Errc::invalid, "The sandbox's folder could not be made: " + ec.message());
    std::lock_guard lock(mutex_);
    boxes_[id].spec = spec;
    return id;
}

core::Status Bubblewrap::put_archive(const std::string& id, const std::string& path, const std::string& tar) const {
    if (path != "/") return fail(Errc::invalid, "bubblewrap sandboxes take archives at /.");
    auto entries = read_tar(tar);
    if (!entries) return fail(Errc::invalid, "Not a tar archive.");
    for (const auto& e : *entries) {
        auto target = host_path(root_ / id, e.path);
        if (!target) return fail(Errc::invalid, "Only /workspace and /skyscape are writable in the sandbox: " + e.path);
        std::error_code ec;
        if (e.folder) {
            fs::create_directories(*target, ec);
            continue;
        }
        fs::create_directories(target->parent_path(), ec);
        std::ofstream out(*target, std::ios::binary | std::ios::trunc);
        out.write(e.content.data(), static_cast<std::streamsize>(e.content.size()));
        out.close();
        fs::permissions(*target, static_cast<fs::perms>(e.mode & 0777), ec);
        if (!out) return fail(Errc::invalid, "The sandbox could not take " + e.path + ".");
    }
    return {};
}

core::Result<std::string> Bubblewrap::get_archive(const std::string& id, const std::string& path) const {
    auto source = host_path(root_ / id, path);
    if (!source || !fs::exists(*source)) return fail(Errc::not_found, path + " is not in the sandbox.");
    std::vector<TarEntry> entries;
    auto name = source->filename().string();
    auto add = [&](const fs::path& file, const std::string& as) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        auto perms = static_cast<unsigned>(fs::status(file).permissions()) & 0777;
        entries.push_back({as, content.str(), false, perms});
    };
    if (fs::is_regular_file(*source)) {
        add(*source, name);
    } else {
        entries.push_back({name, "", true});
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(*source, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
            auto as = name + "/" + fs::relative(it->path(), *source).string();
            if (it->is_symlink()) continue;  // nothing outside the sandbox through a link
            if (it->is_directory()) entries.push_back({as, "", true});
            else if (it->is_regular_file()) add(it->path(), as);
        }
    }
    return make_tar(entries);
}

core::Status Bubblewrap::start(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto& box = boxes_.at(id);
    auto dir = root_ / id;
    std::vector<std::string> args = {bwrap_, "--unshare-all", "--die-with-parent", "--new-session", "--uid", "65534", "--gid", "65534",
                                     "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                                     "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev",
                                     "--tmpfs", "/tmp", "--dir", "/etc"};
    for (const char* etc : {"/etc/alternatives", "/etc/ssl", "/etc/ca-certificates", "/etc/localtime"})
        for (auto extra : {"--ro-bind-try", etc, etc}) args.emplace_back(extra);
    for (const char* folder : kWritable) {
        args.insert(args.end(), {"--bind", (dir / folder).string(), std::string("/") + folder});
    }
    args.insert(args.end(), {"--chdir", box.spec.working_dir.empty() ? "/" : box.spec.working_dir, "--setenv", "HOME", "/tmp"});
    for (const auto& a : box.spec.command) args.push_back(a);
    std::vector<std::string> env = {"PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG=C.UTF-8"};
    env.insert(env.end(), box.spec.env.begin(), box.spec.env.end());
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return fail(Errc::internal, std::strerror(errno));
    auto pid = core::process::spawn({std::move(args), std::move(env), -1, pipe_fds[1], pipe_fds[1], true});
    close(pipe_fds[1]);
    if (!pid) {
        close(pipe_fds[0]);
        return fail(Errc::internal, "bwrap could not start: " + pid.error().message);
    }
    box.pid = *pid;
    box.output = pipe_fds[0];
    return {};
}

core::Status Bubblewrap::follow_logs(const std::string& id, const std::function<void(std::string_view)>& output) const {
    int fd;
    {
        std::lock_guard lock(mutex_);
        fd = boxes_.at(id).output;
    }
    char buffer[64 * 1024];
    for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        output(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
    close(fd);  // followed once, to the end
    return {};
}

core::Result<Exit> Bubblewrap::wait(const std::string& id, std::chrono::milliseconds timeout) const {
    pid_t pid;
    {
        std::lock_guard lock(mutex_);
        auto& box = boxes_.at(id);
        if (box.status) return Exit{WIFEXITED(*box.status) ? WEXITSTATUS(*box.status) : 128, false};
        pid = box.pid;
    }
    auto deadline = std::chrono::steady_clock::now() + timeout;
    Exit out;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            out.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::lock_guard lock(mutex_);
    boxes_.at(id).status = status;
    out.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return out;
}

core::Status Bubblewrap::remove(const std::string& id) const {
    Box box;
    {
        std::lock_guard lock(mutex_);
        auto it = boxes_.find(id);
        if (it == boxes_.end()) return {};
        box = it->second;
        boxes_.erase(it);
    }
    if (box.pid > 0 && !box.status) {
        kill(-box.pid, SIGKILL);
        int status = 0;
        waitpid(box.pid, &status, 0);
    }
    std::error_code ec;
    fs::remove_all(root_ / id, ec);
    return {};
}

}  // namespace actions

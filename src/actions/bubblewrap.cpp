#include "actions/bubblewrap.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
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

// A descriptor closed when it goes.
class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_;
};

struct CloseDir {
    void operator()(DIR* d) const { ::closedir(d); }
};

// Opens `path` below the folder `dir`, as the kernel resolves it with openat2(2): no symlink
// anywhere on the way (the job makes whatever links it likes in its workspace), no "..", no
// way out of dir. glibc 2.36 has no wrapper for it.
Fd open_beneath(int dir, const std::string& path, int flags, mode_t mode = 0) {
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags | O_CLOEXEC | O_NOFOLLOW);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return Fd(static_cast<int>(::syscall(SYS_openat2, dir, path.c_str(), &how, sizeof how)));
}

// The parts of a path of the job's "/" when it lies in a writable folder ("workspace/a/b");
// nullopt for anything else, ".." included.
std::optional<std::vector<std::string>> writable_parts(const std::string& path) {
    std::vector<std::string> parts;
    std::stringstream in(path);
    for (std::string part; std::getline(in, part, '/');) {
        if (part.empty() || part == ".") continue;
        if (part == "..") return std::nullopt;
        parts.push_back(part);
    }
    if (parts.empty() || std::none_of(std::begin(kWritable), std::end(kWritable), [&](const char* w) { return parts[0] == w; }))
        return std::nullopt;
    return parts;
}

std::string joined(const std::vector<std::string>& parts, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += (i ? "/" : "") + parts[i];
    return out;
}

// The folder parts[0..count) below root, made where missing, never through a link.
core::Result<Fd> folder_beneath(int root, const std::vector<std::string>& parts, std::size_t count) {
    Fd at = open_beneath(root, ".", O_PATH | O_DIRECTORY);
    for (std::size_t i = 0; i < count && at; ++i) {
        if (::mkdirat(at.get(), parts[i].c_str(), 0755) != 0 && errno != EEXIST)
            return fail(Errc::internal, "The sandbox's folder " + joined(parts, i + 1) + " could not be made: " + std::strerror(errno));
        at = open_beneath(at.get(), parts[i], O_PATH | O_DIRECTORY);
    }
    if (!at) return fail(Errc::invalid, "/" + joined(parts, count) + " is a link or not a folder; files are never written through links.");
    return at;
}

// Writes one file of the archive below root, its content read from tar.
core::Status write_beneath(int root, const std::vector<std::string>& parts, const TarHeader& entry, TarReader& tar) {
    auto parent = folder_beneath(root, parts, parts.size() - 1);
    if (!parent) return tl::unexpected(parent.error());
    // Not blocking on a FIFO the job put in the file's place: opened without a reader it fails.
    Fd file = open_beneath(parent->get(), parts.back(), O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK, 0600);
    struct stat st {};
    if (!file || ::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return fail(Errc::invalid, "/" + entry.path + " is a link or not a file; files are never written through links.");
    ::fcntl(file.get(), F_SETFL, ::fcntl(file.get(), F_GETFL) & ~O_NONBLOCK);
    char buffer[64 * 1024];
    for (std::size_t n; (n = tar.read(buffer, sizeof buffer)) > 0;)
        for (std::size_t at = 0; at < n;) {
            auto written = ::write(file.get(), buffer + at, n - at);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) return fail(Errc::internal, "The sandbox could not take /" + entry.path + ": " + std::strerror(errno));
            at += static_cast<std::size_t>(written);
        }
    ::fchmod(file.get(), entry.mode & 0777);
    return {};
}

// Adds the regular file `name` of the folder dir to the archive as `as`, opened without
// following a link and without blocking on a FIFO put in its place.
void add_file(int dir, const std::string& name, const std::string& as, TarWriter& tar, std::uint64_t& bytes, std::uint64_t max_bytes,
              bool& too_large) {
    Fd file(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    struct stat st {};
    if (!file || ::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    auto size = static_cast<std::uint64_t>(st.st_size);
    bytes += 512 + (size + 511) / 512 * 512;
    if (bytes > max_bytes) {
        too_large = true;
        return;
    }
    tar.file(as, size, st.st_mode & 0777, [&](char* data, std::size_t want) {
        auto n = ::read(file.get(), data, want);
        return n > 0 ? static_cast<std::size_t>(n) : 0;
    });
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
    if (ec) return fail(Errc::internal, "The sandbox's folder could not be made: " + ec.message());
    std::lock_guard lock(mutex_);
    boxes_[id].spec = spec;
    return id;
}

core::Status Bubblewrap::put_archive(const std::string& id, const std::string& path, std::istream& archive) const {
    if (path != "/") return fail(Errc::invalid, "bubblewrap sandboxes take archives at /.");
    Fd root(::open((root_ / id).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!root) return fail(Errc::not_found, "There is no such sandbox.");
    TarReader tar(archive);
    for (;;) {
        auto entry = tar.next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) return {};
        auto parts = writable_parts((*entry)->path);
        if (!parts) return fail(Errc::invalid, "Only /workspace and /skyscape are writable in the sandbox: " + (*entry)->path);
        if ((*entry)->kind == TarHeader::Kind::folder) {
            if (auto made = folder_beneath(root.get(), *parts, parts->size()); !made) return tl::unexpected(made.error());
        } else if ((*entry)->kind == TarHeader::Kind::file) {
            if (auto written = write_beneath(root.get(), *parts, **entry, tar); !written) return written;
        }
    }
}

core::Status Bubblewrap::get_archive(const std::string& id, const std::string& path, std::ostream& out, std::uint64_t max_bytes) const {
    auto parts = writable_parts(path);
    Fd root(::open((root_ / id).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!parts || !root) return fail(Errc::not_found, path + " is not in the sandbox.");
    auto relative = joined(*parts, parts->size());
    Fd target = open_beneath(root.get(), relative, O_PATH);
    struct stat st {};
    if (!target || ::fstat(target.get(), &st) != 0)
        return fail(Errc::not_found, path + (errno == ELOOP || errno == EXDEV ? " is reached through a link, which is not followed." : " is not in the sandbox."));
    TarWriter tar(out);
    std::uint64_t bytes = 0;
    bool too_large = false;
    const auto& name = parts->back();
    if (S_ISREG(st.st_mode)) {
        Fd parent = open_beneath(root.get(), joined(*parts, parts->size() - 1), O_RDONLY | O_DIRECTORY);
        if (parent) add_file(parent.get(), name, name, tar, bytes, max_bytes, too_large);
    } else if (S_ISDIR(st.st_mode)) {
        // Folder by folder from a list, not by recursion (a job may nest folders thousands deep),
        // each opened below the last without following links.
        tar.folder(name, st.st_mode & 0777);
        std::vector<std::string> pending{""};
        while (!pending.empty() && !too_large && tar.ok()) {
            auto folder = std::move(pending.back());
            pending.pop_back();
            Fd dir = open_beneath(target.get(), folder.empty() ? "." : folder, O_RDONLY | O_DIRECTORY);
            if (!dir) continue;  // replaced by a link meanwhile, or nested past PATH_MAX
            std::unique_ptr<DIR, CloseDir> listing(::fdopendir(::dup(dir.get())));
            if (!listing) continue;
            std::vector<std::string> names;
            while (auto* e = ::readdir(listing.get()))
                if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
            std::sort(names.begin(), names.end());
            for (const auto& child : names) {
                auto inner = folder.empty() ? child : folder + "/" + child;
                struct stat cst {};
                if (::fstatat(dir.get(), child.c_str(), &cst, AT_SYMLINK_NOFOLLOW) != 0) continue;
                if (S_ISDIR(cst.st_mode)) {
                    bytes += 1024;  // its header, and a PAX record's at most
                    too_large = bytes > max_bytes;
                    if (too_large) break;
                    tar.folder(name + "/" + inner, cst.st_mode & 0777);
                    pending.push_back(inner);
                } else if (S_ISREG(cst.st_mode)) {
                    add_file(dir.get(), child, name + "/" + inner, tar, bytes, max_bytes, too_large);
                }  // links, FIFOs, devices: nothing of them leaves the sandbox
                if (too_large) break;
            }
        }
    }
    if (too_large) return fail(Errc::too_large, path + " is over " + std::to_string(max_bytes >> 20) + " MB.");
    tar.finish();
    if (!tar.ok()) return fail(Errc::internal, "The sandbox's files could not be written to the server's disk.");
    return {};
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

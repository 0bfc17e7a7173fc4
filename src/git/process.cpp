#include "git/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>

#include "core/process.hpp"

namespace git {

const char* service_name(Service service) {
    switch (service) {
        case Service::upload_pack: return "upload-pack";
        case Service::receive_pack: return "receive-pack";
        case Service::upload_archive: return "upload-archive";
    }
    return "";
}

Process::Process(boost::asio::any_io_executor executor, pid_t pid, int in_fd, int out_fd)
    : pid_(pid), in_(executor, in_fd), out_(executor, out_fd) {}

Process::~Process() {
    boost::system::error_code ec;
    in_.close(ec);
    out_.close(ec);
    if (pid_ > 0) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
        }
    }
}

namespace {

// `git args…` with the given environment, stdin and stdout as pipes (stderr the server's).
core::Status spawn_args(std::vector<std::string> args, const std::vector<std::string>& env, pid_t& pid, int& in_fd,
                        int& out_fd) {
    int to_child[2], from_child[2];
    if (pipe2(to_child, O_CLOEXEC) != 0) return core::fail(core::Errc::internal, std::strerror(errno));
    if (pipe2(from_child, O_CLOEXEC) != 0) {
        close(to_child[0]);
        close(to_child[1]);
        return core::fail(core::Errc::internal, std::strerror(errno));
    }
    auto spawned = core::process::spawn({std::move(args), env, to_child[0], from_child[1], STDERR_FILENO});
    close(to_child[0]);
    close(from_child[1]);
    if (!spawned) {
        close(to_child[1]);
        close(from_child[0]);
        return tl::unexpected(spawned.error());
    }
    pid = *spawned;
    in_fd = to_child[1];
    out_fd = from_child[0];
    return {};
}

}  // namespace

namespace {

// What `git --git-dir=repo args…` writes, up to max_bytes and within timeout (kept in out, or
// given to a sink that returns false when it cannot take more), and which limit stopped it or
// whether git failed.
struct Captured {
    std::string out;
    bool too_much = false, too_slow = false, failed = false;
};

using Sink = std::function<bool(std::string_view)>;

core::Result<Captured> capture(const std::filesystem::path& repo, std::vector<std::string> args, std::chrono::milliseconds timeout,
                               std::uint64_t max_bytes, const Sink& sink = {}) {
    auto env = plain_environment();
    args.insert(args.begin(), {"git", "--git-dir=" + repo.string()});
    pid_t pid = 0;
    int in_fd = -1, out_fd = -1;
    if (auto spawned = spawn_args(std::move(args), env, pid, in_fd, out_fd); !spawned) return tl::unexpected(spawned.error());
    close(in_fd);
    Captured c;
    std::uint64_t total = 0;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[64 * 1024];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        pollfd readable{out_fd, POLLIN, 0};
        if (left.count() <= 0 || poll(&readable, 1, static_cast<int>(left.count())) == 0) {
            c.too_slow = true;
            break;
        }
        ssize_t n = read(out_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        total += static_cast<std::uint64_t>(n);
        if (total > max_bytes) {
            c.too_much = true;
            break;
        }
        std::string_view chunk(buffer, static_cast<std::size_t>(n));
        if (!sink) c.out.append(chunk);
        else if (!sink(chunk)) {
            c.failed = true;
            break;
        }
    }
    close(out_fd);
    if (c.too_slow || c.too_much || c.failed) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    c.failed = c.failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    return c;
}

bool full_id(const std::string& commit) {
    return commit.size() == 40 && commit.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

core::Result<std::string> blame_porcelain(const std::filesystem::path& repo, const std::string& commit,
                                          const std::string& path, std::chrono::milliseconds timeout,
                                          std::size_t max_bytes) {
    if (!full_id(commit)) return core::fail(core::Errc::internal, "blame needs a full commit id");
    auto c = capture(repo, {"blame", "--porcelain", commit, "--", path}, timeout, max_bytes);
    if (!c) return tl::unexpected(c.error());
    if (c->too_slow) return core::fail(core::Errc::invalid, "Blaming " + path + " takes too long.");
    if (c->too_much) return core::fail(core::Errc::too_large, path + " is too large to blame.");
    if (c->failed) return core::fail(core::Errc::not_found, "Could not blame " + path + ".");
    return std::move(c->out);
}

core::Status fetch_branch(const std::filesystem::path& repo, const std::filesystem::path& from, const std::string& branch,
                          const std::string& dst_ref) {
    if (!from.is_absolute() || branch.empty() || branch.front() == '-')
        return core::fail(core::Errc::internal, "fetch needs an absolute path and a branch");
    auto c = capture(repo, {"fetch", "-q", "--no-tags", "--no-write-fetch-head", "--", from.string(), "+refs/heads/" + branch + ":" + dst_ref},
                     std::chrono::minutes(30), 1 << 20);
    if (!c) return tl::unexpected(c.error());
    if (c->too_slow || c->failed) return core::fail(core::Errc::internal, "git fetch of " + branch + " from " + from.string() + " failed");
    return {};
}

core::Status dissociate(const std::filesystem::path& repo, const std::filesystem::path& alternates_file) {
    auto c = capture(repo, {"repack", "-a", "-d", "-q"}, std::chrono::hours(2), 1 << 20);
    if (!c) return tl::unexpected(c.error());
    if (c->too_slow || c->failed) return core::fail(core::Errc::internal, "git repack -a -d in " + repo.string() + " failed");
    std::error_code ec;
    std::filesystem::remove(alternates_file, ec);
    if (ec) return core::fail(core::Errc::internal, "removing " + alternates_file.string() + ": " + ec.message());
    return {};
}

std::vector<std::string> plain_environment() {
    const char* search_path = std::getenv("PATH");
    return {"PATH=" + std::string(search_path ? search_path : "/usr/bin:/bin"), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
            "HOME=/nonexistent"};
}

core::Status archive_to(const std::filesystem::path& repo, const std::string& commit, const std::string& prefix,
                        const std::filesystem::path& file, std::uint64_t max_bytes) {
    if (!full_id(commit)) return core::fail(core::Errc::internal, "archive needs a full commit id");
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    auto c = capture(repo, {"archive", "--format=tar", "--prefix=" + prefix + "/", commit}, std::chrono::minutes(30), max_bytes,
                     [&out](std::string_view chunk) {
                         out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                         return static_cast<bool>(out);
                     });
    if (!c) return tl::unexpected(c.error());
    if (c->too_much) return core::fail(core::Errc::too_large, "The commit's files are over " + std::to_string(max_bytes >> 20) + " MB.");
    if (c->too_slow || c->failed || !out.flush()) return core::fail(core::Errc::internal, "git archive of " + commit.substr(0, 10) + " failed.");
    return {};
}

core::Status Process::spawn(Service service, const std::filesystem::path& repo, bool stateless, bool advertise_refs,
                            const std::vector<std::string>& env, pid_t& pid, int& in_fd, int& out_fd) {
    if (!repo.is_absolute()) return core::fail(core::Errc::internal, "repository path must be absolute");
    std::vector<std::string> args = {"git", service_name(service)};
    if (stateless) args.emplace_back("--stateless-rpc");
    if (advertise_refs) args.emplace_back("--advertise-refs");
    args.push_back(repo.string());
    return spawn_args(std::move(args), env, pid, in_fd, out_fd);
}

core::Result<std::unique_ptr<Process>> Process::archive(boost::asio::any_io_executor executor,
                                                        const std::filesystem::path& repo, const std::string& format,
                                                        const std::string& prefix, const std::string& commit,
                                                        const std::vector<std::string>& env) {
    if (commit.size() != 40 || commit.find_first_not_of("0123456789abcdef") != std::string::npos)
        return core::fail(core::Errc::internal, "archive needs a full commit id");
    pid_t pid = 0;
    int in_fd = -1, out_fd = -1;
    auto spawned = spawn_args({"git", "--git-dir=" + repo.string(), "archive", "--format=" + format,
                               "--prefix=" + prefix + "/", commit},
                              env, pid, in_fd, out_fd);
    if (!spawned) return tl::unexpected(spawned.error());
    return std::unique_ptr<Process>(new Process(executor, pid, in_fd, out_fd));
}

core::Result<std::unique_ptr<Process>> Process::cat_blob(boost::asio::any_io_executor executor, const std::filesystem::path& repo,
                                                         const std::string& id, const std::vector<std::string>& env) {
    if (!full_id(id)) return core::fail(core::Errc::internal, "cat-file needs a full object id");
    pid_t pid = 0;
    int in_fd = -1, out_fd = -1;
    auto spawned = spawn_args({"git", "--git-dir=" + repo.string(), "cat-file", "blob", id}, env, pid, in_fd, out_fd);
    if (!spawned) return tl::unexpected(spawned.error());
    return std::unique_ptr<Process>(new Process(executor, pid, in_fd, out_fd));
}

core::Result<std::unique_ptr<Process>> Process::start(boost::asio::any_io_executor executor, Service service,
                                                      const std::filesystem::path& repo, bool advertise_refs,
                                                      const std::vector<std::string>& env) {
    pid_t pid = 0;
    int in_fd = -1, out_fd = -1;
    if (auto spawned = spawn(service, repo, true, advertise_refs, env, pid, in_fd, out_fd); !spawned)
        return tl::unexpected(spawned.error());
    return std::unique_ptr<Process>(new Process(executor, pid, in_fd, out_fd));
}

void Process::close_input() {
    boost::system::error_code ec;
    in_.close(ec);
}

int Process::wait() {
    close_input();
    // A child still writing to a reader that gave up (a client gone, a HEAD request) gets EPIPE
    // and exits, rather than blocking this thread's waitpid for ever.
    boost::system::error_code ec;
    out_.close(ec);
    int status = 0;
    pid_t pid = std::exchange(pid_, -1);
    if (pid <= 0 || waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool valid_git_protocol(std::string_view value) {
    if (value.size() > 256) return false;
    for (char c : value)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '=' || c == ':' || c == '.' || c == '-' || c == '_'))
            return false;
    return true;
}

}  // namespace git

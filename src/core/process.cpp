#include "core/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cstring>
#include <memory>

extern char** environ;

namespace core::process {
namespace {

struct FileActions {
    posix_spawn_file_actions_t actions;
    FileActions() { posix_spawn_file_actions_init(&actions); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
};

struct Attributes {
    posix_spawnattr_t attr;
    Attributes() { posix_spawnattr_init(&attr); }
    ~Attributes() { posix_spawnattr_destroy(&attr); }
    Attributes(const Attributes&) = delete;
    Attributes& operator=(const Attributes&) = delete;
};

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

}  // namespace

core::Result<pid_t> spawn(const Spec& spec) {
    if (spec.argv.empty()) return core::fail(core::Errc::internal, "spawn: no program");
    FileActions files;
    const int wanted[3] = {spec.in, spec.out, spec.err};
    for (int target = 0; target < 3; ++target) {
        int rc = wanted[target] < 0 ? posix_spawn_file_actions_addopen(&files.actions, target, "/dev/null", target ? O_WRONLY : O_RDONLY, 0)
                                    : posix_spawn_file_actions_adddup2(&files.actions, wanted[target], target);
        if (rc != 0) return core::fail(core::Errc::internal, std::string("spawn: ") + std::strerror(rc));
    }
    // After the dup2s, which may read from descriptors above 2.
    if (int rc = posix_spawn_file_actions_addclosefrom_np(&files.actions, 3); rc != 0)
        return core::fail(core::Errc::internal, std::string("spawn: ") + std::strerror(rc));
    Attributes attributes;
    if (spec.new_process_group) {
        posix_spawnattr_setflags(&attributes.attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attributes.attr, 0);
    }
    auto argv = spec.argv;
    auto env = spec.env;
    auto argv_p = pointers(argv), env_p = pointers(env);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv_p[0], &files.actions, &attributes.attr, argv_p.data(), env_p.data());
    if (rc != 0) return core::fail(core::Errc::internal, "cannot run " + spec.argv[0] + ": " + std::strerror(rc));
    return pid;
}

void close_on_exec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

std::vector<std::string> inherited_environment() {
    std::vector<std::string> out;
    for (char** e = environ; e && *e; ++e) out.emplace_back(*e);
    return out;
}

}  // namespace core::process

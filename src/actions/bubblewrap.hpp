#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "actions/engine.hpp"

namespace actions {

//! Jobs without a container engine: each in a bubblewrap (`bwrap`) sandbox with its own user,
//! pid, network, IPC and mount namespaces, the system's /usr read-only, its own /tmp, and only
//! its /workspace (and the agent's /skyscape) writable, kept in a folder under `root` (which
//! the job does not see, nor anything else of DATA_DIR). The image is not used: jobs run on
//! this machine's own programs. There are no memory or CPU limits; the timeout still holds. A job that
//! asks for a network is refused: the only one bubblewrap could share is the host's, loopback and
//! the forge's own ports included.
class Bubblewrap : public Sandbox {
public:
    //! bwrap found on PATH and able to make a sandbox here; nullopt otherwise.
    static std::optional<Bubblewrap> find(std::filesystem::path root);
    Bubblewrap(const Bubblewrap& other) : root_(other.root_), bwrap_(other.bwrap_), version_(other.version_) {}

    const std::string& version() const { return version_; }
    core::Result<std::string> create(const ContainerSpec& spec) const override;
    //! Files and folders are made without following any link the job left (openat2 with
    //! RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS), and only in its writable folders.
    core::Status put_archive(const std::string& id, const std::string& path, std::istream& tar) const override;
    //! Links, FIFOs and devices are left out, and nothing is reached through a link.
    core::Status get_archive(const std::string& id, const std::string& path, std::ostream& out, std::uint64_t max_bytes) const override;
    core::Status start(const std::string& id) const override;
    core::Status follow_logs(const std::string& id, const std::function<void(std::string_view)>& output) const override;
    core::Result<Exit> wait(const std::string& id, std::chrono::milliseconds timeout) const override;
    core::Status remove(const std::string& id) const override;

private:
    Bubblewrap(std::filesystem::path root, std::string bwrap, std::string version)
        : root_(std::move(root)), bwrap_(std::move(bwrap)), version_(std::move(version)) {}

    struct Box {
        ContainerSpec spec;
        pid_t pid = -1;
        int output = -1;  // the read end of its stdout and stderr
        std::optional<int> status;
    };

    std::filesystem::path root_;
    std::string bwrap_, version_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, Box> boxes_;
};

}  // namespace actions

#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string_view>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace actions {

//! What a job's container may use.
struct Limits {
    std::int64_t memory_bytes = 2LL << 30;
    double cpus = 2;
    std::int64_t pids = 512;
    bool network = false;  //!< no network unless the workflow asks
    std::int64_t log_bytes = 64LL << 20;  //!< what the engine keeps of its output (a flood is not kept on disk)
};

struct ContainerSpec {
    std::string image;
    std::vector<std::string> command;  //!< argv
    std::vector<std::string> env;      //!< NAME=value
    std::string working_dir;
    Limits limits;
    std::map<std::string, std::string> labels;
};

//! How a container ended.
struct Exit {
    int code = -1;
    bool timed_out = false;  //!< killed at the timeout
};

//! Where a job's processes run, apart from the server: a container engine, or bubblewrap when
//! there is none. run_job needs only these.
class Sandbox {
public:
    virtual ~Sandbox() = default;
    //! A sandbox not yet started; its id.
    virtual core::Result<std::string> create(const ContainerSpec& spec) const = 0;
    //! Unpacks the tar archive `tar` holds (read to its end) into the sandbox at path.
    virtual core::Status put_archive(const std::string& id, const std::string& path, std::istream& tar) const = 0;
    //! Writes a tar archive of path in the sandbox (its entries named from path's last segment)
    //! to out; too_large once it passes max_bytes, not_found when path is not there.
    virtual core::Status get_archive(const std::string& id, const std::string& path, std::ostream& out, std::uint64_t max_bytes) const = 0;
    virtual core::Status start(const std::string& id) const = 0;
    //! Passes what the sandbox's process writes to `output` as it comes, until it stops.
    virtual core::Status follow_logs(const std::string& id, const std::function<void(std::string_view)>& output) const = 0;
    //! Waits for the process to end; at the timeout it is killed.
    virtual core::Result<Exit> wait(const std::string& id, std::chrono::milliseconds timeout) const = 0;
    //! Removes the sandbox, running or not.
    virtual core::Status remove(const std::string& id) const = 0;
};

//! A client of the Docker Engine API (Docker, or Podman's compatible service) over the unix
//! socket DOCKER_HOST names, through libcurl. Jobs run in containers made, started, waited for
//! and removed through it, never on the host.
class Engine : public Sandbox {
public:
    //! From DOCKER_HOST ("unix:///run/docker.sock"), else Docker's /var/run/docker.sock if it is
    //! there; nullopt when there is neither or DOCKER_HOST is not a unix socket.
    static std::optional<Engine> from_env();
    explicit Engine(std::string socket_path) : socket_(std::move(socket_path)) {}

    //! The engine's name and version ("Podman Engine 4.3.1"), or why it cannot be reached.
    core::Result<std::string> version() const;
    core::Result<bool> has_image(const std::string& image) const;
    //! Pulls an image from its registry (waits until it is there).
    core::Status pull(const std::string& image) const;
    //! A stopped container; its id.
    core::Result<std::string> create(const ContainerSpec& spec) const override;
    //! Unpacks a tar archive into the container at path (which must exist in the image).
    core::Status put_archive(const std::string& id, const std::string& path, std::istream& tar) const override;
    core::Status get_archive(const std::string& id, const std::string& path, std::ostream& out, std::uint64_t max_bytes) const override;
    core::Status start(const std::string& id) const override;
    //! Waits for the container to stop; at the timeout it is killed.
    core::Result<Exit> wait(const std::string& id, std::chrono::milliseconds timeout) const override;
    //! What it wrote to stdout and stderr, interleaved as written.
    core::Result<std::string> logs(const std::string& id) const;
    //! Passes what the container writes from now on to `output` as it comes, until it stops:
    //! attached to its output, not read back from the engine's log file, which the engine cuts
    //! at log_bytes (a flood would lose lines, the agent's markers among them, to a slow reader).
    core::Status follow_logs(const std::string& id, const std::function<void(std::string_view)>& output) const override;
    //! Removes the container, running or not.
    core::Status remove(const std::string& id) const override;
    //! Removes every container with this label ("name=value"), running or not: what a stopped
    //! server left behind. Returns how many.
    core::Result<int> remove_labelled(const std::string& label) const;

private:
    struct Reply {
        long status = 0;
        std::string body;
    };
    //! One call of the API; its answer held whole up to 4 MB (an engine's JSON), unless on_data
    //! takes the body as it comes (returning false stops it).
    core::Result<Reply> call(const std::string& method, const std::string& path, const std::string& body = "",
                             const std::string& content_type = "application/json", long timeout_ms = 60000,
                             std::function<bool(std::string_view)> on_data = {}, std::istream* upload = nullptr) const;

    std::string socket_;
};

}  // namespace actions

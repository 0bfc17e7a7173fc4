#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace workspaces {

//! GitHub's Codespaces states, which the API reports by these names.
enum class State { queued, starting, available, shutting_down, shutdown, rebuilding, failed };

constexpr std::string_view state_name(State state) {
    switch (state) {
        case State::queued: return "Queued";
        case State::starting: return "Starting";
        case State::available: return "Available";
        case State::shutting_down: return "ShuttingDown";
        case State::shutdown: return "Shutdown";
        case State::rebuilding: return "Rebuilding";
        case State::failed: return "Failed";
    }
    return "Failed";
}

std::optional<State> parse_state(std::string_view name);

//! One person's VS Code on a clone of one branch of a repository.
struct Workspace {
    std::string id;  //!< its name: lowercase letters, digits and '-', a DNS label
    std::int64_t user_id = 0;
    std::string username;
    std::string repo_id;
    std::string owner;      //!< the repository's owner's name
    std::string repo_name;  //!< the repository's name: the clone is /workspaces/{repo_name}
    std::string ref;        //!< the branch it was opened on
    State state = State::queued;
    std::string message;    //!< what it is doing, or why it failed
    std::int64_t created_at = 0;
    std::optional<std::int64_t> started_at;
    std::int64_t last_used_at = 0;
    std::int64_t disk_bytes = 0;

    std::string full_name() const { return owner + "/" + repo_name; }
    //! Starting, available or stopping: its sandbox may be running.
    bool active() const {
        return state == State::queued || state == State::starting || state == State::available || state == State::shutting_down ||
               state == State::rebuilding;
    }
};

}  // namespace workspaces

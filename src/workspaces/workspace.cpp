#include "workspaces/workspace.hpp"

namespace workspaces {

std::optional<State> parse_state(std::string_view name) {
    for (auto state : {State::queued, State::starting, State::available, State::shutting_down, State::shutdown, State::rebuilding,
                       State::failed})
        if (state_name(state) == name) return state;
    return std::nullopt;
}

}  // namespace workspaces

#pragma once

#include <string_view>

namespace git {

//! `workspace hook pre-receive`, run by git receive-pack in a push that came through the server
//! (which sets SKYSCAPE_PUSH_ID, SKYSCAPE_REPO_ID, SKYSCAPE_ACTOR_ID and DATA_DIR): records the
//! proposed ref updates read from stdin. A failure rejects the push, so no ref moves unrecorded.
//! Returns the exit code.
int run_hook(std::string_view name);

}  // namespace git

#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "git/process.hpp"

namespace ssh {

struct GitCommand {
    git::Service service;
    std::string repo_id;
};

//! Parses what a git client asks an SSH server to run: `git-upload-pack 'id.git'` (also
//! `git upload-pack`, git-receive-pack, git-upload-archive; the path as 'id.git', '/id.git',
//! id or /id). Anything else is invalid, with a message for the user.
core::Result<GitCommand> parse_command(std::string_view command);

}  // namespace ssh

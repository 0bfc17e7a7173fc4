#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "git/process.hpp"

namespace ssh {

struct GitCommand {
    git::Service service;
    std::string owner;  //!< "" for an address from before repositories had owners: {id}.git
    std::string name;   //!< the repository's name, or that old id
};

//! Parses what a git client asks an SSH server to run: `git-upload-pack 'owner/name.git'` (also
//! `git upload-pack`, git-receive-pack, git-upload-archive; the path with or without a leading
//! '/' and ".git"; a one-segment path is an old repository id). Anything else is invalid, with a
//! message for the user.
core::Result<GitCommand> parse_command(std::string_view command);

}  // namespace ssh

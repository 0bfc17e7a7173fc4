#pragma once

#include <string>
#include <vector>

#include "browse/store.hpp"
#include "core/result.hpp"

//! Merging two commits with libgit2, in memory: nothing is written to a ref here.
namespace pulls::merge {

//! Whether head merges cleanly into base, and the paths that conflict when it does not.
struct Check {
    bool clean = false;
    std::vector<std::string> conflicts;
};

core::Result<Check> check(const browse::store::Repository& repo, const std::string& base_sha, const std::string& head_sha);

enum class Method { merge, squash, rebase };

struct Signature {
    std::string name;
    std::string email;
};

//! The commit the base branch should move to: a merge commit (parents base and head), one
//! squashed commit on base, or head's commits replayed one by one on base (authors kept,
//! `committer` as committer). invalid when they conflict. The new commits are written to the
//! object database; no ref moves.
core::Result<std::string> create(const browse::store::Repository& repo, Method method, const std::string& base_sha,
                                 const std::string& head_sha, const Signature& committer, const std::string& message);

}  // namespace pulls::merge

#pragma once

#include <cstdint>
#include <queue>
#include <string>
#include <unordered_set>
#include <vector>

#include "git/handles.hpp"

namespace browse {

//! Commits reachable from a start commit, newest committer time first (ties in the order they
//! were met), as `git log` lists them — one at a time. libgit2's sorted revwalk reads the whole
//! history before its first answer; this reads only as far as the caller goes.
class Walk {
public:
    using Commit = git::Commit;

    //! An unknown start gives an empty walk.
    Walk(git_repository* repo, const git_oid& start);

    //! The next commit, or null when the history is exhausted.
    Commit next();

private:
    struct Queued {
        std::int64_t time;
        std::uint64_t order;
        Commit commit;
        bool operator<(const Queued& other) const {
            return time != other.time ? time < other.time : order > other.order;
        }
    };

    void enqueue(Commit commit);

    git_repository* repo_;
    std::uint64_t met_ = 0;
    std::priority_queue<Queued> queue_;
    std::unordered_set<std::string> seen_;  //!< raw ids of every commit ever queued
};

}  // namespace browse

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "issues/issue.hpp"

namespace pulls {

struct Pull {
    issues::Issue issue;  //!< number, title, body, state, timeline: what issues and pulls share
    std::string base;     //!< branch names
    std::string head;
    std::string head_repo_id;  //!< the fork the head branch is in; "" for the base repository
    std::string head_owner;    //!< the fork's owner, for the head's label
    std::string base_sha;  //!< the tips when mergeability was last computed
    std::string head_sha;
    bool draft = false;
    std::string mergeable;  //!< "unknown", "clean" or "conflict"
    std::vector<std::string> conflicts;
    std::optional<std::int64_t> merged_at;
    std::string merged_by;
    std::string merge_commit;

    bool merged() const { return merged_at.has_value(); }
    bool from_fork() const { return !head_repo_id.empty(); }
    //! Where the head is in the base repository: the branch, or the fork's branch mirrored there.
    std::string head_ref() const { return from_fork() ? "refs/forks/" + head_repo_id + "/heads/" + head : "refs/heads/" + head; }
    //! "feature", or GitHub's "owner:feature" for a fork's branch.
    std::string head_label() const { return from_fork() ? (head_owner.empty() ? "(deleted fork)" : head_owner) + ":" + head : head; }
};

}  // namespace pulls

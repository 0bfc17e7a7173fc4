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
    std::string base_sha;  //!< the tips when mergeability was last computed
    std::string head_sha;
    bool draft = false;
    std::string mergeable;  //!< "unknown", "clean" or "conflict"
    std::vector<std::string> conflicts;
    std::optional<std::int64_t> merged_at;
    std::string merged_by;
    std::string merge_commit;

    bool merged() const { return merged_at.has_value(); }
};

}  // namespace pulls

#pragma once

#include <string>
#include <vector>

#include "db/pool.hpp"

//! What happened in repositories, newest first, read from where it is recorded: pushes from the
//! event log, and issues, pull requests, their state changes, comments and reviews.
namespace activity::store {

struct Item {
    std::string kind;  //!< push, opened, closed, reopened, merged, commented, reviewed
    std::string repo_id;
    std::string repo;  //!< owner/name
    std::string actor;
    std::int64_t at = 0;
    std::int64_t number = 0;  //!< the issue or pull request, when there is one
    std::string title;
    bool is_pull = false;
    std::string detail;  //!< push: "refs/heads/main <new sha>"; reviewed: the verdict
};

//! In one repository, or in all when repo_id is ""; by one person unless actor is "".
std::vector<Item> recent(db::Pool& pool, const std::string& repo_id, std::int64_t limit, std::int64_t offset,
                         const std::string& actor = "");

}  // namespace activity::store

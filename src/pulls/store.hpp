#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/pool.hpp"
#include "pulls/pull.hpp"

//! SQL for pull requests' branches, mergeability and merges.
namespace pulls::store {

//! The pull's row, inside the transaction that creates its issue.
void insert(soci::session& sql, std::int64_t issue_id, const Pull& pull);
//! Fills everything but pull.issue, which the caller has; false when the issue is no pull.
bool fill(db::Pool& pool, Pull& pull);
//! The open pull request from head into base, if there is one.
std::optional<std::int64_t> open_number(db::Pool& pool, const std::string& repo_id, const std::string& base,
                                        const std::string& head);
//! Numbers of the open pull requests with `branch` as base or head.
std::vector<std::int64_t> open_touching(db::Pool& pool, const std::string& repo_id, const std::string& branch);

void set_check(db::Pool& pool, std::int64_t issue_id, const std::string& base_sha, const std::string& head_sha,
               const std::string& mergeable, const std::vector<std::string>& conflicts);
//! Merged: the pull is closed, with a 'merged' event naming the commit.
void mark_merged(db::Pool& pool, const Pull& pull, std::int64_t actor_id, const std::string& commit);

}  // namespace pulls::store

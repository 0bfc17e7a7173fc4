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
//! The open pull request from head (of head_repo_id, "" for the repository itself) into base, if there is one.
std::optional<std::int64_t> open_number(db::Pool& pool, const std::string& repo_id, const std::string& base,
                                        const std::string& head, const std::string& head_repo_id);
//! Numbers of the open pull requests with `branch` of the repository as base or head.
std::vector<std::int64_t> open_touching(db::Pool& pool, const std::string& repo_id, const std::string& branch);
//! The open pull requests from this head branch of the repository: number and base branch.
std::vector<std::pair<std::int64_t, std::string>> open_from(db::Pool& pool, const std::string& repo_id, const std::string& head);
//! The open pull requests from this branch of a fork: their repository's id and number.
std::vector<std::pair<std::string, std::int64_t>> open_from_fork(db::Pool& pool, const std::string& head_repo_id, const std::string& head);

void set_check(db::Pool& pool, std::int64_t issue_id, const std::string& base_sha, const std::string& head_sha,
               const std::string& mergeable, const std::vector<std::string>& conflicts);
//! No longer a draft.
void set_ready(db::Pool& pool, std::int64_t issue_id, std::int64_t actor_id);
//! Merged: the pull is closed, with a 'merged' event naming the commit.
void mark_merged(db::Pool& pool, const Pull& pull, std::int64_t actor_id, const std::string& commit);

struct ReviewRow {
    std::int64_t id = 0;
    std::string author;
    std::string state;
    std::string body;
    std::string commit_sha;
    std::int64_t created_at = 0;
};

struct LineCommentRow {
    std::int64_t id = 0;
    std::int64_t review_id = 0;  //!< 0: none
    std::int64_t parent_id = 0;  //!< 0: none
    std::string author;
    std::string commit_sha;
    std::string path;
    std::int64_t line = 0;
    std::string side;
    std::string body;
    std::int64_t created_at = 0;
};

//! A review and its line comments, in one transaction; the review's id.
std::int64_t insert_review(db::Pool& pool, std::int64_t issue_id, std::int64_t author_id, const std::string& state,
                           const std::string& body, const std::string& commit_sha, const std::vector<LineCommentRow>& comments);
std::int64_t insert_line_comment(db::Pool& pool, std::int64_t issue_id, std::int64_t author_id, const LineCommentRow& comment);
std::vector<ReviewRow> reviews(db::Pool& pool, std::int64_t issue_id);
std::vector<LineCommentRow> line_comments(db::Pool& pool, std::int64_t issue_id);

//! Asks these people (user ids) for a review; asking again is a no-op.
void request_reviews(db::Pool& pool, std::int64_t issue_id, std::int64_t requested_by, const std::vector<std::int64_t>& users);
void withdraw_review_request(db::Pool& pool, std::int64_t issue_id, std::int64_t user_id);
//! The people asked and not answered yet: (user id, username), by name.
std::vector<std::pair<std::int64_t, std::string>> review_requests(db::Pool& pool, std::int64_t issue_id);

}  // namespace pulls::store

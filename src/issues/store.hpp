#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"
#include "issues/issue.hpp"

//! SQL for issues, labels, comments and timeline events.
namespace issues::store {

//! Gives the issue the repository's next number and inserts it with its labels (ids),
//! assignees (user ids) and their events, all in one transaction.
//! `also` runs inside that transaction with the new issue's id (a pull request's branches).
Issue create(db::Pool& pool, const std::string& repo_id, std::int64_t author_id, const NewIssue& spec,
             const std::vector<Label>& labels, const std::vector<std::pair<std::int64_t, std::string>>& assignees,
             const std::function<void(soci::session&, std::int64_t issue_id)>& also = {});

//! A timeline event inside the caller's transaction.
void add_event(soci::session& sql, std::int64_t issue_id, std::int64_t actor_id, const std::string& kind,
               const std::string& detail, std::int64_t at);

//! A timeline event on its own.
void record_event(db::Pool& pool, std::int64_t issue_id, std::int64_t actor_id, const std::string& kind,
                  const std::string& detail);

//! A timeline event unless the issue already has one of that kind and detail.
void record_event_once(db::Pool& pool, std::int64_t issue_id, std::int64_t actor_id, const std::string& kind,
                       const std::string& detail);

std::optional<Issue> find(db::Pool& pool, const std::string& repo_id, std::int64_t number);
Page list(db::Pool& pool, const std::string& repo_id, const Filter& filter);

//! Title and body; a changed title leaves a 'renamed' event with the old one.
void edit(db::Pool& pool, const Issue& issue, std::int64_t actor_id, const std::string& title, const std::string& body);
//! Opens or closes (reason "completed" or "not_planned") with a timeline event.
void set_state(db::Pool& pool, const Issue& issue, std::int64_t actor_id, const std::string& state,
               const std::string& reason);
//! Makes the issue's labels exactly these, with labeled/unlabeled events for the difference.
void set_labels(db::Pool& pool, const Issue& issue, std::int64_t actor_id, const std::vector<Label>& labels);
//! Makes the assignees exactly these (user id, username), with events for the difference.
void set_assignees(db::Pool& pool, const Issue& issue, std::int64_t actor_id,
                   const std::vector<std::pair<std::int64_t, std::string>>& assignees);

Comment add_comment(db::Pool& pool, const Issue& issue, std::int64_t author_id, const std::string& body,
                    std::optional<std::int64_t> parent_id);
std::optional<Comment> find_comment(db::Pool& pool, std::int64_t issue_id, std::int64_t comment_id);
void edit_comment(db::Pool& pool, std::int64_t comment_id, const std::string& body);
void delete_comment(db::Pool& pool, const Issue& issue, std::int64_t comment_id);
std::vector<Comment> comments(db::Pool& pool, std::int64_t issue_id);
std::vector<Event> events(db::Pool& pool, std::int64_t issue_id);

std::vector<Label> labels(db::Pool& pool, const std::string& repo_id);
//! conflict when the repository already has a label of that name.
core::Result<Label> create_label(db::Pool& pool, const std::string& repo_id, const Label& label);
void delete_label(db::Pool& pool, const std::string& repo_id, const std::string& name);

}  // namespace issues::store

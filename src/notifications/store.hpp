#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/pool.hpp"

//! SQL for in-app notifications.
namespace notifications::store {

struct Notification {
    std::int64_t id = 0;
    std::string repo_id;
    std::string repo;  //!< owner/name
    std::int64_t number = 0;
    bool is_pull = false;
    std::string title;
    std::string actor;
    std::string reason;
    std::int64_t updated_at = 0;
    bool unread = true;
};

//! Tells user about the issue: a new row, or the thread's row bumped and unread again.
void notify(db::Pool& pool, std::int64_t user_id, std::int64_t issue_id, std::int64_t actor_id, const std::string& reason);
//! The user's unread notifications, counted per repository.
std::vector<std::pair<std::string, std::int64_t>> unread_by_repo(db::Pool& pool, std::int64_t user_id);
//! Newest first, unread before read, only those of repositories `shown` takes; rows are read
//! only as far as the page needs.
std::vector<Notification> list(db::Pool& pool, std::int64_t user_id, const std::function<bool(const std::string& repo_id)>& shown,
                               std::int64_t limit, std::int64_t offset);
std::optional<Notification> find(db::Pool& pool, std::int64_t user_id, std::int64_t id);
void mark_read(db::Pool& pool, std::int64_t user_id, std::int64_t id);
void mark_all_read(db::Pool& pool, std::int64_t user_id);
//! Whether the user wants notification mail (they do unless they said otherwise).
bool wants_email(db::Pool& pool, std::int64_t user_id);
void set_wants_email(db::Pool& pool, std::int64_t user_id, bool wants);

struct Thread {
    std::string repo_id;
    std::string repo;  //!< owner/name
    std::int64_t number = 0;
    std::string title;
    bool is_pull = false;
};
std::optional<Thread> thread(db::Pool& pool, std::int64_t issue_id);

//! Everyone who wrote on the issue, its comments or reviews, or is assigned.
std::vector<std::int64_t> participants(db::Pool& pool, std::int64_t issue_id);

//! Watching a repository: hearing of its new issues, pull requests and comments.
void set_watching(db::Pool& pool, const std::string& repo_id, std::int64_t user_id, bool watching);
bool watching(db::Pool& pool, const std::string& repo_id, std::int64_t user_id);
std::int64_t watcher_count(db::Pool& pool, const std::string& repo_id);
std::vector<std::int64_t> watchers(db::Pool& pool, const std::string& repo_id);

}  // namespace notifications::store

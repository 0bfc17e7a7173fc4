#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/pool.hpp"

//! SQL for the event log, proposed ref updates and subscriber cursors.
namespace events::store {

struct Event {
    std::int64_t id = 0;
    std::string repo_id;
    std::string kind;  //!< "push"
    std::int64_t actor_id = 0;
    std::string ref;
    std::string old_sha;
    std::string new_sha;
    std::int64_t created_at = 0;
};

struct RefUpdate {
    std::string repo_id;
    std::int64_t actor_id = 0;
    std::string ref;
    std::string old_sha;
    std::string new_sha;
};

//! Records what a push proposes (the pre-receive hook), all in one transaction.
void add_pending(soci::session& sql, const std::string& push_id, const std::vector<RefUpdate>& updates);

//! Where a ref points now, or nullopt when it does not exist.
using RefResolver = std::function<std::optional<std::string>(const std::string& repo_id, const std::string& ref)>;

//! Turns the pending updates of one push (or of every push, when push_id is empty) into
//! events for the refs that did move, and drops them all. Returns the number of events.
int settle(db::Pool& pool, const std::string& push_id, const RefResolver& resolve);

std::vector<Event> after(db::Pool& pool, std::int64_t last_id, int limit);
std::int64_t cursor(db::Pool& pool, const std::string& subscriber);
void set_cursor(db::Pool& pool, const std::string& subscriber, std::int64_t last_id);

//! A subscriber gave up on an event after `tries` failures.
void record_failure(db::Pool& pool, const std::string& subscriber, std::int64_t event_id, int tries, const std::string& error);

struct Failure {
    std::string subscriber;
    std::int64_t event_id = 0;
    int tries = 0;
    std::string error;
    std::int64_t failed_at = 0;
};
//! The newest failures first.
std::vector<Failure> failures(db::Pool& pool, int limit);

}  // namespace events::store

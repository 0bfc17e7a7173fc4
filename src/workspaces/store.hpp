#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "db/pool.hpp"
#include "workspaces/workspace.hpp"

//! SQL for workspaces.
namespace workspaces::store {

//! False when the person already has a workspace for that repository and branch.
bool insert(db::Pool& pool, const Workspace& workspace);
std::optional<Workspace> find(db::Pool& pool, const std::string& id);
std::optional<Workspace> find_for(db::Pool& pool, std::int64_t user_id, const std::string& repo_id, const std::string& ref);
//! A person's, most recently used first; user_id 0: everyone's.
std::vector<Workspace> list(db::Pool& pool, std::int64_t user_id);
std::vector<Workspace> list_for_repo(db::Pool& pool, const std::string& repo_id);
std::int64_t count_for_user(db::Pool& pool, std::int64_t user_id);
std::int64_t count_active_for_user(db::Pool& pool, std::int64_t user_id);

//! Moves a workspace to `to` only from one of the states `from`, in one statement (two racing
//! moves cannot both win); false when it was in none of them.
bool transition(db::Pool& pool, const std::string& id, std::initializer_list<State> from, State to, const std::string& message);
void set_message(db::Pool& pool, const std::string& id, const std::string& message);
void set_started(db::Pool& pool, const std::string& id, std::int64_t at);
void set_last_used(db::Pool& pool, const std::string& id, std::int64_t at);
void set_disk(db::Pool& pool, const std::string& id, std::int64_t bytes);
//! Every workspace in an active state moves to Shutdown (a server that starts has none running);
//! returns their ids.
std::vector<std::string> stop_all(db::Pool& pool);
void remove(db::Pool& pool, const std::string& id);

}  // namespace workspaces::store

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/permission.hpp"
#include "db/pool.hpp"
#include "repos/repo.hpp"

//! SQL for repositories and collaborators. Only rows in state 'ready' are ever returned.
namespace repos::store {

struct Collaborator {
    std::int64_t user_id;
    std::string username;
    auth::Role role;
};

//! Inserts the row in state 'creating' with its creator as admin collaborator and watcher;
//! conflict if the owner has a repository of that name (in any state).
core::Status insert_creating(db::Pool& pool, const Repo& repo, std::int64_t creator_id);
void set_state(db::Pool& pool, const std::string& id, const std::string& state);
//! Removes the row whatever its state (collaborators go with it).
void remove(db::Pool& pool, const std::string& id);
//! Ids of rows left in a state by a process that stopped mid-way.
std::vector<std::string> ids_in_state(db::Pool& pool, const std::string& state);

std::optional<Repo> find(db::Pool& pool, const std::string& id);
//! By owner and name, whatever their case.
std::optional<Repo> find_by_name(db::Pool& pool, const std::string& owner, const std::string& name);
std::optional<auth::Role> collaborator_role(db::Pool& pool, const std::string& repo_id, std::int64_t user_id);
//! What decides the user's access to the repository (auth::can reads it); nullopt when it is gone.
std::optional<auth::RepoGrant> grant(db::Pool& pool, const std::string& repo_id, std::int64_t user_id);
//! Repositories the user may read — public ones, ones they reach as a collaborator, through a
//! team or as an organization member, or all for site admins — of one owner unless owner_id is 0.
std::vector<Repo> list_readable(db::Pool& pool, std::int64_t user_id, bool site_admin, std::int64_t owner_id = 0);
//! Repositories the user reaches as a collaborator, through a team or as an organization member.
std::vector<Repo> list_collaborating(db::Pool& pool, std::int64_t user_id);

//! The forks of a repository, whoever may read them, oldest first.
std::vector<Repo> forks_of(db::Pool& pool, const std::string& id);
//! Its forks, their forks and so on: every repository that borrows its objects.
std::vector<Repo> descendants(db::Pool& pool, const std::string& id);
//! The repository is no fork any more (its parent went private: the networks part).
void detach(db::Pool& pool, const std::string& id);

//! Gives the repository a new owner and name in one transaction: its old owner/name becomes a
//! redirect to it, and a redirect the new owner/name held goes (the name is a repository's now).
//! conflict when the new owner has a repository of that name.
core::Status move(db::Pool& pool, const Repo& repo, std::int64_t owner_id, const std::string& name);
//! The repository an old owner/name redirects to.
std::optional<std::string> redirected(db::Pool& pool, const std::string& owner, const std::string& name);

void update_settings(db::Pool& pool, const std::string& id, const std::string& description, bool is_private,
                     const std::string& default_branch);
void record_push(db::Pool& pool, const std::string& id, std::int64_t size_bytes, std::int64_t pushed_at);

std::vector<Collaborator> collaborators(db::Pool& pool, const std::string& repo_id);
void set_collaborator(db::Pool& pool, const std::string& repo_id, std::int64_t user_id, auth::Role role);
//! False when the user was not a collaborator.
bool remove_collaborator(db::Pool& pool, const std::string& repo_id, std::int64_t user_id);
std::int64_t count_admins(db::Pool& pool, const std::string& repo_id);

}  // namespace repos::store

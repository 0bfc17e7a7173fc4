#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"
#include "orgs/org.hpp"

//! SQL for organizations, their members and teams. An organization is a row of users of kind
//! 'org' (auth::store reads it as a User with is_org set).
namespace orgs::store {

//! The organization and its creator as its first owner, in one transaction; conflict when the
//! name is any account's.
core::Result<std::int64_t> insert_org(db::Pool& pool, const std::string& name, const std::string& full_name,
                                      const std::string& description, std::int64_t creator_id);
void set_base_role(db::Pool& pool, std::int64_t org_id, const std::string& role);
std::string base_role(db::Pool& pool, std::int64_t org_id);

std::optional<MemberRole> member_role(db::Pool& pool, std::int64_t org_id, std::int64_t user_id);
std::vector<Member> members(db::Pool& pool, std::int64_t org_id);
void set_member(db::Pool& pool, std::int64_t org_id, std::int64_t user_id, MemberRole role);
//! Removes the membership and the user's places on the organization's teams.
void remove_member(db::Pool& pool, std::int64_t org_id, std::int64_t user_id);
std::int64_t count_owners(db::Pool& pool, std::int64_t org_id);
//! The organizations the user is a member of, by name.
std::vector<std::string> orgs_of(db::Pool& pool, std::int64_t user_id);

//! conflict when the organization has a team of that slug.
core::Result<Team> insert_team(db::Pool& pool, const Team& team);
std::optional<Team> find_team(db::Pool& pool, std::int64_t org_id, const std::string& slug);
std::vector<Team> teams(db::Pool& pool, std::int64_t org_id);
void remove_team(db::Pool& pool, std::int64_t team_id);

std::vector<Member> team_members(db::Pool& pool, std::int64_t team_id);
//! Also makes the user a member of the team's organization if they were not.
void add_team_member(db::Pool& pool, const Team& team, std::int64_t user_id);
bool remove_team_member(db::Pool& pool, std::int64_t team_id, std::int64_t user_id);

std::vector<TeamRepo> team_repos(db::Pool& pool, std::int64_t team_id);
void set_team_repo(db::Pool& pool, std::int64_t team_id, const std::string& repo_id, auth::Role role);
bool remove_team_repo(db::Pool& pool, std::int64_t team_id, const std::string& repo_id);
//! The teams that reach a repository, by name.
std::vector<RepoTeam> repo_teams(db::Pool& pool, const std::string& repo_id);

}  // namespace orgs::store

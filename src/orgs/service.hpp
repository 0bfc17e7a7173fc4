#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/actor.hpp"
#include "auth/store.hpp"
#include "core/result.hpp"
#include "orgs/org.hpp"

namespace db {
class Pool;
}
namespace auth {
class Accounts;
}
namespace repos {
class Service;
}

namespace orgs {

//! GitHub's team slug for a name: lowercase letters and digits, runs of anything else as one '-'.
core::Result<std::string> team_slug(std::string_view name);
//! GitHub's and Gitea's permission words (pull/read, push/write, admin) as a role.
std::optional<auth::Role> parse_permission(std::string_view word);
//! GitHub's word for a role: pull, push or admin.
std::string_view permission_name(auth::Role role);

//! Organizations, their members and teams: the rules; SQL lives in orgs::store. Owners (and
//! site admins) manage an organization; its members see its teams.
class Service {
public:
    Service(db::Pool& pool, auth::Accounts& accounts, repos::Service& repos);

    //! Any signed-in user creates organizations and becomes their owner, unless the site admin
    //! keeps creation to site admins.
    core::Result<auth::store::User> create(const auth::Actor& actor, const std::string& name, const std::string& full_name,
                                           const std::string& description);
    bool anyone_may_create();
    void set_anyone_may_create(bool anyone);

    //! The organization of that name (any case), if it is one.
    std::optional<auth::store::User> find(const std::string& name);
    std::optional<MemberRole> role(const auth::Actor& actor, const auth::store::User& org);
    //! Owners and site admins.
    bool manages(const auth::Actor& actor, const auth::store::User& org);
    //! Members, owners and site admins.
    bool sees_teams(const auth::Actor& actor, const auth::store::User& org);
    //! The base role every member has on the organization's repositories ("none" for none).
    std::string base_role(const auth::store::User& org);

    core::Status update(const auth::Actor& actor, const auth::store::User& org, const std::string& full_name,
                        const std::string& description, const std::string& website, const std::string& base_role);

    std::vector<Member> members(const auth::store::User& org);
    core::Status set_member(const auth::Actor& actor, const auth::store::User& org, const std::string& username, MemberRole role);
    //! Owners remove anyone, members themselves; the last owner stays.
    core::Status remove_member(const auth::Actor& actor, const auth::store::User& org, const std::string& username);
    //! The organizations the user is a member of.
    std::vector<std::string> orgs_of(std::int64_t user_id);

    std::vector<Team> teams(const auth::store::User& org);
    core::Result<Team> create_team(const auth::Actor& actor, const auth::store::User& org, const std::string& name,
                                   auth::Role permission, const std::string& description);
    //! not_found unless the caller sees the organization's teams.
    core::Result<Team> team(const auth::Actor& actor, const auth::store::User& org, const std::string& slug);
    core::Status delete_team(const auth::Actor& actor, const auth::store::User& org, const Team& team);
    std::vector<Member> team_members(const Team& team);
    //! The team's repositories the caller may read.
    std::vector<TeamRepo> team_repos(const auth::Actor& actor, const Team& team);
    //! Adding a user who is not a member makes them one, as GitHub's team memberships do.
    core::Status add_team_member(const auth::Actor& actor, const auth::store::User& org, const Team& team, const std::string& username);
    core::Status remove_team_member(const auth::Actor& actor, const auth::store::User& org, const Team& team, const std::string& username);
    //! The repository must be the organization's; no role means the team's permission.
    core::Status set_team_repo(const auth::Actor& actor, const auth::store::User& org, const Team& team, const std::string& owner,
                               const std::string& name, std::optional<auth::Role> role);
    core::Status remove_team_repo(const auth::Actor& actor, const auth::store::User& org, const Team& team, const std::string& owner,
                                  const std::string& name);
    //! The teams reaching a repository, for its collaborators page.
    std::vector<RepoTeam> repo_teams(const std::string& repo_id);

private:
    core::Result<auth::store::User> person(const std::string& username);

    db::Pool& pool_;
    auth::Accounts& accounts_;
    repos::Service& repos_;
};

}  // namespace orgs

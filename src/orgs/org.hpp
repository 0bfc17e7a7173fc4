#pragma once

#include <cstdint>
#include <string>

#include "auth/permission.hpp"

namespace orgs {

//! An organization member's role: owners administer the organization and all its repositories.
enum class MemberRole { member, owner };

struct Member {
    std::int64_t user_id = 0;
    std::string username;
    MemberRole role = MemberRole::member;
};

//! A team gives its members a role on the repositories added to it.
struct Team {
    std::int64_t id = 0;
    std::int64_t org_id = 0;
    std::string name;
    std::string slug;  //!< the name in URLs: lowercase letters, digits and '-', unique in the organization
    std::string description;
    auth::Role permission = auth::Role::read;  //!< the role a repository gets when added without one
    std::int64_t created_at = 0;
    std::int64_t members = 0;
    std::int64_t repos = 0;
};

//! A repository a team reaches, with the team's role on it.
struct TeamRepo {
    std::string repo_id;
    std::string full_name;
    auth::Role role = auth::Role::read;
};

//! A team that reaches a repository, with the role it gives.
struct RepoTeam {
    std::string org;
    Team team;
    auth::Role role = auth::Role::read;
};

}  // namespace orgs

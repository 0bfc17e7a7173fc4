#pragma once

#include <optional>
#include <string_view>

#include "auth/actor.hpp"

namespace auth {

//! What a caller may do with a repository; ordered, so `role >= Role::write` reads naturally.
enum class Role { none = 0, read = 1, write = 2, admin = 3 };

//! Everything about a repository and the actor that decides access, and nothing else.
struct RepoGrant {
    bool is_private = true;
    std::optional<Role> collaborator;  //!< the actor's own collaborator role, if any
    std::optional<Role> team;          //!< the best role a team of the actor has on it
    bool org_owner = false;            //!< the actor owns the organization that owns it
    std::optional<Role> org_member;    //!< the organization's base role, when the actor is a member
};

//! The one permission function. Every surface — web pages, git over HTTP and SSH, the API, raw
//! files, archives, search, CI and notifications — asks it, and nothing else reads roles:
//! site admin and the owners of the owning organization → admin; else the best of the
//! collaborator role, the actor's teams' roles and the organization's base role for members;
//! public repositories are readable by everyone, anonymous visitors included. A caller with
//! Role::none must be told "not found".
Role can(const Actor& actor, const RepoGrant& repo);

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace auth

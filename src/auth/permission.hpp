#pragma once

#include <optional>
#include <string_view>

#include "auth/actor.hpp"

namespace auth {

//! What a caller may do with a repository; ordered, so `role >= Role::write` reads naturally.
enum class Role { none = 0, read = 1, write = 2, admin = 3 };

//! Everything about a repository that decides access, and nothing else.
struct RepoGrant {
    bool is_private = true;
    std::optional<Role> collaborator;  //!< the actor's collaborator role, if any
};

//! The one permission function. Every surface — web pages, git over HTTP and SSH, the API, and
//! later raw files, archives, search and CI — asks it, and nothing else reads roles:
//! site admin → admin; else the collaborator role; public repositories are readable by
//! everyone, anonymous visitors included. A caller with Role::none must be told "not found".
Role can(const Actor& actor, const RepoGrant& repo);

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace auth

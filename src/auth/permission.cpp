#include "auth/permission.hpp"

#include <algorithm>

namespace auth {

Role can(const Actor& actor, const RepoGrant& repo) {
    Role role = repo.is_private ? Role::none : Role::read;
    if (!actor.signed_in()) return role;
    if (actor.is_admin || repo.org_owner) return Role::admin;
    for (const auto& granted : {repo.collaborator, repo.team, repo.org_member})
        if (granted) role = std::max(role, *granted);
    return role;
}

std::string_view role_name(Role role) {
    switch (role) {
        case Role::read: return "read";
        case Role::write: return "write";
        case Role::admin: return "admin";
        case Role::none: break;
    }
    return "none";
}

std::optional<Role> parse_role(std::string_view name) {
    if (name == "read") return Role::read;
    if (name == "write") return Role::write;
    if (name == "admin") return Role::admin;
    return std::nullopt;
}

}  // namespace auth

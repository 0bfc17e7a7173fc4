#include "auth/permission.hpp"

#include <algorithm>

namespace auth {

Role can(const Actor& actor, const RepoGrant& repo) {
    if (actor.signed_in() && actor.is_admin) return Role::admin;
    Role role = actor.signed_in() && repo.collaborator ? *repo.collaborator : Role::none;
    if (!repo.is_private) role = std::max(role, Role::read);
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

#include "repos/gate.hpp"

#include "http/render.hpp"
#include "repos/legacy.hpp"
#include "repos/service.hpp"

namespace repos {

http::Gate make_gate(http::Gate auth_gate, Service& repos) {
    return [auth_gate = std::move(auth_gate), &repos](http::Request& req, auth::Need need) -> std::optional<http::Response> {
        if (auto denied = auth_gate(req, need)) return denied;
        auth::Role role;
        switch (need) {
            case auth::Need::repo_read: case auth::Need::api_repo_read: role = auth::Role::read; break;
            case auth::Need::repo_write: case auth::Need::api_repo_write: role = auth::Role::write; break;
            case auth::Need::repo_admin: case auth::Need::api_repo_admin: role = auth::Role::admin; break;
            default: return std::nullopt;
        }
        auto access = repos.access(req.actor, req.params["owner"], req.params["repo"], role);
        if (!access && access.error().code == core::Errc::not_found)
            if (auto moved = legacy::redirect(req, repos)) return moved;  // /api/v1/repos/{id}/issues: {owner}/{repo} = {id}/issues
        if (!access) return need >= auth::Need::api_repo_read ? http::json_error(access.error()) : http::error_page(req, access.error());
        req.repo = std::move(access->repo);
        req.role = access->role;
        return std::nullopt;
    };
}

}  // namespace repos

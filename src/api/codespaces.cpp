#include "api/codespaces.hpp"

#include "api/github.hpp"
#include "http/router.hpp"
#include "workspaces/service.hpp"

namespace api {
namespace {

using auth::Need;
using github::json;
using workspaces::Workspace;

json codespace_json(const http::Request& req, const Workspace& w) {
    auto site = http::site_url(req);
    auto api = site + "/api/v1/user/codespaces/" + w.id;
    return {{"name", w.id},
            {"display_name", w.full_name() + " (" + w.ref + ")"},
            {"state", std::string(workspaces::state_name(w.state))},
            {"web_url", site + "/coder/" + w.id + "/"},
            {"url", api},
            {"start_url", api + "/start"},
            {"stop_url", api + "/stop"},
            {"owner", github::user_json(w.username)},
            {"repository", {{"full_name", w.full_name()}, {"name", w.repo_name}, {"owner", github::user_json(w.owner)},
                            {"html_url", site + "/" + w.full_name()}}},
            {"git_status", {{"ref", w.ref}}},
            {"pending_operation_disabled_reason", w.message},
            {"created_at", github::iso8601(w.created_at)},
            {"last_used_at", github::iso8601(w.last_used_at)},
            {"disk_bytes", w.disk_bytes}};
}

http::Response answer(const http::Request& req, const core::Result<Workspace>& w, unsigned status) {
    if (!w) return github::error(w.error());
    return http::json(status, codespace_json(req, *w));
}

http::Response create(workspaces::Service& service, http::Request& req) {
    std::string ref;
    if (!req.raw.body().empty()) {
        auto body = github::body_object(req);
        if (!body) return http::json_error(400, "The body must be a JSON object like {\"ref\": \"main\"}.");
        if (body->contains("ref") && !github::text(*body, "ref")) return http::json_error(422, "ref must be a string.");
        ref = github::text(*body, "ref").value_or("");
    }
    auto w = service.open(req.actor, *req.repo, ref);
    if (!w) return github::error(w.error());
    return http::json(w->state == workspaces::State::available ? 201 : 202, codespace_json(req, *w));
}

http::Response list(workspaces::Service& service, http::Request& req) {
    json out = json::array();
    for (const auto& w : service.list(req.actor)) out.push_back(codespace_json(req, w));
    return http::json(200, {{"total_count", out.size()}, {"codespaces", out}});
}

http::Response show(workspaces::Service& service, http::Request& req) { return answer(req, service.get(req.actor, req.params["name"]), 200); }

http::Response start(workspaces::Service& service, http::Request& req) {
    return answer(req, service.resume(req.actor, req.params["name"]), 200);
}

http::Response stop(workspaces::Service& service, http::Request& req) {
    return answer(req, service.shut_down(req.actor, req.params["name"]), 200);
}

http::Response remove(workspaces::Service& service, http::Request& req) {
    if (auto removed = service.remove(req.actor, req.params["name"]); !removed) return github::error(removed.error());
    return http::json(202, json::object());
}

}  // namespace

void register_codespace_routes(http::Router& r, workspaces::Service& service) {
    static constexpr http::Entry<workspaces::Service> kRoutes[] = {
        {"POST", "/api/v1/repos/{owner}/{repo}/codespaces", Need::api_repo_write, create},
        {"GET", "/api/v1/user/codespaces", Need::api, list},
        {"GET", "/api/v1/user/codespaces/{name}", Need::api, show},
        {"DELETE", "/api/v1/user/codespaces/{name}", Need::api, remove},
        {"POST", "/api/v1/user/codespaces/{name}/start", Need::api, start},
        {"POST", "/api/v1/user/codespaces/{name}/stop", Need::api, stop},
    };
    http::add_all(r, service, kRoutes);
}

}  // namespace api

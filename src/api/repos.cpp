#include "api/repos.hpp"

#include <nlohmann/json.hpp>

#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"

namespace api {
namespace {

using auth::Need;
using nlohmann::json;

http::Response error(const core::Error& e) { return http::json_error(http::status_of(e.code), e.message); }

json repo_json(const http::Request& req, const repos::Repo& repo) {
    return {{"id", repo.id},
            {"name", repo.name},
            {"description", repo.description},
            {"private", repo.is_private},
            {"default_branch", repo.default_branch},
            {"clone_url", repos::clone_url(req, repo.id)},
            {"ssh_url", repos::ssh_url(req, repo.id)},
            {"size", repo.size_bytes},
            {"created_at", repo.created_at},
            {"pushed_at", repo.pushed_at ? json(*repo.pushed_at) : json(nullptr)}};
}

std::optional<json> body_object(const http::Request& req) {
    auto body = json::parse(req.raw.body(), nullptr, false);
    if (!body.is_object()) return std::nullopt;
    return body;
}

// Field readers that treat a missing or wrongly typed field as absent rather than throwing.
std::string text(const json& body, const char* key) {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

bool flag(const json& body, const char* key) {
    auto it = body.find(key);
    return it != body.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

void register_repo_routes(http::Router& r, repos::Service& repos) {
    r.post("/api/v1/user/repos", Need::api, [&repos](http::Request& req) {
        auto body = body_object(req);
        if (!body || text(*body, "name").empty())
            return http::json_error(400, "Send JSON {\"name\", \"description\", \"private\", \"auto_init\"}.");
        repos::NewRepo spec{text(*body, "name"), text(*body, "description"), flag(*body, "private"),
                            flag(*body, "auto_init")};
        auto created = repos.create(req.actor, spec);
        if (!created) return error(created.error());
        return http::json(201, repo_json(req, *created));
    });

    r.get("/api/v1/user/repos", Need::api, [&repos](http::Request& req) {
        json list = json::array();
        for (const auto& repo : repos.collaborating(req.actor)) list.push_back(repo_json(req, repo));
        return http::json(200, list);
    });

    r.get("/api/v1/repos/{id}", Need::api, [&repos](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto out = repo_json(req, access->repo);
        out["permissions"] = {{"admin", access->role >= auth::Role::admin},
                              {"push", access->role >= auth::Role::write},
                              {"pull", true}};
        return http::json(200, out);
    });

    r.del("/api/v1/repos/{id}", Need::api, [&repos](http::Request& req) {
        auto id = req.params["id"];
        auto removed = repos.remove(req.actor, id, id);
        if (!removed) return error(removed.error());
        return http::Response{204, "application/json", "", {}};
    });

    r.add("PUT", "/api/v1/repos/{id}/collaborators/{username}", Need::api, [&repos](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"], auth::Role::admin);
        if (!access) return error(access.error());
        auto body = body_object(req);
        if (!body) return http::json_error(400, "Send JSON {\"permission\": \"read|write|admin\"}.");
        auto permission = text(*body, "permission");
        auto done = repos.set_collaborator(*access, req.params["username"], permission.empty() ? "write" : permission);
        if (!done) return error(done.error());
        return http::Response{204, "application/json", "", {}};
    });

    r.del("/api/v1/repos/{id}/collaborators/{username}", Need::api, [&repos](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"], auth::Role::admin);
        if (!access) return error(access.error());
        auto done = repos.remove_collaborator(*access, req.params["username"]);
        if (!done) return error(done.error());
        return http::Response{204, "application/json", "", {}};
    });
}

}  // namespace api

#include "api/repos.hpp"

#include <nlohmann/json.hpp>

#include "api/github.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "notifications/store.hpp"
#include "repos/service.hpp"

namespace api {
namespace {

using auth::Need;
using github::body_object;
using github::error;
using github::repo_access;
using nlohmann::json;

json repo_json(const http::Request& req, const repos::Repo& repo) {
    std::string api = http::site_url(req) + "/api/v1/repos/" + repo.full_name();
    return {{"id", repo.id},
            {"name", repo.name},
            {"full_name", repo.full_name()},
            {"owner", {{"login", repo.owner}, {"type", "User"}, {"html_url", http::site_url(req) + "/" + repo.owner}}},
            {"description", repo.description},
            {"private", repo.is_private},
            {"visibility", repo.is_private ? "private" : "public"},
            {"fork", false},
            {"default_branch", repo.default_branch},
            {"html_url", http::site_url(req) + "/" + repo.full_name()},
            {"url", api},
            {"issues_url", api + "/issues{/number}"},
            {"pulls_url", api + "/pulls{/number}"},
            {"clone_url", repos::clone_url(req, repo)},
            {"ssh_url", repos::ssh_url(req, repo)},
            {"size", repo.size_bytes},
            {"created_at", repo.created_at},
            {"pushed_at", repo.pushed_at ? json(*repo.pushed_at) : json(nullptr)}};
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

// GitHub's repository subscription: {"subscribed", "ignored", "reason", "created_at", …}.
json subscription_json(const http::Request& req, const repos::Repo& repo) {
    std::string url = http::site_url(req) + "/api/v1/repos/" + repo.full_name();
    return {{"subscribed", true}, {"ignored", false}, {"reason", nullptr}, {"url", url + "/subscription"}, {"repository_url", url}};
}

}  // namespace

void register_watch_routes(http::Router& r, repos::Service& repos, db::Pool& pool) {
    // GET answers 404 when the caller does not watch the repository, as GitHub does.
    r.get("/api/v1/repos/{owner}/{repo}/subscription", Need::api_repo_read, [&repos, &pool](http::Request& req) {
        auto access = repo_access(req);
        if (!notifications::store::watching(pool, access->repo.id, req.actor.user_id)) return http::json_error(404, "Not watching this repository.");
        return http::json(200, subscription_json(req, access->repo));
    });
    r.add("PUT", "/api/v1/repos/{owner}/{repo}/subscription", Need::api_repo_read, [&repos, &pool](http::Request& req) {
        auto access = repo_access(req);
        auto body = body_object(req);
        bool on = !body || !body->contains("subscribed") || (*body)["subscribed"] == true;
        if (body && body->contains("ignored") && (*body)["ignored"] == true) on = false;
        notifications::store::set_watching(pool, access->repo.id, req.actor.user_id, on);
        auto out = subscription_json(req, access->repo);
        out["subscribed"] = on;
        return http::json(200, out);
    });
    r.add("DELETE", "/api/v1/repos/{owner}/{repo}/subscription", Need::api_repo_read, [&repos, &pool](http::Request& req) {
        auto access = repo_access(req);
        notifications::store::set_watching(pool, access->repo.id, req.actor.user_id, false);
        return http::Response{204, "application/json", "", {}};
    });
}

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

    r.get("/api/v1/repos/{owner}/{repo}", Need::api_repo_read, [&repos](http::Request& req) {
        auto access = repo_access(req);
        auto out = repo_json(req, access->repo);
        out["permissions"] = {{"admin", access->role >= auth::Role::admin},
                              {"push", access->role >= auth::Role::write},
                              {"pull", true}};
        return http::json(200, out);
    });

    r.del("/api/v1/repos/{owner}/{repo}", Need::api_repo_admin, [&repos](http::Request& req) {
        auto removed = repos.remove(req.actor, req.repo->id, req.repo->full_name());
        if (!removed) return error(removed.error());
        return http::Response{204, "application/json", "", {}};
    });

    r.add("PUT", "/api/v1/repos/{owner}/{repo}/collaborators/{username}", Need::api_repo_admin, [&repos](http::Request& req) {
        auto access = repo_access(req);
        auto body = body_object(req);
        if (!body) return http::json_error(400, "Send JSON {\"permission\": \"read|write|admin\"}.");
        auto permission = text(*body, "permission");
        auto done = repos.set_collaborator(*access, req.params["username"], permission.empty() ? "write" : permission);
        if (!done) return error(done.error());
        return http::Response{204, "application/json", "", {}};
    });

    r.del("/api/v1/repos/{owner}/{repo}/collaborators/{username}", Need::api_repo_admin, [&repos](http::Request& req) {
        auto access = repo_access(req);
        auto done = repos.remove_collaborator(*access, req.params["username"]);
        if (!done) return error(done.error());
        return http::Response{204, "application/json", "", {}};
    });
}

}  // namespace api

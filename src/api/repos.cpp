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
using github::repo_json;
using nlohmann::json;

// Field readers that treat a missing or wrongly typed field as absent rather than throwing.
std::string text(const json& body, const char* key) {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

bool flag(const json& body, const char* key) {
    auto it = body.find(key);
    return it != body.end() && it->is_boolean() && it->get<bool>();
}

// A repository with its parent (the one it was forked from, when the caller may read it) and
// the network's source, as GitHub's single-repository answers carry them.
json full_repo_json(const http::Request& req, repos::Service& repos, const repos::Repo& repo) {
    auto out = repo_json(req, repo);
    for (auto id = repo.fork_of; !id.empty();) {
        auto up = repos.access(req.actor, id);
        if (!up) break;
        if (!out.contains("parent")) out["parent"] = repo_json(req, up->repo);
        out["source"] = repo_json(req, up->repo);
        id = up->repo.fork_of;
    }
    return out;
}

// GitHub's repository subscription: {"subscribed", "ignored", "reason", "created_at", …}.
json subscription_json(const http::Request& req, const repos::Repo& repo) {
    std::string url = http::site_url(req) + "/api/v1/repos/" + repo.full_name();
    return {{"subscribed", true}, {"ignored", false}, {"reason", nullptr}, {"url", url + "/subscription"}, {"repository_url", url}};
}

http::Response create(repos::Service& repos, http::Request& req) {
    auto body = body_object(req);
    if (!body || text(*body, "name").empty())
        return http::json_error(400, "Send JSON {\"name\", \"description\", \"private\", \"auto_init\"}.");
    repos::NewRepo spec{text(*body, "name"), text(*body, "description"), flag(*body, "private"),
                        flag(*body, "auto_init")};
    auto created = repos.create(req.actor, spec);
    if (!created) return error(created.error());
    return http::json(201, repo_json(req, *created));
}

http::Response list_mine(repos::Service& repos, http::Request& req) {
    json list = json::array();
    for (const auto& repo : repos.collaborating(req.actor)) list.push_back(repo_json(req, repo));
    return http::json(200, list);
}

http::Response get(repos::Service& repos, http::Request& req) {
    auto access = repo_access(req);
    auto out = full_repo_json(req, repos, access->repo);
    out["permissions"] = {{"admin", access->role >= auth::Role::admin},
                          {"push", access->role >= auth::Role::write},
                          {"pull", true}};
    return http::json(200, out);
}

// GitHub's fork: {"organization"} (optional), answered 202 with the fork.
http::Response fork(repos::Service& repos, http::Request& req) {
    auto body = body_object(req);
    auto fork = repos.fork(req.actor, *repo_access(req), body ? text(*body, "organization") : "");
    if (!fork) return error(fork.error());
    return http::json(202, full_repo_json(req, repos, *fork));
}

http::Response forks(repos::Service& repos, http::Request& req) {
    json list = json::array();
    for (const auto& fork : repos.forks(req.actor, *req.repo)) list.push_back(repo_json(req, fork));
    return http::json(200, list);
}

// GitHub's update: any of name (a rename), description, private and default_branch.
http::Response update(repos::Service& repos, http::Request& req) {
    auto body = body_object(req);
    if (!body) return http::json_error(400, "Send a JSON object with the fields to change: name, description, private, default_branch.");
    auto access = *repo_access(req);
    auto& repo = access.repo;
    auto it = body->find("private");
    bool is_private = it != body->end() && it->is_boolean() ? it->get<bool>() : repo.is_private;
    auto done = repos.update(access, body->contains("description") ? text(*body, "description") : repo.description, is_private,
                             body->contains("default_branch") ? text(*body, "default_branch") : repo.default_branch);
    if (!done) return error(done.error());
    auto changed = repos.find(repo.id);
    if (auto name = text(*body, "name"); !name.empty() && name != repo.name) {
        auto renamed = repos.rename(access, name);
        if (!renamed) return error(renamed.error());
        changed = *renamed;
    }
    return http::json(200, repo_json(req, *changed));
}

// GitHub's transfer: {"new_owner"}, answered 202 with the repository at its new place.
http::Response transfer(repos::Service& repos, http::Request& req) {
    auto body = body_object(req);
    if (!body || text(*body, "new_owner").empty()) return http::json_error(400, "Send JSON {\"new_owner\": \"…\"}.");
    auto moved = repos.transfer(req.actor, *repo_access(req), text(*body, "new_owner"));
    if (!moved) return error(moved.error());
    return http::json(202, repo_json(req, *moved));
}

http::Response remove(repos::Service& repos, http::Request& req) {
    auto removed = repos.remove(req.actor, req.repo->id, req.repo->full_name());
    if (!removed) return error(removed.error());
    return http::Response{204, "application/json", "", {}};
}

http::Response set_collaborator(repos::Service& repos, http::Request& req) {
    auto access = repo_access(req);
    auto body = body_object(req);
    if (!body) return http::json_error(400, "Send JSON {\"permission\": \"read|write|admin\"}.");
    auto permission = text(*body, "permission");
    auto done = repos.set_collaborator(*access, req.params["username"], permission.empty() ? "write" : permission);
    if (!done) return error(done.error());
    return http::Response{204, "application/json", "", {}};
}

http::Response remove_collaborator(repos::Service& repos, http::Request& req) {
    auto access = repo_access(req);
    auto done = repos.remove_collaborator(*access, req.params["username"]);
    if (!done) return error(done.error());
    return http::Response{204, "application/json", "", {}};
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
    static constexpr http::Entry<repos::Service> kRoutes[] = {
        {"POST", "/api/v1/user/repos", Need::api, create},
        {"GET", "/api/v1/user/repos", Need::api, list_mine},
        {"GET", "/api/v1/repos/{owner}/{repo}", Need::api_repo_read, get},
        {"POST", "/api/v1/repos/{owner}/{repo}/forks", Need::api_repo_read, fork},
        {"GET", "/api/v1/repos/{owner}/{repo}/forks", Need::api_repo_read, forks},
        {"PATCH", "/api/v1/repos/{owner}/{repo}", Need::api_repo_admin, update},
        {"POST", "/api/v1/repos/{owner}/{repo}/transfer", Need::api_repo_admin, transfer},
        {"DELETE", "/api/v1/repos/{owner}/{repo}", Need::api_repo_admin, remove},
        {"PUT", "/api/v1/repos/{owner}/{repo}/collaborators/{username}", Need::api_repo_admin, set_collaborator},
        {"DELETE", "/api/v1/repos/{owner}/{repo}/collaborators/{username}", Need::api_repo_admin, remove_collaborator},
    };
    http::add_all(r, repos, kRoutes);
}

}  // namespace api

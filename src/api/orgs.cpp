#include "api/orgs.hpp"

#include "api/github.hpp"
#include "auth/service.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "orgs/service.hpp"
#include "repos/service.hpp"

namespace api {
namespace {

using auth::Need;
using auth::store::User;
using github::account_json;
using github::body_object;
using github::error;
using nlohmann::json;

// The handlers below share what every organization route needs.
struct Context {
    auth::Accounts& accounts;
    orgs::Service& orgs;
    repos::Service& repos;
};

http::Response no_content() { return http::Response{204, "application/json", "", {}}; }

std::string field(const json& body, const char* key) { return github::text(body, key).value_or(""); }

std::optional<User> org_of(Context& c, const http::Request& req) { return c.orgs.find(req.params.at("org")); }

http::Response no_org(const http::Request& req) { return http::json_error(404, "There is no organization \"" + req.params.at("org") + "\"."); }

json team_json(const http::Request& req, const User& org, const orgs::Team& team) {
    std::string url = http::site_url(req) + "/api/v1/orgs/" + org.username + "/teams/" + team.slug;
    return {{"id", team.id},
            {"name", team.name},
            {"slug", team.slug},
            {"description", team.description},
            {"permission", std::string(orgs::permission_name(team.permission))},
            {"privacy", "closed"},
            {"members_count", team.members},
            {"repos_count", team.repos},
            {"url", url},
            {"html_url", http::site_url(req) + "/orgs/" + org.username + "/teams/" + team.slug},
            {"organization", account_json(req, org)}};
}

json membership_json(const http::Request& req, const User& org, const User& user, orgs::MemberRole role) {
    return {{"state", "active"},
            {"role", role == orgs::MemberRole::owner ? "admin" : "member"},
            {"user", account_json(req, user)},
            {"organization", account_json(req, org)}};
}

json people_json(Context& c, const http::Request& req, const std::vector<orgs::Member>& members) {
    json out = json::array();
    for (const auto& m : members)
        if (auto user = c.accounts.user(m.user_id)) out.push_back(account_json(req, *user));
    return out;
}

json repo_list(const http::Request& req, const std::vector<repos::Repo>& list) {
    json out = json::array();
    for (const auto& repo : list) out.push_back(github::repo_json(req, repo));
    return out;
}

// --- Organizations ---------------------------------------------------------------------------

// Gitea's create: {"username", "full_name", "description"}; GitHub's "login" is taken too.
http::Response create_org(Context& c, http::Request& req) {
    auto body = body_object(req);
    auto name = body ? github::text(*body, "username").value_or(field(*body, "login")) : "";
    if (name.empty()) return http::json_error(400, "Send JSON {\"username\", \"full_name\", \"description\"}.");
    auto org = c.orgs.create(req.actor, name, field(*body, "full_name"), field(*body, "description"));
    if (!org) return error(org.error());
    return http::json(201, account_json(req, *org));
}

http::Response get_org(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto out = account_json(req, *org);
    out["default_repository_permission"] = c.orgs.base_role(*org);
    out["public_repos"] = c.repos.readable(auth::Actor{}, org->id).size();
    return http::json(200, out);
}

// GitHub's update: any of name (the display name), description, blog (the website) and
// default_repository_permission; Gitea's full_name and website are read too.
http::Response update_org(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto body = body_object(req);
    if (!body) return http::json_error(400, "Send a JSON object with the fields to change.");
    auto pick = [&](std::initializer_list<const char*> keys, const std::string& current) {
        for (auto key : keys)
            if (auto value = github::text(*body, key)) return *value;
        return current;
    };
    auto done = c.orgs.update(req.actor, *org, pick({"full_name", "name"}, org->full_name), pick({"description"}, org->bio),
                              pick({"website", "blog"}, org->website), pick({"default_repository_permission"}, c.orgs.base_role(*org)));
    if (!done) return error(done.error());
    return get_org(c, req);
}

http::Response list_members(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    return http::json(200, people_json(c, req, c.orgs.members(*org)));
}

std::optional<User> person(Context& c, const http::Request& req) {
    auto user = c.accounts.user_by_username(req.params.at("username"));
    if (!user || user->is_org) return std::nullopt;
    return user;
}

http::Response get_membership(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto user = person(c, req);
    auto role = user ? c.orgs.role(auth::Actor{user->id, user->username}, *org) : std::nullopt;
    if (!role) return http::json_error(404, req.params.at("username") + " is not a member of " + org->username + ".");
    return http::json(200, membership_json(req, *org, *user, *role));
}

// GitHub's {"role": "admin" | "member"}: admin is an owner.
http::Response set_membership(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto body = body_object(req);
    auto word = body ? field(*body, "role") : "member";
    if (word != "admin" && word != "member" && !word.empty()) return http::json_error(422, "The role must be admin or member.");
    auto role = word == "admin" ? orgs::MemberRole::owner : orgs::MemberRole::member;
    auto done = c.orgs.set_member(req.actor, *org, req.params.at("username"), role);
    if (!done) return error(done.error());
    return http::json(200, membership_json(req, *org, *person(c, req), role));
}

http::Response remove_member(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto done = c.orgs.remove_member(req.actor, *org, req.params.at("username"));
    if (!done) return error(done.error());
    return no_content();
}

http::Response list_org_repos(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    return http::json(200, repo_list(req, c.repos.readable(req.actor, org->id)));
}

// The body of POST /api/v1/user/repos, into the organization.
http::Response create_org_repo(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto body = body_object(req);
    if (!body || field(*body, "name").empty())
        return http::json_error(400, "Send JSON {\"name\", \"description\", \"private\", \"auto_init\"}.");
    auto flag = [&](const char* key) { return body->value(key, json(false)).is_boolean() && body->value(key, false); };
    repos::NewRepo spec{field(*body, "name"), field(*body, "description"), flag("private"), flag("auto_init"), org->username};
    auto created = c.repos.create(req.actor, spec);
    if (!created) return error(created.error());
    return http::json(201, github::repo_json(req, *created));
}

http::Response my_orgs(Context& c, http::Request& req) {
    json out = json::array();
    for (const auto& name : c.orgs.orgs_of(req.actor.user_id))
        if (auto org = c.orgs.find(name)) out.push_back(account_json(req, *org));
    return http::json(200, out);
}

http::Response get_user(Context& c, http::Request& req) {
    auto user = c.accounts.user_by_username(req.params.at("username"));
    if (!user || user->disabled) return http::json_error(404, "There is no user \"" + req.params.at("username") + "\".");
    return http::json(200, account_json(req, *user));
}

http::Response user_orgs(Context& c, http::Request& req) {
    auto user = person(c, req);
    if (!user) return http::json_error(404, "There is no user \"" + req.params.at("username") + "\".");
    json out = json::array();
    for (const auto& name : c.orgs.orgs_of(user->id))
        if (auto org = c.orgs.find(name)) out.push_back(account_json(req, *org));
    return http::json(200, out);
}

http::Response user_repos(Context& c, http::Request& req) {
    auto user = c.accounts.user_by_username(req.params.at("username"));
    if (!user) return http::json_error(404, "There is no user \"" + req.params.at("username") + "\".");
    return http::json(200, repo_list(req, c.repos.readable(req.actor, user->id)));
}

// --- Teams -----------------------------------------------------------------------------------

http::Response list_teams(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    if (!c.orgs.sees_teams(req.actor, *org)) return http::json_error(403, "Only members of " + org->username + " see its teams.");
    json out = json::array();
    for (const auto& team : c.orgs.teams(*org)) out.push_back(team_json(req, *org, team));
    return http::json(200, out);
}

// GitHub's {"name", "description", "permission": "pull" | "push" | "admin"} (pull when absent).
http::Response create_team(Context& c, http::Request& req) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto body = body_object(req);
    if (!body || field(*body, "name").empty()) return http::json_error(400, "Send JSON {\"name\", \"permission\": \"pull|push|admin\"}.");
    auto word = field(*body, "permission");
    auto permission = word.empty() ? std::optional(auth::Role::read) : orgs::parse_permission(word);
    if (!permission) return http::json_error(422, "The permission must be pull, push or admin.");
    auto team = c.orgs.create_team(req.actor, *org, field(*body, "name"), *permission, field(*body, "description"));
    if (!team) return error(team.error());
    return http::json(201, team_json(req, *org, *team));
}

// Runs fn(org, team) for a route under /api/v1/orgs/{org}/teams/{team_slug}.
template <class Fn>
http::Response with_team(Context& c, http::Request& req, Fn fn) {
    auto org = org_of(c, req);
    if (!org) return no_org(req);
    auto team = c.orgs.team(req.actor, *org, req.params.at("team_slug"));
    if (!team) return error(team.error());
    return fn(*org, *team);
}

http::Response get_team(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User& org, const orgs::Team& team) { return http::json(200, team_json(req, org, team)); });
}

http::Response delete_team(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User& org, const orgs::Team& team) {
        auto done = c.orgs.delete_team(req.actor, org, team);
        return done ? no_content() : error(done.error());
    });
}

http::Response team_members(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User&, const orgs::Team& team) { return http::json(200, people_json(c, req, c.orgs.team_members(team))); });
}

http::Response add_team_member(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User& org, const orgs::Team& team) {
        auto done = c.orgs.add_team_member(req.actor, org, team, req.params.at("username"));
        if (!done) return error(done.error());
        return http::json(200, {{"state", "active"}, {"role", "member"}, {"url", http::site_url(req) + std::string(req.raw.target())}});
    });
}

http::Response remove_team_member(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User& org, const orgs::Team& team) {
        auto done = c.orgs.remove_team_member(req.actor, org, team, req.params.at("username"));
        return done ? no_content() : error(done.error());
    });
}

http::Response team_repos(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User&, const orgs::Team& team) {
        json out = json::array();
        for (const auto& reached : c.orgs.team_repos(req.actor, team))
            if (auto repo = c.repos.find(reached.repo_id)) {
                auto entry = github::repo_json(req, *repo);
                entry["role_name"] = std::string(auth::role_name(reached.role));
                entry["permissions"] = {{"admin", reached.role >= auth::Role::admin}, {"push", reached.role >= auth::Role::write}, {"pull", true}};
                out.push_back(entry);
            }
        return http::json(200, out);
    });
}

// GitHub's {"permission": "pull" | "push" | "admin"}; the team's own permission when absent.
http::Response set_team_repo(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User& org, const orgs::Team& team) {
        auto body = body_object(req);
        auto word = body ? field(*body, "permission") : "";
        auto role = word.empty() ? std::nullopt : orgs::parse_permission(word);
        if (!word.empty() && !role) return http::json_error(422, "The permission must be pull, push or admin.");
        auto done = c.orgs.set_team_repo(req.actor, org, team, req.params.at("owner"), req.params.at("repo"), role);
        return done ? no_content() : error(done.error());
    });
}

http::Response remove_team_repo(Context& c, http::Request& req) {
    return with_team(c, req, [&](const User& org, const orgs::Team& team) {
        auto done = c.orgs.remove_team_repo(req.actor, org, team, req.params.at("owner"), req.params.at("repo"));
        return done ? no_content() : error(done.error());
    });
}

}  // namespace

void register_org_routes(http::Router& r, auth::Accounts& accounts, orgs::Service& orgs, repos::Service& repos) {
    static constexpr http::Entry<Context> kRoutes[] = {
        {"POST", "/api/v1/orgs", Need::api, create_org},
        {"GET", "/api/v1/orgs/{org}", Need::api, get_org},
        {"PATCH", "/api/v1/orgs/{org}", Need::api, update_org},
        {"GET", "/api/v1/orgs/{org}/members", Need::api, list_members},
        {"DELETE", "/api/v1/orgs/{org}/members/{username}", Need::api, remove_member},
        {"GET", "/api/v1/orgs/{org}/memberships/{username}", Need::api, get_membership},
        {"PUT", "/api/v1/orgs/{org}/memberships/{username}", Need::api, set_membership},
        {"GET", "/api/v1/orgs/{org}/repos", Need::api, list_org_repos},
        {"POST", "/api/v1/orgs/{org}/repos", Need::api, create_org_repo},
        {"GET", "/api/v1/orgs/{org}/teams", Need::api, list_teams},
        {"POST", "/api/v1/orgs/{org}/teams", Need::api, create_team},
        {"GET", "/api/v1/orgs/{org}/teams/{team_slug}", Need::api, get_team},
        {"DELETE", "/api/v1/orgs/{org}/teams/{team_slug}", Need::api, delete_team},
        {"GET", "/api/v1/orgs/{org}/teams/{team_slug}/members", Need::api, team_members},
        {"PUT", "/api/v1/orgs/{org}/teams/{team_slug}/memberships/{username}", Need::api, add_team_member},
        {"DELETE", "/api/v1/orgs/{org}/teams/{team_slug}/memberships/{username}", Need::api, remove_team_member},
        {"GET", "/api/v1/orgs/{org}/teams/{team_slug}/repos", Need::api, team_repos},
        {"PUT", "/api/v1/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}", Need::api, set_team_repo},
        {"DELETE", "/api/v1/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}", Need::api, remove_team_repo},
        {"GET", "/api/v1/user/orgs", Need::api, my_orgs},
        {"GET", "/api/v1/users/{username}", Need::api, get_user},
        {"GET", "/api/v1/users/{username}/orgs", Need::api, user_orgs},
        {"GET", "/api/v1/users/{username}/repos", Need::api, user_repos},
    };
    http::add_all(r, std::make_shared<Context>(Context{accounts, orgs, repos}), kRoutes);
}

}  // namespace api

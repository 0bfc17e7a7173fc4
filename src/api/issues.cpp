#include "api/issues.hpp"

#include "api/github.hpp"
#include "http/router.hpp"
#include "issues/service.hpp"
#include "repos/service.hpp"

namespace api {

using auth::Need;
using namespace github;

namespace {

// What the routes share.
struct Routes {
    repos::Service& repos;
    issues::Service& issues;
};

http::Response list(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto access = repo_access(req);
    issues::Filter filter;
    filter.state = req.query_or("state", "open");
    filter.label = req.query_or("labels", "");
    filter.assignee = req.query_or("assignee", "");
    filter.author = req.query_or("creator", "");
    filter.text = req.query_or("q", "");
    filter.sort = req.query_or("sort", "newest");
    filter.page = http::parse_number(req.query_or("page", "1")).value_or(1);
    filter.per_page = http::parse_number(req.query_or("per_page", "30")).value_or(30);
    json list = json::array();
    for (const auto& issue : issues.list(*access, filter).issues) list.push_back(issue_json(req, access->repo, issue));
    return http::json(200, list);
}

http::Response create(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto access = repo_access(req);
    auto body = body_object(req);
    if (!body || !text(*body, "title"))
        return http::json_error(400, "Send JSON {\"title\", \"body\", \"labels\", \"assignees\"}.");
    issues::NewIssue spec{*text(*body, "title"), text(*body, "body").value_or(""),
                          names(*body, "labels").value_or(std::vector<std::string>{}),
                          names(*body, "assignees").value_or(std::vector<std::string>{})};
    auto created = issues.create(*access, req.actor, spec);
    if (!created) return error(created.error());
    return http::json(201, issue_json(req, access->repo, *created));
}

http::Response get(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto access = repo_access(req);
    auto number = http::parse_number(req.params["n"]);
    auto issue = number ? issues.get(*access, *number) : core::fail(core::Errc::not_found, "No such issue.");
    if (!issue) return error(issue.error());
    return http::json(200, issue_json(req, access->repo, *issue));
}

http::Response update(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto access = repo_access(req);
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::json_error(404, "No such issue.");
    auto body = body_object(req);
    if (!body) return http::json_error(400, "Send a JSON object with the fields to change.");
    issues::Update update{text(*body, "title"), text(*body, "body"), text(*body, "state"),
                          text(*body, "state_reason").value_or("completed"), names(*body, "labels"),
                          names(*body, "assignees")};
    auto changed = issues.update(*access, req.actor, *number, update);
    if (!changed) return error(changed.error());
    return http::json(200, issue_json(req, access->repo, *changed));
}

http::Response comments(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto access = repo_access(req);
    auto number = http::parse_number(req.params["n"]);
    auto issue = number ? issues.get(*access, *number) : core::fail(core::Errc::not_found, "No such issue.");
    if (!issue) return error(issue.error());
    json list = json::array();
    for (const auto& c : issues.comments(*issue)) list.push_back(comment_json(c));
    return http::json(200, list);
}

http::Response comment(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto access = repo_access(req);
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::json_error(404, "No such issue.");
    auto body = body_object(req);
    if (!body || !text(*body, "body")) return http::json_error(400, "Send JSON {\"body\"}.");
    std::optional<std::int64_t> parent;
    if (auto it = body->find("in_reply_to"); it != body->end() && it->is_number_integer()) parent = it->get<std::int64_t>();
    auto comment = issues.comment(*access, req.actor, *number, *text(*body, "body"), parent);
    if (!comment) return error(comment.error());
    return http::json(201, comment_json(*comment));
}

}  // namespace

void register_issue_routes(http::Router& r, repos::Service& repos, issues::Service& issues) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"GET", "/api/v1/repos/{owner}/{repo}/issues", Need::api_repo_read, list},
        {"POST", "/api/v1/repos/{owner}/{repo}/issues", Need::api_repo_read, create},
        {"GET", "/api/v1/repos/{owner}/{repo}/issues/{n}", Need::api_repo_read, get},
        {"PATCH", "/api/v1/repos/{owner}/{repo}/issues/{n}", Need::api_repo_read, update},
        {"GET", "/api/v1/repos/{owner}/{repo}/issues/{n}/comments", Need::api_repo_read, comments},
        {"POST", "/api/v1/repos/{owner}/{repo}/issues/{n}/comments", Need::api_repo_read, comment},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{repos, issues}), kRoutes);
}

}  // namespace api

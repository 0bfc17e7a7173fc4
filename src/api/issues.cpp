#include "api/issues.hpp"

#include <nlohmann/json.hpp>

#include <ctime>

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "issues/service.hpp"
#include "pulls/reviews.hpp"
#include "pulls/service.hpp"
#include "repos/service.hpp"

namespace api {
namespace {

using auth::Need;
using nlohmann::json;

http::Response error(const core::Error& e) { return http::json_error(http::status_of(e.code), e.message); }

// "2026-11-26T09:30:00Z", as GitHub writes times.
json iso8601(std::optional<std::int64_t> unix_seconds) {
    if (!unix_seconds) return nullptr;
    std::time_t t = *unix_seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

json user_json(const std::string& username) { return username.empty() ? json(nullptr) : json{{"login", username}}; }

json issue_json(const http::Request& req, const std::string& repo_id, const issues::Issue& issue) {
    json labels = json::array(), assignees = json::array();
    for (const auto& l : issue.labels)
        labels.push_back({{"id", l.id}, {"name", l.name}, {"color", l.color}, {"description", l.description}});
    for (const auto& a : issue.assignees) assignees.push_back(user_json(a));
    return {{"id", issue.id},
            {"number", issue.number},
            {"title", issue.title},
            {"body", issue.body},
            {"state", issue.state},
            {"state_reason", issue.state_reason.empty() ? json(nullptr) : json(issue.state_reason)},
            {"user", user_json(issue.author)},
            {"labels", labels},
            {"assignees", assignees},
            {"assignee", assignees.empty() ? json(nullptr) : assignees.front()},
            {"comments", issue.comment_count},
            {"created_at", iso8601(issue.created_at)},
            {"updated_at", iso8601(issue.updated_at)},
            {"closed_at", iso8601(issue.closed_at)},
            {"html_url", req.config->prefix + "/repos/" + repo_id + "/issues/" + std::to_string(issue.number)}};
}

json comment_json(const issues::Comment& c) {
    return {{"id", c.id},
            {"body", c.body},
            {"user", user_json(c.author)},
            {"in_reply_to_id", c.parent_id ? json(*c.parent_id) : json(nullptr)},
            {"created_at", iso8601(c.created_at)},
            {"updated_at", iso8601(c.updated_at)}};
}

std::optional<json> body_object(const http::Request& req) {
    auto body = json::parse(req.raw.body(), nullptr, false);
    if (!body.is_object()) return std::nullopt;
    return body;
}

std::optional<std::string> text(const json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

// A list of names: ["bug", "ui"], or GitHub's label objects [{"name": "bug"}].
std::optional<std::vector<std::string>> names(const json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_array()) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& item : *it) {
        if (item.is_string()) out.push_back(item.get<std::string>());
        else if (item.is_object() && item.contains("name") && item["name"].is_string()) out.push_back(item["name"].get<std::string>());
    }
    return out;
}

json pull_json(const http::Request& req, const std::string& repo_id, const pulls::Pull& pull) {
    auto out = issue_json(req, repo_id, pull.issue);
    out["html_url"] = req.config->prefix + "/repos/" + repo_id + "/prs/" + std::to_string(pull.issue.number);
    out["head"] = {{"ref", pull.head}, {"sha", pull.head_sha}};
    out["base"] = {{"ref", pull.base}, {"sha", pull.base_sha}};
    out["draft"] = pull.draft;
    out["merged"] = pull.merged();
    out["mergeable"] = pull.mergeable == "unknown" ? json(nullptr) : json(pull.mergeable == "clean");
    out["mergeable_state"] = pull.mergeable == "conflict" ? "dirty" : pull.mergeable;
    out["merged_at"] = iso8601(pull.merged_at);
    out["merged_by"] = user_json(pull.merged_by);
    out["merge_commit_sha"] = pull.merge_commit.empty() ? json(nullptr) : json(pull.merge_commit);
    return out;
}

const char* review_state(const std::string& state) {
    return state == "approved" ? "APPROVED" : state == "changes_requested" ? "CHANGES_REQUESTED" : "COMMENTED";
}

json review_json(const pulls::Review& r) {
    return {{"id", r.id}, {"user", user_json(r.author)}, {"state", review_state(r.state)}, {"body", r.body},
            {"commit_id", r.commit_sha}, {"submitted_at", iso8601(r.created_at)}};
}

json line_comment_json(const pulls::LineComment& c) {
    return {{"id", c.id},
            {"user", user_json(c.author)},
            {"body", c.body},
            {"path", c.path},
            {"line", c.line},
            {"side", c.side == "old" ? "LEFT" : "RIGHT"},
            {"commit_id", c.commit_sha},
            {"pull_request_review_id", c.review_id ? json(*c.review_id) : json(nullptr)},
            {"in_reply_to_id", c.parent_id ? json(*c.parent_id) : json(nullptr)},
            {"outdated", c.outdated},
            {"created_at", iso8601(c.created_at)}};
}

pulls::NewLineComment new_line_comment(const json& item) {
    pulls::NewLineComment c;
    c.path = text(item, "path").value_or("");
    if (auto it = item.find("line"); it != item.end() && it->is_number_integer()) c.line = it->get<std::int64_t>();
    c.side = text(item, "side").value_or("RIGHT") == "LEFT" ? "old" : "new";
    c.body = text(item, "body").value_or("");
    if (auto it = item.find("in_reply_to"); it != item.end() && it->is_number_integer()) c.in_reply_to = it->get<std::int64_t>();
    return c;
}

}  // namespace

void register_review_routes(http::Router& r, repos::Service& repos, pulls::Service& pulls, pulls::Reviews& reviews) {
    // The pull request for an API call, or the error to answer with.
    auto load = [&repos, &pulls](http::Request& req, std::optional<repos::Access>& access) -> core::Result<pulls::Pull> {
        auto found = repos.access(req.actor, req.params["id"]);
        if (!found) return tl::unexpected(found.error());
        access = *found;
        auto number = http::parse_number(req.params["n"]);
        if (!number) return core::fail(core::Errc::not_found, "No such pull request.");
        return pulls.get(*access, *number);
    };

    r.get("/api/v1/repos/{id}/pulls/{n}/reviews", Need::api, [load, &reviews](http::Request& req) {
        std::optional<repos::Access> access;
        auto pull = load(req, access);
        if (!pull) return error(pull.error());
        json list = json::array();
        for (const auto& review : reviews.reviews(*pull)) list.push_back(review_json(review));
        return http::json(200, list);
    });

    r.post("/api/v1/repos/{id}/pulls/{n}/reviews", Need::api, [load, &reviews](http::Request& req) {
        std::optional<repos::Access> access;
        auto pull = load(req, access);
        if (!pull) return error(pull.error());
        auto body = body_object(req);
        if (!body) return http::json_error(400, "Send JSON {\"body\", \"event\": \"APPROVE|REQUEST_CHANGES|COMMENT\", \"comments\"}.");
        auto event = text(*body, "event").value_or("COMMENT");
        std::string state = event == "APPROVE" ? "approved" : event == "REQUEST_CHANGES" ? "changes_requested" : event == "COMMENT" ? "commented" : "";
        std::vector<pulls::NewLineComment> comments;
        if (auto it = body->find("comments"); it != body->end() && it->is_array())
            for (const auto& item : *it)
                if (item.is_object()) comments.push_back(new_line_comment(item));
        auto review = reviews.submit(*access, req.actor, *pull, state, text(*body, "body").value_or(""), comments);
        if (!review) return error(review.error());
        return http::json(200, review_json(*review));
    });

    r.get("/api/v1/repos/{id}/pulls/{n}/comments", Need::api, [load, &reviews](http::Request& req) {
        std::optional<repos::Access> access;
        auto pull = load(req, access);
        if (!pull) return error(pull.error());
        json list = json::array();
        for (const auto& c : reviews.line_comments(*access, *pull)) list.push_back(line_comment_json(c));
        return http::json(200, list);
    });

    r.post("/api/v1/repos/{id}/pulls/{n}/comments", Need::api, [load, &reviews](http::Request& req) {
        std::optional<repos::Access> access;
        auto pull = load(req, access);
        if (!pull) return error(pull.error());
        auto body = body_object(req);
        if (!body) return http::json_error(400, "Send JSON {\"body\", \"path\", \"line\"} or {\"body\", \"in_reply_to\"}.");
        auto comment = reviews.comment(*access, req.actor, *pull, new_line_comment(*body));
        if (!comment) return error(comment.error());
        return http::json(201, line_comment_json(*comment));
    });
}

void register_pull_routes(http::Router& r, repos::Service& repos, issues::Service& issues, pulls::Service& pulls) {
    r.get("/api/v1/repos/{id}/pulls", Need::api, [&repos, &issues, &pulls](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        issues::Filter filter;
        filter.pulls = true;
        filter.state = req.query_or("state", "open");
        filter.page = http::parse_number(req.query_or("page", "1")).value_or(1);
        filter.per_page = http::parse_number(req.query_or("per_page", "30")).value_or(30);
        json list = json::array();
        for (const auto& issue : issues.list(*access, filter).issues)
            if (auto pull = pulls.get(*access, issue.number)) list.push_back(pull_json(req, access->repo.id, *pull));
        return http::json(200, list);
    });

    r.post("/api/v1/repos/{id}/pulls", Need::api, [&repos, &pulls](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto body = body_object(req);
        if (!body || !text(*body, "title") || !text(*body, "head") || !text(*body, "base"))
            return http::json_error(400, "Send JSON {\"title\", \"head\", \"base\", \"body\"}.");
        bool draft = body->contains("draft") && (*body)["draft"].is_boolean() && (*body)["draft"].get<bool>();
        pulls::NewPull spec{*text(*body, "title"), text(*body, "body").value_or(""), *text(*body, "base"), *text(*body, "head"), draft};
        auto opened = pulls.open(*access, req.actor, spec);
        if (!opened) return error(opened.error());
        return http::json(201, pull_json(req, access->repo.id, *opened));
    });

    r.get("/api/v1/repos/{id}/pulls/{n}", Need::api, [&repos, &pulls](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto number = http::parse_number(req.params["n"]);
        if (!number) return http::json_error(404, "No such pull request.");
        auto pull = pulls.get(*access, *number);
        if (!pull) return error(pull.error());
        return http::json(200, pull_json(req, access->repo.id, *pull));
    });

    r.add("PUT", "/api/v1/repos/{id}/pulls/{n}/merge", Need::api, [&repos, &pulls](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto number = http::parse_number(req.params["n"]);
        if (!number) return http::json_error(404, "No such pull request.");
        auto body = body_object(req);
        if (!body) body = json::object();
        auto name = text(*body, "merge_method").value_or("merge");
        auto method = name == "merge" ? std::optional(pulls::merge::Method::merge)
                      : name == "squash" ? std::optional(pulls::merge::Method::squash)
                      : name == "rebase" ? std::optional(pulls::merge::Method::rebase)
                                         : std::nullopt;
        if (!method) return http::json_error(400, "merge_method is merge, squash or rebase.");
        bool delete_branch = body->contains("delete_branch") && (*body)["delete_branch"].is_boolean() && (*body)["delete_branch"].get<bool>();
        auto merged = pulls.merge(*access, req.actor, *number, *method, text(*body, "sha").value_or(""), delete_branch);
        if (!merged) return error(merged.error());
        return http::json(200, {{"merged", true}, {"sha", merged->merge_commit}, {"message", "Pull request merged."}});
    });
}

void register_issue_routes(http::Router& r, repos::Service& repos, issues::Service& issues) {
    r.get("/api/v1/repos/{id}/issues", Need::api, [&repos, &issues](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
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
        for (const auto& issue : issues.list(*access, filter).issues) list.push_back(issue_json(req, access->repo.id, issue));
        return http::json(200, list);
    });

    r.post("/api/v1/repos/{id}/issues", Need::api, [&repos, &issues](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto body = body_object(req);
        if (!body || !text(*body, "title"))
            return http::json_error(400, "Send JSON {\"title\", \"body\", \"labels\", \"assignees\"}.");
        issues::NewIssue spec{*text(*body, "title"), text(*body, "body").value_or(""),
                              names(*body, "labels").value_or(std::vector<std::string>{}),
                              names(*body, "assignees").value_or(std::vector<std::string>{})};
        auto created = issues.create(*access, req.actor, spec);
        if (!created) return error(created.error());
        return http::json(201, issue_json(req, access->repo.id, *created));
    });

    r.get("/api/v1/repos/{id}/issues/{n}", Need::api, [&repos, &issues](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto number = http::parse_number(req.params["n"]);
        auto issue = number ? issues.get(*access, *number) : core::fail(core::Errc::not_found, "No such issue.");
        if (!issue) return error(issue.error());
        return http::json(200, issue_json(req, access->repo.id, *issue));
    });

    r.add("PATCH", "/api/v1/repos/{id}/issues/{n}", Need::api, [&repos, &issues](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto number = http::parse_number(req.params["n"]);
        if (!number) return http::json_error(404, "No such issue.");
        auto body = body_object(req);
        if (!body) return http::json_error(400, "Send a JSON object with the fields to change.");
        issues::Update update{text(*body, "title"), text(*body, "body"), text(*body, "state"),
                              text(*body, "state_reason").value_or("completed"), names(*body, "labels"),
                              names(*body, "assignees")};
        auto changed = issues.update(*access, req.actor, *number, update);
        if (!changed) return error(changed.error());
        return http::json(200, issue_json(req, access->repo.id, *changed));
    });

    r.get("/api/v1/repos/{id}/issues/{n}/comments", Need::api, [&repos, &issues](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto number = http::parse_number(req.params["n"]);
        auto issue = number ? issues.get(*access, *number) : core::fail(core::Errc::not_found, "No such issue.");
        if (!issue) return error(issue.error());
        json list = json::array();
        for (const auto& c : issues.comments(*issue)) list.push_back(comment_json(c));
        return http::json(200, list);
    });

    r.post("/api/v1/repos/{id}/issues/{n}/comments", Need::api, [&repos, &issues](http::Request& req) {
        auto access = repos.access(req.actor, req.params["id"]);
        if (!access) return error(access.error());
        auto number = http::parse_number(req.params["n"]);
        if (!number) return http::json_error(404, "No such issue.");
        auto body = body_object(req);
        if (!body || !text(*body, "body")) return http::json_error(400, "Send JSON {\"body\"}.");
        std::optional<std::int64_t> parent;
        if (auto it = body->find("in_reply_to"); it != body->end() && it->is_number_integer()) parent = it->get<std::int64_t>();
        auto comment = issues.comment(*access, req.actor, *number, *text(*body, "body"), parent);
        if (!comment) return error(comment.error());
        return http::json(201, comment_json(*comment));
    });
}

}  // namespace api

#include "api/pulls.hpp"

#include "api/github.hpp"
#include "core/config.hpp"
#include "http/router.hpp"
#include "issues/service.hpp"
#include "pulls/reviews.hpp"
#include "pulls/service.hpp"
#include "repos/service.hpp"

namespace api {
namespace {

using auth::Need;
using namespace github;

json pull_json(const http::Request& req, const repos::Repo& repo, const pulls::Pull& pull) {
    auto out = issue_json(req, repo, pull.issue);
    out["html_url"] = http::site_url(req) + "/" + repo.full_name() + "/pull/" + std::to_string(pull.issue.number);
    out["head"] = {{"ref", pull.head}, {"sha", pull.head_sha}, {"label", pull.from_fork() ? pull.head_label() : repo.owner + ":" + pull.head}};
    out["base"] = {{"ref", pull.base}, {"sha", pull.base_sha}, {"label", repo.owner + ":" + pull.base}, {"repo", repo_json(req, repo)}};
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

// The pull request for an API call, or the error to answer with.
core::Result<pulls::Pull> load(pulls::Service& pulls, http::Request& req, std::optional<repos::Access>& access) {
    access = repo_access(req);
    auto number = http::parse_number(req.params["n"]);
    if (!number) return core::fail(core::Errc::not_found, "No such pull request.");
    return pulls.get(*access, *number);
}

// GitHub's requested reviewers: {"users": [{"login"}], "teams": []}.
json requested(pulls::Reviews& reviews, const pulls::Pull& pull) {
    json users = json::array();
    for (const auto& name : reviews.requested(pull)) users.push_back(user_json(name));
    return json{{"users", users}, {"teams", json::array()}};
}

// Asks the people in {"reviewers": [...]} for a review, or withdraws the requests.
http::Response change_requests(pulls::Service& pulls, pulls::Reviews& reviews, http::Request& req, bool ask) {
    std::optional<repos::Access> access;
    auto pull = load(pulls, req, access);
    if (!pull) return error(pull.error());
    auto body = body_object(req);
    auto people = body ? names(*body, "reviewers") : std::nullopt;
    if (!people) return http::json_error(400, "Send JSON {\"reviewers\": [\"username\", …]}.");
    if (ask) {
        if (auto done = reviews.request(*access, req.actor, *pull, *people); !done) return error(done.error());
    } else {
        for (const auto& name : *people)
            if (auto done = reviews.withdraw(*access, req.actor, *pull, name); !done) return error(done.error());
    }
    auto out = pull_json(req, access->repo, *pull);
    out["requested_reviewers"] = requested(reviews, *pull)["users"];
    return http::json(ask ? 201 : 200, out);
}

// What the routes share.
struct ReviewRoutes {
    pulls::Service& pulls;
    pulls::Reviews& reviews;
};

http::Response reviews_list(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    std::optional<repos::Access> access;
    auto pull = load(pulls, req, access);
    if (!pull) return error(pull.error());
    json list = json::array();
    for (const auto& review : reviews.reviews(*pull)) list.push_back(review_json(review));
    return http::json(200, list);
}

http::Response review(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    std::optional<repos::Access> access;
    auto pull = load(pulls, req, access);
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
}

http::Response comments(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    std::optional<repos::Access> access;
    auto pull = load(pulls, req, access);
    if (!pull) return error(pull.error());
    json list = json::array();
    for (const auto& c : reviews.line_comments(*access, *pull)) list.push_back(line_comment_json(c));
    return http::json(200, list);
}

http::Response requested_reviewers(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    std::optional<repos::Access> access;
    auto pull = load(pulls, req, access);
    if (!pull) return error(pull.error());
    return http::json(200, requested(reviews, *pull));
}

// POST asks the people in {"reviewers": [...]} for a review (201), DELETE withdraws the requests (200).
http::Response request_reviewers(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    return change_requests(pulls, reviews, req, true);
}

http::Response withdraw_reviewers(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    return change_requests(pulls, reviews, req, false);
}

http::Response comment(ReviewRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    std::optional<repos::Access> access;
    auto pull = load(pulls, req, access);
    if (!pull) return error(pull.error());
    auto body = body_object(req);
    if (!body) return http::json_error(400, "Send JSON {\"body\", \"path\", \"line\"} or {\"body\", \"in_reply_to\"}.");
    auto comment = reviews.comment(*access, req.actor, *pull, new_line_comment(*body));
    if (!comment) return error(comment.error());
    return http::json(201, line_comment_json(*comment));
}

// What the routes share.
struct PullRoutes {
    repos::Service& repos;
    issues::Service& issues;
    pulls::Service& pulls;
};

http::Response list(PullRoutes& routes, http::Request& req) {
    auto& issues = routes.issues;
    auto& pulls = routes.pulls;
    auto access = repo_access(req);
    issues::Filter filter;
    filter.pulls = true;
    filter.state = req.query_or("state", "open");
    filter.page = http::parse_number(req.query_or("page", "1")).value_or(1);
    filter.per_page = http::parse_number(req.query_or("per_page", "30")).value_or(30);
    json list = json::array();
    for (const auto& issue : issues.list(*access, filter).issues)
        if (auto pull = pulls.get(*access, issue.number)) list.push_back(pull_json(req, access->repo, *pull));
    return http::json(200, list);
}

http::Response create(PullRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto access = repo_access(req);
    auto body = body_object(req);
    if (!body || !text(*body, "title") || !text(*body, "head") || !text(*body, "base"))
        return http::json_error(400, "Send JSON {\"title\", \"head\", \"base\", \"body\"}.");
    bool draft = body->contains("draft") && (*body)["draft"].is_boolean() && (*body)["draft"].get<bool>();
    pulls::NewPull spec{*text(*body, "title"), text(*body, "body").value_or(""), *text(*body, "base"), *text(*body, "head"), draft};
    auto opened = pulls.open(*access, req.actor, spec);
    if (!opened) return error(opened.error());
    return http::json(201, pull_json(req, access->repo, *opened));
}

http::Response get(PullRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto access = repo_access(req);
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::json_error(404, "No such pull request.");
    auto pull = pulls.get(*access, *number);
    if (!pull) return error(pull.error());
    return http::json(200, pull_json(req, access->repo, *pull));
}

http::Response merge(PullRoutes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto access = repo_access(req);
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
}

}  // namespace

void register_pull_routes(http::Router& r, repos::Service& repos, issues::Service& issues, pulls::Service& pulls) {
    static constexpr http::Entry<PullRoutes> kRoutes[] = {
        {"GET", "/api/v1/repos/{owner}/{repo}/pulls", Need::api_repo_read, list},
        {"POST", "/api/v1/repos/{owner}/{repo}/pulls", Need::api_repo_read, create},
        {"GET", "/api/v1/repos/{owner}/{repo}/pulls/{n}", Need::api_repo_read, get},
        {"PUT", "/api/v1/repos/{owner}/{repo}/pulls/{n}/merge", Need::api_repo_read, merge},
    };
    http::add_all(r, std::make_shared<PullRoutes>(PullRoutes{repos, issues, pulls}), kRoutes);
}

void register_review_routes(http::Router& r, pulls::Service& pulls, pulls::Reviews& reviews) {
    static constexpr http::Entry<ReviewRoutes> kRoutes[] = {
        {"GET", "/api/v1/repos/{owner}/{repo}/pulls/{n}/reviews", Need::api_repo_read, reviews_list},
        {"POST", "/api/v1/repos/{owner}/{repo}/pulls/{n}/reviews", Need::api_repo_read, review},
        {"GET", "/api/v1/repos/{owner}/{repo}/pulls/{n}/comments", Need::api_repo_read, comments},
        {"GET", "/api/v1/repos/{owner}/{repo}/pulls/{n}/requested_reviewers", Need::api_repo_read, requested_reviewers},
        {"POST", "/api/v1/repos/{owner}/{repo}/pulls/{n}/requested_reviewers", Need::api_repo_read, request_reviewers},
        {"DELETE", "/api/v1/repos/{owner}/{repo}/pulls/{n}/requested_reviewers", Need::api_repo_read, withdraw_reviewers},
        {"POST", "/api/v1/repos/{owner}/{repo}/pulls/{n}/comments", Need::api_repo_read, comment},
    };
    http::add_all(r, std::make_shared<ReviewRoutes>(ReviewRoutes{pulls, reviews}), kRoutes);
}

}  // namespace api

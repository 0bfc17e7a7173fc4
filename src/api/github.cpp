#include "api/github.hpp"

#include <ctime>

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "issues/issue.hpp"

namespace api::github {

std::optional<repos::Access> repo_access(const http::Request& req) { return repos::Access{*req.repo, req.role}; }

http::Response error(const core::Error& e) { return http::json_error(e); }

json repo_json(const http::Request& req, const repos::Repo& repo) {
    std::string api = http::site_url(req) + "/api/v1/repos/" + repo.full_name();
    return {{"id", repo.id},
            {"name", repo.name},
            {"full_name", repo.full_name()},
            {"owner",
             {{"login", repo.owner},
              {"type", repo.owner_is_org ? "Organization" : "User"},
              {"html_url", http::site_url(req) + "/" + repo.owner},
              {"avatar_url", http::site_url(req) + "/avatars/" + repo.owner}}},
            {"description", repo.description},
            {"private", repo.is_private},
            {"visibility", repo.is_private ? "private" : "public"},
            {"fork", !repo.fork_of.empty()},
            {"forks_count", repo.forks},
            {"forks", repo.forks},
            {"stargazers_count", repo.stars},
            {"watchers_count", repo.stars},
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

json account_json(const http::Request& req, const auth::store::User& account) {
    std::string site = http::site_url(req);
    json out = {{"id", account.id},
                {"login", account.username},
                {"username", account.username},
                {"type", account.is_org ? "Organization" : "User"},
                {"name", account.full_name},
                {"full_name", account.full_name},
                {"avatar_url", site + "/avatars/" + account.username},
                {"html_url", site + "/" + account.username},
                {"url", site + (account.is_org ? "/api/v1/orgs/" : "/api/v1/users/") + account.username},
                {"website", account.website},
                {"blog", account.website},
                {"created_at", iso8601(account.created_at)}};
    out[account.is_org ? "description" : "bio"] = account.bio;
    return out;
}

json issue_json(const http::Request& req, const repos::Repo& repo, const issues::Issue& issue) {
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
            {"html_url", http::site_url(req) + "/" + repo.full_name() + "/issues/" + std::to_string(issue.number)},
            {"repository_url", http::site_url(req) + "/api/v1/repos/" + repo.full_name()}};
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

}  // namespace api::github

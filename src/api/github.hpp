#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/response.hpp"
#include "auth/store.hpp"
#include "repos/service.hpp"

namespace http {
struct Request;
}
namespace issues {
struct Issue;
struct Comment;
}

//! The JSON shapes GitHub's REST API uses, shared by the API's routes.
namespace api::github {

using nlohmann::json;

//! The repository of a route with an api_repo_* need, as its gate loaded it.
std::optional<repos::Access> repo_access(const http::Request& req);

//! An expected failure as {"message"} with its status.
http::Response error(const core::Error& e);
//! "2026-11-26T09:30:00Z", as GitHub writes times; null for none.
json iso8601(std::optional<std::int64_t> unix_seconds);
//! A repository in GitHub's shape: full_name, owner, html_url, clone_url, ssh_url, counts, ….
json repo_json(const http::Request& req, const repos::Repo& repo);
//! {"login"}, or null for a deleted user.
json user_json(const std::string& username);
//! A user or an organization as GitHub shows an account: login, id, type, name, avatar_url, html_url, ….
json account_json(const http::Request& req, const auth::store::User& account);
json issue_json(const http::Request& req, const repos::Repo& repo, const issues::Issue& issue);
json comment_json(const issues::Comment& c);

//! The request's body when it is a JSON object.
std::optional<json> body_object(const http::Request& req);
//! body[key] when it is a string.
std::optional<std::string> text(const json& body, const char* key);
//! A list of names: ["bug", "ui"], or GitHub's label objects [{"name": "bug"}].
std::optional<std::vector<std::string>> names(const json& body, const char* key);

}  // namespace api::github

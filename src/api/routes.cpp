#include "api/routes.hpp"

#include <nlohmann/json.hpp>

#include "auth/service.hpp"
#include "http/render.hpp"
#include "http/router.hpp"

namespace api {
namespace {

using auth::Need;
using nlohmann::json;

http::Response error(const core::Error& e) { return http::json_error(e); }

// The token routes act on the caller's own account, named in the path as Gitea does.
std::optional<http::Response> must_be_self(http::Request& req) {
    if (req.params["username"] != req.actor.username) return http::json_error(403, "You can only manage your own tokens.");
    return std::nullopt;
}

}  // namespace

void register_routes(http::Router& r, auth::Accounts& accounts) {
    r.get("/api/v1/user", Need::api, [&accounts](http::Request& req) {
        auto user = accounts.user(req.actor.user_id);
        if (!user) return http::json_error(404, "No such user.");
        return http::json(200, {{"id", user->id},
                                {"login", user->username},
                                {"username", user->username},
                                {"email", user->email},
                                {"is_admin", user->is_admin},
                                {"created_at", user->created_at}});
    });

    r.post("/api/v1/users/{username}/tokens", Need::api, [&accounts](http::Request& req) {
        if (auto denied = must_be_self(req)) return std::move(*denied);
        // Like Gitea: a token cannot mint tokens; the account password must be presented.
        if (req.actor.via != auth::Actor::Via::password)
            return http::json_error(401, "Creating a token needs HTTP basic auth with your username and password.");
        auto body = json::parse(req.raw.body(), nullptr, false);
        if (!body.is_object() || !body.contains("name") || !body["name"].is_string())
            return http::json_error(400, "Send JSON {\"name\": \"…\"}.");
        auto created = accounts.create_token(req.actor, body["name"].get<std::string>());
        if (!created) return error(created.error());
        return http::json(201, {{"id", created->id},
                                {"name", created->name},
                                {"token", created->token},
                                {"sha1", created->token},
                                {"token_last_eight", created->last_eight}});
    });

    r.get("/api/v1/users/{username}/tokens", Need::api, [&accounts](http::Request& req) {
        if (auto denied = must_be_self(req)) return std::move(*denied);
        json list = json::array();
        for (const auto& token : accounts.tokens(req.actor))
            list.push_back({{"id", token.id}, {"name", token.name}, {"token_last_eight", token.last_eight}});
        return http::json(200, list);
    });

    r.del("/api/v1/users/{username}/tokens/{token_id}", Need::api, [&accounts](http::Request& req) {
        if (auto denied = must_be_self(req)) return std::move(*denied);
        auto revoked = accounts.revoke_token(req.actor, std::atoll(req.params["token_id"].c_str()));
        if (!revoked) return error(revoked.error());
        return http::Response{204, "application/json", "", {}};
    });
}

}  // namespace api

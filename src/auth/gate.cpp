#include "auth/gate.hpp"

#include "auth/service.hpp"
#include "core/crypto.hpp"
#include "http/csrf.hpp"
#include "http/render.hpp"

namespace auth {
namespace {

bool scheme_is(std::string_view header, std::string_view scheme) {
    return header.size() > scheme.size() && header[scheme.size()] == ' ' &&
           std::equal(scheme.begin(), scheme.end(), header.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

// The actor named by an Authorization header: "token X", "Bearer X", or Basic with a password
// or an access token as the password (git clients). nullopt for anything else.
std::optional<Actor> credentials(Accounts& accounts, const http::Request& req, bool allow_token_schemes) {
    std::string_view header = req.header("Authorization");
    if (allow_token_schemes && (scheme_is(header, "token") || scheme_is(header, "bearer")))
        return accounts.actor_from_token(std::string(header.substr(header.find(' ') + 1)));
    if (!scheme_is(header, "basic")) return std::nullopt;
    auto decoded = core::crypto::base64_decode(header.substr(6));
    auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) return std::nullopt;
    return accounts.actor_from_basic(decoded->substr(0, colon), decoded->substr(colon + 1), req.remote_ip);
}

std::optional<http::Response> api_gate(Accounts& accounts, http::Request& req) {
    auto actor = credentials(accounts, req, true);
    if (!actor) {
        auto res = http::json_error(401, req.header("Authorization").empty()
                                             ? "Authentication required: send an access token."
                                             : "Invalid credentials.");
        res.header("WWW-Authenticate", "Basic realm=\"Skyscape\"");
        return res;
    }
    if (!actor->repo_scope.empty())
        return http::json_error(403, "This is a workspace's credential: it works for git with its own repository only.");
    req.actor = std::move(*actor);
    return std::nullopt;
}

// git clients send credentials only after a 401 challenge, so none means anonymous; wrong ones
// get the challenge again, as git expects.
std::optional<http::Response> git_gate(Accounts& accounts, http::Request& req) {
    if (req.header("Authorization").empty()) return std::nullopt;
    auto actor = credentials(accounts, req, false);
    if (!actor) {
        auto res = http::text(401, "Invalid username, password or token.\n");
        res.header("WWW-Authenticate", "Basic realm=\"Skyscape\"");
        return res;
    }
    req.actor = std::move(*actor);
    return std::nullopt;
}

}  // namespace

http::Gate make_gate(Accounts& accounts) {
    return [&accounts](http::Request& req, Need need) -> std::optional<http::Response> {
        if (need == Need::api || need == Need::api_repo_read || need == Need::api_repo_write || need == Need::api_repo_admin)
            return api_gate(accounts, req);
        if (need == Need::git) return git_gate(accounts, req);

        if (auto cookie = req.cookie(kSessionCookie); cookie && !cookie->empty()) {
            if (auto actor = accounts.actor_from_session(*cookie))
                req.actor = std::move(*actor);
            else
                req.pending_cookies.push_back(http::cookie(req, kSessionCookie, "", 0));
        }
        auto method = req.method();
        if (method != "GET" && method != "HEAD" && !http::csrf::verify(req))
            return http::error_page(req, 403, "This form has expired or did not come from this site. "
                                              "Reload the page and try again.");
        if (need == Need::none || (need == Need::user && req.actor.signed_in())) return std::nullopt;
        if (need == Need::repo_read || need == Need::repo_write || need == Need::repo_admin)
            return std::nullopt;  // the repository layer decides, with the actor established here
        if (!req.actor.signed_in()) {
            std::string next = req.path + (req.raw_query.empty() ? "" : "?" + req.raw_query);
            return http::redirect(req, "/signin?next=" + http::percent_encode(next));
        }
        if (need == Need::site_admin && req.actor.is_admin) return std::nullopt;
        return http::error_page(req, 404, "There is nothing at this address.");
    };
}

}  // namespace auth

#include "auth/service.hpp"

#include <algorithm>
#include <array>

#include "auth/jwt.hpp"
#include "auth/password.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"

namespace auth {
namespace {

using core::Errc;
using core::fail;

constexpr const char* kInvalidCredentials = "Invalid username or password.";
constexpr const char* kOpenSignupKey = "open_signup";

// Names that are, or will be, top-level routes or would mislead as an account name.
constexpr std::array kReserved = {
    "activity", "admin", "administrator", "ai", "api",      "assets",   "auth",  "avatars",     "coder",    "dashboard",
    "explore", "favicon.ico", "git",       "health",   "help",     "issues",   "login",    "logout",
    "monitoring", "new",      "notifications", "org",  "orgs",     "pulls",    "raw",      "register",
    "repo",   "repos",        "root",      "search",   "settings", "signin",   "signout",  "signup",
    "static", "system",       "user",      "users",    "workspace", "workspaces", "www",
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

core::Status validate_username(std::string_view username) {
    if (username.empty() || username.size() > 39)
        return fail(Errc::invalid, "Usernames are 1 to 39 characters long.");
    for (char c : username)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return fail(Errc::invalid, "Usernames may contain only lowercase letters, digits and hyphens.");
    if (username.front() == '-' || username.back() == '-')
        return fail(Errc::invalid, "Usernames cannot start or end with a hyphen.");
    for (auto word : kReserved)
        if (username == word) return fail(Errc::invalid, "The username \"" + std::string(username) + "\" is reserved.");
    return {};
}

core::Status validate_email(std::string_view email) {
    auto at = email.find('@');
    bool ok = email.size() <= 254 && at != std::string_view::npos && at > 0 && at == email.rfind('@') &&
              email.find('.', at) != std::string_view::npos && email.back() != '.' && email[at + 1] != '.';
    for (char c : email) ok = ok && static_cast<unsigned char>(c) > ' ' && c != '<' && c != '>' && c != '"';
    if (!ok) return fail(Errc::invalid, "Enter a valid email address.");
    return {};
}

core::Status validate_password(std::string_view password) {
    if (password.size() < 8) return fail(Errc::invalid, "Passwords must be at least 8 characters long.");
    if (password.size() > 1024) return fail(Errc::invalid, "Passwords can be at most 1024 characters long.");
    return {};
}

core::Status validate_profile(std::string_view full_name, std::string_view bio, std::string_view website) {
    if (full_name.size() > 255) return fail(Errc::invalid, "Names can be at most 255 characters.");
    if (bio.size() > 1000) return fail(Errc::invalid, "Bios and descriptions can be at most 1000 characters.");
    if (!website.empty() && !website.starts_with("https://") && !website.starts_with("http://"))
        return fail(Errc::invalid, "The website must be an http:// or https:// address.");
    if (website.size() > 255) return fail(Errc::invalid, "Websites can be at most 255 characters.");
    return {};
}

std::string safe_next(std::string_view next) {
    bool ok = next.starts_with('/') && !next.starts_with("//") && next.find('\\') == std::string_view::npos;
    for (char c : next) ok = ok && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
    return ok ? std::string(next) : "/";
}

Accounts::Accounts(db::Pool& pool, const core::Config& config)
    : pool_(pool),
      config_(config),
      ip_failures_(20, std::chrono::minutes(10)),
      account_failures_(10, std::chrono::minutes(10)) {}

core::Result<store::User> Accounts::sign_up(const std::string& username, const std::string& email,
                                            const std::string& password) {
    std::string name = lower(username);
    std::string mail = lower(email);
    if (auto ok = validate_username(name); !ok) return tl::unexpected(ok.error());
    if (auto ok = validate_email(mail); !ok) return tl::unexpected(ok.error());
    if (auto ok = validate_password(password); !ok) return tl::unexpected(ok.error());
    if (!open_signup() && has_users())
        return fail(Errc::forbidden, "Sign-up is closed on this site; ask an administrator for an account.");
    return store::insert_user(pool_, name, mail, password::hash(password));
}

core::Result<store::User> Accounts::sign_in(const std::string& login, const std::string& password,
                                            const std::string& ip) {
    std::string who = lower(login);
    std::string ip_key = "ip:" + ip;
    std::string account_key = "account:" + who;
    if (ip_failures_.limited(ip_key) || account_failures_.limited(account_key))
        return fail(Errc::too_many, "Too many failed sign-in attempts; wait a few minutes and try again.");
    auto user = who.empty() ? std::nullopt : store::find_user_by_login(pool_, who);
    bool ok = false;
    if (user) {
        ok = password::verify(password, user->password_hash) && !user->disabled;
    } else {
        password::verify_dummy(password);
    }
    if (!ok) {
        ip_failures_.record(ip_key);
        account_failures_.record(account_key);
        return fail(Errc::unauthorized, kInvalidCredentials);
    }
    account_failures_.clear(account_key);
    return *user;
}

std::string Accounts::start_session(const store::User& user) {
    auto now = db::now();
    jwt::Claims claims{user.id, core::crypto::random_hex(16), now, now + kSessionSeconds};
    store::insert_session(pool_, claims.session_id, user.id, claims.expires_at);
    return jwt::sign(claims, config_.auth_secret);
}

void Accounts::end_session(const std::string& session_id) { store::delete_session(pool_, session_id); }

core::Status Accounts::change_password(const Actor& actor, const std::string& current, const std::string& next) {
    auto user = store::find_user(pool_, actor.user_id);
    if (!user || !password::verify(current, user->password_hash))
        return fail(Errc::invalid, "The current password is not right.");
    if (auto ok = validate_password(next); !ok) return ok;
    store::set_password_hash(pool_, user->id, password::hash(next));
    return {};
}

Actor Accounts::actor_for(const store::User& user, Actor::Via via) const {
    Actor actor;
    actor.user_id = user.id;
    actor.username = user.username;
    actor.is_admin = user.is_admin;
    actor.via = via;
    return actor;
}

std::optional<Actor> Accounts::actor_from_session(const std::string& cookie_value) {
    auto claims = jwt::verify(cookie_value, config_.auth_secret, db::now());
    if (!claims) return std::nullopt;
    auto user = store::session_user(pool_, claims->session_id, claims->user_id);
    if (!user) return std::nullopt;
    auto actor = actor_for(*user, Actor::Via::session);
    actor.session_id = claims->session_id;
    return actor;
}

std::optional<Actor> Accounts::actor_from_token(const std::string& token) {
    if (token.empty() || token.size() > 256) return std::nullopt;
    auto found = store::token_user(pool_, core::crypto::sha256_hex(token));
    if (!found) return std::nullopt;
    store::touch_token(pool_, found->token_id);
    auto actor = actor_for(found->user, Actor::Via::token);
    actor.token_id = found->token_id;
    actor.repo_scope = found->repo_scope;
    return actor;
}

std::optional<Actor> Accounts::actor_from_basic(const std::string& username, const std::string& secret,
                                                const std::string& ip) {
    if (auto by_token = actor_from_token(secret); by_token && by_token->username == lower(username)) return by_token;
    auto user = sign_in(username, secret, ip);
    if (!user) return std::nullopt;
    return actor_for(*user, Actor::Via::password);
}

core::Result<NewToken> Accounts::create_token(const Actor& actor, const std::string& name) {
    if (name.empty() || name.size() > 100) return fail(Errc::invalid, "Token names are 1 to 100 characters long.");
    for (const auto& token : store::list_tokens(pool_, actor.user_id))
        if (token.name == name) return fail(Errc::conflict, "You already have a token named \"" + name + "\".");
    std::string token = core::crypto::random_hex(20);
    std::string last_eight = token.substr(token.size() - 8);
    auto id = store::insert_token(pool_, actor.user_id, name, core::crypto::sha256_hex(token), last_eight);
    return NewToken{id, name, token, last_eight};
}

std::string Accounts::create_workspace_token(std::int64_t user_id, const std::string& workspace_id, const std::string& repo_id) {
    std::string token = core::crypto::random_hex(20);
    store::insert_workspace_token(pool_, user_id, workspace_id, repo_id, core::crypto::sha256_hex(token), token.substr(token.size() - 8));
    return token;
}

void Accounts::revoke_workspace_token(const std::string& workspace_id) { store::delete_workspace_tokens(pool_, workspace_id); }

std::vector<store::Token> Accounts::tokens(const Actor& actor) { return store::list_tokens(pool_, actor.user_id); }

core::Status Accounts::revoke_token(const Actor& actor, std::int64_t token_id) {
    if (!store::delete_token(pool_, actor.user_id, token_id)) return fail(Errc::not_found, "No such token.");
    return {};
}

bool Accounts::open_signup() { return store::get_setting(pool_, kOpenSignupKey).value_or("1") == "1"; }

void Accounts::set_open_signup(bool open) { store::set_setting(pool_, kOpenSignupKey, open ? "1" : "0"); }

bool Accounts::has_users() { return store::count_users(pool_) > 0; }

std::vector<store::User> Accounts::users() { return store::list_users(pool_); }

std::optional<store::User> Accounts::user(std::int64_t id) { return store::find_user(pool_, id); }

std::optional<store::User> Accounts::user_by_username(const std::string& username) {
    return store::find_user_by_username(pool_, lower(username));
}

core::Status Accounts::set_profile(std::int64_t user_id, const std::string& full_name, const std::string& bio, const std::string& website) {
    if (auto ok = validate_profile(full_name, bio, website); !ok) return ok;
    store::set_profile(pool_, user_id, full_name, bio, website);
    return {};
}

core::Status Accounts::set_admin(const Actor& actor, std::int64_t user_id, bool admin) {
    if (!actor.is_admin) return fail(Errc::not_found, "No such page.");
    if (!store::find_user(pool_, user_id)) return fail(Errc::not_found, "No such user.");
    if (user_id == actor.user_id && !admin)
        return fail(Errc::invalid, "You cannot remove your own admin rights; ask another admin.");
    store::set_admin(pool_, user_id, admin);
    return {};
}

core::Status Accounts::set_disabled(const Actor& actor, std::int64_t user_id, bool disabled) {
    if (!actor.is_admin) return fail(Errc::not_found, "No such page.");
    if (!store::find_user(pool_, user_id)) return fail(Errc::not_found, "No such user.");
    if (user_id == actor.user_id) return fail(Errc::invalid, "You cannot disable your own account.");
    store::set_disabled(pool_, user_id, disabled);
    return {};
}

}  // namespace auth

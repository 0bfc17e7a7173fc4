#pragma once

#include <optional>
#include <string>

#include "auth/actor.hpp"
#include "auth/store.hpp"
#include "core/rate_limit.hpp"
#include "core/result.hpp"

namespace core {
struct Config;
}

namespace auth {

constexpr std::int64_t kSessionSeconds = 30LL * 24 * 3600;

core::Status validate_username(std::string_view username);
core::Status validate_email(std::string_view email);
core::Status validate_password(std::string_view password);
//! A profile a person or an organization shows: a name of at most 255 characters, a bio or
//! description of at most 1000, and a website that is an http(s) address of at most 255.
core::Status validate_profile(std::string_view full_name, std::string_view bio, std::string_view website);

//! A local path safe to redirect to after sign-in ("/repos?x=1"); "/" for anything that could
//! leave the site ("//evil.example", "/\evil", "https://…") or is malformed.
std::string safe_next(std::string_view next);

struct NewToken {
    std::int64_t id;
    std::string name;
    std::string token;  //!< shown once; only its SHA-256 is stored
    std::string last_eight;
};

//! Accounts, sign-in, sessions and access tokens: the rules; SQL lives in auth::store.
class Accounts {
public:
    Accounts(db::Pool& pool, const core::Config& config);

    //! The first account becomes site admin; later ones need open sign-up.
    core::Result<store::User> sign_up(const std::string& username, const std::string& email,
                                      const std::string& password);
    //! Every failure reads "invalid username or password"; too many failures per IP or per
    //! account answer too_many before the password is even checked.
    core::Result<store::User> sign_in(const std::string& login, const std::string& password, const std::string& ip);
    //! Creates a session row and returns the signed cookie value.
    std::string start_session(const store::User& user);
    void end_session(const std::string& session_id);
    core::Status change_password(const Actor& actor, const std::string& current, const std::string& next);

    std::optional<Actor> actor_from_session(const std::string& cookie_value);
    std::optional<Actor> actor_from_token(const std::string& token);
    //! HTTP basic credentials: the password, or an access token in its place (as git clients send).
    std::optional<Actor> actor_from_basic(const std::string& username, const std::string& secret, const std::string& ip);

    core::Result<NewToken> create_token(const Actor& actor, const std::string& name);
    std::vector<store::Token> tokens(const Actor& actor);
    //! A workspace's git credential (replacing its last): it signs in as the user, over git
    //! only, to repo_id only. Returns the secret, which only the workspace holds.
    std::string create_workspace_token(std::int64_t user_id, const std::string& workspace_id, const std::string& repo_id);
    void revoke_workspace_token(const std::string& workspace_id);
    core::Status revoke_token(const Actor& actor, std::int64_t token_id);

    bool open_signup();
    bool has_users();
    void set_open_signup(bool open);
    std::vector<store::User> users();
    std::optional<store::User> user(std::int64_t id);
    std::optional<store::User> user_by_username(const std::string& username);
    //! The account's public profile, as validate_profile allows it.
    core::Status set_profile(std::int64_t user_id, const std::string& full_name, const std::string& bio, const std::string& website);
    //! Site admin actions; an admin cannot demote or disable themself, so the site keeps one.
    core::Status set_admin(const Actor& actor, std::int64_t user_id, bool admin);
    core::Status set_disabled(const Actor& actor, std::int64_t user_id, bool disabled);

private:
    Actor actor_for(const store::User& user, Actor::Via via) const;

    db::Pool& pool_;
    const core::Config& config_;
    core::RateLimiter ip_failures_;
    core::RateLimiter account_failures_;
};

}  // namespace auth

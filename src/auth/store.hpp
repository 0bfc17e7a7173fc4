#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"

//! SQL for accounts, sessions, access tokens and site settings.
namespace auth::store {

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string email;
    std::string password_hash;
    bool is_admin = false;
    bool disabled = false;
    std::int64_t created_at = 0;
    bool is_org = false;  //!< an organization: it owns repositories and has members, but never signs in
    std::string full_name;
    std::string bio;      //!< a person's bio or an organization's description
    std::string website;
    std::string avatar;   //!< the content type of an uploaded avatar; "" for the identicon
};

struct Token {
    std::int64_t id = 0;
    std::string name;
    std::string last_eight;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> last_used_at;
};

//! Inserts a user; the first user of the site becomes its admin in the same statement, so two
//! racing sign-ups cannot both become admin. conflict names the taken field.
core::Result<User> insert_user(db::Pool& pool, const std::string& username, const std::string& email,
                               const std::string& password_hash);
std::optional<User> find_user(db::Pool& pool, std::int64_t id);
std::optional<User> find_user_by_username(db::Pool& pool, const std::string& username);
//! login is a username or an email address, already lowercased.
std::optional<User> find_user_by_login(db::Pool& pool, const std::string& login);
//! People, not organizations.
std::vector<User> list_users(db::Pool& pool);
std::int64_t count_users(db::Pool& pool);
void set_profile(db::Pool& pool, std::int64_t id, const std::string& full_name, const std::string& bio,
                 const std::string& website);
void set_avatar(db::Pool& pool, std::int64_t id, const std::string& content_type);
void set_admin(db::Pool& pool, std::int64_t user_id, bool admin);
//! Disabling also deletes the user's sessions.
void set_disabled(db::Pool& pool, std::int64_t user_id, bool disabled);
//! Changing the password also deletes every session of the user.
void set_password_hash(db::Pool& pool, std::int64_t user_id, const std::string& hash);

void insert_session(db::Pool& pool, const std::string& id, std::int64_t user_id, std::int64_t expires_at);
//! The enabled user owning a live session id, if any.
std::optional<User> session_user(db::Pool& pool, const std::string& session_id, std::int64_t user_id);
void delete_session(db::Pool& pool, const std::string& session_id);

std::int64_t insert_token(db::Pool& pool, std::int64_t user_id, const std::string& name, const std::string& hash,
                          const std::string& last_eight);
std::vector<Token> list_tokens(db::Pool& pool, std::int64_t user_id);
//! False when the user has no such token.
bool delete_token(db::Pool& pool, std::int64_t user_id, std::int64_t token_id);
struct TokenOwner {
    User user;
    std::int64_t token_id = 0;
    std::string repo_scope;  //!< the one repository a workspace's token reaches; "" for an access token
};
//! The enabled user owning a token hash, with the token's id.
std::optional<TokenOwner> token_user(db::Pool& pool, const std::string& hash);
//! Replaces a workspace's credential: a token of its user that reaches repo_id only.
void insert_workspace_token(db::Pool& pool, std::int64_t user_id, const std::string& workspace_id, const std::string& repo_id,
                            const std::string& hash, const std::string& last_eight);
void delete_workspace_tokens(db::Pool& pool, const std::string& workspace_id);
//! Records use, at most once a minute per token so that API calls do not all write.
void touch_token(db::Pool& pool, std::int64_t token_id);

std::optional<std::string> get_setting(db::Pool& pool, const std::string& key);
void set_setting(db::Pool& pool, const std::string& key, const std::string& value);

}  // namespace auth::store

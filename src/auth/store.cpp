#include "auth/store.hpp"

namespace auth::store {
namespace {

constexpr const char* kUserColumns =
    "id, username, email, password_hash, is_admin, disabled, created_at, kind, full_name, bio, website, avatar";

// Reads users from a prepared statement whose columns are kUserColumns.
struct UserRow {
    User user;
    int is_admin = 0;
    int disabled = 0;
    std::string kind;

    void bind(soci::statement& st) {
        st.exchange(soci::into(user.id));
        st.exchange(soci::into(user.username));
        st.exchange(soci::into(user.email));
        st.exchange(soci::into(user.password_hash));
        st.exchange(soci::into(is_admin));
        st.exchange(soci::into(disabled));
        st.exchange(soci::into(user.created_at));
        st.exchange(soci::into(kind));
        st.exchange(soci::into(user.full_name));
        st.exchange(soci::into(user.bio));
        st.exchange(soci::into(user.website));
        st.exchange(soci::into(user.avatar));
    }
    User get() {
        user.is_admin = is_admin != 0;
        user.disabled = disabled != 0;
        user.is_org = kind == "org";
        return user;
    }
};

template <class T>
std::optional<User> one_user(db::Pool& pool, const std::string& where, const T& value) {
    soci::session sql(pool.get());
    UserRow row;
    T bound = value;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(bound));
    st.alloc();
    st.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where);
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.get();
}

}  // namespace

core::Result<User> insert_user(db::Pool& pool, const std::string& username, const std::string& email,
                               const std::string& password_hash) {
    soci::session sql(pool.get());
    User user;
    user.username = username;
    user.email = email;
    user.password_hash = password_hash;
    user.created_at = db::now();
    int is_admin = 0;
    // A taken name or address makes no row (no error to read a column's name from): then the
    // name is looked up to say which it was.
    sql << "INSERT INTO users (username, email, password_hash, is_admin, created_at) "
           "VALUES (:u, :e, :p, (SELECT COUNT(*) = 0 FROM users WHERE kind = 'user'), :t) ON CONFLICT DO NOTHING RETURNING id, is_admin",
        soci::use(user.username), soci::use(user.email), soci::use(user.password_hash), soci::use(user.created_at), soci::into(user.id),
        soci::into(is_admin);
    if (!sql.got_data()) {
        int named = 0;
        sql << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(user.username), soci::into(named);
        return core::fail(core::Errc::conflict, named ? "That username is taken." : "That email address is already registered.");
    }
    user.is_admin = is_admin != 0;
    return user;
}

std::optional<User> find_user(db::Pool& pool, std::int64_t id) { return one_user(pool, "id = :v", id); }

std::optional<User> find_user_by_username(db::Pool& pool, const std::string& username) {
    return one_user(pool, "username = :v", username);
}

std::optional<User> find_user_by_login(db::Pool& pool, const std::string& login) {
    return one_user(pool, login.find('@') == std::string::npos ? "username = :v AND kind = 'user'" : "email = :v AND kind = 'user'", login);
}

std::vector<User> list_users(db::Pool& pool) {
    soci::session sql(pool.get());
    UserRow row;
    soci::statement st(sql);
    row.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE kind = 'user' ORDER BY username");
    st.define_and_bind();
    std::vector<User> out;
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

std::int64_t count_users(db::Pool& pool) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM users WHERE kind = 'user'", soci::into(n);
    return n;
}

void set_profile(db::Pool& pool, std::int64_t id, const std::string& full_name, const std::string& bio,
                 const std::string& website) {
    soci::session sql(pool.get());
    sql << "UPDATE users SET full_name = :f, bio = :b, website = :w WHERE id = :id", soci::use(full_name), soci::use(bio),
        soci::use(website), soci::use(id);
}

void set_avatar(db::Pool& pool, std::int64_t id, const std::string& content_type) {
    soci::session sql(pool.get());
    sql << "UPDATE users SET avatar = :a WHERE id = :id", soci::use(content_type), soci::use(id);
}

void set_admin(db::Pool& pool, std::int64_t user_id, bool admin) {
    soci::session sql(pool.get());
    int flag = admin;
    sql << "UPDATE users SET is_admin = :a WHERE id = :id", soci::use(flag), soci::use(user_id);
}

void set_disabled(db::Pool& pool, std::int64_t user_id, bool disabled) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    int flag = disabled;
    sql << "UPDATE users SET disabled = :d WHERE id = :id", soci::use(flag), soci::use(user_id);
    if (disabled) sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(user_id);
    tx.commit();
}

void set_password_hash(db::Pool& pool, std::int64_t user_id, const std::string& hash) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(user_id);
    sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(user_id);
    tx.commit();
}

void insert_session(db::Pool& pool, const std::string& id, std::int64_t user_id, std::int64_t expires_at) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (:id, :u, :c, :e)", soci::use(id),
        soci::use(user_id), soci::use(now), soci::use(expires_at);
}

std::optional<User> session_user(db::Pool& pool, const std::string& session_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    UserRow row;
    auto now = db::now();
    std::string sid = session_id;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(sid));
    st.exchange(soci::use(user_id));
    st.exchange(soci::use(now));
    st.alloc();
    st.prepare("SELECT u.id, u.username, u.email, u.password_hash, u.is_admin, u.disabled, u.created_at, u.kind, u.full_name, "
               "u.bio, u.website, u.avatar FROM sessions s JOIN users u ON u.id = s.user_id "
               "WHERE s.id = :sid AND s.user_id = :uid AND s.expires_at > :now AND u.disabled = 0 AND u.kind = 'user'");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.get();
}

void delete_session(db::Pool& pool, const std::string& session_id) {
    soci::session sql(pool.get());
    sql << "DELETE FROM sessions WHERE id = :id", soci::use(session_id);
}

std::int64_t insert_token(db::Pool& pool, std::int64_t user_id, const std::string& name, const std::string& hash,
                          const std::string& last_eight) {
    soci::session sql(pool.get());
    std::int64_t id = 0;
    auto now = db::now();
    sql << "INSERT INTO access_tokens (user_id, name, token_hash, token_last_eight, created_at) "
           "VALUES (:u, :n, :h, :l, :t) RETURNING id",
        soci::use(user_id), soci::use(name), soci::use(hash), soci::use(last_eight), soci::use(now), soci::into(id);
    return id;
}

std::vector<Token> list_tokens(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    Token token;
    std::int64_t last_used = 0;
    soci::indicator last_used_ind;
    soci::statement st = (sql.prepare << "SELECT id, name, token_last_eight, created_at, last_used_at "
                                         "FROM access_tokens WHERE user_id = :u AND workspace_id IS NULL ORDER BY created_at DESC, id DESC",
                          soci::use(user_id), soci::into(token.id), soci::into(token.name),
                          soci::into(token.last_eight), soci::into(token.created_at),
                          soci::into(last_used, last_used_ind));
    std::vector<Token> out;
    st.execute();
    while (st.fetch()) {
        token.last_used_at = last_used_ind == soci::i_ok ? std::optional(last_used) : std::nullopt;
        out.push_back(token);
    }
    return out;
}

bool delete_token(db::Pool& pool, std::int64_t user_id, std::int64_t token_id) {
    soci::session sql(pool.get());
    soci::statement st = (sql.prepare << "DELETE FROM access_tokens WHERE id = :id AND user_id = :u AND workspace_id IS NULL",
                          soci::use(token_id), soci::use(user_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::optional<TokenOwner> token_user(db::Pool& pool, const std::string& hash) {
    soci::session sql(pool.get());
    std::int64_t user_id = 0, token_id = 0;
    std::string repo_id;
    soci::indicator repo_ind = soci::i_null;
    sql << "SELECT t.user_id, t.id, t.repo_id FROM access_tokens t JOIN users u ON u.id = t.user_id "
           "WHERE t.token_hash = :h AND u.disabled = 0 AND u.kind = 'user'",
        soci::use(hash), soci::into(user_id), soci::into(token_id), soci::into(repo_id, repo_ind);
    if (!sql.got_data()) return std::nullopt;
    auto user = find_user(pool, user_id);
    if (!user) return std::nullopt;
    return TokenOwner{*user, token_id, repo_ind == soci::i_ok ? repo_id : ""};
}

void insert_workspace_token(db::Pool& pool, std::int64_t user_id, const std::string& workspace_id, const std::string& repo_id,
                            const std::string& hash, const std::string& last_eight) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    auto now = db::now();
    std::string name = "workspace " + workspace_id;
    sql << "DELETE FROM access_tokens WHERE workspace_id = :w", soci::use(workspace_id);
    sql << "INSERT INTO access_tokens (user_id, name, token_hash, token_last_eight, created_at, repo_id, workspace_id) "
           "VALUES (:u, :n, :h, :l, :t, :r, :w)",
        soci::use(user_id), soci::use(name), soci::use(hash), soci::use(last_eight), soci::use(now), soci::use(repo_id),
        soci::use(workspace_id);
    tx.commit();
}

void delete_workspace_tokens(db::Pool& pool, const std::string& workspace_id) {
    soci::session sql(pool.get());
    sql << "DELETE FROM access_tokens WHERE workspace_id = :w", soci::use(workspace_id);
}

void touch_token(db::Pool& pool, std::int64_t token_id) {
    soci::session sql(pool.get());
    auto now = db::now();
    auto stale = now - 60;
    sql << "UPDATE access_tokens SET last_used_at = :now "
           "WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :stale)",
        soci::use(now), soci::use(token_id), soci::use(stale);
}

std::optional<std::string> get_setting(db::Pool& pool, const std::string& key) {
    soci::session sql(pool.get());
    std::string value;
    sql << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(value);
    if (!sql.got_data()) return std::nullopt;
    return value;
}

void set_setting(db::Pool& pool, const std::string& key, const std::string& value) {
    soci::session sql(pool.get());
    sql << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        soci::use(key), soci::use(value);
}

}  // namespace auth::store

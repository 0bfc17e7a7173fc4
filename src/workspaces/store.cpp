#include "workspaces/store.hpp"

namespace workspaces::store {
namespace {

constexpr const char* kColumns =
    "w.id, w.user_id, u.username, w.repo_id, o.username, r.name, w.ref, w.state, w.message, w.created_at, w.started_at, "
    "w.last_used_at, w.disk_bytes FROM workspaces w JOIN users u ON u.id = w.user_id JOIN repos r ON r.id = w.repo_id "
    "JOIN users o ON o.id = r.owner_id ";

// Binds the kColumns of one row into a Workspace.
struct Row {
    Workspace w;
    std::string state;
    std::int64_t started = 0;
    soci::indicator started_ind = soci::i_null;

    void bind(soci::statement& st) {
        st.exchange(soci::into(w.id));
        st.exchange(soci::into(w.user_id));
        st.exchange(soci::into(w.username));
        st.exchange(soci::into(w.repo_id));
        st.exchange(soci::into(w.owner));
        st.exchange(soci::into(w.repo_name));
        st.exchange(soci::into(w.ref));
        st.exchange(soci::into(state));
        st.exchange(soci::into(w.message));
        st.exchange(soci::into(w.created_at));
        st.exchange(soci::into(started, started_ind));
        st.exchange(soci::into(w.last_used_at));
        st.exchange(soci::into(w.disk_bytes));
    }
    Workspace get() const {
        Workspace out = w;
        out.state = parse_state(state).value_or(State::failed);
        out.started_at = started_ind == soci::i_ok ? std::optional(started) : std::nullopt;
        return out;
    }
};

template <class... Args>
std::vector<Workspace> query(db::Pool& pool, const std::string& where, Args&&... args) {
    soci::session sql(pool.get());
    Row row;
    soci::statement st(sql);
    std::string text = std::string("SELECT ") + kColumns + where;
    row.bind(st);
    (st.exchange(soci::use(args)), ...);
    st.alloc();
    st.prepare(text);
    st.define_and_bind();
    std::vector<Workspace> out;
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

std::optional<Workspace> first(std::vector<Workspace> rows) {
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::string in_list(std::initializer_list<State> states) {
    std::string out;
    for (auto state : states) out += std::string(out.empty() ? "'" : ", '") + std::string(state_name(state)) + "'";
    return out;
}

constexpr std::initializer_list<State> kActive = {State::queued, State::starting, State::available, State::shutting_down,
                                                  State::rebuilding};

}  // namespace

bool insert(db::Pool& pool, const Workspace& w) {
    soci::session sql(pool.get());
    std::string state(state_name(w.state));
    std::string inserted;
    sql << "INSERT INTO workspaces (id, user_id, repo_id, ref, state, message, created_at, last_used_at) "
           "VALUES (:id, :u, :r, :ref, :s, :m, :c, :l) ON CONFLICT DO NOTHING RETURNING id",
        soci::use(w.id), soci::use(w.user_id), soci::use(w.repo_id), soci::use(w.ref), soci::use(state), soci::use(w.message),
        soci::use(w.created_at), soci::use(w.last_used_at), soci::into(inserted);
    return sql.got_data();
}

std::optional<Workspace> find(db::Pool& pool, const std::string& id) { return first(query(pool, "WHERE w.id = :id", id)); }

std::optional<Workspace> find_for(db::Pool& pool, std::int64_t user_id, const std::string& repo_id, const std::string& ref) {
    return first(query(pool, "WHERE w.user_id = :u AND w.repo_id = :r AND w.ref = :ref", user_id, repo_id, ref));
}

std::vector<Workspace> list(db::Pool& pool, std::int64_t user_id) {
    return query(pool, "WHERE (:u = 0 OR w.user_id = :u2) ORDER BY w.last_used_at DESC, w.id", user_id, user_id);
}

std::vector<Workspace> list_for_repo(db::Pool& pool, const std::string& repo_id) {
    return query(pool, "WHERE w.repo_id = :r ORDER BY w.id", repo_id);
}

std::int64_t count_for_user(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM workspaces WHERE user_id = :u", soci::use(user_id), soci::into(n);
    return n;
}

std::int64_t count_active_for_user(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM workspaces WHERE user_id = :u AND state IN (" + in_list(kActive) + ")", soci::use(user_id),
        soci::into(n);
    return n;
}

bool transition(db::Pool& pool, const std::string& id, std::initializer_list<State> from, State to, const std::string& message) {
    soci::session sql(pool.get());
    std::string state(state_name(to));
    soci::statement st = (sql.prepare << "UPDATE workspaces SET state = :s, message = :m WHERE id = :id AND state IN (" + in_list(from) + ")",
                          soci::use(state), soci::use(message), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void set_message(db::Pool& pool, const std::string& id, const std::string& message) {
    soci::session sql(pool.get());
    sql << "UPDATE workspaces SET message = :m WHERE id = :id", soci::use(message), soci::use(id);
}

void set_started(db::Pool& pool, const std::string& id, std::int64_t at) {
    soci::session sql(pool.get());
    sql << "UPDATE workspaces SET started_at = :t, last_used_at = :t2 WHERE id = :id", soci::use(at), soci::use(at), soci::use(id);
}

void set_last_used(db::Pool& pool, const std::string& id, std::int64_t at) {
    soci::session sql(pool.get());
    sql << "UPDATE workspaces SET last_used_at = :t WHERE id = :id AND last_used_at < :t2", soci::use(at), soci::use(id), soci::use(at);
}

void set_disk(db::Pool& pool, const std::string& id, std::int64_t bytes) {
    soci::session sql(pool.get());
    sql << "UPDATE workspaces SET disk_bytes = :b WHERE id = :id", soci::use(bytes), soci::use(id);
}

std::vector<std::string> stop_all(db::Pool& pool) {
    soci::session sql(pool.get());
    std::vector<std::string> ids;
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM workspaces WHERE state IN (" + in_list(kActive) + ")", soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    sql << "UPDATE workspaces SET state = 'Shutdown', message = 'Stopped when the server stopped.' WHERE state IN (" + in_list(kActive) + ")";
    return ids;
}

void remove(db::Pool& pool, const std::string& id) {
    soci::session sql(pool.get());
    sql << "DELETE FROM workspaces WHERE id = :id", soci::use(id);
}

}  // namespace workspaces::store

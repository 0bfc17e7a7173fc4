#include "repos/store.hpp"

#include <cctype>

namespace repos::store {
namespace {

constexpr const char* kColumns =
    "r.id, u.username, r.name, r.description, r.owner_id, r.is_private, r.default_branch, r.size_bytes, r.pushed_at, "
    "r.created_at, (SELECT COUNT(*) FROM stars s WHERE s.repo_id = r.id), u.kind, COALESCE(r.fork_of, ''), "
    "(SELECT COUNT(*) FROM repos f WHERE f.fork_of = r.id AND f.state = 'ready'), "
    "COALESCE((SELECT pu.username || '/' || p.name FROM repos p JOIN users pu ON pu.id = p.owner_id "
    "          WHERE p.id = r.fork_of AND p.is_private = 0 AND p.state = 'ready'), '')";

// Binds the kColumns of one row into a Repo.
struct RepoRow {
    Repo repo;
    int is_private = 0;
    std::int64_t pushed_at = 0;
    soci::indicator pushed_ind = soci::i_null;
    std::string owner_kind;

    void bind(soci::statement& st) {
        st.exchange(soci::into(repo.id));
        st.exchange(soci::into(repo.owner));
        st.exchange(soci::into(repo.name));
        st.exchange(soci::into(repo.description));
        st.exchange(soci::into(repo.owner_id));
        st.exchange(soci::into(is_private));
        st.exchange(soci::into(repo.default_branch));
        st.exchange(soci::into(repo.size_bytes));
        st.exchange(soci::into(pushed_at, pushed_ind));
        st.exchange(soci::into(repo.created_at));
        st.exchange(soci::into(repo.stars));
        st.exchange(soci::into(owner_kind));
        st.exchange(soci::into(repo.fork_of));
        st.exchange(soci::into(repo.forks));
        st.exchange(soci::into(repo.public_parent));
    }
    Repo get() const {
        Repo out = repo;
        out.is_private = is_private != 0;
        out.pushed_at = pushed_ind == soci::i_ok ? std::optional(pushed_at) : std::nullopt;
        out.owner_is_org = owner_kind == "org";
        return out;
    }
};

constexpr const char* kFrom = " FROM repos r JOIN users u ON u.id = r.owner_id";

}  // namespace

core::Status insert_creating(db::Pool& pool, const Repo& repo, std::int64_t creator_id) {
    soci::session sql(pool.get());
    int is_private = repo.is_private;
    db::Transaction tx(sql);
    soci::indicator fork_ind = repo.fork_of.empty() ? soci::i_null : soci::i_ok;
    soci::statement added = (sql.prepare << "INSERT INTO repos (id, name, description, owner_id, is_private, default_branch, state, created_at, fork_of) "
                                            "VALUES (:id, :name, :d, :o, :p, :b, 'creating', :t, :f) ON CONFLICT DO NOTHING",
                             soci::use(repo.id), soci::use(repo.name), soci::use(repo.description), soci::use(repo.owner_id),
                             soci::use(is_private), soci::use(repo.default_branch), soci::use(repo.created_at), soci::use(repo.fork_of, fork_ind));
    added.execute(true);
    if (added.get_affected_rows() != 1) return core::fail(core::Errc::conflict, "A repository named \"" + repo.full_name() + "\" already exists.");
    sql << "INSERT INTO collaborators (repo_id, user_id, role) VALUES (:r, :u, 'admin')", soci::use(repo.id), soci::use(creator_id);
    sql << "DELETE FROM repo_redirects WHERE owner_id = :o AND lower_name = lower(:n)", soci::use(repo.owner_id), soci::use(repo.name);
    sql << "INSERT INTO watches (repo_id, user_id, created_at) VALUES (:r, :u, :t)", soci::use(repo.id), soci::use(creator_id),
        soci::use(repo.created_at);
    tx.commit();
    return {};
}

void set_state(db::Pool& pool, const std::string& id, const std::string& state) {
    soci::session sql(pool.get());
    sql << "UPDATE repos SET state = :s WHERE id = :id", soci::use(state), soci::use(id);
}

void remove(db::Pool& pool, const std::string& id) {
    soci::session sql(pool.get());
    sql << "DELETE FROM repos WHERE id = :id", soci::use(id);
}

std::vector<std::string> ids_in_state(db::Pool& pool, const std::string& state) {
    soci::session sql(pool.get());
    std::string id;
    soci::statement st = (sql.prepare << "SELECT id FROM repos WHERE state = :s", soci::use(state), soci::into(id));
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(id);
    return out;
}

namespace {

// The ready repositories a condition on one repository id picks (`where` binds it as :id), in
// the order `order` gives.
std::vector<Repo> select_by_id(db::Pool& pool, const char* where, const char* order, const std::string& id) {
    soci::session sql(pool.get());
    RepoRow row;
    std::string key = id;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(key));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + kFrom + " WHERE " + where + " AND r.state = 'ready' " + order);
    st.define_and_bind();
    std::vector<Repo> out;
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

}  // namespace

std::optional<Repo> find(db::Pool& pool, const std::string& id) {
    auto found = select_by_id(pool, "r.id = :id", "", id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::optional<Repo> find_by_name(db::Pool& pool, const std::string& owner, const std::string& name) {
    soci::session sql(pool.get());
    RepoRow row;
    std::string owner_key = owner, name_key = name;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(owner_key));
    st.exchange(soci::use(name_key));
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + kFrom +
               " WHERE u.username = lower(:o) AND lower(r.name) = lower(:n) AND r.state = 'ready'");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.get();
}

std::optional<auth::Role> collaborator_role(db::Pool& pool, const std::string& repo_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::string role;
    sql << "SELECT role FROM collaborators WHERE repo_id = :r AND user_id = :u", soci::use(repo_id),
        soci::use(user_id), soci::into(role);
    if (!sql.got_data()) return std::nullopt;
    return auth::parse_role(role);
}

std::optional<auth::RepoGrant> grant(db::Pool& pool, const std::string& repo_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    int is_private = 1, team = 0;
    std::string collaborator, member, base;
    soci::indicator collaborator_ind = soci::i_null, team_ind = soci::i_null, member_ind = soci::i_null;
    sql << "SELECT r.is_private, "
           "(SELECT c.role FROM collaborators c WHERE c.repo_id = r.id AND c.user_id = :u1), "
           "(SELECT MAX(CASE t.role WHEN 'admin' THEN 3 WHEN 'write' THEN 2 ELSE 1 END) FROM team_repos t "
           " JOIN teams tt ON tt.id = t.team_id AND tt.org_id = r.owner_id "
           " JOIN team_members tm ON tm.team_id = t.team_id WHERE t.repo_id = r.id AND tm.user_id = :u2), "
           "(SELECT m.role FROM org_members m WHERE m.org_id = r.owner_id AND m.user_id = :u3), o.base_role "
           "FROM repos r JOIN users o ON o.id = r.owner_id WHERE r.id = :r AND r.state = 'ready'",
        soci::use(user_id), soci::use(user_id), soci::use(user_id), soci::use(repo_id), soci::into(is_private),
        soci::into(collaborator, collaborator_ind), soci::into(team, team_ind), soci::into(member, member_ind), soci::into(base);
    if (!sql.got_data()) return std::nullopt;
    auth::RepoGrant out;
    out.is_private = is_private != 0;
    if (collaborator_ind == soci::i_ok) out.collaborator = auth::parse_role(collaborator);
    if (team_ind == soci::i_ok && team > 0) out.team = static_cast<auth::Role>(team);
    if (member_ind == soci::i_ok) {
        out.org_owner = member == "owner";
        out.org_member = auth::parse_role(base).value_or(auth::Role::none);
    }
    return out;
}

namespace {

// The caller's own access, from collaborators, teams and organization membership: the SQL
// twin of auth::can for lists, which cannot ask it row by row. `me` is the query's caller.
constexpr const char* kMember =
    "(EXISTS (SELECT 1 FROM collaborators c WHERE c.repo_id = r.id AND c.user_id = me.id)"
    " OR EXISTS (SELECT 1 FROM team_repos t JOIN teams tt ON tt.id = t.team_id AND tt.org_id = r.owner_id"
    "            JOIN team_members tm ON tm.team_id = t.team_id WHERE t.repo_id = r.id AND tm.user_id = me.id)"
    " OR EXISTS (SELECT 1 FROM org_members m WHERE m.org_id = r.owner_id AND m.user_id = me.id"
    "            AND (m.role = 'owner' OR u.base_role <> 'none')))";

std::vector<Repo> list_where(db::Pool& pool, const std::string& where, std::int64_t user_id, int all, std::int64_t owner_id) {
    soci::session sql(pool.get());
    RepoRow row;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(user_id));
    st.exchange(soci::use(all));
    st.exchange(soci::use(owner_id));
    st.alloc();
    st.prepare(std::string("WITH me AS (SELECT CAST(:u AS BIGINT) AS id, CAST(:all AS INTEGER) AS all_repos, CAST(:o AS BIGINT) AS owner_id) "
                           "SELECT ") + kColumns + kFrom + " CROSS JOIN me WHERE r.state = 'ready' AND " + where +
               " AND (me.owner_id = 0 OR r.owner_id = me.owner_id) ORDER BY COALESCE(r.pushed_at, r.created_at) DESC, r.id");
    st.define_and_bind();
    std::vector<Repo> out;
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

}  // namespace

std::vector<Repo> list_readable(db::Pool& pool, std::int64_t user_id, bool site_admin, std::int64_t owner_id) {
    return list_where(pool, std::string("(me.all_repos = 1 OR r.is_private = 0 OR ") + kMember + ")", user_id, site_admin, owner_id);
}

std::vector<Repo> list_collaborating(db::Pool& pool, std::int64_t user_id) {
    return list_where(pool, kMember, user_id, 0, 0);
}

std::vector<Repo> forks_of(db::Pool& pool, const std::string& id) {
    return select_by_id(pool, "r.fork_of = :id", "ORDER BY r.created_at, r.id", id);
}

std::vector<Repo> descendants(db::Pool& pool, const std::string& id) {
    std::vector<Repo> out = forks_of(pool, id);
    for (std::size_t i = 0; i < out.size() && out.size() < 100000; ++i)
        for (auto& fork : forks_of(pool, out[i].id)) out.push_back(std::move(fork));
    return out;
}

void detach(db::Pool& pool, const std::string& id) {
    soci::session sql(pool.get());
    sql << "UPDATE repos SET fork_of = NULL WHERE id = :id", soci::use(id);
}

core::Status move(db::Pool& pool, const Repo& repo, std::int64_t owner_id, const std::string& name) {
    auto lower = [](std::string text) {
        for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return text;
    };
    bool same_place = owner_id == repo.owner_id && lower(name) == lower(repo.name);  // a change of case only
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    std::int64_t taken = 0;
    sql << "SELECT COUNT(*) FROM repos WHERE owner_id = :o AND lower(name) = lower(:n) AND id <> :id", soci::use(owner_id),
        soci::use(name), soci::use(repo.id), soci::into(taken);
    if (taken) return core::fail(core::Errc::conflict, "The owner already has a repository named \"" + name + "\".");
    auto now = db::now();
    sql << "DELETE FROM repo_redirects WHERE owner_id = :o AND lower_name = lower(:n)", soci::use(owner_id), soci::use(name);
    sql << "UPDATE repos SET owner_id = :o, name = :n WHERE id = :id", soci::use(owner_id), soci::use(name), soci::use(repo.id);
    // Teams are their organization's: a repository that leaves it leaves them.
    if (owner_id != repo.owner_id) sql << "DELETE FROM team_repos WHERE repo_id = :id", soci::use(repo.id);
    if (!same_place)
        sql << "INSERT INTO repo_redirects (owner_id, lower_name, repo_id, created_at) VALUES (:o, lower(:n), :r, :t) "
               "ON CONFLICT (owner_id, lower_name) DO UPDATE SET repo_id = excluded.repo_id, created_at = excluded.created_at",
            soci::use(repo.owner_id), soci::use(repo.name), soci::use(repo.id), soci::use(now);
    tx.commit();
    return {};
}

std::optional<std::string> redirected(db::Pool& pool, const std::string& owner, const std::string& name) {
    soci::session sql(pool.get());
    std::string id;
    sql << "SELECT d.repo_id FROM repo_redirects d JOIN users u ON u.id = d.owner_id "
           "WHERE u.username = lower(:o) AND d.lower_name = lower(:n)",
        soci::use(owner), soci::use(name), soci::into(id);
    if (!sql.got_data()) return std::nullopt;
    return id;
}

void update_settings(db::Pool& pool, const std::string& id, const std::string& description, bool is_private,
                     const std::string& default_branch) {
    soci::session sql(pool.get());
    int flag = is_private;
    sql << "UPDATE repos SET description = :d, is_private = :p, default_branch = :b WHERE id = :id",
        soci::use(description), soci::use(flag), soci::use(default_branch), soci::use(id);
}

void record_push(db::Pool& pool, const std::string& id, std::int64_t size_bytes, std::int64_t pushed_at) {
    soci::session sql(pool.get());
    sql << "UPDATE repos SET size_bytes = :s, pushed_at = :t WHERE id = :id", soci::use(size_bytes),
        soci::use(pushed_at), soci::use(id);
}

std::vector<Collaborator> collaborators(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    std::int64_t user_id = 0;
    std::string username, role;
    soci::statement st = (sql.prepare << "SELECT c.user_id, u.username, c.role FROM collaborators c "
                                         "JOIN users u ON u.id = c.user_id WHERE c.repo_id = :r ORDER BY u.username",
                          soci::use(repo_id), soci::into(user_id), soci::into(username), soci::into(role));
    std::vector<Collaborator> out;
    st.execute();
    while (st.fetch()) out.push_back({user_id, username, auth::parse_role(role).value_or(auth::Role::read)});
    return out;
}

void set_collaborator(db::Pool& pool, const std::string& repo_id, std::int64_t user_id, auth::Role role) {
    soci::session sql(pool.get());
    std::string name(auth::role_name(role));
    sql << "INSERT INTO collaborators (repo_id, user_id, role) VALUES (:r, :u, :role) "
           "ON CONFLICT (repo_id, user_id) DO UPDATE SET role = excluded.role",
        soci::use(repo_id), soci::use(user_id), soci::use(name);
}

bool remove_collaborator(db::Pool& pool, const std::string& repo_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    soci::statement st = (sql.prepare << "DELETE FROM collaborators WHERE repo_id = :r AND user_id = :u",
                          soci::use(repo_id), soci::use(user_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::int64_t count_admins(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM collaborators WHERE repo_id = :r AND role = 'admin'", soci::use(repo_id),
        soci::into(n);
    return n;
}

}  // namespace repos::store

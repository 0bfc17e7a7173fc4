#include "orgs/store.hpp"

namespace orgs::store {
namespace {

MemberRole parse_member_role(const std::string& role) { return role == "owner" ? MemberRole::owner : MemberRole::member; }

const char* member_role_name(MemberRole role) { return role == MemberRole::owner ? "owner" : "member"; }

constexpr const char* kTeamColumns =
    "t.id, t.org_id, t.name, t.slug, t.description, t.permission, t.created_at, "
    "(SELECT COUNT(*) FROM team_members tm WHERE tm.team_id = t.id), (SELECT COUNT(*) FROM team_repos tr WHERE tr.team_id = t.id)";

// Binds the kTeamColumns of one row into a Team.
struct TeamRow {
    Team team;
    std::string permission;

    void bind(soci::statement& st) {
        st.exchange(soci::into(team.id));
        st.exchange(soci::into(team.org_id));
        st.exchange(soci::into(team.name));
        st.exchange(soci::into(team.slug));
        st.exchange(soci::into(team.description));
        st.exchange(soci::into(permission));
        st.exchange(soci::into(team.created_at));
        st.exchange(soci::into(team.members));
        st.exchange(soci::into(team.repos));
    }
    Team get() const {
        Team out = team;
        out.permission = auth::parse_role(permission).value_or(auth::Role::read);
        return out;
    }
};

std::vector<Member> member_list(db::Pool& pool, const char* query, std::int64_t id) {
    soci::session sql(pool.get());
    Member member;
    std::string role;
    soci::statement st = (sql.prepare << query, soci::use(id), soci::into(member.user_id), soci::into(member.username), soci::into(role));
    std::vector<Member> out;
    st.execute();
    while (st.fetch()) {
        member.role = parse_member_role(role);
        out.push_back(member);
    }
    return out;
}

}  // namespace

core::Result<std::int64_t> insert_org(db::Pool& pool, const std::string& name, const std::string& full_name,
                                      const std::string& description, std::int64_t creator_id) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    std::int64_t id = 0;
    auto now = db::now();
    std::string email = "@" + name;
    sql << "INSERT INTO users (username, email, password_hash, kind, full_name, bio, created_at) "
           "VALUES (:u, :e, '', 'org', :f, :b, :t) ON CONFLICT DO NOTHING RETURNING id",
        soci::use(name), soci::use(email), soci::use(full_name), soci::use(description), soci::use(now), soci::into(id);
    if (!sql.got_data()) return core::fail(core::Errc::conflict, "The name \"" + name + "\" is taken.");
    sql << "INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (:o, :u, 'owner', :t)", soci::use(id),
        soci::use(creator_id), soci::use(now);
    tx.commit();
    return id;
}

void set_base_role(db::Pool& pool, std::int64_t org_id, const std::string& role) {
    soci::session sql(pool.get());
    sql << "UPDATE users SET base_role = :r WHERE id = :id AND kind = 'org'", soci::use(role), soci::use(org_id);
}

std::string base_role(db::Pool& pool, std::int64_t org_id) {
    soci::session sql(pool.get());
    std::string role;
    sql << "SELECT base_role FROM users WHERE id = :id", soci::use(org_id), soci::into(role);
    return role;
}

std::optional<MemberRole> member_role(db::Pool& pool, std::int64_t org_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::string role;
    sql << "SELECT role FROM org_members WHERE org_id = :o AND user_id = :u", soci::use(org_id), soci::use(user_id), soci::into(role);
    if (!sql.got_data()) return std::nullopt;
    return parse_member_role(role);
}

std::vector<Member> members(db::Pool& pool, std::int64_t org_id) {
    return member_list(pool,
                       "SELECT m.user_id, u.username, m.role FROM org_members m JOIN users u ON u.id = m.user_id "
                       "WHERE m.org_id = :o ORDER BY m.role DESC, u.username",
                       org_id);
}

void set_member(db::Pool& pool, std::int64_t org_id, std::int64_t user_id, MemberRole role) {
    soci::session sql(pool.get());
    auto now = db::now();
    std::string name = member_role_name(role);
    sql << "INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (:o, :u, :r, :t) "
           "ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role",
        soci::use(org_id), soci::use(user_id), soci::use(name), soci::use(now);
}

void remove_member(db::Pool& pool, std::int64_t org_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    sql << "DELETE FROM team_members WHERE user_id = :u AND team_id IN (SELECT id FROM teams WHERE org_id = :o)", soci::use(user_id),
        soci::use(org_id);
    sql << "DELETE FROM org_members WHERE org_id = :o AND user_id = :u", soci::use(org_id), soci::use(user_id);
    tx.commit();
}

std::int64_t count_owners(db::Pool& pool, std::int64_t org_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM org_members WHERE org_id = :o AND role = 'owner'", soci::use(org_id), soci::into(n);
    return n;
}

std::vector<std::string> orgs_of(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::string name;
    soci::statement st = (sql.prepare << "SELECT o.username FROM org_members m JOIN users o ON o.id = m.org_id "
                                         "WHERE m.user_id = :u ORDER BY o.username",
                          soci::use(user_id), soci::into(name));
    std::vector<std::string> out;
    st.execute();
    while (st.fetch()) out.push_back(name);
    return out;
}

core::Result<Team> insert_team(db::Pool& pool, const Team& team) {
    soci::session sql(pool.get());
    Team out = team;
    out.created_at = db::now();
    std::string permission(auth::role_name(team.permission));
    sql << "INSERT INTO teams (org_id, name, slug, description, permission, created_at) VALUES (:o, :n, :s, :d, :p, :t) "
           "ON CONFLICT DO NOTHING RETURNING id",
        soci::use(team.org_id), soci::use(team.name), soci::use(team.slug), soci::use(team.description), soci::use(permission),
        soci::use(out.created_at), soci::into(out.id);
    if (!sql.got_data()) return core::fail(core::Errc::conflict, "The organization has a team \"" + team.slug + "\" already.");
    return out;
}

std::optional<Team> find_team(db::Pool& pool, std::int64_t org_id, const std::string& slug) {
    soci::session sql(pool.get());
    TeamRow row;
    std::int64_t org = org_id;
    std::string key = slug;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(org));
    st.exchange(soci::use(key));
    st.alloc();
    st.prepare(std::string("SELECT ") + kTeamColumns + " FROM teams t WHERE t.org_id = :o AND t.slug = :s");
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    return row.get();
}

std::vector<Team> teams(db::Pool& pool, std::int64_t org_id) {
    soci::session sql(pool.get());
    TeamRow row;
    std::int64_t org = org_id;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(org));
    st.alloc();
    st.prepare(std::string("SELECT ") + kTeamColumns + " FROM teams t WHERE t.org_id = :o ORDER BY t.slug");
    st.define_and_bind();
    std::vector<Team> out;
    st.execute();
    while (st.fetch()) out.push_back(row.get());
    return out;
}

void remove_team(db::Pool& pool, std::int64_t team_id) {
    soci::session sql(pool.get());
    sql << "DELETE FROM teams WHERE id = :id", soci::use(team_id);
}

std::vector<Member> team_members(db::Pool& pool, std::int64_t team_id) {
    return member_list(pool,
                       "SELECT tm.user_id, u.username, 'member' FROM team_members tm JOIN users u ON u.id = tm.user_id "
                       "WHERE tm.team_id = :t ORDER BY u.username",
                       team_id);
}

void add_team_member(db::Pool& pool, const Team& team, std::int64_t user_id) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    auto now = db::now();
    sql << "INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (:o, :u, 'member', :t) ON CONFLICT DO NOTHING",
        soci::use(team.org_id), soci::use(user_id), soci::use(now);
    sql << "INSERT INTO team_members (team_id, user_id) VALUES (:t, :u) ON CONFLICT DO NOTHING", soci::use(team.id), soci::use(user_id);
    tx.commit();
}

bool remove_team_member(db::Pool& pool, std::int64_t team_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    soci::statement st = (sql.prepare << "DELETE FROM team_members WHERE team_id = :t AND user_id = :u", soci::use(team_id), soci::use(user_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<TeamRepo> team_repos(db::Pool& pool, std::int64_t team_id) {
    soci::session sql(pool.get());
    TeamRepo repo;
    std::string owner, name, role;
    soci::statement st = (sql.prepare << "SELECT r.id, o.username, r.name, t.role FROM team_repos t JOIN repos r ON r.id = t.repo_id "
                                         "JOIN users o ON o.id = r.owner_id WHERE t.team_id = :t AND r.state = 'ready' "
                                         "ORDER BY lower(r.name)",
                          soci::use(team_id), soci::into(repo.repo_id), soci::into(owner), soci::into(name), soci::into(role));
    std::vector<TeamRepo> out;
    st.execute();
    while (st.fetch()) {
        repo.full_name = owner + "/" + name;
        repo.role = auth::parse_role(role).value_or(auth::Role::read);
        out.push_back(repo);
    }
    return out;
}

void set_team_repo(db::Pool& pool, std::int64_t team_id, const std::string& repo_id, auth::Role role) {
    soci::session sql(pool.get());
    std::string name(auth::role_name(role));
    sql << "INSERT INTO team_repos (team_id, repo_id, role) VALUES (:t, :r, :role) "
           "ON CONFLICT (team_id, repo_id) DO UPDATE SET role = excluded.role",
        soci::use(team_id), soci::use(repo_id), soci::use(name);
}

bool remove_team_repo(db::Pool& pool, std::int64_t team_id, const std::string& repo_id) {
    soci::session sql(pool.get());
    soci::statement st = (sql.prepare << "DELETE FROM team_repos WHERE team_id = :t AND repo_id = :r", soci::use(team_id), soci::use(repo_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<RepoTeam> repo_teams(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    TeamRow row;
    std::string org, role, key = repo_id;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::into(org));
    st.exchange(soci::into(role));
    st.exchange(soci::use(key));
    st.alloc();
    st.prepare(std::string("SELECT ") + kTeamColumns + ", o.username, tr.role FROM team_repos tr JOIN teams t ON t.id = tr.team_id "
                                                       "JOIN users o ON o.id = t.org_id WHERE tr.repo_id = :r ORDER BY t.slug");
    st.define_and_bind();
    std::vector<RepoTeam> out;
    st.execute();
    while (st.fetch()) out.push_back({org, row.get(), auth::parse_role(role).value_or(auth::Role::read)});
    return out;
}

}  // namespace orgs::store

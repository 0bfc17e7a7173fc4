#include "notifications/store.hpp"

namespace notifications::store {

void notify(db::Pool& pool, std::int64_t user_id, std::int64_t issue_id, std::int64_t actor_id, const std::string& reason) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "INSERT INTO notifications (user_id, issue_id, actor_id, reason, updated_at) VALUES (:u, :i, :a, :r, :t) "
           "ON CONFLICT (user_id, issue_id) DO UPDATE SET actor_id = excluded.actor_id, reason = excluded.reason, "
           "updated_at = excluded.updated_at, read_at = NULL",
        soci::use(user_id), soci::use(issue_id), soci::use(actor_id), soci::use(reason), soci::use(now);
}

std::vector<std::pair<std::string, std::int64_t>> unread_by_repo(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    std::string repo_id;
    std::int64_t n = 0;
    soci::statement st = (sql.prepare << "SELECT i.repo_id, COUNT(*) FROM notifications n JOIN issues i ON i.id = n.issue_id "
                                         "WHERE n.user_id = :u AND n.read_at IS NULL GROUP BY i.repo_id",
                          soci::use(user_id), soci::into(repo_id), soci::into(n));
    st.execute();
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st.fetch()) out.emplace_back(repo_id, n);
    return out;
}

namespace {

constexpr const char* kSelect =
    "SELECT n.id, i.repo_id, ro.username || '/' || r.name, i.number, i.is_pull, i.title, COALESCE(u.username, ''), n.reason, n.updated_at, "
    "CASE WHEN n.read_at IS NULL THEN 1 ELSE 0 END FROM notifications n JOIN issues i ON i.id = n.issue_id "
    "JOIN repos r ON r.id = i.repo_id AND r.state = 'ready' JOIN users ro ON ro.id = r.owner_id LEFT JOIN users u ON u.id = n.actor_id ";

}  // namespace

std::vector<Notification> list(db::Pool& pool, std::int64_t user_id, const std::function<bool(const std::string& repo_id)>& shown,
                               std::int64_t limit, std::int64_t offset) {
    soci::session sql(pool.get());
    Notification n;
    int is_pull = 0, unread = 0;
    soci::statement st = (sql.prepare << std::string(kSelect) +
                                             "WHERE n.user_id = :u ORDER BY (n.read_at IS NULL) DESC, n.updated_at DESC, n.id DESC",
                          soci::use(user_id), soci::into(n.id), soci::into(n.repo_id), soci::into(n.repo), soci::into(n.number), soci::into(is_pull),
                          soci::into(n.title), soci::into(n.actor), soci::into(n.reason), soci::into(n.updated_at), soci::into(unread));
    st.execute();
    std::vector<Notification> out;
    for (std::int64_t skipped = 0; static_cast<std::int64_t>(out.size()) < limit && st.fetch();) {
        if (!shown(n.repo_id) || skipped++ < offset) continue;
        n.is_pull = is_pull != 0;
        n.unread = unread != 0;
        out.push_back(n);
    }
    return out;
}

std::optional<Notification> find(db::Pool& pool, std::int64_t user_id, std::int64_t id) {
    soci::session sql(pool.get());
    Notification n;
    int is_pull = 0, unread = 0;
    sql << std::string(kSelect) + "WHERE n.user_id = :u AND n.id = :id", soci::use(user_id), soci::use(id), soci::into(n.id),
        soci::into(n.repo_id), soci::into(n.repo), soci::into(n.number), soci::into(is_pull), soci::into(n.title), soci::into(n.actor),
        soci::into(n.reason), soci::into(n.updated_at), soci::into(unread);
    if (!sql.got_data()) return std::nullopt;
    n.is_pull = is_pull != 0;
    n.unread = unread != 0;
    return n;
}

void mark_read(db::Pool& pool, std::int64_t user_id, std::int64_t id) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND id = :id AND read_at IS NULL", soci::use(now),
        soci::use(user_id), soci::use(id);
}

void mark_all_read(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL", soci::use(now), soci::use(user_id);
}

bool wants_email(db::Pool& pool, std::int64_t user_id) {
    soci::session sql(pool.get());
    int wants = 0;
    sql << "SELECT email_notifications FROM users WHERE id = :u", soci::use(user_id), soci::into(wants);
    return wants != 0;
}

void set_wants_email(db::Pool& pool, std::int64_t user_id, bool wants) {
    soci::session sql(pool.get());
    int value = wants;
    sql << "UPDATE users SET email_notifications = :w WHERE id = :u", soci::use(value), soci::use(user_id);
}

std::optional<Thread> thread(db::Pool& pool, std::int64_t issue_id) {
    soci::session sql(pool.get());
    Thread t;
    int is_pull = 0;
    sql << "SELECT i.repo_id, ro.username || '/' || r.name, i.number, i.title, i.is_pull FROM issues i JOIN repos r ON r.id = i.repo_id "
           "JOIN users ro ON ro.id = r.owner_id WHERE i.id = :i",
        soci::use(issue_id), soci::into(t.repo_id), soci::into(t.repo),
        soci::into(t.number), soci::into(t.title), soci::into(is_pull);
    if (!sql.got_data()) return std::nullopt;
    t.is_pull = is_pull != 0;
    return t;
}

std::vector<std::int64_t> participants(db::Pool& pool, std::int64_t issue_id) {
    soci::session sql(pool.get());
    std::int64_t id = 0;
    soci::statement st = (sql.prepare << "SELECT author_id FROM issues WHERE id = :i1 AND author_id IS NOT NULL "
                                         "UNION SELECT author_id FROM comments WHERE issue_id = :i2 AND author_id IS NOT NULL "
                                         "UNION SELECT user_id FROM issue_assignees WHERE issue_id = :i3 "
                                         "UNION SELECT author_id FROM reviews WHERE issue_id = :i4 AND author_id IS NOT NULL "
                                         "UNION SELECT author_id FROM line_comments WHERE issue_id = :i5 AND author_id IS NOT NULL",
                          soci::use(issue_id), soci::use(issue_id), soci::use(issue_id), soci::use(issue_id), soci::use(issue_id),
                          soci::into(id));
    st.execute();
    std::vector<std::int64_t> out;
    while (st.fetch()) out.push_back(id);
    return out;
}

void set_watching(db::Pool& pool, const std::string& repo_id, std::int64_t user_id, bool watching) {
    soci::session sql(pool.get());
    if (!watching) {
        sql << "DELETE FROM watches WHERE repo_id = :r AND user_id = :u", soci::use(repo_id), soci::use(user_id);
        return;
    }
    auto now = db::now();
    sql << "INSERT INTO watches (repo_id, user_id, created_at) VALUES (:r, :u, :t) ON CONFLICT (repo_id, user_id) DO NOTHING",
        soci::use(repo_id), soci::use(user_id), soci::use(now);
}

bool watching(db::Pool& pool, const std::string& repo_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    int n = 0;
    sql << "SELECT COUNT(*) FROM watches WHERE repo_id = :r AND user_id = :u", soci::use(repo_id), soci::use(user_id), soci::into(n);
    return n > 0;
}

std::int64_t watcher_count(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    std::int64_t n = 0;
    sql << "SELECT COUNT(*) FROM watches WHERE repo_id = :r", soci::use(repo_id), soci::into(n);
    return n;
}

std::vector<std::int64_t> watchers(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    std::int64_t id = 0;
    soci::statement st = (sql.prepare << "SELECT user_id FROM watches WHERE repo_id = :r ORDER BY user_id", soci::use(repo_id), soci::into(id));
    st.execute();
    std::vector<std::int64_t> out;
    while (st.fetch()) out.push_back(id);
    return out;
}

}  // namespace notifications::store

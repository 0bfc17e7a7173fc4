#include "events/store.hpp"

namespace events::store {
namespace {

constexpr std::string_view kZeroSha = "0000000000000000000000000000000000000000";

bool moved(const RefUpdate& update, const std::optional<std::string>& now) {
    return update.new_sha == kZeroSha ? !now.has_value() : now == update.new_sha;
}

}  // namespace

void add_pending(soci::session& sql, const std::string& push_id, const std::vector<RefUpdate>& updates) {
    db::Transaction tx(sql);
    auto now = db::now();
    for (const auto& u : updates) {
        sql << "INSERT INTO pending_ref_updates (push_id, repo_id, actor_id, ref, old_sha, new_sha, created_at) "
               "VALUES (:p, :r, :a, :ref, :o, :n, :t)",
            soci::use(push_id), soci::use(u.repo_id), soci::use(u.actor_id), soci::use(u.ref), soci::use(u.old_sha),
            soci::use(u.new_sha), soci::use(now);
    }
    tx.commit();
}

int settle(db::Pool& pool, const std::string& push_id, const RefResolver& resolve) {
    soci::session sql(pool.get());
    std::vector<std::pair<std::int64_t, RefUpdate>> pending;
    {
        std::int64_t id = 0;
        int all = push_id.empty();
        RefUpdate u;
        soci::statement st = (sql.prepare << "SELECT id, repo_id, actor_id, ref, old_sha, new_sha FROM pending_ref_updates "
                                             "WHERE :all = 1 OR push_id = :p ORDER BY id",
                              soci::use(all), soci::use(push_id), soci::into(id), soci::into(u.repo_id), soci::into(u.actor_id),
                              soci::into(u.ref), soci::into(u.old_sha), soci::into(u.new_sha));
        st.execute();
        while (st.fetch()) pending.emplace_back(id, u);
    }
    int added = 0;
    db::Transaction tx(sql);
    auto now = db::now();
    for (const auto& [id, u] : pending) {
        if (moved(u, resolve(u.repo_id, u.ref))) {
            sql << "INSERT INTO events (repo_id, kind, actor_id, ref, old_sha, new_sha, created_at) "
                   "VALUES (:r, 'push', :a, :ref, :o, :n, :t)",
                soci::use(u.repo_id), soci::use(u.actor_id), soci::use(u.ref), soci::use(u.old_sha),
                soci::use(u.new_sha), soci::use(now);
            ++added;
        }
        sql << "DELETE FROM pending_ref_updates WHERE id = :id", soci::use(id);
    }
    tx.commit();
    return added;
}

std::vector<Event> after(db::Pool& pool, std::int64_t last_id, int limit) {
    soci::session sql(pool.get());
    Event e;
    soci::indicator actor_ind;
    soci::statement st = (sql.prepare << "SELECT id, repo_id, kind, actor_id, ref, old_sha, new_sha, created_at "
                                         "FROM events WHERE id > :last ORDER BY id LIMIT :n",
                          soci::use(last_id), soci::use(limit), soci::into(e.id), soci::into(e.repo_id),
                          soci::into(e.kind), soci::into(e.actor_id, actor_ind), soci::into(e.ref),
                          soci::into(e.old_sha), soci::into(e.new_sha), soci::into(e.created_at));
    std::vector<Event> out;
    st.execute();
    while (st.fetch()) {
        if (actor_ind != soci::i_ok) e.actor_id = 0;
        out.push_back(e);
    }
    return out;
}

std::int64_t cursor(db::Pool& pool, const std::string& subscriber) {
    soci::session sql(pool.get());
    std::int64_t last = 0;
    sql << "SELECT last_event_id FROM event_cursors WHERE subscriber = :s", soci::use(subscriber), soci::into(last);
    return sql.got_data() ? last : 0;
}

void set_cursor(db::Pool& pool, const std::string& subscriber, std::int64_t last_id) {
    soci::session sql(pool.get());
    sql << "INSERT INTO event_cursors (subscriber, last_event_id) VALUES (:s, :l) "
           "ON CONFLICT (subscriber) DO UPDATE SET last_event_id = excluded.last_event_id",
        soci::use(subscriber), soci::use(last_id);
}

void record_failure(db::Pool& pool, const std::string& subscriber, std::int64_t event_id, int tries, const std::string& error) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "INSERT INTO event_failures (subscriber, event_id, tries, error, failed_at) VALUES (:s, :e, :n, :m, :t) "
           "ON CONFLICT (subscriber, event_id) DO UPDATE SET tries = excluded.tries, error = excluded.error, failed_at = excluded.failed_at",
        soci::use(subscriber), soci::use(event_id), soci::use(tries), soci::use(error), soci::use(now);
}

std::vector<Failure> failures(db::Pool& pool, int limit) {
    soci::session sql(pool.get());
    Failure f;
    soci::statement st = (sql.prepare << "SELECT subscriber, event_id, tries, error, failed_at FROM event_failures "
                                         "ORDER BY failed_at DESC, event_id DESC LIMIT :n",
                          soci::use(limit), soci::into(f.subscriber), soci::into(f.event_id), soci::into(f.tries), soci::into(f.error),
                          soci::into(f.failed_at));
    std::vector<Failure> out;
    st.execute();
    while (st.fetch()) out.push_back(f);
    return out;
}

}  // namespace events::store

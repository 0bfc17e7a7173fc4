#include "activity/store.hpp"

namespace activity::store {

std::vector<Item> recent(db::Pool& pool, const std::string& repo_id, std::int64_t limit, std::int64_t offset, const std::string& actor) {
    soci::session sql(pool.get());
    Item item;
    int is_pull = 0;
    // Each part is switched to one repository by a bound value, so the statement text is fixed.
    soci::statement st = (sql.prepare <<
        "SELECT activity.kind, activity.repo, ro.username || '/' || r.name, activity.actor, activity.at, activity.number, activity.title,"
        " activity.is_pull, activity.detail FROM ("
        " SELECT 'push' AS kind, e.repo_id AS repo, COALESCE(u.username, '') AS actor, e.created_at AS at, 0 AS number,"
        "  '' AS title, 0 AS is_pull, e.ref || ' ' || e.new_sha AS detail"
        "  FROM events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.kind = 'push' AND (:r1 = '' OR e.repo_id = :r2)"
        " UNION ALL SELECT 'opened', i.repo_id, COALESCE(u.username, ''), i.created_at, i.number, i.title, i.is_pull, ''"
        "  FROM issues i LEFT JOIN users u ON u.id = i.author_id WHERE (:r3 = '' OR i.repo_id = :r4)"
        " UNION ALL SELECT ev.kind, i.repo_id, COALESCE(u.username, ''), ev.created_at, i.number, i.title, i.is_pull, ev.detail"
        "  FROM issue_events ev JOIN issues i ON i.id = ev.issue_id LEFT JOIN users u ON u.id = ev.actor_id"
        "  WHERE ev.kind IN ('closed', 'reopened', 'merged') AND (:r5 = '' OR i.repo_id = :r6)"
        " UNION ALL SELECT 'commented', i.repo_id, COALESCE(u.username, ''), c.created_at, i.number, i.title, i.is_pull, ''"
        "  FROM comments c JOIN issues i ON i.id = c.issue_id LEFT JOIN users u ON u.id = c.author_id WHERE (:r7 = '' OR i.repo_id = :r8)"
        " UNION ALL SELECT 'reviewed', i.repo_id, COALESCE(u.username, ''), rv.created_at, i.number, i.title, i.is_pull, rv.state"
        "  FROM reviews rv JOIN issues i ON i.id = rv.issue_id LEFT JOIN users u ON u.id = rv.author_id WHERE (:r9 = '' OR i.repo_id = :r10)"
        ") AS activity JOIN repos r ON r.id = activity.repo AND r.state = 'ready' JOIN users ro ON ro.id = r.owner_id"
        " WHERE (:a1 = '' OR activity.actor = :a2) ORDER BY activity.at DESC, activity.kind LIMIT :l OFFSET :o",
        soci::use(repo_id), soci::use(repo_id), soci::use(repo_id), soci::use(repo_id), soci::use(repo_id), soci::use(repo_id),
        soci::use(repo_id), soci::use(repo_id), soci::use(repo_id), soci::use(repo_id), soci::use(actor), soci::use(actor),
        soci::use(limit), soci::use(offset),
        soci::into(item.kind), soci::into(item.repo_id), soci::into(item.repo), soci::into(item.actor), soci::into(item.at), soci::into(item.number),
        soci::into(item.title), soci::into(is_pull), soci::into(item.detail));
    st.execute();
    std::vector<Item> out;
    while (st.fetch()) {
        item.is_pull = is_pull != 0;
        out.push_back(item);
    }
    return out;
}

}  // namespace activity::store

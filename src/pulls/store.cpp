#include "pulls/store.hpp"

#include "issues/store.hpp"

namespace pulls::store {

void insert(soci::session& sql, std::int64_t issue_id, const Pull& pull) {
    int draft = pull.draft;
    sql << "INSERT INTO pulls (issue_id, base_branch, head_branch, base_sha, head_sha, draft) VALUES (:i, :b, :h, :bs, :hs, :d)",
        soci::use(issue_id), soci::use(pull.base), soci::use(pull.head), soci::use(pull.base_sha), soci::use(pull.head_sha),
        soci::use(draft);
}

bool fill(db::Pool& pool, Pull& pull) {
    soci::session sql(pool.get());
    int draft = 0;
    std::string conflicts;
    std::int64_t merged_at = 0;
    soci::indicator merged_ind = soci::i_null;
    sql << "SELECT p.base_branch, p.head_branch, p.base_sha, p.head_sha, p.draft, p.mergeable, p.conflicts, p.merged_at, "
           "COALESCE(u.username, ''), p.merge_commit FROM pulls p LEFT JOIN users u ON u.id = p.merged_by WHERE p.issue_id = :i",
        soci::use(pull.issue.id), soci::into(pull.base), soci::into(pull.head), soci::into(pull.base_sha),
        soci::into(pull.head_sha), soci::into(draft), soci::into(pull.mergeable), soci::into(conflicts),
        soci::into(merged_at, merged_ind), soci::into(pull.merged_by), soci::into(pull.merge_commit);
    if (!sql.got_data()) return false;
    pull.draft = draft != 0;
    pull.merged_at = merged_ind == soci::i_ok ? std::optional(merged_at) : std::nullopt;
    pull.conflicts.clear();
    for (std::size_t start = 0; start < conflicts.size();) {
        auto end = conflicts.find('\n', start);
        if (end == std::string::npos) end = conflicts.size();
        pull.conflicts.push_back(conflicts.substr(start, end - start));
        start = end + 1;
    }
    return true;
}

std::optional<std::int64_t> open_number(db::Pool& pool, const std::string& repo_id, const std::string& base,
                                        const std::string& head) {
    soci::session sql(pool.get());
    std::int64_t number = 0;
    sql << "SELECT i.number FROM pulls p JOIN issues i ON i.id = p.issue_id WHERE i.repo_id = :r AND i.state = 'open' "
           "AND p.base_branch = :b AND p.head_branch = :h",
        soci::use(repo_id), soci::use(base), soci::use(head), soci::into(number);
    if (!sql.got_data()) return std::nullopt;
    return number;
}

std::vector<std::int64_t> open_touching(db::Pool& pool, const std::string& repo_id, const std::string& branch) {
    soci::session sql(pool.get());
    std::int64_t number = 0;
    soci::statement st = (sql.prepare << "SELECT i.number FROM pulls p JOIN issues i ON i.id = p.issue_id WHERE i.repo_id = :r "
                                         "AND i.state = 'open' AND (p.base_branch = :b1 OR p.head_branch = :b2)",
                          soci::use(repo_id), soci::use(branch), soci::use(branch), soci::into(number));
    st.execute();
    std::vector<std::int64_t> out;
    while (st.fetch()) out.push_back(number);
    return out;
}

void set_check(db::Pool& pool, std::int64_t issue_id, const std::string& base_sha, const std::string& head_sha,
               const std::string& mergeable, const std::vector<std::string>& conflicts) {
    std::string joined;
    for (const auto& c : conflicts) joined += (joined.empty() ? "" : "\n") + c;
    soci::session sql(pool.get());
    sql << "UPDATE pulls SET base_sha = :b, head_sha = :h, mergeable = :m, conflicts = :c WHERE issue_id = :i",
        soci::use(base_sha), soci::use(head_sha), soci::use(mergeable), soci::use(joined), soci::use(issue_id);
}

void mark_merged(db::Pool& pool, const Pull& pull, std::int64_t actor_id, const std::string& commit) {
    soci::session sql(pool.get());
    auto now = db::now();
    soci::transaction tx(sql);
    sql << "UPDATE pulls SET merged_at = :t, merged_by = :a, merge_commit = :c WHERE issue_id = :i", soci::use(now),
        soci::use(actor_id), soci::use(commit), soci::use(pull.issue.id);
    sql << "UPDATE issues SET state = 'closed', state_reason = 'completed', closed_at = :c, updated_at = :u WHERE id = :i",
        soci::use(now), soci::use(now), soci::use(pull.issue.id);
    issues::store::add_event(sql, pull.issue.id, actor_id, "merged", commit, now);
    tx.commit();
}

}  // namespace pulls::store

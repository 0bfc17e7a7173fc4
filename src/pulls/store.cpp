#include "pulls/store.hpp"

#include "issues/store.hpp"

namespace pulls::store {

void insert(soci::session& sql, std::int64_t issue_id, const Pull& pull) {
    int draft = pull.draft;
    sql << "INSERT INTO pulls (issue_id, base_branch, head_branch, base_sha, head_sha, draft, head_repo_id) "
           "VALUES (:i, :b, :h, :bs, :hs, :d, :hr)",
        soci::use(issue_id), soci::use(pull.base), soci::use(pull.head), soci::use(pull.base_sha), soci::use(pull.head_sha),
        soci::use(draft), soci::use(pull.head_repo_id);
}

bool fill(db::Pool& pool, Pull& pull) {
    soci::session sql(pool.get());
    int draft = 0;
    std::string conflicts;
    std::int64_t merged_at = 0;
    soci::indicator merged_ind = soci::i_null;
    sql << "SELECT p.base_branch, p.head_branch, p.base_sha, p.head_sha, p.draft, p.mergeable, p.conflicts, p.merged_at, "
           "COALESCE(u.username, ''), p.merge_commit, p.head_repo_id, "
           "COALESCE((SELECT hu.username FROM repos hr JOIN users hu ON hu.id = hr.owner_id WHERE hr.id = p.head_repo_id), '') "
           "FROM pulls p LEFT JOIN users u ON u.id = p.merged_by WHERE p.issue_id = :i",
        soci::use(pull.issue.id), soci::into(pull.base), soci::into(pull.head), soci::into(pull.base_sha),
        soci::into(pull.head_sha), soci::into(draft), soci::into(pull.mergeable), soci::into(conflicts),
        soci::into(merged_at, merged_ind), soci::into(pull.merged_by), soci::into(pull.merge_commit), soci::into(pull.head_repo_id),
        soci::into(pull.head_owner);
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
                                        const std::string& head, const std::string& head_repo_id) {
    soci::session sql(pool.get());
    std::int64_t number = 0;
    sql << "SELECT i.number FROM pulls p JOIN issues i ON i.id = p.issue_id WHERE i.repo_id = :r AND i.state = 'open' "
           "AND p.base_branch = :b AND p.head_branch = :h AND p.head_repo_id = :hr",
        soci::use(repo_id), soci::use(base), soci::use(head), soci::use(head_repo_id), soci::into(number);
    if (!sql.got_data()) return std::nullopt;
    return number;
}

std::vector<std::int64_t> open_touching(db::Pool& pool, const std::string& repo_id, const std::string& branch) {
    soci::session sql(pool.get());
    std::int64_t number = 0;
    soci::statement st = (sql.prepare << "SELECT i.number FROM pulls p JOIN issues i ON i.id = p.issue_id WHERE i.repo_id = :r "
                                         "AND i.state = 'open' AND (p.base_branch = :b1 OR (p.head_branch = :b2 AND p.head_repo_id = ''))",
                          soci::use(repo_id), soci::use(branch), soci::use(branch), soci::into(number));
    st.execute();
    std::vector<std::int64_t> out;
    while (st.fetch()) out.push_back(number);
    return out;
}

std::vector<std::pair<std::int64_t, std::string>> open_from(db::Pool& pool, const std::string& repo_id, const std::string& head) {
    soci::session sql(pool.get());
    std::int64_t number = 0;
    std::string base;
    soci::statement st = (sql.prepare << "SELECT i.number, p.base_branch FROM pulls p JOIN issues i ON i.id = p.issue_id "
                                         "WHERE i.repo_id = :r AND i.state = 'open' AND p.head_branch = :h AND p.head_repo_id = ''",
                          soci::use(repo_id), soci::use(head), soci::into(number), soci::into(base));
    st.execute();
    std::vector<std::pair<std::int64_t, std::string>> out;
    while (st.fetch()) out.emplace_back(number, base);
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> open_from_fork(db::Pool& pool, const std::string& head_repo_id, const std::string& head) {
    soci::session sql(pool.get());
    std::int64_t number = 0;
    std::string repo_id;
    soci::statement st = (sql.prepare << "SELECT i.repo_id, i.number FROM pulls p JOIN issues i ON i.id = p.issue_id "
                                         "WHERE p.head_repo_id = :hr AND i.state = 'open' AND p.head_branch = :h",
                          soci::use(head_repo_id), soci::use(head), soci::into(repo_id), soci::into(number));
    st.execute();
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st.fetch()) out.emplace_back(repo_id, number);
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

void set_ready(db::Pool& pool, std::int64_t issue_id, std::int64_t actor_id) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    sql << "UPDATE pulls SET draft = 0 WHERE issue_id = :i", soci::use(issue_id);
    issues::store::add_event(sql, issue_id, actor_id, "ready", "", db::now());
    tx.commit();
}

void mark_merged(db::Pool& pool, const Pull& pull, std::int64_t actor_id, const std::string& commit) {
    soci::session sql(pool.get());
    auto now = db::now();
    db::Transaction tx(sql);
    sql << "UPDATE pulls SET merged_at = :t, merged_by = :a, merge_commit = :c WHERE issue_id = :i", soci::use(now),
        soci::use(actor_id), soci::use(commit), soci::use(pull.issue.id);
    sql << "UPDATE issues SET state = 'closed', state_reason = 'completed', closed_at = :c, updated_at = :u WHERE id = :i",
        soci::use(now), soci::use(now), soci::use(pull.issue.id);
    issues::store::add_event(sql, pull.issue.id, actor_id, "merged", commit, now);
    tx.commit();
}

namespace {

void insert_comment(soci::session& sql, std::int64_t issue_id, std::int64_t author_id, std::int64_t review_id,
                    const LineCommentRow& c, std::int64_t now) {
    soci::indicator review_ind = review_id ? soci::i_ok : soci::i_null, parent_ind = c.parent_id ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO line_comments (issue_id, review_id, parent_id, author_id, commit_sha, path, line, side, body, created_at) "
           "VALUES (:i, :r, :p, :a, :c, :path, :l, :s, :b, :t)",
        soci::use(issue_id), soci::use(review_id, review_ind), soci::use(c.parent_id, parent_ind), soci::use(author_id),
        soci::use(c.commit_sha), soci::use(c.path), soci::use(c.line), soci::use(c.side), soci::use(c.body), soci::use(now);
}

}  // namespace

std::int64_t insert_review(db::Pool& pool, std::int64_t issue_id, std::int64_t author_id, const std::string& state,
                           const std::string& body, const std::string& commit_sha, const std::vector<LineCommentRow>& comments) {
    soci::session sql(pool.get());
    auto now = db::now();
    std::int64_t id = 0;
    db::Transaction tx(sql);
    sql << "INSERT INTO reviews (issue_id, author_id, state, body, commit_sha, created_at) VALUES (:i, :a, :s, :b, :c, :t)",
        soci::use(issue_id), soci::use(author_id), soci::use(state), soci::use(body), soci::use(commit_sha), soci::use(now);
    sql << "SELECT MAX(id) FROM reviews WHERE issue_id = :i", soci::use(issue_id), soci::into(id);
    for (const auto& c : comments) insert_comment(sql, issue_id, author_id, id, c, now);
    sql << "UPDATE issues SET updated_at = :t WHERE id = :i", soci::use(now), soci::use(issue_id);
    sql << "DELETE FROM review_requests WHERE issue_id = :i AND user_id = :u", soci::use(issue_id), soci::use(author_id);
    tx.commit();
    return id;
}

std::int64_t insert_line_comment(db::Pool& pool, std::int64_t issue_id, std::int64_t author_id, const LineCommentRow& comment) {
    soci::session sql(pool.get());
    auto now = db::now();
    std::int64_t id = 0;
    db::Transaction tx(sql);
    insert_comment(sql, issue_id, author_id, 0, comment, now);
    sql << "SELECT MAX(id) FROM line_comments WHERE issue_id = :i", soci::use(issue_id), soci::into(id);
    tx.commit();
    return id;
}

std::vector<ReviewRow> reviews(db::Pool& pool, std::int64_t issue_id) {
    soci::session sql(pool.get());
    ReviewRow r;
    soci::statement st = (sql.prepare << "SELECT r.id, COALESCE(u.username, ''), r.state, r.body, r.commit_sha, r.created_at FROM reviews r "
                                         "LEFT JOIN users u ON u.id = r.author_id WHERE r.issue_id = :i ORDER BY r.id",
                          soci::use(issue_id), soci::into(r.id), soci::into(r.author), soci::into(r.state), soci::into(r.body),
                          soci::into(r.commit_sha), soci::into(r.created_at));
    st.execute();
    std::vector<ReviewRow> out;
    while (st.fetch()) out.push_back(r);
    return out;
}

std::vector<LineCommentRow> line_comments(db::Pool& pool, std::int64_t issue_id) {
    soci::session sql(pool.get());
    LineCommentRow c;
    soci::statement st = (sql.prepare << "SELECT c.id, COALESCE(c.review_id, 0), COALESCE(c.parent_id, 0), COALESCE(u.username, ''), "
                                         "c.commit_sha, c.path, c.line, c.side, c.body, c.created_at FROM line_comments c "
                                         "LEFT JOIN users u ON u.id = c.author_id WHERE c.issue_id = :i ORDER BY c.id",
                          soci::use(issue_id), soci::into(c.id), soci::into(c.review_id), soci::into(c.parent_id), soci::into(c.author),
                          soci::into(c.commit_sha), soci::into(c.path), soci::into(c.line), soci::into(c.side), soci::into(c.body),
                          soci::into(c.created_at));
    st.execute();
    std::vector<LineCommentRow> out;
    while (st.fetch()) out.push_back(c);
    return out;
}

void request_reviews(db::Pool& pool, std::int64_t issue_id, std::int64_t requested_by, const std::vector<std::int64_t>& users) {
    soci::session sql(pool.get());
    auto now = db::now();
    db::Transaction tx(sql);
    for (auto user_id : users)
        sql << "INSERT INTO review_requests (issue_id, user_id, requested_by, created_at) VALUES (:i, :u, :b, :t) "
               "ON CONFLICT (issue_id, user_id) DO NOTHING",
            soci::use(issue_id), soci::use(user_id), soci::use(requested_by), soci::use(now);
    tx.commit();
}

void withdraw_review_request(db::Pool& pool, std::int64_t issue_id, std::int64_t user_id) {
    soci::session sql(pool.get());
    sql << "DELETE FROM review_requests WHERE issue_id = :i AND user_id = :u", soci::use(issue_id), soci::use(user_id);
}

std::vector<std::pair<std::int64_t, std::string>> review_requests(db::Pool& pool, std::int64_t issue_id) {
    soci::session sql(pool.get());
    std::int64_t id = 0;
    std::string name;
    soci::statement st = (sql.prepare << "SELECT u.id, u.username FROM review_requests r JOIN users u ON u.id = r.user_id "
                                         "WHERE r.issue_id = :i ORDER BY u.username",
                          soci::use(issue_id), soci::into(id), soci::into(name));
    st.execute();
    std::vector<std::pair<std::int64_t, std::string>> out;
    while (st.fetch()) out.emplace_back(id, name);
    return out;
}

}  // namespace pulls::store

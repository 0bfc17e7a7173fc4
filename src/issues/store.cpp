#include "issues/store.hpp"

#include <algorithm>

namespace issues::store {
namespace {

constexpr const char* kIssueColumns =
    "i.id, i.repo_id, i.number, i.is_pull, i.title, i.body, COALESCE(i.author_id, 0), COALESCE(u.username, ''), "
    "i.state, i.state_reason, i.comment_count, i.created_at, i.updated_at, i.closed_at";

struct IssueRow {
    Issue issue;
    int is_pull = 0;
    std::int64_t closed_at = 0;
    soci::indicator closed_ind = soci::i_null;

    void bind(soci::statement& st) {
        st.exchange(soci::into(issue.id));
        st.exchange(soci::into(issue.repo_id));
        st.exchange(soci::into(issue.number));
        st.exchange(soci::into(is_pull));
        st.exchange(soci::into(issue.title));
        st.exchange(soci::into(issue.body));
        st.exchange(soci::into(issue.author_id));
        st.exchange(soci::into(issue.author));
        st.exchange(soci::into(issue.state));
        st.exchange(soci::into(issue.state_reason));
        st.exchange(soci::into(issue.comment_count));
        st.exchange(soci::into(issue.created_at));
        st.exchange(soci::into(issue.updated_at));
        st.exchange(soci::into(closed_at, closed_ind));
    }
    Issue get() const {
        Issue out = issue;
        out.is_pull = is_pull != 0;
        out.closed_at = closed_ind == soci::i_ok ? std::optional(closed_at) : std::nullopt;
        return out;
    }
};

}  // namespace

void add_event(soci::session& sql, std::int64_t issue_id, std::int64_t actor_id, const std::string& kind,
               const std::string& detail, std::int64_t at) {
    sql << "INSERT INTO issue_events (issue_id, actor_id, kind, detail, created_at) VALUES (:i, :a, :k, :d, :t)",
        soci::use(issue_id), soci::use(actor_id), soci::use(kind), soci::use(detail), soci::use(at);
}

void record_event(db::Pool& pool, std::int64_t issue_id, std::int64_t actor_id, const std::string& kind,
                  const std::string& detail) {
    soci::session sql(pool.get());
    add_event(sql, issue_id, actor_id, kind, detail, db::now());
}

void record_event_once(db::Pool& pool, std::int64_t issue_id, std::int64_t actor_id, const std::string& kind,
                       const std::string& detail) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "INSERT INTO issue_events (issue_id, actor_id, kind, detail, created_at) SELECT :i, :a, :k, :d, :t "
           "WHERE NOT EXISTS (SELECT 1 FROM issue_events WHERE issue_id = :i2 AND kind = :k2 AND detail = :d2)",
        soci::use(issue_id), soci::use(actor_id), soci::use(kind), soci::use(detail), soci::use(now), soci::use(issue_id),
        soci::use(kind), soci::use(detail);
}

namespace {

void touch(soci::session& sql, std::int64_t issue_id, std::int64_t at) {
    sql << "UPDATE issues SET updated_at = :t WHERE id = :i", soci::use(at), soci::use(issue_id);
}

// Labels and assignees of one issue.
void fill_details(soci::session& sql, std::vector<Issue>& issues) {
    // Two statements prepared once for the whole page, not two per issue.
    std::int64_t id = 0;
    Label label;
    soci::statement labels = (sql.prepare << "SELECT l.id, l.name, l.color, l.description FROM issue_labels il "
                                             "JOIN labels l ON l.id = il.label_id WHERE il.issue_id = :i ORDER BY l.name",
                              soci::use(id), soci::into(label.id), soci::into(label.name), soci::into(label.color),
                              soci::into(label.description));
    std::string username;
    soci::statement assignees = (sql.prepare << "SELECT u.username FROM issue_assignees ia JOIN users u ON u.id = ia.user_id "
                                                "WHERE ia.issue_id = :i ORDER BY u.username",
                                 soci::use(id), soci::into(username));
    for (auto& issue : issues) {
        id = issue.id;
        labels.execute();
        while (labels.fetch()) issue.labels.push_back(label);
        assignees.execute();
        while (assignees.fetch()) issue.assignees.push_back(username);
    }
}

// The comments of an issue, oldest first; only the one with id `only` when it is not 0.
std::vector<Comment> select_comments(db::Pool& pool, std::int64_t issue_id, std::int64_t only) {
    soci::session sql(pool.get());
    Comment c;
    std::int64_t parent = 0;
    soci::indicator parent_ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT c.id, c.issue_id, c.parent_id, COALESCE(c.author_id, 0), COALESCE(u.username, ''), "
                                         "c.body, c.created_at, c.updated_at FROM comments c LEFT JOIN users u ON u.id = c.author_id "
                                         "WHERE c.issue_id = :i AND (:only1 = 0 OR c.id = :only2) ORDER BY c.id",
                          soci::use(issue_id), soci::use(only), soci::use(only), soci::into(c.id), soci::into(c.issue_id),
                          soci::into(parent, parent_ind), soci::into(c.author_id), soci::into(c.author), soci::into(c.body),
                          soci::into(c.created_at), soci::into(c.updated_at));
    st.execute();
    std::vector<Comment> out;
    while (st.fetch()) {
        c.parent_id = parent_ind == soci::i_ok ? std::optional(parent) : std::nullopt;
        out.push_back(c);
    }
    return out;
}

std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

}  // namespace

Issue create(db::Pool& pool, const std::string& repo_id, std::int64_t author_id, const NewIssue& spec,
             const std::vector<Label>& labels, const std::vector<std::pair<std::int64_t, std::string>>& assignees,
             const std::function<void(soci::session&, std::int64_t issue_id)>& also) {
    soci::session sql(pool.get());
    auto now = db::now();
    Issue issue;
    db::Transaction tx(sql);
    // The first statement writes, so SQLite takes the write lock at once and concurrent
    // creators queue on it rather than failing as readers upgrading to writers would.
    sql << "INSERT INTO issue_numbers (repo_id, last_number) VALUES (:r, 0) ON CONFLICT (repo_id) DO NOTHING",
        soci::use(repo_id);
    sql << "UPDATE issue_numbers SET last_number = last_number + 1 WHERE repo_id = :r", soci::use(repo_id);
    sql << "SELECT last_number FROM issue_numbers WHERE repo_id = :r", soci::use(repo_id), soci::into(issue.number);
    int is_pull = spec.is_pull;
    sql << "INSERT INTO issues (repo_id, number, is_pull, title, body, author_id, state, created_at, updated_at) "
           "VALUES (:r, :n, :p, :t, :b, :a, 'open', :c, :u)",
        soci::use(repo_id), soci::use(issue.number), soci::use(is_pull), soci::use(spec.title), soci::use(spec.body),
        soci::use(author_id), soci::use(now), soci::use(now);
    sql << "SELECT id FROM issues WHERE repo_id = :r AND number = :n", soci::use(repo_id), soci::use(issue.number),
        soci::into(issue.id);
    for (const auto& label : labels) {
        sql << "INSERT INTO issue_labels (issue_id, label_id) VALUES (:i, :l)", soci::use(issue.id), soci::use(label.id);
        add_event(sql, issue.id, author_id, "labeled", label.name, now);
    }
    for (const auto& [user_id, username] : assignees) {
        sql << "INSERT INTO issue_assignees (issue_id, user_id) VALUES (:i, :u)", soci::use(issue.id), soci::use(user_id);
        add_event(sql, issue.id, author_id, "assigned", username, now);
    }
    if (also) also(sql, issue.id);
    tx.commit();
    return *find(pool, repo_id, issue.number);
}

std::optional<Issue> find(db::Pool& pool, const std::string& repo_id, std::int64_t number) {
    soci::session sql(pool.get());
    IssueRow row;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kIssueColumns +
               " FROM issues i LEFT JOIN users u ON u.id = i.author_id WHERE i.repo_id = :r AND i.number = :n");
    st.exchange(soci::use(repo_id));
    st.exchange(soci::use(number));
    row.bind(st);
    st.define_and_bind();
    if (!st.execute(true)) return std::nullopt;
    std::vector<Issue> found{row.get()};
    fill_details(sql, found);
    return std::move(found.front());
}

Page list(db::Pool& pool, const std::string& repo_id, const Filter& filter) {
    soci::session sql(pool.get());
    auto pattern = like_pattern(filter.text);
    // Only the filters that are on go into the statement (every value still bound), so that a
    // plain list is answered from the issues_list index.
    std::string where = " FROM issues i LEFT JOIN users u ON u.id = i.author_id WHERE i.repo_id = :r AND i.is_pull = :pulls";
    if (!filter.label.empty())
        where += " AND EXISTS (SELECT 1 FROM issue_labels il JOIN labels l ON l.id = il.label_id WHERE il.issue_id = i.id AND l.name = :label)";
    if (!filter.assignee.empty())
        where += " AND EXISTS (SELECT 1 FROM issue_assignees ia JOIN users au ON au.id = ia.user_id WHERE ia.issue_id = i.id AND au.username = :assignee)";
    if (!filter.author.empty()) where += " AND u.username = :author";
    if (!filter.text.empty()) where += " AND (i.title LIKE :pattern1 ESCAPE '\\' OR i.body LIKE :pattern2 ESCAPE '\\')";
    int pulls = filter.pulls;
    auto bind_filter = [&](soci::statement& st) {
        st.exchange(soci::use(repo_id));
        st.exchange(soci::use(pulls));
        if (!filter.label.empty()) st.exchange(soci::use(filter.label));
        if (!filter.assignee.empty()) st.exchange(soci::use(filter.assignee));
        if (!filter.author.empty()) st.exchange(soci::use(filter.author));
        if (!filter.text.empty()) {
            st.exchange(soci::use(pattern));
            st.exchange(soci::use(pattern));
        }
    };
    Page page;
    {
        std::string state;
        std::int64_t count = 0;
        soci::statement st(sql);
        st.alloc();
        st.prepare("SELECT i.state, COUNT(*)" + where + " GROUP BY i.state");
        bind_filter(st);
        st.exchange(soci::into(state));
        st.exchange(soci::into(count));
        st.define_and_bind();
        st.execute();
        while (st.fetch()) (state == "open" ? page.open : page.closed) = count;
    }
    page.total = filter.state == "open" ? page.open : filter.state == "closed" ? page.closed : page.open + page.closed;
    const char* order = filter.sort == "oldest"     ? " ORDER BY i.number ASC"
                        : filter.sort == "updated"  ? " ORDER BY i.updated_at DESC, i.number DESC"
                        : filter.sort == "comments" ? " ORDER BY i.comment_count DESC, i.number DESC"
                                                    : " ORDER BY i.number DESC";
    bool all_states = filter.state == "all";
    std::int64_t limit = filter.per_page, offset = (std::max<std::int64_t>(filter.page, 1) - 1) * filter.per_page;
    IssueRow row;
    soci::statement st(sql);
    st.alloc();
    st.prepare(std::string("SELECT ") + kIssueColumns + where + (all_states ? "" : " AND i.state = :state") + order +
               " LIMIT :limit OFFSET :offset");
    bind_filter(st);
    if (!all_states) st.exchange(soci::use(filter.state));
    st.exchange(soci::use(limit));
    st.exchange(soci::use(offset));
    row.bind(st);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) page.issues.push_back(row.get());
    fill_details(sql, page.issues);
    return page;
}

void edit(db::Pool& pool, const Issue& issue, std::int64_t actor_id, const std::string& title, const std::string& body) {
    soci::session sql(pool.get());
    auto now = db::now();
    db::Transaction tx(sql);
    sql << "UPDATE issues SET title = :t, body = :b, updated_at = :u WHERE id = :i", soci::use(title), soci::use(body),
        soci::use(now), soci::use(issue.id);
    if (title != issue.title) add_event(sql, issue.id, actor_id, "renamed", issue.title, now);
    tx.commit();
}

void set_state(db::Pool& pool, const Issue& issue, std::int64_t actor_id, const std::string& state,
               const std::string& reason) {
    if (state == issue.state) return;
    soci::session sql(pool.get());
    auto now = db::now();
    db::Transaction tx(sql);
    if (state == "closed") {
        sql << "UPDATE issues SET state = 'closed', state_reason = :r, closed_at = :c, updated_at = :u WHERE id = :i",
            soci::use(reason), soci::use(now), soci::use(now), soci::use(issue.id);
        add_event(sql, issue.id, actor_id, "closed", reason, now);
    } else {
        sql << "UPDATE issues SET state = 'open', state_reason = '', closed_at = NULL, updated_at = :u WHERE id = :i",
            soci::use(now), soci::use(issue.id);
        add_event(sql, issue.id, actor_id, "reopened", "", now);
    }
    tx.commit();
}

void set_labels(db::Pool& pool, const Issue& issue, std::int64_t actor_id, const std::vector<Label>& labels) {
    soci::session sql(pool.get());
    auto now = db::now();
    auto has = [](const std::vector<Label>& list, const Label& l) {
        return std::any_of(list.begin(), list.end(), [&](const Label& x) { return x.id == l.id; });
    };
    db::Transaction tx(sql);
    for (const auto& old : issue.labels) {
        if (has(labels, old)) continue;
        sql << "DELETE FROM issue_labels WHERE issue_id = :i AND label_id = :l", soci::use(issue.id), soci::use(old.id);
        add_event(sql, issue.id, actor_id, "unlabeled", old.name, now);
    }
    for (const auto& label : labels) {
        if (has(issue.labels, label)) continue;
        sql << "INSERT INTO issue_labels (issue_id, label_id) VALUES (:i, :l)", soci::use(issue.id), soci::use(label.id);
        add_event(sql, issue.id, actor_id, "labeled", label.name, now);
    }
    touch(sql, issue.id, now);
    tx.commit();
}

void set_assignees(db::Pool& pool, const Issue& issue, std::int64_t actor_id,
                   const std::vector<std::pair<std::int64_t, std::string>>& assignees) {
    soci::session sql(pool.get());
    auto now = db::now();
    db::Transaction tx(sql);
    for (const auto& old : issue.assignees) {
        if (std::any_of(assignees.begin(), assignees.end(), [&](const auto& a) { return a.second == old; })) continue;
        sql << "DELETE FROM issue_assignees WHERE issue_id = :i AND user_id = (SELECT id FROM users WHERE username = :u)",
            soci::use(issue.id), soci::use(old);
        add_event(sql, issue.id, actor_id, "unassigned", old, now);
    }
    for (const auto& [user_id, username] : assignees) {
        if (std::find(issue.assignees.begin(), issue.assignees.end(), username) != issue.assignees.end()) continue;
        sql << "INSERT INTO issue_assignees (issue_id, user_id) VALUES (:i, :u)", soci::use(issue.id), soci::use(user_id);
        add_event(sql, issue.id, actor_id, "assigned", username, now);
    }
    touch(sql, issue.id, now);
    tx.commit();
}

Comment add_comment(db::Pool& pool, const Issue& issue, std::int64_t author_id, const std::string& body,
                    std::optional<std::int64_t> parent_id) {
    soci::session sql(pool.get());
    auto now = db::now();
    std::int64_t parent = parent_id.value_or(0);
    soci::indicator parent_ind = parent_id ? soci::i_ok : soci::i_null;
    std::int64_t id = 0;
    db::Transaction tx(sql);
    sql << "INSERT INTO comments (issue_id, parent_id, author_id, body, created_at, updated_at) VALUES (:i, :p, :a, :b, :c, :u)",
        soci::use(issue.id), soci::use(parent, parent_ind), soci::use(author_id), soci::use(body), soci::use(now),
        soci::use(now);
    sql << "SELECT MAX(id) FROM comments WHERE issue_id = :i", soci::use(issue.id), soci::into(id);
    sql << "UPDATE issues SET comment_count = comment_count + 1, updated_at = :u WHERE id = :i", soci::use(now),
        soci::use(issue.id);
    tx.commit();
    return *find_comment(pool, issue.id, id);
}

std::optional<Comment> find_comment(db::Pool& pool, std::int64_t issue_id, std::int64_t comment_id) {
    auto found = select_comments(pool, issue_id, comment_id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

void edit_comment(db::Pool& pool, std::int64_t comment_id, const std::string& body) {
    soci::session sql(pool.get());
    auto now = db::now();
    sql << "UPDATE comments SET body = :b, updated_at = :u WHERE id = :i", soci::use(body), soci::use(now),
        soci::use(comment_id);
}

void delete_comment(db::Pool& pool, const Issue& issue, std::int64_t comment_id) {
    soci::session sql(pool.get());
    db::Transaction tx(sql);
    sql << "DELETE FROM comments WHERE id = :c AND issue_id = :i", soci::use(comment_id), soci::use(issue.id);
    sql << "UPDATE issues SET comment_count = (SELECT COUNT(*) FROM comments WHERE issue_id = :i1) WHERE id = :i2",
        soci::use(issue.id), soci::use(issue.id);
    tx.commit();
}

std::vector<Comment> comments(db::Pool& pool, std::int64_t issue_id) { return select_comments(pool, issue_id, 0); }

std::vector<Event> events(db::Pool& pool, std::int64_t issue_id) {
    soci::session sql(pool.get());
    Event e;
    soci::statement st = (sql.prepare << "SELECT e.id, COALESCE(u.username, ''), e.kind, e.detail, e.created_at FROM issue_events e "
                                         "LEFT JOIN users u ON u.id = e.actor_id WHERE e.issue_id = :i ORDER BY e.id",
                          soci::use(issue_id), soci::into(e.id), soci::into(e.actor), soci::into(e.kind), soci::into(e.detail),
                          soci::into(e.created_at));
    st.execute();
    std::vector<Event> out;
    while (st.fetch()) out.push_back(e);
    return out;
}

std::vector<Label> labels(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    Label l;
    soci::statement st = (sql.prepare << "SELECT id, name, color, description FROM labels WHERE repo_id = :r ORDER BY name",
                          soci::use(repo_id), soci::into(l.id), soci::into(l.name), soci::into(l.color),
                          soci::into(l.description));
    st.execute();
    std::vector<Label> out;
    while (st.fetch()) out.push_back(l);
    return out;
}

core::Result<Label> create_label(db::Pool& pool, const std::string& repo_id, const Label& label) {
    soci::session sql(pool.get());
    soci::statement added = (sql.prepare << "INSERT INTO labels (repo_id, name, color, description) VALUES (:r, :n, :c, :d) ON CONFLICT DO NOTHING",
                             soci::use(repo_id), soci::use(label.name), soci::use(label.color), soci::use(label.description));
    added.execute(true);
    if (added.get_affected_rows() != 1) return core::fail(core::Errc::conflict, "There is already a label \"" + label.name + "\".");
    for (auto& l : labels(pool, repo_id))
        if (l.name == label.name) return l;
    return core::fail(core::Errc::not_found, "The label vanished.");
}

void delete_label(db::Pool& pool, const std::string& repo_id, const std::string& name) {
    soci::session sql(pool.get());
    sql << "DELETE FROM labels WHERE repo_id = :r AND name = :n", soci::use(repo_id), soci::use(name);
}

}  // namespace issues::store

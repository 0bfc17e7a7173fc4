#include "actions/store.hpp"

#include <algorithm>
#include <set>

namespace actions::store {
namespace {

constexpr const char* kRunColumns =
    "r.id, r.repo_id, r.action_id, a.file, r.number, r.name, r.event, r.ref, r.head_sha, r.pull_number, "
    "COALESCE(r.actor_id, 0), COALESCE(u.username, ''), r.status, r.workflow, r.inputs, r.concurrency_group, r.error, "
    "r.attempt, r.created_at, r.started_at, r.finished_at, r.base_ref, r.checkout_sha, r.trusted, r.awaiting_approval "
    "FROM action_runs r JOIN actions a ON a.id = r.action_id LEFT JOIN users u ON u.id = r.actor_id ";

constexpr const char* kJobColumns =
    "SELECT id, run_id, job_key, cell, name, matrix, runs_on, concurrency_group, status, COALESCE(runner_id, 0), runner_name, "
    "sandbox, outputs, error, created_at, started_at, finished_at FROM action_jobs ";

// SQLite reports an expression's type from its value, so columns are read by what they hold.
std::int64_t integer(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) == soci::i_null) return 0;
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_integer: return row.get<int>(column);
        case soci::dt_long_long: return row.get<long long>(column);
        case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(row.get<unsigned long long>(column));
        case soci::dt_double: return static_cast<std::int64_t>(row.get<double>(column));
        case soci::dt_string: return std::atoll(row.get<std::string>(column).c_str());
        default: return 0;
    }
}

std::string text(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) == soci::i_null) return "";
    if (row.get_properties(column).get_data_type() == soci::dt_string) return row.get<std::string>(column);
    return std::to_string(integer(row, column));
}

std::optional<std::int64_t> optional_time(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) == soci::i_null) return std::nullopt;
    return integer(row, column);
}

Run read_run(const soci::row& row) {
    Run r;
    r.id = integer(row, 0);
    r.repo_id = text(row, 1);
    r.action_id = integer(row, 2);
    r.action_file = text(row, 3);
    r.number = integer(row, 4);
    r.name = text(row, 5);
    r.event = text(row, 6);
    r.ref = text(row, 7);
    r.head_sha = text(row, 8);
    r.pull_number = integer(row, 9);
    r.actor_id = integer(row, 10);
    r.actor = text(row, 11);
    r.status = text(row, 12);
    r.workflow = text(row, 13);
    r.inputs = text(row, 14);
    r.concurrency_group = text(row, 15);
    r.error = text(row, 16);
    r.attempt = static_cast<int>(integer(row, 17));
    r.created_at = integer(row, 18);
    r.started_at = optional_time(row, 19);
    r.finished_at = optional_time(row, 20);
    r.base_ref = text(row, 21);
    r.checkout_sha = text(row, 22);
    r.trusted = integer(row, 23) != 0;
    r.awaiting_approval = integer(row, 24) != 0;
    return r;
}

Job read_job(const soci::row& row) {
    Job j;
    j.id = integer(row, 0);
    j.run_id = integer(row, 1);
    j.job_key = text(row, 2);
    j.cell = static_cast<int>(integer(row, 3));
    j.name = text(row, 4);
    j.matrix = text(row, 5);
    j.runs_on = text(row, 6);
    j.concurrency_group = text(row, 7);
    j.status = text(row, 8);
    j.runner_id = integer(row, 9);
    j.runner_name = text(row, 10);
    j.sandbox = text(row, 11);
    j.outputs = text(row, 12);
    j.error = text(row, 13);
    j.created_at = integer(row, 14);
    j.started_at = optional_time(row, 15);
    j.finished_at = optional_time(row, 16);
    return j;
}

Action read_action(const soci::row& row) {
    Action a;
    a.id = integer(row, 0);
    a.repo_id = text(row, 1);
    a.file = text(row, 2);
    a.name = text(row, 3);
    a.definition = text(row, 4);
    a.has_trigger_token = !text(row, 5).empty();
    a.last_schedule = integer(row, 6);
    return a;
}

constexpr const char* kActionColumns = "SELECT id, repo_id, file, name, definition, trigger_token_hash, last_schedule FROM actions ";

}  // namespace

std::string Run::branch() const {
    if (ref.starts_with("refs/heads/")) return ref.substr(11);
    if (ref.starts_with("refs/tags/")) return ref.substr(10);
    return ref;
}

std::int64_t ensure_action(soci::session& sql, const std::string& repo_id, const std::string& file, const std::string& name) {
    std::int64_t id = 0;
    std::string known;
    sql << "SELECT id, name FROM actions WHERE repo_id = :r AND file = :f", soci::use(repo_id), soci::use(file), soci::into(id),
        soci::into(known);
    if (sql.got_data()) {
        if (known != name) sql << "UPDATE actions SET name = :n WHERE id = :i", soci::use(name), soci::use(id);
        return id;
    }
    auto now = db::now();
    sql << "INSERT INTO actions (repo_id, file, name, created_at) VALUES (:r, :f, :n, :t)", soci::use(repo_id), soci::use(file),
        soci::use(name), soci::use(now);
    sql << "SELECT id FROM actions WHERE repo_id = :r AND file = :f", soci::use(repo_id), soci::use(file), soci::into(id);
    return id;
}

std::optional<std::int64_t> add_ui_action(db::Pool& pool, const std::string& repo_id, const std::string& name,
                                          const std::string& definition, std::int64_t actor_id) {
    soci::session sql(pool.get());
    // A UI action's file is its name under ui/, which keeps names unique beside workflow files.
    std::string file = "ui/" + name;
    std::int64_t existing = 0;
    sql << "SELECT id FROM actions WHERE repo_id = :r AND file = :f", soci::use(repo_id), soci::use(file), soci::into(existing);
    if (sql.got_data()) return std::nullopt;
    auto now = db::now();
    sql << "INSERT INTO actions (repo_id, file, name, definition, created_by, created_at) VALUES (:r, :f, :n, :d, :a, :t)",
        soci::use(repo_id), soci::use(file), soci::use(name), soci::use(definition), soci::use(actor_id), soci::use(now);
    std::int64_t id = 0;
    sql << "SELECT id FROM actions WHERE repo_id = :r AND file = :f", soci::use(repo_id), soci::use(file), soci::into(id);
    return id;
}

std::optional<Action> find_action(db::Pool& pool, const std::string& repo_id, std::int64_t id) {
    soci::session sql(pool.get());
    soci::row row;
    sql << std::string(kActionColumns) + "WHERE repo_id = :r AND id = :i", soci::use(repo_id), soci::use(id), soci::into(row);
    if (!sql.got_data()) return std::nullopt;
    return read_action(row);
}

std::vector<Action> actions_of(db::Pool& pool, const std::string& repo_id) {
    soci::session sql(pool.get());
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kActionColumns) + "WHERE repo_id = :r ORDER BY file", soci::use(repo_id));
    std::vector<Action> out;
    for (const auto& row : rows) out.push_back(read_action(row));
    return out;
}

void set_trigger_token_hash(db::Pool& pool, std::int64_t action_id, const std::string& hash) {
    soci::session sql(pool.get());
    sql << "UPDATE actions SET trigger_token_hash = :h WHERE id = :i", soci::use(hash), soci::use(action_id);
}

std::string trigger_token_hash(db::Pool& pool, std::int64_t action_id) {
    soci::session sql(pool.get());
    std::string hash;
    sql << "SELECT trigger_token_hash FROM actions WHERE id = :i", soci::use(action_id), soci::into(hash);
    return hash;
}

void set_last_schedule(db::Pool& pool, std::int64_t action_id, std::int64_t at) {
    soci::session sql(pool.get());
    sql << "UPDATE actions SET last_schedule = :t WHERE id = :i", soci::use(at), soci::use(action_id);
}

std::int64_t insert_run(soci::session& sql, Run& run, std::vector<Job>& jobs) {
    run.created_at = db::now();
    std::int64_t number = 0;
    soci::indicator ind;
    sql << "SELECT MAX(number) FROM action_runs WHERE action_id = :a", soci::use(run.action_id), soci::into(number, ind);
    run.number = ind == soci::i_ok ? number + 1 : 1;
    soci::indicator actor_ind = run.actor_id ? soci::i_ok : soci::i_null, finished_ind = run.finished() ? soci::i_ok : soci::i_null;
    int trusted = run.trusted, awaiting = run.awaiting_approval;
    sql << "INSERT INTO action_runs (repo_id, action_id, number, name, event, ref, head_sha, pull_number, base_ref, actor_id, status, "
           "workflow, inputs, concurrency_group, error, created_at, finished_at, checkout_sha, trusted, awaiting_approval) VALUES (:r, :a, :n, "
           ":name, :e, :ref, :sha, :p, :base, :actor, :s, :w, :i, :g, :err, :t, :f, :c, :tr, :aw)",
        soci::use(run.repo_id), soci::use(run.action_id), soci::use(run.number), soci::use(run.name), soci::use(run.event),
        soci::use(run.ref), soci::use(run.head_sha), soci::use(run.pull_number), soci::use(run.base_ref), soci::use(run.actor_id, actor_ind),
        soci::use(run.status), soci::use(run.workflow), soci::use(run.inputs), soci::use(run.concurrency_group),
        soci::use(run.error), soci::use(run.created_at),
        soci::use(run.created_at, finished_ind), soci::use(run.checkout_sha), soci::use(trusted), soci::use(awaiting);
    sql << "SELECT id FROM action_runs WHERE action_id = :a AND number = :n", soci::use(run.action_id), soci::use(run.number),
        soci::into(run.id);
    for (auto& job : jobs) {
        job.run_id = run.id;
        job.created_at = run.created_at;
        sql << "INSERT INTO action_jobs (run_id, job_key, cell, name, matrix, runs_on, concurrency_group, status, created_at) "
               "VALUES (:r, :k, :c, :n, :m, :o, :g, :s, :t)",
            soci::use(job.run_id), soci::use(job.job_key), soci::use(job.cell), soci::use(job.name), soci::use(job.matrix),
            soci::use(job.runs_on), soci::use(job.concurrency_group), soci::use(job.status), soci::use(job.created_at);
    }
    return run.id;
}

std::vector<Run> runs(db::Pool& pool, const RunFilter& f, std::int64_t* total) {
    soci::session sql(pool.get());
    std::string where = "WHERE r.repo_id = :repo";
    if (f.action_id) where += " AND r.action_id = :action";
    bool named_status = !f.status.empty() && f.status != "active" && f.status != "completed";
    if (f.status == "active") where += " AND r.status IN ('queued', 'running')";
    if (f.status == "completed") where += " AND r.status NOT IN ('queued', 'running')";
    if (named_status) where += " AND r.status = :status";
    if (!f.event.empty()) where += " AND r.event = :event";
    if (!f.branch.empty()) where += " AND r.ref IN (:b1, :b2)";
    if (!f.head_sha.empty()) where += " AND r.head_sha = :sha";
    std::string heads = "refs/heads/" + f.branch, tags = "refs/tags/" + f.branch;
    auto bind = [&](soci::statement& st) {
        st.exchange(soci::use(f.repo_id));
        if (f.action_id) st.exchange(soci::use(f.action_id));
        if (named_status) st.exchange(soci::use(f.status));
        if (!f.event.empty()) st.exchange(soci::use(f.event));
        if (!f.branch.empty()) st.exchange(soci::use(heads)), st.exchange(soci::use(tags));
        if (!f.head_sha.empty()) st.exchange(soci::use(f.head_sha));
    };
    if (total) {
        std::int64_t count = 0;
        soci::statement st(sql);
        st.alloc();
        st.prepare("SELECT COUNT(*) FROM action_runs r " + where);
        bind(st);
        st.exchange(soci::into(count));
        st.define_and_bind();
        st.execute(true);
        *total = count;
    }
    std::int64_t per_page = std::clamp(f.per_page, 1, 100), offset = (std::max(f.page, 1) - 1) * per_page;
    std::int64_t id = 0;
    std::vector<std::int64_t> ids;
    {
        soci::statement st(sql);
        st.alloc();
        st.prepare("SELECT r.id FROM action_runs r " + where + " ORDER BY r.id DESC LIMIT :lim OFFSET :off");
        bind(st);
        st.exchange(soci::use(per_page));
        st.exchange(soci::use(offset));
        st.exchange(soci::into(id));
        st.define_and_bind();
        st.execute();
        while (st.fetch()) ids.push_back(id);
    }
    std::vector<Run> out;
    for (auto run_id : ids)
        if (auto run = find_run(sql, run_id)) out.push_back(std::move(*run));
    return out;
}

std::optional<Run> find_run(soci::session& sql, std::int64_t run_id) {
    soci::row row;
    sql << "SELECT " + std::string(kRunColumns) + "WHERE r.id = :i", soci::use(run_id), soci::into(row);
    if (!sql.got_data()) return std::nullopt;
    return read_run(row);
}

std::optional<Run> find_run(db::Pool& pool, const std::string& repo_id, std::int64_t run_id) {
    soci::session sql(pool.get());
    auto run = find_run(sql, run_id);
    if (!run || run->repo_id != repo_id) return std::nullopt;
    return run;
}

std::vector<Run> active_runs(soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT " + std::string(kRunColumns) + "WHERE r.status IN ('queued', 'running') AND r.awaiting_approval = 0 ORDER BY r.id");
    std::vector<Run> out;
    for (const auto& row : rows) out.push_back(read_run(row));
    return out;
}

std::vector<Job> jobs_of(soci::session& sql, std::int64_t run_id) {
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kJobColumns) + "WHERE run_id = :r ORDER BY id", soci::use(run_id));
    std::vector<Job> out;
    for (const auto& row : rows) out.push_back(read_job(row));
    return out;
}

std::vector<Job> jobs_of(db::Pool& pool, std::int64_t run_id) {
    soci::session sql(pool.get());
    return jobs_of(sql, run_id);
}

std::optional<Job> find_job(db::Pool& pool, std::int64_t job_id) {
    soci::session sql(pool.get());
    soci::row row;
    sql << std::string(kJobColumns) + "WHERE id = :i", soci::use(job_id), soci::into(row);
    if (!sql.got_data()) return std::nullopt;
    return read_job(row);
}

std::vector<Step> steps_of(db::Pool& pool, std::int64_t job_id) {
    soci::session sql(pool.get());
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT job_id, number, name, status, started_at, finished_at FROM action_steps WHERE job_id = :j ORDER BY number",
         soci::use(job_id));
    std::vector<Step> out;
    for (const auto& row : rows)
        out.push_back({integer(row, 0), static_cast<int>(integer(row, 1)), text(row, 2), text(row, 3),
                       optional_time(row, 4), optional_time(row, 5)});
    return out;
}

void set_run_status(soci::session& sql, std::int64_t run_id, const std::string& status) {
    auto now = db::now();
    if (status == "running")
        sql << "UPDATE action_runs SET status = :s, started_at = COALESCE(started_at, :t) WHERE id = :i", soci::use(status),
            soci::use(now), soci::use(run_id);
    else
        sql << "UPDATE action_runs SET status = :s, finished_at = :t WHERE id = :i", soci::use(status), soci::use(now),
            soci::use(run_id);
}

bool approve_run(soci::session& sql, std::int64_t run_id) {
    soci::statement approved = (sql.prepare << "UPDATE action_runs SET awaiting_approval = 0 "
                                               "WHERE id = :i AND awaiting_approval = 1 AND status = 'queued'",
                                soci::use(run_id));
    approved.execute(true);
    return approved.get_affected_rows() == 1;
}

void fail_run(soci::session& sql, std::int64_t run_id, const std::string& error) {
    auto now = db::now();
    sql << "UPDATE action_jobs SET status = 'failure', error = :e, finished_at = :t WHERE run_id = :r AND status IN ('waiting', 'queued')",
        soci::use(error), soci::use(now), soci::use(run_id);
    sql << "UPDATE action_runs SET status = 'failure', error = :e, finished_at = :t WHERE id = :i", soci::use(error), soci::use(now),
        soci::use(run_id);
}

void set_job_status(soci::session& sql, std::int64_t job_id, const std::string& status, const std::string& error) {
    auto now = db::now();
    bool ends = status != "waiting" && status != "queued" && status != "running";
    soci::indicator ended = ends ? soci::i_ok : soci::i_null;
    sql << "UPDATE action_jobs SET status = :s, error = :e, finished_at = :t WHERE id = :i", soci::use(status), soci::use(error),
        soci::use(now, ended), soci::use(job_id);
    std::string interrupted = status == "cancelled" ? "cancelled" : "failure";
    if (ends)
        sql << "UPDATE action_steps SET status = CASE WHEN status = 'running' THEN :s1 ELSE 'skipped' END, "
               "finished_at = COALESCE(finished_at, :t) WHERE job_id = :i AND status IN ('queued', 'running')",
            soci::use(interrupted), soci::use(now), soci::use(job_id);
}

void start_job(soci::session& sql, std::int64_t job_id, const std::vector<std::string>& step_names, const std::string& runner_name,
               const std::string& sandbox) {
    auto now = db::now();
    db::Transaction tx(sql);
    sql << "UPDATE action_jobs SET status = 'running', started_at = :t, runner_name = :r, sandbox = :s, error = '' WHERE id = :i",
        soci::use(now), soci::use(runner_name), soci::use(sandbox), soci::use(job_id);
    sql << "DELETE FROM action_steps WHERE job_id = :i", soci::use(job_id);
    for (std::size_t i = 0; i < step_names.size(); ++i) {
        int number = static_cast<int>(i) + 1;
        sql << "INSERT INTO action_steps (job_id, number, name) VALUES (:j, :n, :name)", soci::use(job_id), soci::use(number),
            soci::use(step_names[i]);
    }
    tx.commit();
}

void finish_job(soci::session& sql, std::int64_t job_id, const std::string& status, const std::string& outputs, const std::string& error) {
    sql << "UPDATE action_jobs SET outputs = :o WHERE id = :i", soci::use(outputs), soci::use(job_id);
    set_job_status(sql, job_id, status, error);
}

bool claim_job(db::Pool& pool, std::int64_t job_id, std::int64_t runner_id, const std::string& runner_name) {
    soci::session sql(pool.get());
    auto now = db::now();
    soci::statement st = (sql.prepare << "UPDATE action_jobs SET status = 'running', runner_id = :r, runner_name = :n, started_at = :t "
                                         "WHERE id = :i AND status = 'queued'",
                          soci::use(runner_id), soci::use(runner_name), soci::use(now), soci::use(job_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void set_step_status(db::Pool& pool, std::int64_t job_id, int number, const std::string& status) {
    soci::session sql(pool.get());
    auto now = db::now();
    if (status == "running")
        sql << "UPDATE action_steps SET status = :s, started_at = :t WHERE job_id = :j AND number = :n", soci::use(status), soci::use(now),
            soci::use(job_id), soci::use(number);
    else
        sql << "UPDATE action_steps SET status = :s, started_at = COALESCE(started_at, :t1), finished_at = :t2 "
               "WHERE job_id = :j AND number = :n",
            soci::use(status), soci::use(now), soci::use(now), soci::use(job_id), soci::use(number);
}

int fail_running_jobs(db::Pool& pool, const std::string& reason) {
    soci::session sql(pool.get());
    std::vector<std::int64_t> ids;
    {
        std::int64_t id = 0;
        soci::statement st = (sql.prepare << "SELECT id FROM action_jobs WHERE status = 'running' AND runner_id IS NULL", soci::into(id));
        st.execute();
        while (st.fetch()) ids.push_back(id);
    }
    db::Transaction tx(sql);
    for (auto id : ids) set_job_status(sql, id, "failure", reason);
    tx.commit();
    return static_cast<int>(ids.size());
}

std::vector<std::int64_t> reset_run(soci::session& sql, std::int64_t run_id, bool failed_only) {
    auto jobs = jobs_of(sql, run_id);
    // What runs again: every job, or the ones that did not succeed and every job after them.
    std::set<std::string> again;
    for (const auto& j : jobs)
        if (!failed_only || (j.status != "success" && j.status != "skipped")) again.insert(j.job_key);
    std::vector<std::int64_t> reset;
    db::Transaction tx(sql);
    for (const auto& j : jobs) {
        if (!again.count(j.job_key) && failed_only) continue;
        sql << "UPDATE action_jobs SET status = 'waiting', error = '', outputs = '{}', runner_id = NULL, runner_name = '', "
               "started_at = NULL, finished_at = NULL WHERE id = :i",
            soci::use(j.id);
        sql << "DELETE FROM action_steps WHERE job_id = :i", soci::use(j.id);
        reset.push_back(j.id);
    }
    sql << "UPDATE action_runs SET status = 'queued', attempt = attempt + 1, finished_at = NULL, error = '' WHERE id = :i",
        soci::use(run_id);
    tx.commit();
    return reset;
}

std::vector<std::pair<std::string, std::string>> commit_statuses(db::Pool& pool, const std::string& repo_id,
                                                                 const std::vector<std::string>& shas) {
    std::vector<std::pair<std::string, std::string>> out;
    if (shas.empty()) return out;
    soci::session sql(pool.get());
    std::string sha, status;
    // Each commit's newest run per action decides: any still going is pending, any failed fails.
    soci::statement st = (sql.prepare << "SELECT r.status FROM action_runs r WHERE r.repo_id = :r AND r.head_sha = :s AND r.id = "
                                         "(SELECT MAX(r2.id) FROM action_runs r2 WHERE r2.action_id = r.action_id AND r2.head_sha = r.head_sha)",
                          soci::use(repo_id), soci::use(sha), soci::into(status));
    for (const auto& s : shas) {
        sha = s;
        st.execute();
        std::string combined;
        while (st.fetch()) {
            if (status == "queued" || status == "running") combined = "pending";
            else if ((status == "failure" || status == "timed_out" || status == "cancelled") && combined != "pending") combined = "failure";
            else if (combined.empty()) combined = "success";
        }
        if (!combined.empty()) out.emplace_back(s, combined);
    }
    return out;
}

namespace {

std::vector<Ended> ended(db::Pool& pool, const std::string& query, const std::string& repo_id, std::int64_t since) {
    soci::session sql(pool.get());
    Ended e;
    std::int64_t started = 0, finished = 0;
    soci::statement st = (sql.prepare << query, soci::use(repo_id), soci::use(since), soci::into(e.action), soci::into(e.status),
                          soci::into(e.created_at), soci::into(started), soci::into(finished));
    st.execute();
    std::vector<Ended> out;
    while (st.fetch()) {
        e.seconds = std::max<std::int64_t>(0, finished - started);
        out.push_back(e);
    }
    return out;
}

}  // namespace

std::vector<Ended> ended_runs(db::Pool& pool, const std::string& repo_id, std::int64_t since) {
    return ended(pool,
                 "SELECT a.name, r.status, r.created_at, COALESCE(r.started_at, r.created_at), r.finished_at FROM action_runs r "
                 "JOIN actions a ON a.id = r.action_id WHERE r.repo_id = :r AND r.created_at >= :s AND r.finished_at IS NOT NULL",
                 repo_id, since);
}

std::vector<Ended> ended_jobs(db::Pool& pool, const std::string& repo_id, std::int64_t since) {
    return ended(pool,
                 "SELECT a.name || ' / ' || j.name, j.status, r.created_at, j.started_at, j.finished_at FROM action_jobs j "
                 "JOIN action_runs r ON r.id = j.run_id JOIN actions a ON a.id = r.action_id "
                 "WHERE r.repo_id = :r AND r.created_at >= :s AND j.started_at IS NOT NULL AND j.finished_at IS NOT NULL",
                 repo_id, since);
}

std::vector<std::int64_t> remove_runs_ended_before(db::Pool& pool, std::int64_t before) {
    soci::session sql(pool.get());
    std::vector<std::int64_t> ids;
    std::int64_t id = 0;
    soci::statement st = (sql.prepare << "SELECT id FROM action_runs WHERE finished_at < :t", soci::use(before), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
    for (auto run_id : ids) sql << "DELETE FROM action_runs WHERE id = :i", soci::use(run_id);
    return ids;
}

std::string image_for_label(db::Pool& pool, const std::string& label) {
    soci::session sql(pool.get());
    std::string image;
    sql << "SELECT image FROM runner_images WHERE label = :l", soci::use(label), soci::into(image);
    return image;
}

std::vector<std::pair<std::string, std::string>> runner_images(db::Pool& pool) {
    soci::session sql(pool.get());
    std::string label, image;
    soci::statement st = (sql.prepare << "SELECT label, image FROM runner_images ORDER BY label", soci::into(label), soci::into(image));
    st.execute();
    std::vector<std::pair<std::string, std::string>> out;
    while (st.fetch()) out.emplace_back(label, image);
    return out;
}

void set_runner_image(db::Pool& pool, const std::string& label, const std::string& image) {
    soci::session sql(pool.get());
    if (image.empty()) {
        sql << "DELETE FROM runner_images WHERE label = :l", soci::use(label);
        return;
    }
    sql << "INSERT INTO runner_images (label, image) VALUES (:l, :i) ON CONFLICT (label) DO UPDATE SET image = excluded.image",
        soci::use(label), soci::use(image);
}

}  // namespace actions::store

#include "actions/scheduler.hpp"

#include <spdlog/spdlog.h>

#include "actions/artifacts.hpp"
#include "actions/context.hpp"
#include "actions/remote.hpp"
#include "actions/runner.hpp"
#include "actions/secrets.hpp"
#include "actions/workflow.hpp"
#include "core/config.hpp"
#include "core/files.hpp"
#include "git/process.hpp"
#include "repos/service.hpp"

namespace actions {
namespace {

using expr::json;

// Nothing is missed if a wake-up is: the queue is looked at this often anyway.
constexpr auto kIdle = std::chrono::seconds(2);
// What a checkout may take on the disk, as a tar (a pushed file that compresses a thousandfold
// must not fill DATA_DIR).
constexpr std::uint64_t kCheckoutLimit = std::uint64_t(2) << 30;
// A runner reports at least every 15 s while it runs a job; after this long without a word its
// jobs fail.
constexpr std::int64_t kRunnerSilence = 120;

bool ended(const std::string& status) { return status != "waiting" && status != "queued" && status != "running"; }
bool failed(const std::string& status) { return status == "failure" || status == "timed_out"; }

const Job* definition(const Workflow& wf, const std::string& key) {
    for (const auto& j : wf.jobs)
        if (j.id == key) return &j;
    return nullptr;
}

// The `needs` context of a job: each needed job's result (over all its matrix cells) and outputs.
json needs_context(const Job& def, const std::vector<store::Job>& jobs) {
    json needs = json::object();
    for (const auto& key : def.needs) {
        std::string result = "success";
        bool all_skipped = true;
        json outputs = json::object();
        for (const auto& j : jobs) {
            if (j.job_key != key) continue;
            if (failed(j.status)) result = "failure";
            else if (j.status == "cancelled" && result != "failure") result = "cancelled";
            all_skipped = all_skipped && j.status == "skipped";
            auto o = json::parse(j.outputs, nullptr, false);
            if (o.is_object()) outputs.update(o);
        }
        if (all_skipped) result = "skipped";
        needs[key] = {{"result", result}, {"outputs", outputs}};
    }
    return needs;
}

// Hears the job and keeps the page and the files up to date.
class JobLog : public JobObserver {
public:
    JobLog(db::Pool& pool, Logs& logs, const store::Job& job) : pool_(pool), logs_(logs), job_id_(job.id), writer_(logs, job.run_id, job.id) {}
    void step_started(std::size_t index) override {
        store::set_step_status(pool_, job_id_, static_cast<int>(index) + 1, "running");
        logs_.touch(job_id_);
    }
    void step_line(std::size_t index, std::string_view line) override { writer_.line(static_cast<int>(index) + 1, line); }
    void step_finished(std::size_t index, const StepResult& result) override {
        store::set_step_status(pool_, job_id_, static_cast<int>(index) + 1, result.conclusion);
        logs_.touch(job_id_);
    }

private:
    db::Pool& pool_;
    Logs& logs_;
    std::int64_t job_id_;
    LogWriter writer_;
};

}  // namespace

Scheduler::Scheduler(db::Pool& pool, repos::Service& repos, const core::Config& config, Logs& logs, Secrets& secrets, Artifacts& artifacts,
                     Runners& runners)
    : pool_(pool), repos_(repos), config_(config), logs_(logs), secrets_(secrets), artifacts_(artifacts), runners_(runners),
      engine_(Engine::from_env()) {
    slots_ = config.actions_concurrency > 0 ? static_cast<std::size_t>(config.actions_concurrency)
                                            : std::max(1u, std::thread::hardware_concurrency());
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
    if (engine_) {
        auto version = engine_->version();
        if (!version) spdlog::warn("actions: {}", version.error().message);
        if (version) {
            sandbox_ = &*engine_;
            sandbox_name_ = "container (" + *version + ")";
            if (auto left = engine_->remove_labelled("skyscape.data=" + config_.data_dir.string()); left && *left)
                spdlog::info("actions: removed {} job containers a stopped server left", *left);
        }
    }
    std::error_code ec;
    std::filesystem::remove_all(config_.data_dir / "actions" / "tmp", ec);  // archives a stopped server left on their way
    if (!sandbox_) {
        auto boxes = config_.data_dir / "actions" / "sandboxes";
        std::filesystem::remove_all(boxes, ec);  // what a stopped server left
        if (auto found = Bubblewrap::find(boxes)) {
            bubblewrap_.emplace(*found);
            sandbox_ = &*bubblewrap_;
            sandbox_name_ = bubblewrap_->version() +
                            " (no container engine: the image is not used, no memory or CPU limits, and no network: a job that asks for one fails)";
        }
    }
    if (sandbox_) spdlog::info("actions: jobs run in {}", sandbox_name_);
    else spdlog::warn("actions: no sandbox for jobs: set DOCKER_HOST to a container engine, or install bubblewrap");
    if (int n = store::fail_running_jobs(pool_, "The server stopped while this job ran, so it did not finish. Re-run it."))
        spdlog::warn("actions: {} jobs were running when the server stopped; marked failed", n);
    thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
        for (auto& [id, r] : running_) r.cancelled->store(true);
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::map<std::int64_t, std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& [id, t] : threads) t.join();
}

void Scheduler::wake() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    wake_.notify_all();
}

std::string Scheduler::sandbox() const { return sandbox_name_; }

void Scheduler::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        std::vector<std::thread> finished;
        for (auto id : done_) {
            finished.push_back(std::move(threads_[id]));
            threads_.erase(id);
        }
        done_.clear();
        pending_ = false;
        lock.unlock();
        for (auto& t : finished) t.join();
        try {
            pass();
        } catch (const std::exception& e) {
            spdlog::error("actions: the queue could not be read: {}", db::describe(e));
        }
        lock.lock();
        wake_.wait_for(lock, kIdle, [this] { return pending_ || stopping_; });
    }
}

void Scheduler::pass() {
    soci::session sql(pool_.get());
    // Jobs of runners that stopped answering end: their machine is gone or cut off.
    auto silent = runners_.silent_since(db::now() - kRunnerSilence);
    if (!silent.empty())
        for (const auto& run : store::active_runs(sql))
            for (const auto& job : store::jobs_of(sql, run.id))
                if (job.status == "running" && job.runner_id && std::find(silent.begin(), silent.end(), job.runner_id) != silent.end())
                    finish(run, job, "failure", json::object(), "The runner " + job.runner_name + " stopped answering.");
    for (const auto& run : store::active_runs(sql)) {
        // One run that cannot be planned fails alone; the queue goes on with the others.
        try {
            advance(sql, run);
        } catch (const std::exception& e) {
            spdlog::error("actions: run {} could not be planned: {}", run.id, db::describe(e));
            store::fail_run(sql, run.id, "The run could not be planned: " + db::describe(e));
        }
    }
    std::vector<std::pair<store::Run, std::vector<store::Job>>> active;
    for (auto& run : store::active_runs(sql)) {
        auto jobs = store::jobs_of(sql, run.id);
        active.emplace_back(std::move(run), std::move(jobs));
    }
    // The oldest active run of each concurrency group holds it; the others wait. Job groups
    // are held by running jobs, here or on runners.
    std::map<std::pair<std::string, std::string>, std::int64_t> holders;
    std::map<std::pair<std::string, std::string>, int> busy_groups;
    for (const auto& [run, jobs] : active) {
        if (!run.concurrency_group.empty()) holders.emplace(std::pair{run.repo_id, run.concurrency_group}, run.id);
        for (const auto& job : jobs)
            if (job.status == "running" && !job.concurrency_group.empty()) ++busy_groups[{run.repo_id, job.concurrency_group}];
    }
    std::vector<std::int64_t> offers;
    for (auto& [run, jobs] : active) {
        if (!run.concurrency_group.empty() && holders[{run.repo_id, run.concurrency_group}] != run.id) continue;
        auto wf = parse_workflow(run.action_file, run.workflow);
        if (!wf) continue;
        for (auto& job : jobs) {
            if (job.status != "queued") continue;
            const Job* def = definition(*wf, job.job_key);
            if (def && def->strategy && def->strategy->max_parallel &&
                std::count_if(jobs.begin(), jobs.end(), [&](const store::Job& j) { return j.job_key == job.job_key && j.status == "running"; }) >=
                    *def->strategy->max_parallel)
                continue;
            if (!job.concurrency_group.empty() && busy_groups[{run.repo_id, job.concurrency_group}]) {
                // cancel-in-progress: the jobs holding the group stop, and this one starts once they have.
                if (def && def->cancel_in_progress)
                    for (const auto& [other_run, others] : active)
                        for (const auto& other : others)
                            if (other.status == "running" && other.concurrency_group == job.concurrency_group && other_run.repo_id == run.repo_id)
                                stop_job(other);
                continue;
            }
            if (runners_.takes(job.runs_on)) {
                offers.push_back(job.id);
                continue;
            }
            {
                std::lock_guard lock(mutex_);
                if (stopping_) return;
                if (running_.size() >= slots_) continue;
                launch(run, job);
            }
            job.status = "running";
            if (!job.concurrency_group.empty()) ++busy_groups[{run.repo_id, job.concurrency_group}];
        }
    }
    bool changed;
    {
        std::lock_guard lock(mutex_);
        changed = offers != offers_;
        offers_ = std::move(offers);
    }
    if (changed && !offers_.empty()) runners_.wake();
}

std::optional<json> Scheduler::hand_out(const Runners::Runner& runner) {
    std::vector<std::int64_t> offers;
    {
        std::lock_guard lock(mutex_);
        offers = offers_;
    }
    for (auto id : offers) {
        auto job = store::find_job(pool_, id);
        if (!job || job->status != "queued" || !has_labels(runner.labels, split_labels(job->runs_on))) continue;
        if (!store::claim_job(pool_, id, runner.id, runner.name)) continue;  // another runner was quicker
        {
            std::lock_guard lock(mutex_);
            std::erase(offers_, id);
        }
        soci::session sql(pool_.get());
        auto run = store::find_run(sql, job->run_id);
        if (!run) continue;
        if (run->status == "queued") store::set_run_status(sql, run->id, "running");
        auto jr = prepare(*run, *job, runner.name, "runner " + runner.name);
        if (!jr) {
            finish(*run, *job, "failure", json::object(), jr.error().message);
            continue;
        }
        return to_wire(*jr, *run, *job);
    }
    return std::nullopt;
}

std::optional<std::pair<store::Run, store::Job>> Scheduler::remote_job(const Runners::Runner& runner, std::int64_t job_id) {
    auto job = store::find_job(pool_, job_id);
    if (!job || job->runner_id != runner.id || job->status != "running") return std::nullopt;
    soci::session sql(pool_.get());
    auto run = store::find_run(sql, job->run_id);
    if (!run) return std::nullopt;
    return std::pair{*run, *job};
}

core::Result<bool> Scheduler::remote_events(const Runners::Runner& runner, std::int64_t job_id, const json& events) {
    auto found = remote_job(runner, job_id);
    if (!found) return core::fail(core::Errc::not_found, "This runner runs no such job.");
    const auto& [run, job] = *found;
    LogWriter writer(logs_, run.id, job.id);
    for (const auto& e : events) {
        if (!e.is_object() || !e.contains("index") || !e["index"].is_number_integer()) continue;
        int step = e["index"].get<int>() + 1;
        auto type = e.value("type", "");
        if (type == "started") store::set_step_status(pool_, job.id, step, "running");
        else if (type == "line") writer.line(step, e.value("text", ""));
        else if (type == "finished") store::set_step_status(pool_, job.id, step, e.value("conclusion", "failure"));
    }
    logs_.touch(job.id);
    std::lock_guard lock(mutex_);
    return remote_cancels_.count(job.id) > 0;
}

core::Status Scheduler::remote_finish(const Runners::Runner& runner, std::int64_t job_id, const std::string& conclusion, const json& outputs,
                                      const std::string& error) {
    auto found = remote_job(runner, job_id);
    if (!found) return core::fail(core::Errc::not_found, "This runner runs no such job.");
    static const std::set<std::string> kEnds = {"success", "failure", "cancelled", "timed_out"};
    finish(found->first, found->second, kEnds.count(conclusion) ? conclusion : "failure", outputs.is_object() ? outputs : json::object(), error);
    std::lock_guard lock(mutex_);
    remote_cancels_.erase(job_id);
    return {};
}

void Scheduler::advance(soci::session& sql, const store::Run& run) {
    auto wf = parse_workflow(run.action_file, run.workflow);
    auto jobs = store::jobs_of(sql, run.id);
    if (!wf) {
        for (const auto& j : jobs)
            if (!ended(j.status) && j.status != "running") store::set_job_status(sql, j.id, "failure", wf.error().text());
        store::set_run_status(sql, run.id, "failure");
        return;
    }
    auto base = run_context(run, repos_.full_name(run.repo_id), config_.public_url);
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& j : jobs) {
            if (j.status != "waiting") continue;
            const Job* def = definition(*wf, j.job_key);
            if (!def) {
                store::set_job_status(sql, j.id, "failure", "The workflow has no job " + j.job_key + ".");
                j.status = "failure";
                changed = true;
                continue;
            }
            bool ready = std::all_of(jobs.begin(), jobs.end(), [&](const store::Job& other) {
                return std::find(def->needs.begin(), def->needs.end(), other.job_key) == def->needs.end() || ended(other.status);
            });
            if (!ready) continue;
            expr::Context ctx;
            ctx.values = base;
            ctx.values["needs"] = needs_context(*def, jobs);
            ctx.values["matrix"] = json::parse(j.matrix, nullptr, false);
            bool any_failed = false, any_cancelled = false, any_skipped = false;
            for (const auto& [key, need] : ctx.values["needs"].items()) {
                auto result = need["result"].get<std::string>();
                any_failed = any_failed || result == "failure";
                any_cancelled = any_cancelled || result == "cancelled";
                any_skipped = any_skipped || result == "skipped";
            }
            ctx.status = any_failed ? "failure" : any_cancelled ? "cancelled" : "success";
            std::string status = "queued", error;
            if (auto holds = expr::condition(def->condition, ctx); !holds) {
                status = "failure";
                error = holds.error().message;
            } else if (!*holds || (any_skipped && def->condition.empty())) {
                status = "skipped";
            }
            store::set_job_status(sql, j.id, status, error);
            j.status = status;
            changed = true;
        }
    }
    if (std::all_of(jobs.begin(), jobs.end(), [](const store::Job& j) { return ended(j.status); })) {
        std::string conclusion = "success";
        for (const auto& j : jobs) {
            const Job* def = definition(*wf, j.job_key);
            bool tolerated = def && def->continue_on_error == "true";
            if (failed(j.status) && !tolerated) conclusion = "failure";
            else if (j.status == "cancelled" && conclusion != "failure") conclusion = "cancelled";
        }
        store::set_run_status(sql, run.id, conclusion);
    } else if (run.status == "queued" && std::any_of(jobs.begin(), jobs.end(), [](const store::Job& j) { return j.status == "running"; })) {
        store::set_run_status(sql, run.id, "running");
    }
}

void Scheduler::launch(const store::Run& run, const store::Job& job) {
    auto flag = std::make_shared<std::atomic<bool>>(false);
    running_[job.id] = {run.id, job.job_key, job.concurrency_group, run.repo_id, flag};
    {
        soci::session sql(pool_.get());
        // Running from here on, so the next pass neither starts it again nor finishes its run.
        store::start_job(sql, job.id, {}, "this server", sandbox());
        if (run.status == "queued") store::set_run_status(sql, run.id, "running");
    }
    threads_[job.id] = std::thread([this, run, job, flag] {
        try {
            execute(run, job, flag);
        } catch (const std::exception& e) {
            spdlog::error("actions: job {} failed to run: {}", job.id, db::describe(e));
            soci::session sql(pool_.get());
            store::finish_job(sql, job.id, "failure", "{}", "The job could not run: " + db::describe(e));
        }
        logs_.touch(job.id);
        {
            std::lock_guard lock(mutex_);
            running_.erase(job.id);
            done_.insert(job.id);
            pending_ = true;
        }
        wake_.notify_all();
    });
}

core::Result<JobRun> Scheduler::prepare(const store::Run& run, const store::Job& job, const std::string& where, const std::string& sandbox) {
    auto wf = parse_workflow(run.action_file, run.workflow);
    const Job* found = wf ? definition(*wf, job.job_key) : nullptr;
    if (!found) return core::fail(core::Errc::internal, wf ? "The workflow has no job " + job.job_key + "." : wf.error().text());
    Job def = *found;
    std::vector<std::string> names;
    for (const auto& s : def.steps)
        names.push_back(!s.name.empty() ? s.name : !s.run.empty() ? "Run " + s.run.substr(0, s.run.find('\n')) : s.uses);
    {
        soci::session sql(pool_.get());
        store::start_job(sql, job.id, names, where, sandbox);
    }
    logs_.touch(job.id);
    JobRun jr;
    auto repository = repos_.full_name(run.repo_id);
    jr.context.values = run_context(run, repository, config_.public_url);
    jr.context.values["matrix"] = json::parse(job.matrix, nullptr, false);
    jr.context.values["needs"] = needs_context(def, store::jobs_of(pool_, run.id));
    // A run that is not trusted (a pull request from someone who cannot write) gets none.
    auto secrets = run.trusted ? secrets_.values(run.repo_id) : std::map<std::string, std::string>{};
    jr.context.values["secrets"] = secrets;
    jr.context.values["job"] = {{"status", "success"}};
    jr.context.values["env"] = json::object();
    for (const auto& [k, v] : wf->env)
        if (auto value = expr::interpolate(v, jr.context)) jr.context.values["env"][k] = *value;
    for (const auto& [name, value] : secrets) jr.secrets.push_back(value);
    jr.env = runner_env(run, job, repository, config_.public_url);
    jr.image = def.image.empty() ? "" : expr::interpolate(def.image, jr.context).value_or(def.image);
    if (jr.image.empty()) jr.image = store::image_for_label(pool_, job.runs_on.substr(0, job.runs_on.find(',')));
    if (jr.image.empty()) jr.image = config_.actions_image;
    // Names in the job (runs-on, the matrix) may hold expressions too.
    def.name = job.name;
    jr.job = def;
    if (def.timeout_minutes) jr.timeout = std::chrono::milliseconds(static_cast<long long>(*def.timeout_minutes * 60000));
    jr.limits.network = def.network;
    jr.limits.log_bytes = std::max<std::int64_t>(64LL << 20, 2 * config_.actions_log_limit);
    jr.log_limit = static_cast<std::size_t>(config_.actions_log_limit);
    return jr;
}

void Scheduler::finish(const store::Run& run, const store::Job& job, const std::string& conclusion, const json& outputs,
                       const std::string& error) {
    {
        soci::session sql(pool_.get());
        store::finish_job(sql, job.id, conclusion, outputs.dump(-1, ' ', false, json::error_handler_t::replace), error);
    }
    logs_.touch(job.id);
    auto wf = parse_workflow(run.action_file, run.workflow);
    const Job* def = wf ? definition(*wf, job.job_key) : nullptr;
    if (def && failed(conclusion) && def->strategy && def->strategy->fail_fast && def->continue_on_error != "true")
        cancel_siblings(run.id, job.job_key, job.id);
    wake();
}

void Scheduler::execute(store::Run run, store::Job job, std::shared_ptr<std::atomic<bool>> cancelled) {
    if (!sandbox_) {
        finish(run, job, "failure", json::object(),
               "No sandbox can run this job: set DOCKER_HOST to a Docker or Podman engine's unix socket, or install bubblewrap, and "
               "restart the server.");
        return;
    }
    auto jr = prepare(run, job, "this server", sandbox());
    if (!jr) return finish(run, job, "failure", json::object(), jr.error().message);
    jr->scratch = config_.data_dir / "actions" / "tmp";
    // The checkout waits on the disk, never in memory, for the sandbox to take it.
    std::optional<core::TempFile> checkout;
    if (wants_checkout(jr->job)) {
        checkout.emplace(jr->scratch);
        auto made = git::archive_to(repos_.path(run.repo_id), run.sha(), "workspace", checkout->path(), kCheckoutLimit);
        if (!made) return finish(run, job, "failure", json::object(), "The checkout failed: " + made.error().message);
        jr->checkout = checkout->path();
    }
    if (engine_ && sandbox_ == &*engine_)
        if (auto present = engine_->has_image(jr->image); present && !*present)
            if (auto pulled = engine_->pull(jr->image); !pulled) return finish(run, job, "failure", json::object(), pulled.error().message);
    jr->labels = {{"skyscape.data", config_.data_dir.string()}, {"skyscape.run", std::to_string(run.id)}};
    JobLog observer(pool_, logs_, job);
    jr->observer = &observer;
    RunArtifacts artifacts(artifacts_, run.id, job.id);
    jr->artifacts = &artifacts;
    jr->cancelled = cancelled.get();
    auto result = run_job(*sandbox_, std::move(*jr));
    finish(run, job, result.conclusion, result.outputs, result.error);
}

void Scheduler::stop_job(const store::Job& job) {
    std::lock_guard lock(mutex_);
    if (job.runner_id) remote_cancels_.insert(job.id);
    else if (auto it = running_.find(job.id); it != running_.end()) it->second.cancelled->store(true);
}

bool Scheduler::cancel(std::int64_t run_id) {
    soci::session sql(pool_.get());
    auto run = store::find_run(sql, run_id);
    if (!run || run->finished()) return false;
    auto jobs = store::jobs_of(sql, run_id);
    db::Transaction tx(sql);
    for (const auto& j : jobs)
        if (j.status == "waiting" || j.status == "queued") store::set_job_status(sql, j.id, "cancelled");
    store::set_run_status(sql, run_id, "cancelled");
    tx.commit();
    // After the commit: launch() writes to the database while holding the scheduler's lock.
    for (const auto& j : jobs)
        if (j.status == "running") stop_job(j);  // a runner hears it in answer to its next report
    wake();
    return true;
}

void Scheduler::cancel_siblings(std::int64_t run_id, const std::string& job_key, std::int64_t except) {
    soci::session sql(pool_.get());
    for (const auto& j : store::jobs_of(sql, run_id)) {
        if (j.job_key != job_key || j.id == except) continue;
        if (j.status == "waiting" || j.status == "queued")
            store::set_job_status(sql, j.id, "cancelled", "Cancelled: another cell of the matrix failed (fail-fast).");
        if (j.status == "running") stop_job(j);
    }
}

}  // namespace actions

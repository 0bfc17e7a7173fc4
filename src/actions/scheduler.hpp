#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "actions/bubblewrap.hpp"
#include "actions/engine.hpp"
#include "actions/logs.hpp"
#include "actions/runner.hpp"
#include "actions/runners.hpp"
#include "actions/store.hpp"

namespace core {
struct Config;
}
namespace repos {
class Service;
}

namespace actions {

class Artifacts;
class Secrets;

//! The durable queue's worker. One thread decides, from the database alone, what may run: a
//! job whose needs have ended is queued (or skipped, by its `if:`), a queued job starts when a
//! slot is free (ACTIONS_CONCURRENCY), its run's concurrency group is not held by an older run,
//! no running job holds its job group, and its matrix's max-parallel allows; a run whose jobs
//! have all ended gets its conclusion. A queued job whose runs-on labels a remote runner has is
//! offered to runners instead (hand_out). Each job started here runs on a thread of its own in
//! a sandbox (run_job in a container, or bubblewrap). At start, jobs a stopped process left
//! running are marked failed with the reason (not re-queued: a job may have had effects
//! outside its sandbox, such as a deploy) and their containers removed.
class Scheduler {
public:
    Scheduler(db::Pool& pool, repos::Service& repos, const core::Config& config, Logs& logs, Secrets& secrets, Artifacts& artifacts,
              Runners& runners);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    void start();
    //! Running jobs stop and are recorded as cancelled, their containers removed; a process that
    //! dies first leaves them running, for the next start to mark failed.
    void stop();
    //! Runs or jobs changed in the database: look again now.
    void wake();
    //! Ends a run: jobs not started are cancelled, running ones stopped. False if it had ended.
    bool cancel(std::int64_t run_id);
    //! Where jobs run: "container (Podman Engine 4.3.1)", "bubblewrap 0.8.0 (…)", or "" when
    //! no sandbox can run them here.
    std::string sandbox() const;

    //! A queued job for this runner (its labels cover the job's runs-on), claimed for it, as
    //! the runner receives it; nullopt when there is none now.
    std::optional<expr::json> hand_out(const Runners::Runner& runner);
    //! A runner's report of its job: steps started and finished, log lines. Whether the job
    //! is to stop (its run was cancelled).
    core::Result<bool> remote_events(const Runners::Runner& runner, std::int64_t job_id, const expr::json& events);
    core::Status remote_finish(const Runners::Runner& runner, std::int64_t job_id, const std::string& conclusion,
                               const expr::json& outputs, const std::string& error);
    //! The run and job a runner is running, for its artifact uploads and downloads.
    std::optional<std::pair<store::Run, store::Job>> remote_job(const Runners::Runner& runner, std::int64_t job_id);

private:
    struct Running {
        std::int64_t run_id = 0;
        std::string job_key;
        std::string concurrency_group;
        std::string repo_id;
        std::shared_ptr<std::atomic<bool>> cancelled;
    };

    void loop();
    void pass();
    void advance(soci::session& sql, const store::Run& run);
    void launch(const store::Run& run, const store::Job& job);
    //! The job's run, ready for an executor here or on a runner: the job marked running there.
    core::Result<JobRun> prepare(const store::Run& run, const store::Job& job, const std::string& where, const std::string& sandbox);
    void execute(store::Run run, store::Job job, std::shared_ptr<std::atomic<bool>> cancelled);
    void finish(const store::Run& run, const store::Job& job, const std::string& conclusion, const expr::json& outputs,
                const std::string& error);
    void cancel_siblings(std::int64_t run_id, const std::string& job_key, std::int64_t except);
    //! A running job (here or on a runner) stops as cancelled.
    void stop_job(const store::Job& job);

    db::Pool& pool_;
    repos::Service& repos_;
    const core::Config& config_;
    Logs& logs_;
    Secrets& secrets_;
    Artifacts& artifacts_;
    Runners& runners_;
    std::optional<Engine> engine_;
    std::optional<Bubblewrap> bubblewrap_;
    const Sandbox* sandbox_ = nullptr;  // the engine if it answers, else bubblewrap, else none
    std::string sandbox_name_;
    std::size_t slots_ = 1;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false, stopping_ = false;
    std::map<std::int64_t, Running> running_;  // job id → what the slot holds
    std::map<std::int64_t, std::thread> threads_;
    std::set<std::int64_t> done_;  // finished jobs whose threads wait to be joined
    std::vector<std::int64_t> offers_;  // queued jobs that wait for a runner, oldest first
    std::set<std::int64_t> remote_cancels_;  // runners' jobs to stop
    std::thread thread_;
};

}  // namespace actions

#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "actions/expression.hpp"
#include "actions/store.hpp"
#include "actions/workflow.hpp"
#include "auth/actor.hpp"
#include "core/result.hpp"
#include "events/store.hpp"

namespace core {
struct Config;
}
namespace repos {
class Service;
struct Access;
struct Repo;
}

namespace actions {

class Artifacts;
class Logs;
class Scheduler;

//! What the form of `POST /{owner}/{repo}/actions/create` defines: a workflow of one job.
struct UiAction {
    std::string name;
    std::string trigger;    //!< manual, schedule or push
    std::string branch;     //!< push: the branch filter (globs); empty for every branch
    std::string schedule;   //!< schedule: a cron expression
    std::string image;      //!< the container image
    std::string script;     //!< a shell script
    std::string artifacts;  //!< paths (globs), one per line, uploaded after the script
};

//! An action with the workflow it runs now: for a file, as at the default branch's tip.
struct ActionView {
    store::Action action;
    tl::expected<Workflow, ParseError> workflow = tl::unexpected(ParseError{});
    std::string text;  //!< the YAML
};

//! When and what actions run: runs are made from events (pushes, pull requests, schedules,
//! the Run button and the API, trigger URLs), each from the workflow as it is at the commit
//! the run is for, and handed to the scheduler's queue.
class Service {
public:
    Service(db::Pool& pool, repos::Service& repos, Scheduler& scheduler, Logs& logs, Artifacts& artifacts, const core::Config& config)
        : pool_(pool), repos_(repos), scheduler_(scheduler), logs_(logs), artifacts_(artifacts), config_(config) {}
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    repos::Service& repos() { return repos_; }

    //! A push: the workflows at the new commit whose `on.push` takes it run, and so do the
    //! `on.pull_request` workflows of open pull requests from the pushed branch.
    void on_push(const events::store::Event& event);
    //! A pull request was opened.
    void on_pull_opened(const std::string& repo_id, std::int64_t number, const std::string& base, const std::string& head,
                        std::int64_t actor_id);

    //! workflow_dispatch (the Run button, the API): the action's workflow at ref's tip (a UI
    //! action's own definition), its inputs checked against those it declares.
    core::Result<store::Run> dispatch(const repos::Access& access, const auth::Actor& actor, std::int64_t action_id, std::string ref,
                                      const expr::json& inputs);
    //! The action whose workflow file is `file` (".github/workflows/ci.yml" or just "ci.yml").
    std::optional<store::Action> action_by_file(const std::string& repo_id, const std::string& file);
    //! An outside service starts the action with its trigger token (compared in constant time).
    core::Result<store::Run> trigger(const repos::Repo& repo, std::int64_t action_id, const std::string& token, std::string ref);
    //! A new trigger token for the action (repository admins); shown once.
    core::Result<std::string> new_trigger_token(const repos::Access& access, std::int64_t action_id);

    core::Result<std::int64_t> create(const repos::Access& access, const auth::Actor& actor, const UiAction& spec);
    //! The repository's actions, file workflows as at the default branch's tip first seen.
    std::vector<ActionView> actions(const repos::Repo& repo);
    std::optional<ActionView> action(const repos::Repo& repo, std::int64_t action_id);

    core::Status cancel(const repos::Access& access, std::int64_t run_id);
    //! A writer lets a run that waits for approval (a pull request from someone who cannot
    //! write) go; it still runs without secrets.
    core::Status approve(const repos::Access& access, std::int64_t run_id);
    //! The run again (every job, or those that did not succeed and the jobs after them), from
    //! the same workflow text and commit.
    core::Status rerun(const repos::Access& access, std::int64_t run_id, bool failed_only);

    //! Runs the schedules that fell due (one run per due time, the latest only after downtime)
    //! and cleans up, from a background thread, once a minute.
    void start();
    void stop();
    //! The scheduled runs due at `now` (Unix seconds); the thread calls this each minute.
    void run_schedules(std::int64_t now);
    //! Artifacts past their retention, and runs (with their logs) that ended longer than
    //! ACTIONS_RETENTION_DAYS ago, go; the thread calls this each minute too.
    void clean_up(std::int64_t now);

private:
    struct Spec {
        std::string event, ref, sha;
        std::int64_t actor_id = 0;
        std::int64_t pull_number = 0;
        std::string base_ref;
        expr::json inputs = expr::json::object();
        std::string checkout;  //!< a pull request's merge commit
        bool trusted = true;   //!< false: no secrets, and a writer approves the run first
    };
    //! cancel-in-progress: the other active runs of the run's concurrency group are cancelled.
    void supersede(const store::Run& run, const Workflow& workflow);
    //! Whether this user may write to the repository (and so may see its secrets in a run).
    bool can_write(const repos::Repo& repo, std::int64_t user_id);
    //! One run of a workflow file or UI action; failed at once, with its error, when invalid.
    store::Run create_run(const repos::Repo& repo, std::int64_t action_id, const std::string& file, const std::string& text,
                          const tl::expected<Workflow, ParseError>& workflow, const Spec& spec);
    void run_schedules(const std::string& repo_id, std::int64_t now);
    void pull_request_runs(const repos::Repo& repo, std::int64_t number, const std::string& base, const std::string& head,
                           const std::string& head_sha, std::int64_t actor_id);

    db::Pool& pool_;
    repos::Service& repos_;
    Scheduler& scheduler_;
    Logs& logs_;
    Artifacts& artifacts_;
    const core::Config& config_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

//! The latest minute at or before `now` that one of the cron expressions names, if it is after
//! `last` (the last time the schedule ran): what runs, once, whatever was missed.
std::optional<std::int64_t> schedule_due(const std::vector<std::string>& crons, std::int64_t last, std::int64_t now);

//! The workflow YAML a UI action stands for, or why the form cannot make one.
core::Result<std::string> ui_workflow(const UiAction& spec);

}  // namespace actions

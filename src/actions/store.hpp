#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/pool.hpp"

//! SQL for actions, their runs, jobs and steps.
namespace actions::store {

struct Action {
    std::int64_t id = 0;
    std::string repo_id;
    std::string file;        //!< the workflow file, or "" for one defined in the UI
    std::string name;
    std::string definition;  //!< the workflow YAML of one defined in the UI
    bool has_trigger_token = false;
    std::int64_t last_schedule = 0;
};

struct Run {
    std::int64_t id = 0;
    std::string repo_id;
    std::int64_t action_id = 0;
    std::string action_file;
    std::int64_t number = 0;
    std::string name, event, ref, head_sha;
    std::int64_t pull_number = 0;
    std::string base_ref;  //!< a pull request's base branch
    std::string checkout_sha;  //!< what the jobs check out when not head_sha: a pull request's merge commit
    //! The commit the jobs check out and GITHUB_SHA names.
    const std::string& sha() const { return checkout_sha.empty() ? head_sha : checkout_sha; }
    std::int64_t actor_id = 0;
    std::string actor;  //!< username, "" when none or deleted
    std::string status;
    std::string workflow;  //!< the YAML it was made from
    std::string inputs;    //!< JSON object
    std::string concurrency_group;
    std::string error;
    //! Its jobs get the repository's secrets: false for a pull request from someone who cannot
    //! write to the repository, whose run also waits, queued, for a writer's approval.
    bool trusted = true;
    bool awaiting_approval = false;
    int attempt = 1;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> started_at, finished_at;

    bool finished() const { return status != "queued" && status != "running"; }
    //! "refs/heads/main" → "main"; tags likewise.
    std::string branch() const;
};

struct Job {
    std::int64_t id = 0, run_id = 0;
    std::string job_key;
    int cell = 0;
    std::string name, matrix, runs_on, concurrency_group, status;
    std::int64_t runner_id = 0;
    std::string runner_name, sandbox, outputs, error;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> started_at, finished_at;

    bool finished() const { return status != "waiting" && status != "queued" && status != "running"; }
};

struct Step {
    std::int64_t job_id = 0;
    int number = 0;
    std::string name, status;
    std::optional<std::int64_t> started_at, finished_at;
};

//! The action for a workflow file, made on first sight; its id.
std::int64_t ensure_action(soci::session& sql, const std::string& repo_id, const std::string& file, const std::string& name);
std::optional<std::int64_t> add_ui_action(db::Pool& pool, const std::string& repo_id, const std::string& name,
                                          const std::string& definition, std::int64_t actor_id);
std::optional<Action> find_action(db::Pool& pool, const std::string& repo_id, std::int64_t id);
std::vector<Action> actions_of(db::Pool& pool, const std::string& repo_id);
void set_trigger_token_hash(db::Pool& pool, std::int64_t action_id, const std::string& hash);
std::string trigger_token_hash(db::Pool& pool, std::int64_t action_id);
void set_last_schedule(db::Pool& pool, std::int64_t action_id, std::int64_t at);

//! A new run (with its number) and its jobs, in one transaction; the run's id.
std::int64_t insert_run(soci::session& sql, Run& run, std::vector<Job>& jobs);

struct RunFilter {
    std::string repo_id;
    std::int64_t action_id = 0;  //!< 0: every action
    std::string status;  //!< a status, or "active" (queued or running) or "completed"
    std::string event, branch, head_sha;
    int page = 1, per_page = 25;
};
std::vector<Run> runs(db::Pool& pool, const RunFilter& filter, std::int64_t* total = nullptr);
std::optional<Run> find_run(db::Pool& pool, const std::string& repo_id, std::int64_t run_id);
std::optional<Run> find_run(soci::session& sql, std::int64_t run_id);
//! Runs queued or running, but for those that await approval.
std::vector<Run> active_runs(soci::session& sql);

std::vector<Job> jobs_of(soci::session& sql, std::int64_t run_id);
std::vector<Job> jobs_of(db::Pool& pool, std::int64_t run_id);
std::optional<Job> find_job(db::Pool& pool, std::int64_t job_id);
std::vector<Step> steps_of(db::Pool& pool, std::int64_t job_id);

void set_run_status(soci::session& sql, std::int64_t run_id, const std::string& status);
//! A run awaiting approval may run; false when it was not waiting.
bool approve_run(soci::session& sql, std::int64_t run_id);
//! The run ends as failed with why it could not go on; its jobs that had not started fail with it.
void fail_run(soci::session& sql, std::int64_t run_id, const std::string& error);
void set_job_status(soci::session& sql, std::int64_t job_id, const std::string& status, const std::string& error = "");
//! The job begins here: running, with its steps (all queued) and where it runs.
void start_job(soci::session& sql, std::int64_t job_id, const std::vector<std::string>& step_names,
               const std::string& runner_name, const std::string& sandbox);
void finish_job(soci::session& sql, std::int64_t job_id, const std::string& status, const std::string& outputs,
                const std::string& error);
//! A queued job becomes a runner's: false if it was not queued any more (another took it).
bool claim_job(db::Pool& pool, std::int64_t job_id, std::int64_t runner_id, const std::string& runner_name);
void set_step_status(db::Pool& pool, std::int64_t job_id, int number, const std::string& status);

//! Jobs left running by a process that stopped become failures, with their steps; how many.
int fail_running_jobs(db::Pool& pool, const std::string& reason);

//! A run starts again: its jobs (all, or only those that did not succeed, and those after them)
//! waiting again, the attempt counted. The ids of the jobs reset.
std::vector<std::int64_t> reset_run(soci::session& sql, std::int64_t run_id, bool failed_only);

//! The runs' combined status of each commit: "success", "failure" or "pending" (any still
//! going); commits with no run are absent.
std::vector<std::pair<std::string, std::string>> commit_statuses(db::Pool& pool, const std::string& repo_id,
                                                                 const std::vector<std::string>& shas);

//! For the statistics page: the runs and jobs that ended since `since`.
struct Ended {
    std::string action;  //!< the action's name (a job: "action / job")
    std::string status;
    std::int64_t created_at = 0, seconds = 0;
};
std::vector<Ended> ended_runs(db::Pool& pool, const std::string& repo_id, std::int64_t since);
std::vector<Ended> ended_jobs(db::Pool& pool, const std::string& repo_id, std::int64_t since);

//! Runs that ended before this time go (their jobs, steps and artifact rows with them); their ids.
std::vector<std::int64_t> remove_runs_ended_before(db::Pool& pool, std::int64_t before);

std::string image_for_label(db::Pool& pool, const std::string& label);
std::vector<std::pair<std::string, std::string>> runner_images(db::Pool& pool);
//! The image a runs-on label runs in; an empty image removes the label's setting.
void set_runner_image(db::Pool& pool, const std::string& label, const std::string& image);

}  // namespace actions::store

#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "actions/engine.hpp"
#include "actions/expression.hpp"
#include "actions/workflow.hpp"

namespace actions {

struct StepResult {
    std::string name;
    std::string conclusion;  //!< success, failure or skipped
    int exit_code = 0;
    std::string log;  //!< what it wrote, secrets and ::add-mask:: values masked
    std::map<std::string, std::string> outputs;
};

struct JobResult {
    std::string conclusion;  //!< success, failure or timed_out
    std::vector<StepResult> steps;
    std::string error;  //!< why the job could not run at all
};

//! What one job needs to run.
struct JobRun {
    Job job;
    std::string image;
    std::string checkout_tar;  //!< the commit's files under workspace/ (git archive --prefix=workspace/)
    expr::Context context;     //!< github, env (workflow's), matrix, inputs, secrets, needs
    std::vector<std::string> secrets;  //!< values masked in every log
    std::chrono::milliseconds timeout{std::chrono::minutes(360)};
    Limits limits;
    std::map<std::string, std::string> labels;  //!< on the container, beside skyscape.job
};

//! Runs a job in a container of its own, step after step, and removes the container in every
//! outcome. The container's main process is a small shell loop that runs each step when its
//! files arrive (through the engine's archive upload) and reports through its output, so no
//! `docker exec` is needed. Steps see GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH as on GitHub;
//! `if:` conditions and `${{ }}` are evaluated here, between steps. `uses: actions/checkout`
//! is the checkout the job was given; any other `uses:` fails its step as not supported.
JobResult run_job(const Engine& engine, JobRun run);

}  // namespace actions

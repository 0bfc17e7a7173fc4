#pragma once

#include "actions/runner.hpp"
#include "actions/store.hpp"

//! A job as it travels to a remote runner: the workflow text and the job's key (the runner
//! reads the job itself), the context its expressions see, env, secrets to mask, image,
//! limits. Its checkout, when it has one, the runner fetches on its own (jobs/{id}/checkout).
namespace actions {

expr::json to_wire(const JobRun& job, const store::Run& run, const store::Job& row);

struct WireJob {
    std::int64_t job_id = 0, run_id = 0;
    JobRun run;
};
//! The job back from the wire, or why it cannot be read.
core::Result<WireJob> from_wire(const expr::json& wire);

}  // namespace actions

#pragma once

#include <map>
#include <string>

#include "actions/expression.hpp"
#include "actions/store.hpp"

namespace actions {

//! What a run's expressions see before any job starts: github (event_name, sha, ref, ref_name,
//! ref_type, head_ref, base_ref, repository, actor, run_id, run_number, run_attempt, workflow,
//! workspace, server_url, api_url, event), inputs, runner and an empty vars. `repository` is
//! the run's repository as owner/name.
expr::json run_context(const store::Run& run, const std::string& repository, const std::string& public_url);

//! The variables GitHub's runners set for every step: CI, GITHUB_*, RUNNER_*.
std::map<std::string, std::string> runner_env(const store::Run& run, const store::Job& job, const std::string& repository,
                                              const std::string& public_url);

}  // namespace actions

#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string_view>
#include <string>
#include <vector>

#include "actions/engine.hpp"
#include "actions/expression.hpp"
#include "actions/tar.hpp"
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
    std::string conclusion;  //!< success, failure, timed_out or cancelled
    std::vector<StepResult> steps;  //!< one per step of the job, in order
    std::map<std::string, std::string> outputs;  //!< the job's `outputs:`, evaluated after its steps
    std::string error;  //!< why the job could not run at all
};

//! Hears a job as it runs: what the live log and the run page show. Called from the job's
//! threads, one call at a time.
class JobObserver {
public:
    virtual ~JobObserver() = default;
    //! Step `index` (of the job's steps) begins.
    virtual void step_started(std::size_t index) = 0;
    //! One line it wrote, masked, without its newline.
    virtual void step_line(std::size_t index, std::string_view line) = 0;
    virtual void step_finished(std::size_t index, const StepResult& result) = 0;
};

//! Where actions/upload-artifact puts files and actions/download-artifact finds them: the
//! run's artifacts. Files pass as tar archives on disk or streams, never held whole.
class ArtifactStore {
public:
    virtual ~ArtifactStore() = default;
    //! Keeps the files of the tar archive `tar` (paths relative to the artifact) as a new
    //! version of name; says what was kept, for the log.
    virtual core::Result<std::string> upload(const std::string& name, const std::filesystem::path& tar, int retention_days) = 0;
    //! Writes the files of name's newest version (every artifact of the run, each under a folder
    //! of its name, when name is empty) to out below prefix, with the folders on the way; how
    //! many files.
    virtual core::Result<std::size_t> download(const std::string& name, const std::string& prefix, TarWriter& out) = 0;
};

//! How much of a sandbox's files one fetch may bring to disk (upload-artifact, hashFiles), and
//! how large an artifact may be.
constexpr std::uint64_t kFetchLimit = std::uint64_t(2) << 30;
constexpr std::uint64_t kArtifactLimit = std::uint64_t(512) << 20;

//! Whether an artifact may have this name: 1 to 255 bytes, no control characters and none of
//! / \ : < > | * ? " (it becomes a file name, in a folder and in a download's header).
core::Status check_artifact_name(std::string_view name);

//! What one job needs to run.
struct JobRun {
    Job job;
    std::string image;
    //! A tar of the commit's files under workspace/ (git archive --prefix=workspace/), when the
    //! job checks out; empty otherwise.
    std::filesystem::path checkout;
    //! Where archives on their way in or out of the sandbox are kept while they pass.
    std::filesystem::path scratch = std::filesystem::temp_directory_path();
    expr::Context context;     //!< github, env (workflow's), matrix, inputs, secrets, needs
    std::vector<std::string> secrets;  //!< values masked in every log
    std::chrono::milliseconds timeout{std::chrono::minutes(360)};
    Limits limits;
    std::map<std::string, std::string> labels;  //!< on the container, beside skyscape.job
    std::map<std::string, std::string> env;     //!< GITHUB_*, RUNNER_*, CI: under the workflow's env
    std::size_t log_limit = 16 << 20;           //!< bytes of log kept; the rest is dropped, said once
    JobObserver* observer = nullptr;
    const std::atomic<bool>* cancelled = nullptr;  //!< set: the job stops at once, as cancelled
    ArtifactStore* artifacts = nullptr;            //!< none: the artifact actions fail
};

//! Whether the job has an actions/checkout step, and so needs its commit's files.
bool wants_checkout(const Job& job);

//! Runs a job in a sandbox (a container, or bubblewrap) of its own, step after step, and
//! removes it in every outcome. The sandbox's main process is a small shell loop that runs
//! each step when its files arrive (through the archive upload) and reports through its
//! output, so no `docker exec` is needed. Steps see GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH
//! as on GitHub; `if:` conditions and `${{ }}` are evaluated here, between steps. Checkout,
//! upload-artifact and download-artifact are built in; any other `uses:` fails its step as not
//! supported.
JobResult run_job(const Sandbox& sandbox, JobRun run);

}  // namespace actions

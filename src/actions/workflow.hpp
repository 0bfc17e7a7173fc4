#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

//! CI/CD actions. This file: workflow definitions in GitHub Actions syntax.
namespace actions {

//! A branch/tag/path filter list as GitHub reads it: globs (`*` within a segment, `**` across),
//! a leading `!` excludes what earlier entries included.
struct Filter {
    std::vector<std::string> include;  //!< `branches:` (or the patterns of a mixed list)
    std::vector<std::string> ignore;   //!< `branches-ignore:`
    bool present = false;              //!< the key was given at all
    //! Whether a name passes: no filter passes everything.
    bool passes(const std::string& name) const;
};

struct PushTrigger {
    Filter branches, tags, paths;
};

struct DispatchInput {
    std::string name, description, type = "string", default_value;
    bool required = false;
    std::vector<std::string> options;  //!< for type: choice
};

struct Triggers {
    std::optional<PushTrigger> push;
    std::optional<PushTrigger> pull_request;  //!< branches filter the base branch
    std::vector<std::string> schedules;       //!< cron expressions
    std::optional<std::vector<DispatchInput>> workflow_dispatch;

    //! Whether a push of `ref` (refs/heads/… or refs/tags/…) changing these paths starts the
    //! workflow, as GitHub decides: a branch filter alone leaves tags out and a tag filter alone
    //! leaves branches out; paths filters (not read for tags) need one changed path to pass.
    bool runs_on_push(const std::string& ref, const std::vector<std::string>& changed) const;
    //! Whether a pull request into `base` changing these paths starts it.
    bool runs_on_pull_request(const std::string& base, const std::vector<std::string>& changed) const;
};

struct Step {
    std::string id, name;
    std::string run;   //!< a shell script, or
    std::string uses;  //!< an action: actions/checkout@v4 …
    std::map<std::string, std::string> with, env;
    std::string shell, working_directory, condition;  //!< condition: `if:`, an expression
    std::optional<double> timeout_minutes;
    std::string continue_on_error;  //!< "true", "false" or an expression
    int line = 0;                   //!< where it is in the file
};

//! One combination of a matrix: variable → its value as JSON text.
using MatrixCell = std::map<std::string, std::string>;

struct Strategy {
    std::vector<MatrixCell> cells;  //!< expanded: the product, minus excludes, plus includes
    bool fail_fast = true;
    std::optional<int> max_parallel;
};

struct Job {
    std::string id, name;
    std::string runs_on;  //!< its labels, comma-separated: the first is mapped to an image in settings,
                          //!< and a remote runner with all of them takes the job
    std::string image;    //!< container.image, or "" for the label's image
    bool network = false;  //!< container.options asks for one (--network bridge); none by default
    std::vector<std::string> needs;
    std::string condition;  //!< `if:`
    std::map<std::string, std::string> env, outputs;
    std::optional<Strategy> strategy;
    std::optional<double> timeout_minutes;
    std::string continue_on_error;
    std::string default_shell, default_working_directory;  //!< defaults.run
    std::string concurrency_group;
    bool cancel_in_progress = false;
    std::vector<Step> steps;
    int line = 0;
};

struct Workflow {
    std::string file;  //!< .github/workflows/ci.yml
    std::string name;
    Triggers on;
    std::map<std::string, std::string> env;
    std::string default_shell, default_working_directory;
    std::string concurrency_group;
    bool cancel_in_progress = false;
    std::vector<Job> jobs;  //!< in an order where every job comes after the jobs it needs
};

//! A problem with a workflow file, where it is.
struct ParseError {
    std::string file;
    int line = 0;  //!< 1-based; 0 when unknown
    std::string message;
    std::string text() const;  //!< "ci.yml:12: message"
};

//! Reads a workflow file. Errors name the file and line: invalid YAML, aliases that expand past
//! 16 MB, unknown triggers, a job without steps or runs-on, a step with neither run nor uses (or
//! both), `needs` naming an unknown job or forming a cycle, a matrix that expands to nothing, a
//! run of more than 256 jobs (matrix cells included), an expression that does not parse, a
//! number out of range. Never throws.
tl::expected<Workflow, ParseError> parse_workflow(const std::string& file, const std::string& text);

//! The folders whose *.yml and *.yaml files are workflows, as on GitHub and in Skyscape.
constexpr const char* kWorkflowFolders[] = {".github/workflows", ".skyscape/workflows"};

struct WorkflowFile {
    std::string file, text;
    tl::expected<Workflow, ParseError> workflow;  //!< read, or why not
};

//! Every workflow file of a commit, by path.
std::vector<WorkflowFile> load_workflows(const std::filesystem::path& git_dir, const std::string& commit);

}  // namespace actions

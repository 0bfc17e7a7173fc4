#include "actions/context.hpp"

namespace actions {

using expr::json;

expr::json run_context(const store::Run& run, const std::string& repository, const std::string& public_url) {
    auto inputs = json::parse(run.inputs, nullptr, false);
    if (!inputs.is_object()) inputs = json::object();
    json event = {{"inputs", inputs}};
    bool pull = run.event == "pull_request";
    // A pull request's run is on its merge commit: refs/pull/N/merge, the head in the event.
    auto ref = pull ? "refs/pull/" + std::to_string(run.pull_number) + "/merge" : run.ref;
    if (pull) event["pull_request"] = {{"number", run.pull_number}, {"head", {{"ref", run.branch()}, {"sha", run.head_sha}}}, {"base", {{"ref", run.base_ref}}}};
    if (pull) event["number"] = run.pull_number;
    json github = {{"event_name", run.event},
                   {"sha", run.sha()},
                   {"ref", ref},
                   {"ref_name", pull ? std::to_string(run.pull_number) + "/merge" : run.branch()},
                   {"ref_type", run.ref.starts_with("refs/tags/") ? "tag" : "branch"},
                   {"head_ref", pull ? run.branch() : ""},
                   {"base_ref", run.base_ref},
                   {"repository", repository},
                   {"repository_owner", repository.substr(0, repository.find('/'))},
                   {"repository_id", run.repo_id},
                   {"actor", run.actor},
                   {"triggering_actor", run.actor},
                   {"run_id", std::to_string(run.id)},
                   {"run_number", std::to_string(run.number)},
                   {"run_attempt", std::to_string(run.attempt)},
                   {"workflow", run.name},
                   {"workspace", "/workspace"},
                   {"server_url", public_url},
                   {"api_url", public_url + "/api/v1"},
                   {"event", event}};
    return {{"github", github},
            {"inputs", inputs},
            {"runner", {{"os", "Linux"}, {"arch", "X64"}, {"name", "skyscape"}, {"temp", "/tmp"}, {"tool_cache", "/opt/hostedtoolcache"}}},
            {"vars", json::object()},
            {"env", json::object()}};
}

std::map<std::string, std::string> runner_env(const store::Run& run, const store::Job& job, const std::string& repository,
                                              const std::string& public_url) {
    bool pull = run.event == "pull_request";
    return {{"CI", "true"},
            {"GITHUB_ACTIONS", "true"},
            {"GITHUB_SHA", run.sha()},
            {"GITHUB_REF", pull ? "refs/pull/" + std::to_string(run.pull_number) + "/merge" : run.ref},
            {"GITHUB_REF_NAME", pull ? std::to_string(run.pull_number) + "/merge" : run.branch()},
            {"GITHUB_REF_TYPE", run.ref.starts_with("refs/tags/") ? "tag" : "branch"},
            {"GITHUB_HEAD_REF", pull ? run.branch() : ""},
            {"GITHUB_BASE_REF", run.base_ref},
            {"GITHUB_REPOSITORY", repository},
            {"GITHUB_REPOSITORY_OWNER", repository.substr(0, repository.find('/'))},
            {"GITHUB_ACTOR", run.actor},
            {"GITHUB_EVENT_NAME", run.event},
            {"GITHUB_RUN_ID", std::to_string(run.id)},
            {"GITHUB_RUN_NUMBER", std::to_string(run.number)},
            {"GITHUB_RUN_ATTEMPT", std::to_string(run.attempt)},
            {"GITHUB_WORKFLOW", run.name},
            {"GITHUB_JOB", job.job_key},
            {"GITHUB_WORKSPACE", "/workspace"},
            {"GITHUB_SERVER_URL", public_url},
            {"GITHUB_API_URL", public_url + "/api/v1"},
            {"RUNNER_OS", "Linux"},
            {"RUNNER_ARCH", "X64"},
            {"RUNNER_TEMP", "/tmp"}};
}

}  // namespace actions

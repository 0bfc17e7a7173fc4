#include "api/actions.hpp"

#include "actions/artifacts.hpp"
#include "actions/logs.hpp"
#include "actions/routes.hpp"
#include "actions/secrets.hpp"
#include "actions/service.hpp"
#include "actions/views.hpp"
#include "api/github.hpp"
#include "core/config.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"

namespace api {
namespace {

using auth::Need;
using github::error;
using github::iso8601;
using nlohmann::json;

// GitHub's two fields for our one: queued / in_progress / completed, and how it ended.
std::pair<std::string, json> status_pair(const std::string& status) {
    if (status == "queued" || status == "waiting") return {"queued", nullptr};
    if (status == "running") return {"in_progress", nullptr};
    return {"completed", status};
}

std::string html_url(const http::Request& req, const actions::store::Run& run) {
    return http::site_url(req) + "/" + req.repo->full_name() + "/actions/runs/" + std::to_string(run.id);
}

json run_json(const http::Request& req, const actions::store::Run& run) {
    // GitHub's shape for a run that awaits a maintainer's approval.
    auto [status, conclusion] = run.awaiting_approval && run.status == "queued" ? std::pair<std::string, json>{"completed", "action_required"}
                                                                                : status_pair(run.status);
    json out = {{"id", run.id},
                {"name", run.name},
                {"path", run.action_file},
                {"workflow_id", run.action_id},
                {"run_number", run.number},
                {"run_attempt", run.attempt},
                {"event", run.event},
                {"status", status},
                {"conclusion", conclusion},
                {"head_sha", run.head_sha},
                {"head_branch", run.branch()},
                {"actor", github::user_json(run.actor)},
                {"created_at", iso8601(run.created_at)},
                {"run_started_at", iso8601(run.started_at)},
                {"updated_at", iso8601(run.finished_at.value_or(run.started_at.value_or(run.created_at)))},
                {"html_url", html_url(req, run)},
                {"logs_url", http::site_url(req) + "/api/v1/repos/" + req.repo->full_name() + "/actions/runs/" + std::to_string(run.id) + "/logs"}};
    if (run.pull_number) out["pull_requests"] = json::array({{{"number", run.pull_number}}});
    else out["pull_requests"] = json::array();
    if (!run.error.empty()) out["error"] = run.error;
    return out;
}

json job_json(const http::Request& req, db::Pool& pool, const actions::store::Run& run, const actions::store::Job& job) {
    auto [status, conclusion] = status_pair(job.status);
    json steps = json::array();
    for (const auto& step : actions::store::steps_of(pool, job.id)) {
        auto [s, c] = status_pair(step.status);
        steps.push_back({{"number", step.number}, {"name", step.name}, {"status", s}, {"conclusion", c},
                         {"started_at", iso8601(step.started_at)}, {"completed_at", iso8601(step.finished_at)}});
    }
    json out = {{"id", job.id},
                {"run_id", run.id},
                {"name", job.name},
                {"status", status},
                {"conclusion", conclusion},
                {"head_sha", run.head_sha},
                {"started_at", iso8601(job.started_at)},
                {"completed_at", iso8601(job.finished_at)},
                {"runner_name", job.runner_name},
                {"labels", json::array({job.runs_on})},
                {"steps", steps},
                {"html_url", html_url(req, run) + "#job-" + std::to_string(job.id)}};
    auto outputs = json::parse(job.outputs, nullptr, false);
    out["outputs"] = outputs.is_object() ? outputs : json::object();
    if (!job.error.empty()) out["error"] = job.error;
    return out;
}

// The run of a route under …/actions/runs/{run_id}, or the error to answer with.
core::Result<std::pair<repos::Access, actions::store::Run>> find_run(db::Pool& pool, http::Request& req) {
    auto access = github::repo_access(req);
    auto id = http::parse_number(req.params["run_id"]);
    auto run = id ? actions::store::find_run(pool, access->repo.id, *id) : std::nullopt;
    if (!run) return core::fail(core::Errc::not_found, "No such workflow run.");
    return std::pair{*access, *run};
}

// What the routes share.
struct Routes {
    repos::Service& repos;
    actions::Service& service;
    db::Pool& pool;
    actions::Logs& logs;
    actions::Secrets& secrets;
    actions::Artifacts& artifacts;
};

http::Response runs(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto access = github::repo_access(req);
    actions::store::RunFilter f;
    f.repo_id = access->repo.id;
    f.status = req.query_or("status", "");
    if (f.status == "in_progress") f.status = "running";
    f.event = req.query_or("event", "");
    f.branch = req.query_or("branch", "");
    f.head_sha = req.query_or("head_sha", "");
    f.page = static_cast<int>(http::parse_number(req.query_or("page", "1")).value_or(1));
    f.per_page = static_cast<int>(http::parse_number(req.query_or("per_page", "30")).value_or(30));
    std::int64_t total = 0;
    json list = json::array();
    for (const auto& run : actions::store::runs(pool, f, &total)) list.push_back(run_json(req, run));
    return http::json(200, {{"total_count", total}, {"workflow_runs", list}});
}

http::Response run(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto found = find_run(pool, req);
    if (!found) return error(found.error());
    return http::json(200, run_json(req, found->second));
}

http::Response jobs(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto found = find_run(pool, req);
    if (!found) return error(found.error());
    auto jobs = actions::store::jobs_of(pool, found->second.id);
    json list = json::array();
    for (const auto& job : jobs) list.push_back(job_json(req, pool, found->second, job));
    return http::json(200, {{"total_count", list.size()}, {"jobs", list}});
}

http::Response logs_of_run(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& logs = routes.logs;
    auto found = find_run(pool, req);
    if (!found) return error(found.error());
    return http::Response{200, "text/plain; charset=utf-8", actions::run_text(pool, logs, found->second, 0), {}};
}

http::Response cancel(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& pool = routes.pool;
    auto found = find_run(pool, req);
    if (!found) return error(found.error());
    auto done = service.cancel(found->first, found->second.id);
    if (!done) return error(done.error());
    return http::json(202, json::object());
}

// GitHub's: a run that waits for a writer's approval (a pull request from someone who cannot write) goes.
http::Response approve(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& pool = routes.pool;
    auto found = find_run(pool, req);
    if (!found) return error(found.error());
    auto done = service.approve(found->first, found->second.id);
    if (!done) return error(done.error());
    return http::json(201, json::object());
}

http::Response run_artifacts(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& artifacts = routes.artifacts;
    auto found = find_run(pool, req);
    if (!found) return error(found.error());
    json list = json::array();
    for (const auto& a : artifacts.of_run(found->second.id))
        list.push_back({{"id", a.id},
                        {"name", a.name},
                        {"version", a.version},
                        {"size_in_bytes", a.size},
                        {"files", a.files},
                        {"expired", false},
                        {"created_at", iso8601(a.created_at)},
                        {"expires_at", iso8601(a.expires_at)},
                        {"archive_download_url", http::site_url(req) + "/api/v1/repos/" + req.repo->full_name() +
                                                     "/actions/artifacts/" + std::to_string(a.id) + "/tgz"}});
    return http::json(200, {{"total_count", list.size()}, {"artifacts", list}});
}

http::Response workflows(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto access = github::repo_access(req);
    json list = json::array();
    for (const auto& view : service.actions(access->repo))
        list.push_back({{"id", view.action.id}, {"name", view.action.name}, {"path", view.action.file},
                        {"state", view.workflow ? "active" : "invalid"}});
    return http::json(200, {{"total_count", list.size()}, {"workflows", list}});
}

http::Response dispatch(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto access = github::repo_access(req);
    auto body = github::body_object(req);
    if (!body || !github::text(*body, "ref")) return http::json_error(422, "Send JSON {\"ref\": \"main\", \"inputs\": {…}}.");
    auto action = service.action_by_file(access->repo.id, req.params["file"]);
    if (!action) return http::json_error(404, "No workflow " + req.params["file"] + ".");
    json inputs = body->contains("inputs") ? (*body)["inputs"] : json::object();
    if (!inputs.is_object()) return http::json_error(422, "inputs is an object.");
    auto run = service.dispatch(*access, req.actor, action->id, *github::text(*body, "ref"), inputs);
    if (!run) return error(run.error());
    auto res = http::json(204, nullptr);
    res.body.clear();
    res.header("Location", html_url(req, *run));
    return res;
}

http::Response secrets_list(Routes& routes, http::Request& req) {
    auto& secrets = routes.secrets;
    auto access = github::repo_access(req);
    json list = json::array();
    for (const auto& s : secrets.list(access->repo.id)) list.push_back({{"name", s.name}, {"updated_at", iso8601(s.updated_at)}});
    return http::json(200, {{"total_count", list.size()}, {"secrets", list}});
}

http::Response set_secret(Routes& routes, http::Request& req) {
    auto& secrets = routes.secrets;
    auto access = github::repo_access(req);
    auto body = github::body_object(req);
    auto value = body ? github::text(*body, "value") : std::nullopt;
    if (!value) return http::json_error(422, "Send JSON {\"value\": \"…\"}.");
    auto put = secrets.put(access->repo.id, req.params["name"], *value);
    if (!put) return http::json_error(422, put.error().message);
    return http::json(201, json::object());
}

http::Response delete_secret(Routes& routes, http::Request& req) {
    auto& secrets = routes.secrets;
    auto access = github::repo_access(req);
    if (!secrets.remove(access->repo.id, req.params["name"])) return http::json_error(404, "No such secret.");
    auto res = http::json(204, nullptr);
    res.body.clear();
    return res;
}

// GitHub's re-run of a whole run, or of its failed jobs only.
http::Response rerun_run(Routes& routes, http::Request& req, bool failed_only) {
    auto found = find_run(routes.pool, req);
    if (!found) return error(found.error());
    auto done = routes.service.rerun(found->first, found->second.id, failed_only);
    if (!done) return error(done.error());
    return http::json(201, json::object());
}

http::Response rerun(Routes& routes, http::Request& req) { return rerun_run(routes, req, false); }

http::Response rerun_failed(Routes& routes, http::Request& req) { return rerun_run(routes, req, true); }

}  // namespace

void register_actions_routes(http::Router& r, repos::Service& repos, actions::Service& service, db::Pool& pool, actions::Logs& logs,
                             actions::Secrets& secrets, actions::Artifacts& artifacts) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/runs", Need::api_repo_read, runs},
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}", Need::api_repo_read, run},
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/jobs", Need::api_repo_read, jobs},
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/logs", Need::api_repo_read, logs_of_run},
        {"POST", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/cancel", Need::api_repo_read, cancel},
        {"POST", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/approve", Need::api_repo_read, approve},
        {"POST", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/rerun", Need::api_repo_read, rerun},
        {"POST", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", Need::api_repo_read, rerun_failed},
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", Need::api_repo_read, run_artifacts},
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/workflows", Need::api_repo_read, workflows},
        {"POST", "/api/v1/repos/{owner}/{repo}/actions/workflows/{file}/dispatches", Need::api_repo_read, dispatch},
        {"GET", "/api/v1/repos/{owner}/{repo}/actions/secrets", Need::api_repo_admin, secrets_list},
        {"PUT", "/api/v1/repos/{owner}/{repo}/actions/secrets/{name}", Need::api_repo_admin, set_secret},
        {"DELETE", "/api/v1/repos/{owner}/{repo}/actions/secrets/{name}", Need::api_repo_admin, delete_secret},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{repos, service, pool, logs, secrets, artifacts}), kRoutes);
    r.stream("GET", "/api/v1/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/tgz", Need::api_repo_read,
             [&repos, &pool, &artifacts](http::Request& req, http::BodyStream& body) -> boost::asio::awaitable<http::Response> {
                 auto access = github::repo_access(req);
                 auto id = http::parse_number(req.params["artifact_id"]);
                 auto artifact = id ? artifacts.find(*id) : std::nullopt;
                 if (!artifact || !actions::store::find_run(pool, access->repo.id, artifact->run_id))
                     co_return http::json_error(404, "No such artifact.");
                 co_return co_await actions::send_artifact(req, body, artifacts, *artifact);
             });
}

}  // namespace api

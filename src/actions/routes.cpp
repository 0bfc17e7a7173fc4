#include "actions/routes.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <set>

#include "actions/artifacts.hpp"
#include "actions/live.hpp"
#include "actions/logs.hpp"
#include "actions/scheduler.hpp"
#include "actions/secrets.hpp"
#include "actions/service.hpp"
#include "actions/stats.hpp"
#include "actions/views.hpp"
#include "core/config.hpp"
#include "http/dispatcher.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace actions {
namespace {

using auth::Need;
using expr::json;
namespace asio = boost::asio;

constexpr int kRunsPerPage = 25;

repos::Access access_of(const http::Request& req) { return {*req.repo, req.role}; }

std::string repo_url(const http::Request& req) { return repos::url(req, *req.repo); }

std::optional<std::int64_t> param_number(http::Request& req, const char* name) { return http::parse_number(req.params[name]); }

store::RunFilter filter_of(const http::Request& req, std::int64_t action_id) {
    store::RunFilter f;
    f.repo_id = req.repo->id;
    f.action_id = action_id;
    f.status = req.query_or("status", "");
    f.event = req.query_or("event", "");
    f.branch = req.query_or("branch", "");
    f.head_sha = req.query_or("sha", "");
    f.page = static_cast<int>(http::parse_number(req.query_or("page", "1")).value_or(1));
    f.per_page = kRunsPerPage;
    return f;
}

// The run rows and their pager; the list keeps itself fresh while a run is going.
void fill_runs(const http::Request& req, db::Pool& pool, ctemplate::TemplateDictionary& dict, const store::RunFilter& f,
               const std::string& rows_url) {
    std::int64_t total = 0;
    auto runs = store::runs(pool, f, &total);
    bool active = false;
    for (const auto& run : runs) {
        fill_run_row(*dict.AddSectionDictionary("RUN"), req, run);
        active = active || !run.finished();
    }
    http::show_if(dict, "NO_RUNS", runs.empty());
    std::string query = "status=" + http::percent_encode(f.status) + "&event=" + http::percent_encode(f.event) +
                        "&branch=" + http::percent_encode(f.branch);
    dict.SetValue("ROWS_URL", rows_url + "?" + query + "&page=" + std::to_string(f.page));
    http::show_if(dict, "LIVE", active);
    dict.SetIntValue("TOTAL", total);
    if (f.page > 1) dict.SetValueAndShowSection("NEWER_URL", "?" + query + "&page=" + std::to_string(f.page - 1), "HAS_NEWER");
    if (static_cast<std::int64_t>(f.page) * kRunsPerPage < total)
        dict.SetValueAndShowSection("OLDER_URL", "?" + query + "&page=" + std::to_string(f.page + 1), "HAS_OLDER");
}

http::Response list_page(http::Request& req, Service& service, db::Pool& pool, Scheduler& scheduler, const std::string& error,
                         const UiAction& form, unsigned status) {
    http::Page view("actions/list.tpl", "Actions · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIONS");
    auto& dict = view.dict();
    dict.SetValue("BRANCH", req.repo->default_branch);
    auto base = repo_url(req);
    auto views = service.actions(*req.repo);
    for (const auto& v : views) fill_action_link(*dict.AddSectionDictionary("ACTION"), req, v);
    http::show_if(dict, "NO_ACTIONS", views.empty());
    dict.SetValue("REPO_FULL_NAME", req.repo->full_name());
    auto f = filter_of(req, 0);
    auto* rows = dict.AddIncludeDictionary("RUN_ROWS");
    rows->SetFilename("actions/run_rows.tpl");
    fill_runs(req, pool, *rows, f, base + "/actions/runs-rows");
    fill_filters(dict, f);
    http::show_if(dict, "CAN_WRITE", req.role >= auth::Role::write);
    dict.SetValue("SANDBOX", scheduler.sandbox().empty() ? "no sandbox: set DOCKER_HOST" : scheduler.sandbox());
    http::show_if(dict, "NO_SANDBOX", scheduler.sandbox().empty());
    fill_create_form(dict, req.repo->full_name(), form, error);
    return http::render(req, view, status);
}

http::Response action_page(http::Request& req, Service& service, db::Pool& pool, const std::string& message, unsigned status) {
    auto id = param_number(req, "actionId");
    auto view_of = id ? service.action(*req.repo, *id) : std::nullopt;
    if (!view_of) return http::error_page(req, 404, "There is no such action.");
    http::Page view("actions/action.tpl", view_of->action.name + " · Actions · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIONS");
    auto& dict = view.dict();
    fill_action(dict, req, *view_of);
    auto base = repo_url(req) + "/actions/" + std::to_string(*id);
    dict.SetValue("REPO_FULL_NAME", req.repo->full_name());
    auto f = filter_of(req, *id);
    auto* rows = dict.AddIncludeDictionary("RUN_ROWS");
    rows->SetFilename("actions/run_rows.tpl");
    fill_runs(req, pool, *rows, f, base + "/history");
    fill_filters(dict, f);
    http::show_if(dict, "CAN_WRITE", req.role >= auth::Role::write);
    http::show_if(dict, "CAN_ADMIN", req.role >= auth::Role::admin);
    if (!message.empty()) dict.SetValueAndShowSection("MESSAGE", message, "HAS_MESSAGE");
    return http::render(req, view, status);
}

http::Response run_page(http::Request& req, db::Pool& pool, Logs& logs, Artifacts& artifacts) {
    auto id = param_number(req, "runId");
    auto run = id ? store::find_run(pool, req.repo->id, *id) : std::nullopt;
    if (!run) return http::error_page(req, 404, "There is no such run.");
    http::Page view("actions/run.tpl", run->name + " #" + std::to_string(run->number) + " · Actions · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIONS");
    fill_run(view.dict(), req, pool, logs, artifacts, *run);
    return http::render(req, view);
}

// A job's section (its steps and their logs): the seed's logs-partial, and what the run page
// swaps in when a job starts or ends.
http::Response job_partial(http::Request& req, db::Pool& pool, Logs& logs) {
    auto action_id = param_number(req, "actionId");
    auto run_id = http::parse_number(req.query_or("run", ""));
    auto job_id = http::parse_number(req.query_or("job", ""));
    std::optional<store::Run> run;
    if (action_id && run_id) run = store::find_run(pool, req.repo->id, *run_id);
    if (!run || run->action_id != *action_id) return http::error_page(req, 404, "There is no such run.");
    std::optional<store::Job> job;
    if (job_id) job = store::find_job(pool, *job_id);
    if (!job || job->run_id != run->id) return http::error_page(req, 404, "There is no such job.");
    ctemplate::TemplateDictionary dict("job");
    fill_job(dict, req, pool, logs, *run, *job);
    return http::render_fragment(req, "actions/job.tpl", dict);
}

// The run's live events (Server-Sent Events): `job` when a job's status changes, `step` when a
// step's does, `log` with new lines of a running step (rendered, with the byte offset they start
// at, so a page that rendered part of a log appends only the rest), and `end` when the run ends.
asio::awaitable<http::Response> run_events(db::Pool& pool, LiveRuns& live, http::Request& req, http::BodyStream& body) {
    auto id = param_number(req, "runId");
    auto run = id ? store::find_run(pool, req.repo->id, *id) : std::nullopt;
    if (!run) co_return http::error_page(req, 404, "There is no such run.");
    // Where the page's logs end: "job.step.offset,…".
    std::map<std::pair<std::int64_t, int>, std::uint64_t> offsets;
    std::string given = req.query_or("from", "");
    for (std::size_t at = 0; at < given.size();) {
        auto comma = given.find(',', at);
        if (comma == std::string::npos) comma = given.size();
        std::int64_t job = 0, offset = 0;
        int step = 0;
        if (std::sscanf(given.substr(at, comma - at).c_str(), "%ld.%d.%ld", &job, &step, &offset) == 3 && offset >= 0)
            offsets[{job, step}] = static_cast<std::uint64_t>(offset);
        at = comma + 1;
    }
    http::Response head{200, "text/event-stream", "", {}};
    head.header("Cache-Control", "no-cache");
    head.header("X-Accel-Buffering", "no");
    if (!co_await body.start(req, head)) co_return http::Response{};
    // (Events are made before co_await: GCC 12 cannot hold a braced json list across one.)
    std::string event;
    auto send = [&body, &event]() -> asio::awaitable<bool> { co_return co_await body.write(event.data(), event.size()); };
    auto make = [&event](const char* name, const json& data) { event = std::string("event: ") + name + "\ndata: " + data.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n"; };
    std::map<std::int64_t, std::string> job_status;
    std::map<std::pair<std::int64_t, int>, std::string> step_status;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    auto quiet_since = std::chrono::steady_clock::now();
    for (bool first = true;; first = false) {
        auto snapshot = live.snapshot(*run);
        bool changed = first;
        for (const auto& job : snapshot->jobs) {
            if (job_status[job.id] != job.status) {
                changed = true;
                make("job", {{"job", job.id}, {"status", job.status}});
                if (!first && !co_await send()) co_return http::Response{};
                job_status[job.id] = job.status;
            }
            auto steps = snapshot->steps.find(job.id);
            if (steps == snapshot->steps.end()) continue;
            for (const auto& step : steps->second) {
                auto key = std::make_pair(job.id, step.number);
                if (step_status[key] != step.status) {
                    make("step", {{"job", job.id}, {"step", step.number}, {"status", step.status}});
                    if (!first && !co_await send()) co_return http::Response{};
                    step_status[key] = step.status;
                }
                auto& offset = offsets[key];
                auto chunk = live.chunk(run->id, job.id, step.number, offset);
                if (chunk.html.empty()) continue;
                changed = true;
                make("log", {{"job", job.id}, {"step", step.number}, {"at", offset}, {"next", chunk.next}, {"html", chunk.html}});
                if (!co_await send()) co_return http::Response{};
                offset = chunk.next;
            }
        }
        if (!snapshot->run || snapshot->run->finished()) {
            bool all_ended = std::all_of(snapshot->jobs.begin(), snapshot->jobs.end(), [](const store::Job& j) { return j.finished(); });
            if (all_ended) {
                make("end", {{"status", snapshot->run ? snapshot->run->status : "cancelled"}});
                co_await send();
                break;
            }
        }
        // Comments keep proxies from closing a quiet stream, and find viewers who left.
        if (changed) quiet_since = std::chrono::steady_clock::now();
        else if (std::chrono::steady_clock::now() - quiet_since > std::chrono::seconds(15)) {
            if (!co_await body.write(": keep-alive\n\n", 15)) co_return http::Response{};
            quiet_since = std::chrono::steady_clock::now();
        }
        // Looks at the jobs' log versions (memory only) 20 times a second, and at the database
        // when one moved, or every 2 s for what changes without a log line (a run cancelled).
        for (int i = 0; i < 40 && live.version(*snapshot) == snapshot->version; ++i) {
            timer.expires_after(std::chrono::milliseconds(50));
            co_await timer.async_wait(asio::use_awaitable);
        }
    }
    co_await body.finish();
    co_return http::Response{};
}

// Logs as plain text: one job's, or the whole run's with a header per job and step.
http::Response raw_logs(http::Request& req, db::Pool& pool, Logs& logs) {
    auto id = param_number(req, "runId");
    auto run = id ? store::find_run(pool, req.repo->id, *id) : std::nullopt;
    if (!run) return http::error_page(req, 404, "There is no such run.");
    auto only = http::parse_number(req.params["jobId"]);
    return {200, "text/plain; charset=utf-8", run_text(pool, logs, *run, only.value_or(0)), {}};
}

// The runs whose artifacts an action's artifact list shows: one (?run=) or the 25 newest.
std::vector<store::Run> runs_for_artifacts(const http::Request& req, db::Pool& pool, std::int64_t action_id) {
    if (auto run_id = http::parse_number(req.query_or("run", ""))) {
        auto run = store::find_run(pool, req.repo->id, *run_id);
        if (run && run->action_id == action_id) return {*run};
        return {};
    }
    store::RunFilter f;
    f.repo_id = req.repo->id;
    f.action_id = action_id;
    return store::runs(pool, f);
}

}  // namespace

asio::awaitable<http::Response> send_artifact(http::Request& req, http::BodyStream& body, const Artifacts& artifacts,
                                              const Artifacts::Info& artifact) {
    http::Response head{200, "application/gzip", "", {}};
    head.header("Content-Disposition", http::attachment(artifact.name + ".tar.gz"));
    auto file = artifacts.file(artifact);  // named: GCC 12 mishandles temporaries in co_await expressions
    if (!co_await http::send_file(body, req, head, file) && !body.started())
        co_return http::is_api_path(req.path) ? http::json_error(404, "The files of this artifact are gone.")
                                              : http::error_page(req, 404, "The files of this artifact are gone.");
    co_return http::Response{};
}

namespace {

http::Response after_change(http::Request& req, const core::Status& done, const std::string& to) {
    if (!done) return http::error_page(req, done.error());
    return http::redirect(req, to);
}

// What the routes share.
struct Routes {
    Service& service;
    Scheduler& scheduler;
    db::Pool& pool;
    Logs& logs;
    Secrets& secrets;
    Artifacts& artifacts;
};

http::Response list(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& scheduler = routes.scheduler;
    auto& pool = routes.pool;
    return list_page(req, service, pool, scheduler, "", {}, 200);
}

http::Response run_rows(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    ctemplate::TemplateDictionary dict("rows");
    fill_runs(req, pool, dict, filter_of(req, 0), repo_url(req) + "/actions/runs-rows");
    return http::render_fragment(req, "actions/run_rows.tpl", dict);
}

// Commit status for pages of other domains (history, branches), loaded after them: one
// out-of-band swap per listed commit that has runs.
http::Response statuses(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    std::vector<std::string> shas;
    std::string list = req.query_or("shas", "");
    for (std::size_t at = 0; at < list.size() && shas.size() < 100;) {
        auto comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        auto sha = list.substr(at, comma - at);
        if (sha.size() == 40 && sha.find_first_not_of("0123456789abcdef") == std::string::npos) shas.push_back(sha);
        at = comma + 1;
    }
    ctemplate::TemplateDictionary dict("statuses");
    for (const auto& [sha, status] : store::commit_statuses(pool, req.repo->id, shas)) {
        auto* row = dict.AddSectionDictionary("COMMIT");
        row->SetValue("SHA", sha);
        row->SetValue("URL", repo_url(req) + "/actions?sha=" + sha);
        fill_status(*row, status);
    }
    return http::render_fragment(req, "actions/statuses.tpl", dict);
}

// The checks of one commit (its runs, newest per action), for a commit or pull request page;
// it refreshes itself while any is going.
http::Response checks(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto sha = req.query_or("sha", "");
    ctemplate::TemplateDictionary dict("checks");
    store::RunFilter f;
    f.repo_id = req.repo->id;
    f.head_sha = sha;
    f.per_page = 100;
    std::set<std::int64_t> seen;
    std::string overall;
    for (const auto& run : store::runs(pool, f)) {
        if (!seen.insert(run.action_id).second) continue;  // an older run of the same action
        fill_run_row(*dict.AddSectionDictionary("RUN"), req, run);
        if (!run.finished()) overall = "pending";
        else if (run.status != "success" && run.status != "skipped" && overall != "pending") overall = "failure";
        else if (overall.empty()) overall = "success";
    }
    if (seen.empty()) return http::Response{200, "text/html; charset=utf-8", "", {}};
    fill_status(dict, overall);
    dict.SetValue("SUMMARY", overall == "pending" ? "Some checks are still running" : overall == "failure" ? "Some checks failed" : "All checks passed");
    if (overall == "pending") dict.SetValueAndShowSection("SELF_URL", repo_url(req) + "/actions/checks?sha=" + sha, "LIVE");
    return http::render_fragment(req, "actions/checks.tpl", dict);
}

http::Response stats(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    int days = static_cast<int>(std::clamp<std::int64_t>(http::parse_number(req.query_or("days", "30")).value_or(30), 1, 365));
    auto now = db::now(), since = now - now % 86400 - std::int64_t(days - 1) * 86400;
    auto stats = summarize(store::ended_runs(pool, req.repo->id, since), store::ended_jobs(pool, req.repo->id, since), now, days);
    http::Page view("actions/stats.tpl", "Statistics · Actions · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIONS");
    fill_stats(view.dict(), req, stats, days);
    return http::render(req, view);
}

http::Response create(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& scheduler = routes.scheduler;
    auto& pool = routes.pool;
    UiAction spec{req.form_or("name"),  req.form_or("trigger", "manual"), req.form_or("branch"),   req.form_or("schedule"),
                  req.form_or("image"), req.form_or("script"),            req.form_or("artifacts")};
    auto created = service.create(access_of(req), req.actor, spec);
    if (!created) return list_page(req, service, pool, scheduler, http::explain(req, created.error()), spec, http::status_of(created.error().code));
    return http::redirect(req, "/" + req.repo->full_name() + "/actions/" + std::to_string(*created));
}

http::Response action(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& pool = routes.pool;
    return action_page(req, service, pool, "", 200);
}

http::Response action_history(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto id = param_number(req, "actionId");
    if (!id || !store::find_action(pool, req.repo->id, *id)) return http::error_page(req, 404, "There is no such action.");
    ctemplate::TemplateDictionary dict("rows");
    fill_runs(req, pool, dict, filter_of(req, *id), repo_url(req) + "/actions/" + std::to_string(*id) + "/history");
    return http::render_fragment(req, "actions/run_rows.tpl", dict);
}

http::Response run_action(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& pool = routes.pool;
    auto id = param_number(req, "actionId");
    if (!id) return http::error_page(req, 404, "There is no such action.");
    json inputs = json::object();
    for (const auto& [name, value] : req.form())
        if (name.starts_with("inputs[") && name.ends_with("]")) inputs[name.substr(7, name.size() - 8)] = value;
    auto run = service.dispatch(access_of(req), req.actor, *id, req.form_or("ref"), inputs);
    if (!run) return action_page(req, service, pool, http::explain(req, run.error()), http::status_of(run.error().code));
    return http::redirect(req, "/" + req.repo->full_name() + "/actions/runs/" + std::to_string(run->id));
}

http::Response new_trigger_token(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto id = param_number(req, "actionId");
    auto token = id ? service.new_trigger_token(access_of(req), *id) : core::fail(core::Errc::not_found, "There is no such action.");
    if (!token) return http::error_page(req, token.error());
    ctemplate::TemplateDictionary dict("token");
    dict.SetValue("URL", http::site_url(req) + "/" + req.repo->full_name() + "/actions/" + std::to_string(*id) + "/trigger");
    dict.SetValue("TOKEN", *token);
    return http::render_fragment(req, "actions/token.tpl", dict);
}

// An outside service's trigger: the token is the credential, in a header only (URLs end up
// in logs). Under git's gate (no cookies, so no session and no CSRF token), like a git
// client's request.
http::Response trigger(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto id = param_number(req, "actionId");
    auto repo = service.repos().find(req.params["owner"], req.params["repo"]);
    if (!repo && req.params["owner"] == "repos") repo = service.repos().find(req.params["repo"]);  // a trigger URL from before owners
    std::string token(req.header("X-Trigger-Token"));
    if (!id || !repo) return http::json_error(404, "No action takes this trigger.");
    auto run = service.trigger(*repo, *id, token, req.query_or("ref", ""));
    if (!run) return http::json_error(run.error());
    return http::json(201, {{"id", run->id}, {"number", run->number}, {"status", run->status},
                            {"html_url", http::site_url(req) + "/" + repo->full_name() + "/actions/runs/" + std::to_string(run->id)}});
}

http::Response action_logs(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto id = param_number(req, "actionId");
    store::RunFilter f;
    f.repo_id = req.repo->id;
    f.action_id = id.value_or(-1);
    f.per_page = 1;
    auto latest = store::runs(pool, f);
    if (latest.empty()) return http::error_page(req, 404, "This action has not run yet.");
    return http::redirect(req, "/" + req.repo->full_name() + "/actions/runs/" + std::to_string(latest.front().id));
}

// The artifacts of the action's recent runs (or of one run, ?run=), and the same list alone
// for htmx.
http::Response action_artifacts(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto& pool = routes.pool;
    auto& artifacts = routes.artifacts;
    auto view_of = param_number(req, "actionId") ? service.action(*req.repo, *param_number(req, "actionId")) : std::nullopt;
    if (!view_of) return http::error_page(req, 404, "There is no such action.");
    http::Page view("actions/artifacts_page.tpl", "Artifacts · " + view_of->action.name + " · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIONS");
    view.dict().SetValue("NAME", view_of->action.name);
    view.dict().SetValue("ACTION_URL", repo_url(req) + "/actions/" + std::to_string(view_of->action.id));
    auto* listed = view.dict().AddIncludeDictionary("ARTIFACTS");
    listed->SetFilename("actions/artifacts.tpl");
    for (const auto& run : runs_for_artifacts(req, pool, view_of->action.id)) fill_artifacts(*listed, req, artifacts, run);
    return http::render(req, view);
}

http::Response artifacts_partial(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& artifacts = routes.artifacts;
    auto id = param_number(req, "actionId");
    if (!id || !store::find_action(pool, req.repo->id, *id)) return http::error_page(req, 404, "There is no such action.");
    ctemplate::TemplateDictionary dict("artifacts");
    for (const auto& run : runs_for_artifacts(req, pool, *id)) fill_artifacts(dict, req, artifacts, run);
    return http::render_fragment(req, "actions/artifacts.tpl", dict);
}

http::Response logs_partial(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& logs = routes.logs;
    return job_partial(req, pool, logs);
}

http::Response run(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& logs = routes.logs;
    auto& artifacts = routes.artifacts;
    return run_page(req, pool, logs, artifacts);
}

http::Response run_logs(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& logs = routes.logs;
    return raw_logs(req, pool, logs);
}

http::Response job_logs(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& logs = routes.logs;
    return raw_logs(req, pool, logs);
}

http::Response cancel(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto id = param_number(req, "runId");
    auto done = id ? service.cancel(access_of(req), *id) : core::fail(core::Errc::not_found, "There is no such run.");
    return after_change(req, done, "/" + req.repo->full_name() + "/actions/runs/" + req.params["runId"]);
}

http::Response approve(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto id = param_number(req, "runId");
    auto done = id ? service.approve(access_of(req), *id) : core::fail(core::Errc::not_found, "There is no such run.");
    return after_change(req, done, "/" + req.repo->full_name() + "/actions/runs/" + req.params["runId"]);
}

http::Response rerun(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto id = param_number(req, "runId");
    bool failed_only = req.form_or("failed") == "1";
    auto done = id ? service.rerun(access_of(req), *id, failed_only) : core::fail(core::Errc::not_found, "There is no such run.");
    return after_change(req, done, "/" + req.repo->full_name() + "/actions/runs/" + req.params["runId"]);
}

http::Response secrets_settings(Routes& routes, http::Request& req) {
    auto& secrets = routes.secrets;
    return secrets_page(req, secrets, "", 200);
}

http::Response set_secret(Routes& routes, http::Request& req) {
    auto& secrets = routes.secrets;
    auto put = secrets.put(req.repo->id, req.form_or("name"), req.form_or("value"));
    if (!put) return secrets_page(req, secrets, put.error().message, 400);
    return http::redirect(req, "/" + req.repo->full_name() + "/settings/secrets");
}

http::Response delete_secret(Routes& routes, http::Request& req) {
    auto& secrets = routes.secrets;
    if (!secrets.remove(req.repo->id, req.form_or("name"))) return http::error_page(req, 404, "There is no such secret.");
    return http::redirect(req, "/" + req.repo->full_name() + "/settings/secrets");
}

}  // namespace

void register_routes(http::Router& r, Service& service, Scheduler& scheduler, db::Pool& pool, Logs& logs, Secrets& secrets,
                     Artifacts& artifacts) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"GET", "/{owner}/{repo}/actions", Need::repo_read, list},
        {"GET", "/{owner}/{repo}/actions/runs-rows", Need::repo_read, run_rows},
        {"GET", "/{owner}/{repo}/actions/statuses", Need::repo_read, statuses},
        {"GET", "/{owner}/{repo}/actions/checks", Need::repo_read, checks},
        {"GET", "/{owner}/{repo}/actions/stats", Need::repo_read, stats},
        {"POST", "/{owner}/{repo}/actions/create", Need::repo_write, create},
        {"GET", "/{owner}/{repo}/actions/{actionId}", Need::repo_read, action},
        {"GET", "/{owner}/{repo}/actions/{actionId}/history", Need::repo_read, action_history},
        {"POST", "/{owner}/{repo}/actions/{actionId}/run", Need::repo_write, run_action},
        {"POST", "/{owner}/{repo}/actions/{actionId}/token", Need::repo_admin, new_trigger_token},
        {"POST", "/{owner}/{repo}/actions/{actionId}/trigger", Need::git, trigger},
        {"GET", "/{owner}/{repo}/actions/{actionId}/logs", Need::repo_read, action_logs},
        {"GET", "/{owner}/{repo}/actions/{actionId}/artifacts", Need::repo_read, action_artifacts},
        {"GET", "/{owner}/{repo}/actions/{actionId}/artifacts-partial", Need::repo_read, artifacts_partial},
        {"GET", "/{owner}/{repo}/actions/{actionId}/logs-partial", Need::repo_read, logs_partial},
        {"GET", "/{owner}/{repo}/actions/runs/{runId}", Need::repo_read, run},
        {"GET", "/{owner}/{repo}/actions/runs/{runId}/logs", Need::repo_read, run_logs},
        {"GET", "/{owner}/{repo}/actions/runs/{runId}/jobs/{jobId}/logs", Need::repo_read, job_logs},
        {"POST", "/{owner}/{repo}/actions/runs/{runId}/cancel", Need::repo_write, cancel},
        {"POST", "/{owner}/{repo}/actions/runs/{runId}/approve", Need::repo_write, approve},
        {"POST", "/{owner}/{repo}/actions/runs/{runId}/rerun", Need::repo_write, rerun},
        {"GET", "/{owner}/{repo}/settings/secrets", Need::repo_admin, secrets_settings},
        {"POST", "/{owner}/{repo}/settings/secrets", Need::repo_admin, set_secret},
        {"POST", "/{owner}/{repo}/settings/secrets/delete", Need::repo_admin, delete_secret},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{service, scheduler, pool, logs, secrets, artifacts}), kRoutes);
    r.stream("GET", "/{owner}/{repo}/actions/runs/{runId}/artifacts/{artifactId}", Need::repo_read,
             [&](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto run_id = param_number(req, "runId");
                 auto artifact_id = param_number(req, "artifactId");
                 auto run = run_id ? store::find_run(pool, req.repo->id, *run_id) : std::nullopt;
                 auto artifact = run && artifact_id ? artifacts.find(*artifact_id) : std::nullopt;
                 if (!artifact || artifact->run_id != run->id) co_return http::error_page(req, 404, "There is no such artifact.");
                 co_return co_await send_artifact(req, body, artifacts, *artifact);
             });
    auto live = std::make_shared<LiveRuns>(pool, logs);
    r.stream("GET", "/{owner}/{repo}/actions/runs/{runId}/events", Need::repo_read,
             [&pool, live](http::Request& req, http::BodyStream& body) { return run_events(pool, *live, req, body); });
}

}  // namespace actions

#include "actions/views.hpp"

#include <map>
#include <set>

#include "actions/artifacts.hpp"
#include "actions/logs.hpp"
#include "actions/secrets.hpp"
#include "actions/service.hpp"
#include "actions/stats.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "repos/service.hpp"
#include "http/request.hpp"
#include "repos/routes.hpp"

namespace actions {
namespace {

// "push (main, release/**), pull request, schedule 0 3 * * 1, manual"
std::string describe(const Triggers& on) {
    std::vector<std::string> parts;
    auto with_branches = [](std::string what, const PushTrigger& t) {
        const auto& names = t.branches.include.empty() ? t.branches.ignore : t.branches.include;
        if (names.empty()) return what;
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        return what + (t.branches.include.empty() ? " (not " : " (") + list + ")";
    };
    if (on.push) parts.push_back(with_branches("push", *on.push));
    if (on.pull_request) parts.push_back(with_branches("pull request", *on.pull_request));
    for (const auto& cron : on.schedules) parts.push_back("schedule " + cron);
    if (on.workflow_dispatch) parts.push_back("manual");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string event_label(const std::string& event) {
    if (event == "workflow_dispatch") return "manual";
    if (event == "pull_request") return "pull request";
    return event;
}

std::string run_url(const http::Request& req, const store::Run& run) {
    return repos::url(req, *req.repo) + "/actions/runs/" + std::to_string(run.id);
}

// The jobs in columns by how deep they are in the needs graph: column 0 needs nothing.
std::vector<std::vector<const store::Job*>> columns(const std::vector<store::Job>& jobs, const tl::expected<Workflow, ParseError>& wf) {
    std::map<std::string, int> depth;
    if (wf)
        for (const auto& def : wf->jobs) {  // in an order where needs come first
            int d = 0;
            for (const auto& n : def.needs) d = std::max(d, depth[n] + 1);
            depth[def.id] = d;
        }
    std::vector<std::vector<const store::Job*>> out;
    for (const auto& job : jobs) {
        auto d = static_cast<std::size_t>(depth[job.job_key]);
        if (out.size() <= d) out.resize(d + 1);
        out[d].push_back(&job);
    }
    return out;
}

}  // namespace

void fill_status(ctemplate::TemplateDictionary& dict, const std::string& status) {
    struct Look {
        const char* icon;
        const char* css;
        const char* word;
    };
    static const std::map<std::string, Look> looks = {
        {"success", {"✓", "text-success", "success"}},     {"failure", {"✗", "text-error", "failure"}},
        {"timed_out", {"⏱", "text-error", "timed out"}},   {"cancelled", {"⊘", "text-base-content/50", "cancelled"}},
        {"skipped", {"↷", "text-base-content/40", "skipped"}}, {"queued", {"○", "text-warning", "queued"}},
        {"waiting", {"○", "text-base-content/40", "waiting"}}, {"running", {"●", "text-warning animate-pulse", "running"}},
        {"pending", {"●", "text-warning", "pending"}},     {"action_required", {"!", "text-warning", "waiting for approval"}}};
    auto it = looks.find(status);
    Look look = it == looks.end() ? Look{"?", "", "unknown"} : it->second;
    dict.SetValue("STATUS", status);
    dict.SetValue("STATUS_WORD", look.word);
    dict.SetValue("STATUS_ICON", look.icon);
    dict.SetValue("STATUS_CLASS", look.css);
}

std::string duration(std::optional<std::int64_t> started, std::optional<std::int64_t> finished) {
    if (!started) return "";
    auto seconds = std::max<std::int64_t>(0, finished.value_or(db::now()) - *started);
    if (seconds < 60) return std::to_string(seconds) + "s";
    if (seconds < 3600) return std::to_string(seconds / 60) + "m " + std::to_string(seconds % 60) + "s";
    return std::to_string(seconds / 3600) + "h " + std::to_string(seconds % 3600 / 60) + "m";
}

void fill_run_row(ctemplate::TemplateDictionary& row, const http::Request& req, const store::Run& run) {
    fill_status(row, run.awaiting_approval && run.status == "queued" ? "action_required" : run.status);
    row.SetValue("URL", run_url(req, run));
    row.SetValue("NAME", run.name);
    row.SetIntValue("NUMBER", run.number);
    row.SetValue("EVENT", event_label(run.event));
    row.SetValue("BRANCH", run.branch());
    if (run.pull_number) row.SetValueAndShowSection("PULL", std::to_string(run.pull_number), "HAS_PULL");
    row.SetValue("SHA", run.head_sha.substr(0, 7));
    row.SetValue("COMMIT_URL", repos::url(req, *req.repo) + "/commit/" + run.head_sha);
    row.SetValue("ACTOR", run.actor.empty() ? (run.event == "schedule" ? "schedule" : "someone") : run.actor);
    row.SetValue("WHEN", http::time_ago(run.created_at));
    row.SetValue("DURATION", duration(run.started_at, run.finished_at));
    row.SetIntValue("ID", run.id);
}

void fill_action_link(ctemplate::TemplateDictionary& dict, const http::Request& req, const ActionView& view) {
    dict.SetValue("NAME", view.action.name);
    dict.SetValue("URL", repos::url(req, *req.repo) + "/actions/" + std::to_string(view.action.id));
    dict.SetValue("FILE", view.action.definition.empty() ? view.action.file : "defined here");
    if (!view.workflow) dict.SetValueAndShowSection("ERROR", view.workflow.error().text(), "INVALID");
}

void fill_filters(ctemplate::TemplateDictionary& dict, const store::RunFilter& f) {
    for (const char* s : {"queued", "running", "success", "failure", "cancelled", "timed_out"}) {
        auto* o = dict.AddSectionDictionary("STATUS_OPTION");
        o->SetValue("VALUE", s);
        if (f.status == s) o->ShowSection("SELECTED");
    }
    for (const char* e : {"push", "pull_request", "schedule", "workflow_dispatch", "webhook"}) {
        auto* o = dict.AddSectionDictionary("EVENT_OPTION");
        o->SetValue("VALUE", e);
        o->SetValue("LABEL", event_label(e));
        if (f.event == e) o->ShowSection("SELECTED");
    }
    dict.SetValue("FILTER_BRANCH", f.branch);
}

void fill_create_form(ctemplate::TemplateDictionary& dict, const std::string& full_name, const UiAction& form, const std::string& error) {
    auto* f = dict.AddIncludeDictionary("CREATE_FORM");
    f->SetFilename("actions/create_form.tpl");
    f->SetValue("REPO_FULL_NAME", full_name);
    f->SetValue("NAME", form.name);
    f->SetValue("BRANCH", form.branch);
    f->SetValue("SCHEDULE", form.schedule);
    f->SetValue("IMAGE", form.image);
    f->SetValue("SCRIPT", form.script);
    f->SetValue("ARTIFACTS", form.artifacts);
    f->ShowSection(form.trigger == "push" ? "TRIGGER_PUSH" : form.trigger == "schedule" ? "TRIGGER_SCHEDULE" : "TRIGGER_MANUAL");
    if (!error.empty()) {
        f->SetValueAndShowSection("ERROR", error, "HAS_ERROR");
        dict.ShowSection("FORM_OPEN");
    }
}

void fill_action(ctemplate::TemplateDictionary& dict, const http::Request& req, const ActionView& view) {
    std::string base = repos::url(req, *req.repo);
    dict.SetValue("NAME", view.action.name);
    dict.SetIntValue("ACTION_ID", view.action.id);
    dict.SetValue("ACTION_URL", base + "/actions/" + std::to_string(view.action.id));
    if (view.action.definition.empty())
        dict.SetValueAndShowSection("FILE_URL", base + "/blob/" + http::percent_encode(req.repo->default_branch) + "/" + view.action.file, "IS_FILE");
    dict.SetValue("FILE", view.action.file);
    if (!view.action.definition.empty()) dict.SetValueAndShowSection("DEFINITION", view.text, "IS_UI");
    dict.SetValue("DEFAULT_BRANCH", req.repo->default_branch);
    if (view.action.has_trigger_token) dict.ShowSection("HAS_TRIGGER");
    if (!view.workflow) {
        dict.SetValueAndShowSection("ERROR", view.workflow.error().text(), "INVALID");
        return;
    }
    const auto& wf = *view.workflow;
    dict.SetValue("TRIGGERS", describe(wf.on));
    for (const auto& job : wf.jobs) {
        auto* j = dict.AddSectionDictionary("JOB");
        j->SetValue("JOB_NAME", job.name);
        j->SetValue("RUNS_ON", job.image.empty() ? job.runs_on : job.image);
        if (job.strategy && !job.strategy->cells.empty()) j->SetValueAndShowSection("MATRIX", std::to_string(job.strategy->cells.size()), "HAS_MATRIX");
        std::string needs;
        for (const auto& n : job.needs) needs += (needs.empty() ? "" : ", ") + n;
        if (!needs.empty()) j->SetValueAndShowSection("NEEDS", needs, "HAS_NEEDS");
    }
    if (!wf.on.workflow_dispatch) return;
    dict.ShowSection("DISPATCH");
    for (const auto& in : *wf.on.workflow_dispatch) {
        auto* i = dict.AddSectionDictionary("INPUT");
        i->SetValue("INPUT_NAME", in.name);
        i->SetValue("DESCRIPTION", in.description.empty() ? in.name : in.description);
        i->SetValue("DEFAULT", in.default_value);
        if (in.required) i->ShowSection("REQUIRED");
        if (in.type == "boolean") {
            i->ShowSection("BOOLEAN");
            if (in.default_value == "true") i->ShowSection("CHECKED");
        } else if (in.type == "choice") {
            auto* c = i->AddSectionDictionary("CHOICE");
            for (const auto& option : in.options) {
                auto* o = c->AddSectionDictionary("OPTION");
                o->SetValue("VALUE", option);
                if (option == in.default_value) o->ShowSection("SELECTED");
            }
        } else {
            i->ShowSection("TEXT");
        }
    }
}

void fill_job(ctemplate::TemplateDictionary& dict, const http::Request& req, db::Pool& pool, Logs& logs, const store::Run& run,
              const store::Job& job) {
    dict.SetIntValue("JOB_ID", job.id);
    dict.SetValue("JOB_NAME", job.name);
    fill_status(dict, job.status);
    dict.SetValue("JOB_DURATION", duration(job.started_at, job.finished_at));
    dict.SetValue("PARTIAL_URL", repos::url(req, *req.repo) + "/actions/" + std::to_string(run.action_id) +
                                     "/logs-partial?run=" + std::to_string(run.id) + "&job=" + std::to_string(job.id));
    dict.SetValue("RAW_URL", run_url(req, run) + "/jobs/" + std::to_string(job.id) + "/logs");
    if (!job.sandbox.empty() || !job.runner_name.empty())
        dict.SetValueAndShowSection("WHERE", job.runner_name + (job.sandbox.empty() ? "" : ", " + job.sandbox), "HAS_WHERE");
    if (!job.error.empty()) dict.SetValueAndShowSection("JOB_ERROR", job.error, "HAS_JOB_ERROR");
    if (job.status == "queued") dict.SetValueAndShowSection("RUNS_ON", job.runs_on, "QUEUED");
    if (job.status == "running") dict.ShowSection("JOB_LIVE");
    for (const auto& step : store::steps_of(pool, job.id)) {
        auto* s = dict.AddSectionDictionary("STEP");
        s->SetIntValue("STEP_NUMBER", step.number);
        s->SetValue("STEP_NAME", step.name);
        fill_status(*s, step.status);
        s->SetValue("STEP_DURATION", duration(step.started_at, step.finished_at));
        auto text = logs.read(run.id, job.id, step.number);
        // Only whole lines: the rest comes through the live stream.
        auto complete = text.rfind('\n');
        text.resize(complete == std::string::npos ? 0 : complete + 1);
        s->SetIntValue("OFFSET", static_cast<long>(text.size()));
        s->SetValue("LOG", render_log(text));
        s->SetIntValue("JOB_ID", job.id);
        // A failed step is opened, as on GitHub; so is a running one.
        if (step.status == "failure" || step.status == "running") s->ShowSection("OPEN");
    }
}

void fill_run(ctemplate::TemplateDictionary& dict, const http::Request& req, db::Pool& pool, Logs& logs, Artifacts& artifacts,
              const store::Run& run) {
    std::string base = repos::url(req, *req.repo);
    fill_status(dict, run.awaiting_approval && run.status == "queued" ? "action_required" : run.status);
    dict.SetValue("NAME", run.name);
    dict.SetIntValue("NUMBER", run.number);
    dict.SetIntValue("RUN_ID", run.id);
    dict.SetIntValue("ATTEMPT", run.attempt);
    if (run.attempt > 1) dict.ShowSection("RERUN");
    dict.SetValue("EVENT", event_label(run.event));
    dict.SetValue("BRANCH", run.branch());
    if (run.pull_number) {
        dict.SetValueAndShowSection("PULL", std::to_string(run.pull_number), "HAS_PULL");
        dict.SetValue("PULL_URL", base + "/pull/" + std::to_string(run.pull_number));
    }
    dict.SetValue("SHA", run.head_sha.substr(0, 7));
    dict.SetValue("COMMIT_URL", base + "/commit/" + run.head_sha);
    dict.SetValue("ACTOR", run.actor.empty() ? run.event : run.actor);
    dict.SetValue("WHEN", http::time_ago(run.created_at));
    dict.SetValue("DURATION", duration(run.started_at, run.finished_at));
    dict.SetValue("ACTION_URL", base + "/actions/" + std::to_string(run.action_id));
    dict.SetValue("RUN_URL", run_url(req, run));
    if (!run.error.empty()) dict.SetValueAndShowSection("ERROR", run.error, "HAS_ERROR");
    bool writer = req.role >= auth::Role::write;
    bool waiting = run.awaiting_approval && run.status == "queued";
    if (waiting) http::show_if(*dict.AddSectionDictionary("AWAITS_APPROVAL"), "CAN_APPROVE", writer);
    else if (!run.trusted) dict.ShowSection("UNTRUSTED");
    if (writer && !run.finished()) dict.ShowSection("CAN_CANCEL");
    if (writer && run.finished() && run.error.empty()) {
        dict.ShowSection("CAN_RERUN");
        if (run.status != "success") dict.ShowSection("CAN_RERUN_FAILED");
    }
    if (!run.finished()) dict.ShowSection("LIVE");
    auto jobs = store::jobs_of(pool, run.id);
    auto wf = parse_workflow(run.action_file, run.workflow);
    for (const auto& column : columns(jobs, wf)) {
        auto* c = dict.AddSectionDictionary("COLUMN");
        for (const auto* job : column) {
            auto* j = c->AddSectionDictionary("NODE");
            j->SetValue("JOB_NAME", job->name);
            j->SetIntValue("JOB_ID", job->id);
            j->SetValue("JOB_DURATION", duration(job->started_at, job->finished_at));
            fill_status(*j, job->status);
        }
    }
    auto* listed = dict.AddIncludeDictionary("ARTIFACTS");
    listed->SetFilename("actions/artifacts.tpl");
    fill_artifacts(*listed, req, artifacts, run);
    http::show_if(*listed, "NO_ARTIFACTS", artifacts.of_run(run.id).empty());
    for (const auto& job : jobs) {
        auto* j = dict.AddIncludeDictionary("JOB");
        j->SetFilename("actions/job.tpl");
        fill_job(*j, req, pool, logs, run, job);
    }
}

std::string run_text(db::Pool& pool, Logs& logs, const store::Run& run, std::int64_t only_job) {
    auto jobs = store::jobs_of(pool, run.id);
    std::string out;
    for (const auto& job : jobs) {
        if (only_job && job.id != only_job) continue;
        if (!only_job) out += "### " + job.name + " (" + job.status + ")\n";
        if (!job.error.empty()) out += job.error + "\n";
        for (const auto& step : store::steps_of(pool, job.id)) {
            out += "## " + step.name + " (" + step.status + ")\n";
            out += logs.read(run.id, job.id, step.number);
        }
    }
    if (!run.error.empty()) out += run.error + "\n";
    return out;
}

void fill_artifacts(ctemplate::TemplateDictionary& dict, const http::Request& req, Artifacts& artifacts, const store::Run& run) {
    for (const auto& a : artifacts.of_run(run.id)) {
        auto* row = dict.AddSectionDictionary("ARTIFACT");
        row->SetValue("ARTIFACT_NAME", a.name);
        row->SetIntValue("VERSION", a.version);
        row->SetIntValue("FILES", a.files);
        row->SetValue("SIZE", a.size < 10240 ? std::to_string(a.size) + " bytes"
                              : a.size < (10 << 20) ? std::to_string(a.size >> 10) + " KB"
                                                     : std::to_string(a.size >> 20) + " MB");
        auto days = std::max<std::int64_t>(0, (a.expires_at - db::now()) / 86400);
        row->SetValue("EXPIRES", days == 0 ? "today" : "in " + std::to_string(days) + (days == 1 ? " day" : " days"));
        row->SetValue("DOWNLOAD_URL", run_url(req, run) + "/artifacts/" + std::to_string(a.id));
        row->SetIntValue("RUN_NUMBER", run.number);
    }
}

void fill_stats(ctemplate::TemplateDictionary& dict, const http::Request& req, const Stats& stats, int days) {
    auto seconds = [](std::int64_t s) { return duration(0, s); };
    auto fill_group = [&](ctemplate::TemplateDictionary& row, const Stats::Group& g) {
        row.SetValue("GROUP", g.name);
        row.SetIntValue("RUNS", g.runs);
        row.SetValue("RATE", g.runs ? std::to_string((g.succeeded * 100 + g.runs / 2) / g.runs) + "%" : "–");
        row.SetValue("P50", seconds(g.p50));
        row.SetValue("P95", seconds(g.p95));
        row.SetValue("MEAN", seconds(g.mean));
    };
    dict.SetIntValue("DAYS", days);
    dict.SetValue("REPO_FULL_NAME", req.repo->full_name());
    fill_group(dict, stats.all);
    for (int d : {7, 30, 90}) {
        auto* o = dict.AddSectionDictionary("PERIOD");
        o->SetIntValue("PERIOD_DAYS", d);
        if (d == days) o->ShowSection("CURRENT");
    }
    for (const auto& g : stats.actions) fill_group(*dict.AddSectionDictionary("ACTION"), g);
    for (const auto& g : stats.slowest) fill_group(*dict.AddSectionDictionary("SLOW_JOB"), g);
    dict.SetValue("CHART", days_chart(stats.days));
    http::show_if(dict, "NO_RUNS", stats.all.runs == 0);
}

http::Response secrets_page(http::Request& req, Secrets& secrets, const std::string& error, unsigned status) {
    http::Page view("actions/secrets.tpl", "Secrets · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_SETTINGS");
    auto& dict = view.dict();
    dict.SetValue("FULL_NAME", req.repo->full_name());
    auto list = secrets.list(req.repo->id);
    for (const auto& s : list) {
        auto* row = dict.AddSectionDictionary("SECRET");
        row->SetValue("SECRET_NAME", s.name);
        row->SetValue("UPDATED", http::time_ago(s.updated_at));
    }
    http::show_if(dict, "NONE", list.empty());
    if (!error.empty()) dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    dict.SetValue("NAME", req.form_or("name"));
    return http::render(req, view, status);
}

}  // namespace actions

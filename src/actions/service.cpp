#include "actions/service.hpp"

#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "actions/artifacts.hpp"
#include "actions/context.hpp"
#include "actions/cron.hpp"
#include "actions/logs.hpp"
#include "actions/scheduler.hpp"
#include "auth/store.hpp"
#include "browse/store.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "issues/store.hpp"
#include "pulls/merge.hpp"
#include "pulls/store.hpp"
#include "repos/disk.hpp"
#include "repos/service.hpp"

namespace actions {
namespace {

using core::Errc;
using core::fail;
using expr::json;

const std::string kZero(40, '0');

std::string tip_of(const std::filesystem::path& git_dir, const std::string& ref) {
    return repos::disk::ref_target(git_dir, ref).value_or(kZero);
}

std::string tip(const std::filesystem::path& git_dir, const std::string& branch) {
    return repos::disk::ref_target(git_dir, "refs/heads/" + branch).value_or("");
}

// A matrix cell's values joined for a job's name: "test (linux, 3)".
std::string cell_suffix(const json& matrix) {
    std::string out;
    for (const auto& [k, v] : matrix.items()) out += (out.empty() ? "" : ", ") + expr::to_text(v);
    return out.empty() ? "" : " (" + out + ")";
}

}  // namespace

Service::~Service() { stop(); }

store::Run Service::create_run(const repos::Repo& repo, std::int64_t action_id, const std::string& file, const std::string& text,
                               const tl::expected<Workflow, ParseError>& workflow, const Spec& spec) {
    store::Run run;
    run.repo_id = repo.id;
    run.event = spec.event;
    run.ref = spec.ref;
    run.head_sha = spec.sha;
    run.actor_id = spec.actor_id;
    run.pull_number = spec.pull_number;
    run.base_ref = spec.base_ref;
    run.checkout_sha = spec.checkout;
    run.inputs = spec.inputs.dump();
    run.workflow = text;
    run.trusted = spec.trusted;
    run.name = workflow && !workflow->name.empty() ? workflow->name : file;
    run.status = "queued";
    run.awaiting_approval = !spec.trusted;
    std::vector<store::Job> jobs;
    if (!workflow) {
        run.status = "failure";
        run.error = workflow.error().text();
    } else {
        auto ctx_values = run_context(run, repos_.full_name(run.repo_id), config_.public_url);
        expr::Context ctx;
        ctx.values = ctx_values;
        run.concurrency_group = expr::interpolate(workflow->concurrency_group, ctx).value_or(workflow->concurrency_group);
        for (const auto& def : workflow->jobs) {
            std::vector<MatrixCell> cells = def.strategy && !def.strategy->cells.empty() ? def.strategy->cells : std::vector<MatrixCell>{{}};
            for (std::size_t i = 0; i < cells.size(); ++i) {
                json matrix = json::object();
                for (const auto& [k, v] : cells[i]) matrix[k] = json::parse(v, nullptr, false);
                ctx.values["matrix"] = matrix;
                store::Job job;
                job.job_key = def.id;
                job.cell = static_cast<int>(i);
                job.matrix = matrix.dump();
                bool named_by_matrix = def.name.find("${{") != std::string::npos;
                job.name = expr::interpolate(def.name, ctx).value_or(def.name) + (named_by_matrix ? "" : cell_suffix(matrix));
                job.runs_on = expr::interpolate(def.runs_on, ctx).value_or(def.runs_on);
                job.concurrency_group = expr::interpolate(def.concurrency_group, ctx).value_or(def.concurrency_group);
                job.status = "waiting";
                jobs.push_back(std::move(job));
            }
        }
    }
    {
        soci::session sql(pool_.get());
        db::Transaction tx(sql);
        run.action_id = action_id ? action_id : store::ensure_action(sql, repo.id, file, run.name);
        store::insert_run(sql, run, jobs);
        tx.commit();
    }
    // A run that waits for approval cancels nothing yet: its author cannot write here.
    if (workflow && !run.awaiting_approval) supersede(run, *workflow);
    scheduler_.wake();
    return run;
}

void Service::on_push(const events::store::Event& event) {
    if (event.kind != "push" || event.new_sha == kZero || event.new_sha.empty()) return;
    bool branch = event.ref.starts_with("refs/heads/");
    if (!branch && !event.ref.starts_with("refs/tags/")) return;
    auto repo = repos_.find(event.repo_id);
    if (!repo) return;
    auto git_dir = repos_.path(repo->id);
    auto opened = browse::store::Repository::open(git_dir);
    if (!opened) return;
    auto changed = browse::store::changed_paths(*opened, event.old_sha == kZero ? "" : event.old_sha, event.new_sha);
    Spec spec{"push", event.ref, event.new_sha, event.actor_id};
    for (const auto& file : load_workflows(git_dir, event.new_sha)) {
        // A broken workflow fails a run of its own when the push touched it, so its author sees why.
        if (!file.workflow) {
            if (std::find(changed.begin(), changed.end(), file.file) != changed.end()) create_run(*repo, 0, file.file, file.text, file.workflow, spec);
            continue;
        }
        if (file.workflow->on.runs_on_push(event.ref, changed)) create_run(*repo, 0, file.file, file.text, file.workflow, spec);
    }
    for (const auto& action : store::actions_of(pool_, repo->id)) {
        if (action.definition.empty()) continue;
        auto wf = parse_workflow(action.file, action.definition);
        if (wf && wf->on.runs_on_push(event.ref, changed)) create_run(*repo, action.id, action.file, action.definition, wf, spec);
    }
    if (branch)
        for (const auto& [number, base] : pulls::store::open_from(pool_, repo->id, event.ref.substr(11)))
            pull_request_runs(*repo, number, base, event.ref.substr(11), event.new_sha, event.actor_id);
}

void Service::on_pull_opened(const std::string& repo_id, std::int64_t number, const std::string& base, const std::string& head,
                             std::int64_t actor_id) {
    auto repo = repos_.find(repo_id);
    if (!repo) return;
    auto head_sha = tip(repos_.path(repo_id), head);
    if (!head_sha.empty()) pull_request_runs(*repo, number, base, head, head_sha, actor_id);
}

void Service::pull_request_runs(const repos::Repo& repo, std::int64_t number, const std::string& base, const std::string& head,
                                const std::string& head_sha, std::int64_t actor_id) {
    auto git_dir = repos_.path(repo.id);
    auto opened = browse::store::Repository::open(git_dir);
    if (!opened) return;
    auto base_sha = tip(git_dir, base);
    if (base_sha.empty()) return;
    // As GitHub does, the jobs build the merge of the head into the base, kept at
    // refs/pull/N/merge; a pull request that conflicts runs nothing until it merges cleanly.
    auto merged = pulls::merge::create(*opened, pulls::merge::Method::merge, base_sha, head_sha, {"Skyscape", "skyscape@localhost"},
                                       "Merge " + head + " into " + base);
    if (!merged) {
        spdlog::info("actions: pull request #{} of {} conflicts; its workflows wait for a clean merge", number, repo.id);
        return;
    }
    auto ref = "refs/pull/" + std::to_string(number) + "/merge";
    repos::disk::update_ref(git_dir, ref, tip_of(git_dir, ref), *merged, "pull request #" + std::to_string(number) + " merged for CI");
    auto from = browse::store::merge_base(*opened, base_sha, head_sha);
    auto changed = browse::store::changed_paths(*opened, from.value_or(""), head_sha);
    Spec spec{"pull_request", "refs/heads/" + head, head_sha, actor_id, number, base};
    spec.checkout = *merged;
    // As GitHub treats a pull request from a fork: when its author, or whoever pushed to it,
    // cannot write here, its runs get no secrets and wait for a writer to approve them.
    auto pull = issues::store::find(pool_, repo.id, number);
    spec.trusted = pull && can_write(repo, pull->author_id) && can_write(repo, actor_id);
    for (const auto& file : load_workflows(git_dir, *merged))
        if (file.workflow && file.workflow->on.runs_on_pull_request(base, changed))
            create_run(repo, 0, file.file, file.text, file.workflow, spec);
}

std::optional<store::Action> Service::action_by_file(const std::string& repo_id, const std::string& file) {
    for (const auto& a : store::actions_of(pool_, repo_id))
        if (a.file == file || (!a.file.starts_with("ui/") && std::filesystem::path(a.file).filename() == file) || std::to_string(a.id) == file)
            return a;
    // A workflow file not seen yet (never run): at the default branch's tip.
    auto repo = repos_.find(repo_id);
    if (!repo) return std::nullopt;
    for (const auto& view : actions(*repo))
        if (view.action.file == file || std::filesystem::path(view.action.file).filename() == file) return view.action;
    return std::nullopt;
}

core::Result<store::Run> Service::dispatch(const repos::Access& access, const auth::Actor& actor, std::int64_t action_id, std::string ref,
                                           const json& inputs) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can run actions.");
    auto action = store::find_action(pool_, access.repo.id, action_id);
    if (!action) return fail(Errc::not_found, "There is no such action.");
    if (ref.empty()) ref = access.repo.default_branch;
    if (ref.starts_with("refs/heads/")) ref = ref.substr(11);
    auto git_dir = repos_.path(access.repo.id);
    auto sha = tip(git_dir, ref);
    bool tag = false;
    if (sha.empty()) {
        sha = repos::disk::ref_target(git_dir, "refs/tags/" + ref).value_or("");
        tag = !sha.empty();
    }
    if (sha.empty()) return fail(Errc::invalid, "There is no branch or tag \"" + ref + "\".");
    std::string text = action->definition;
    if (text.empty()) {
        for (auto& file : load_workflows(git_dir, sha))
            if (file.file == action->file) text = file.text;
        if (text.empty()) return fail(Errc::invalid, action->file + " is not in " + ref + ".");
    }
    auto workflow = parse_workflow(action->file, text);
    if (!workflow) return fail(Errc::invalid, workflow.error().text());
    if (!workflow->on.workflow_dispatch)
        return fail(Errc::invalid, action->file + " does not run by hand: its `on:` has no workflow_dispatch.");
    // Inputs as GitHub checks them: only declared ones, required ones present, choices and booleans valid.
    json given = inputs.is_object() ? inputs : json::object(), out = json::object();
    for (const auto& [name, value] : given.items())
        if (std::none_of(workflow->on.workflow_dispatch->begin(), workflow->on.workflow_dispatch->end(),
                         [&](const DispatchInput& in) { return in.name == name; }))
            return fail(Errc::invalid, "Unexpected input \"" + name + "\".");
    for (const auto& in : *workflow->on.workflow_dispatch) {
        std::string value = given.contains(in.name) ? expr::to_text(given[in.name]) : in.default_value;
        if (in.required && value.empty()) return fail(Errc::invalid, "Input \"" + in.name + "\" is required.");
        if (in.type == "choice" && !value.empty() && std::find(in.options.begin(), in.options.end(), value) == in.options.end())
            return fail(Errc::invalid, "Input \"" + in.name + "\" must be one of its options.");
        if (in.type == "boolean") {
            if (value != "true" && value != "false" && !value.empty()) return fail(Errc::invalid, "Input \"" + in.name + "\" must be true or false.");
            out[in.name] = value == "true";
        } else if (in.type == "number" && !value.empty()) {
            auto number = json::parse(value, nullptr, false);
            if (!number.is_number()) return fail(Errc::invalid, "Input \"" + in.name + "\" must be a number.");
            out[in.name] = number;
        } else {
            out[in.name] = value;
        }
    }
    Spec spec{"workflow_dispatch", (tag ? "refs/tags/" : "refs/heads/") + ref, sha, actor.user_id};
    spec.inputs = out;
    return create_run(access.repo, action->id, action->file, text, workflow, spec);
}

core::Result<store::Run> Service::trigger(const repos::Repo& repo, std::int64_t action_id, const std::string& token, std::string ref) {
    auto hash = store::trigger_token_hash(pool_, action_id);
    auto action = store::find_action(pool_, repo.id, action_id);
    if (!action || hash.empty() || token.empty() || !core::crypto::equal(hash, core::crypto::sha256_hex(token)))
        return fail(Errc::not_found, "No action takes this trigger.");
    if (ref.empty()) ref = repo.default_branch;
    if (ref.starts_with("refs/heads/")) ref = ref.substr(11);
    auto git_dir = repos_.path(repo.id);
    auto sha = tip(git_dir, ref);
    if (sha.empty()) return fail(Errc::invalid, "There is no branch \"" + ref + "\".");
    std::string text = action->definition;
    if (text.empty())
        for (auto& file : load_workflows(git_dir, sha))
            if (file.file == action->file) text = file.text;
    if (text.empty()) return fail(Errc::invalid, action->file + " is not in " + ref + ".");
    return create_run(repo, action->id, action->file, text, parse_workflow(action->file, text), {"webhook", "refs/heads/" + ref, sha});
}

core::Result<std::string> Service::new_trigger_token(const repos::Access& access, std::int64_t action_id) {
    if (access.role < auth::Role::admin) return fail(Errc::forbidden, "Only the repository's administrators can make trigger tokens.");
    if (!store::find_action(pool_, access.repo.id, action_id)) return fail(Errc::not_found, "There is no such action.");
    auto token = core::crypto::random_hex(24);
    store::set_trigger_token_hash(pool_, action_id, core::crypto::sha256_hex(token));
    return token;
}

core::Result<std::string> ui_workflow(const UiAction& spec) {
    if (spec.name.empty() || spec.name.size() > 100 || spec.name.find_first_of("/\\\n\r") != std::string::npos)
        return fail(Errc::invalid, "Give the action a name of at most 100 characters, without slashes.");
    if (spec.trigger != "manual" && spec.trigger != "schedule" && spec.trigger != "push")
        return fail(Errc::invalid, "The trigger is manual, schedule or push.");
    if (spec.trigger == "schedule" && !Cron::parse(spec.schedule)) return fail(Errc::invalid, "The schedule is not a cron expression such as 0 3 * * *.");
    if (spec.image.empty() || spec.image.find_first_of(" \n\r\t") != std::string::npos) return fail(Errc::invalid, "Name the container image to run in.");
    if (spec.script.find_first_not_of(" \n\r\t") == std::string::npos) return fail(Errc::invalid, "The script is empty.");
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << spec.name;
    out << YAML::Key << "on" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "workflow_dispatch" << YAML::Value << YAML::BeginMap << YAML::EndMap;
    if (spec.trigger == "push") {
        out << YAML::Key << "push" << YAML::Value << YAML::BeginMap;
        if (!spec.branch.empty()) out << YAML::Key << "branches" << YAML::Value << YAML::Flow << YAML::BeginSeq << spec.branch << YAML::EndSeq;
        out << YAML::EndMap;
    }
    if (spec.trigger == "schedule")
        out << YAML::Key << "schedule" << YAML::Value << YAML::BeginSeq << YAML::BeginMap << YAML::Key << "cron" << YAML::Value << spec.schedule
            << YAML::EndMap << YAML::EndSeq;
    out << YAML::EndMap;
    out << YAML::Key << "jobs" << YAML::Value << YAML::BeginMap << YAML::Key << "run" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << spec.name;
    out << YAML::Key << "runs-on" << YAML::Value << spec.image << YAML::Key << "container" << YAML::Value << spec.image;
    out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap << YAML::Key << "uses" << YAML::Value << "actions/checkout@v4" << YAML::EndMap;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "Script" << YAML::Key << "run" << YAML::Value << YAML::Literal << spec.script
        << YAML::EndMap;
    if (spec.artifacts.find_first_not_of(" \n\r\t") != std::string::npos)
        out << YAML::BeginMap << YAML::Key << "uses" << YAML::Value << "actions/upload-artifact@v4" << YAML::Key << "with" << YAML::Value
            << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "artifacts" << YAML::Key << "path" << YAML::Value << YAML::Literal
            << spec.artifacts << YAML::EndMap << YAML::EndMap;
    out << YAML::EndSeq << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    std::string text = out.c_str();
    auto parsed = parse_workflow("ui/" + spec.name, text);
    if (!parsed) return fail(Errc::invalid, parsed.error().message);
    return text + "\n";
}

core::Result<std::int64_t> Service::create(const repos::Access& access, const auth::Actor& actor, const UiAction& spec) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can add actions.");
    auto text = ui_workflow(spec);
    if (!text) return tl::unexpected(text.error());
    auto id = store::add_ui_action(pool_, access.repo.id, spec.name, *text, actor.user_id);
    if (!id) return fail(Errc::conflict, "There is already an action called \"" + spec.name + "\".");
    return *id;
}

std::vector<ActionView> Service::actions(const repos::Repo& repo) {
    std::vector<ActionView> out;
    auto git_dir = repos_.path(repo.id);
    auto sha = tip(git_dir, repo.default_branch);
    std::vector<WorkflowFile> files;
    if (!sha.empty()) files = load_workflows(git_dir, sha);
    if (!files.empty()) {
        soci::session sql(pool_.get());
        for (auto& file : files) {
            auto name = file.workflow && !file.workflow->name.empty() ? file.workflow->name : file.file;
            ActionView view{{}, std::move(file.workflow), std::move(file.text)};
            view.action.id = store::ensure_action(sql, repo.id, file.file, name);
            out.push_back(std::move(view));
        }
    }
    for (const auto& action : store::actions_of(pool_, repo.id)) {
        auto known = std::find_if(out.begin(), out.end(), [&](const ActionView& v) { return v.action.id == action.id; });
        if (known != out.end()) {
            known->action = action;
        } else if (!action.definition.empty()) {
            out.push_back({action, parse_workflow(action.file, action.definition), action.definition});
        } else {  // a workflow file no longer on the default branch: its runs stay listed
            out.push_back({action, tl::unexpected(ParseError{action.file, 0, "Not on " + repo.default_branch + " any more."}), ""});
        }
    }
    return out;
}

std::optional<ActionView> Service::action(const repos::Repo& repo, std::int64_t action_id) {
    for (auto& view : actions(repo))
        if (view.action.id == action_id) return std::move(view);
    return std::nullopt;
}

void Service::supersede(const store::Run& run, const Workflow& workflow) {
    if (!workflow.cancel_in_progress || run.concurrency_group.empty()) return;
    std::vector<std::int64_t> superseded;
    {
        soci::session sql(pool_.get());
        for (const auto& other : store::active_runs(sql))
            if (other.id != run.id && other.repo_id == run.repo_id && other.concurrency_group == run.concurrency_group)
                superseded.push_back(other.id);
    }
    for (auto id : superseded) scheduler_.cancel(id);
}

bool Service::can_write(const repos::Repo& repo, std::int64_t user_id) {
    auto user = auth::store::find_user(pool_, user_id);
    if (!user || user->disabled) return false;
    auto access = repos_.access(auth::Actor{user->id, user->username, user->is_admin, auth::Actor::Via::session}, repo.id, auth::Role::write);
    return access.has_value();
}

core::Status Service::approve(const repos::Access& access, std::int64_t run_id) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can approve runs.");
    auto run = store::find_run(pool_, access.repo.id, run_id);
    if (!run) return fail(Errc::not_found, "There is no such run.");
    {
        soci::session sql(pool_.get());
        if (!store::approve_run(sql, run_id)) return fail(Errc::not_allowed, "This run is not waiting for approval.");
    }
    if (auto workflow = parse_workflow(run->action_file, run->workflow)) supersede(*run, *workflow);
    scheduler_.wake();
    return {};
}

core::Status Service::cancel(const repos::Access& access, std::int64_t run_id) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can cancel runs.");
    auto run = store::find_run(pool_, access.repo.id, run_id);
    if (!run) return fail(Errc::not_found, "There is no such run.");
    if (!scheduler_.cancel(run_id)) return fail(Errc::not_allowed, "This run has already ended.");
    return {};
}

core::Status Service::rerun(const repos::Access& access, std::int64_t run_id, bool failed_only) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can re-run actions.");
    auto run = store::find_run(pool_, access.repo.id, run_id);
    if (!run) return fail(Errc::not_found, "There is no such run.");
    if (!run->finished()) return fail(Errc::not_allowed, "This run has not ended yet.");
    if (!run->error.empty()) return fail(Errc::not_allowed, "This run's workflow is invalid; fix it and push again.");
    soci::session sql(pool_.get());
    for (auto job_id : store::reset_run(sql, run_id, failed_only)) {
        logs_.remove_job(run_id, job_id);
        logs_.touch(job_id);
    }
    scheduler_.wake();
    return {};
}

std::optional<std::int64_t> schedule_due(const std::vector<std::string>& crons, std::int64_t last, std::int64_t now) {
    std::optional<std::int64_t> due;
    for (const auto& text : crons) {
        auto cron = Cron::parse(text);
        if (!cron) continue;
        auto at = cron->last_due(now - now % 60, 400);
        if (at && *at > last && (!due || *at > *due)) due = at;
    }
    return due;
}

void Service::run_schedules(std::int64_t now) {
    for (const auto& id : repos_.ids()) {
        // One repository whose schedules fail does not stop the others'.
        try {
            run_schedules(id, now);
        } catch (const std::exception& e) {
            spdlog::error("actions: schedules of {}: {}", id, db::describe(e));
        }
    }
}

void Service::run_schedules(const std::string& repo_id, std::int64_t now) {
    auto repo = repos_.find(repo_id);
    if (!repo) return;
    auto sha = tip(repos_.path(repo_id), repo->default_branch);
    if (sha.empty()) return;
    for (const auto& view : actions(*repo)) {
        if (!view.workflow || view.workflow->on.schedules.empty()) continue;
        // First seen now: the schedule counts from here, nothing from before it ran.
        if (view.action.last_schedule == 0) {
            store::set_last_schedule(pool_, view.action.id, now);
            continue;
        }
        auto due = schedule_due(view.workflow->on.schedules, view.action.last_schedule, now);
        if (!due) continue;
        store::set_last_schedule(pool_, view.action.id, *due);
        create_run(*repo, view.action.id, view.action.file, view.text, view.workflow, {"schedule", "refs/heads/" + repo->default_branch, sha});
    }
}

void Service::clean_up(std::int64_t now) {
    if (int n = artifacts_.remove_expired(now)) spdlog::info("actions: {} expired artifacts removed", n);
    for (auto run_id : store::remove_runs_ended_before(pool_, now - std::int64_t(config_.actions_retention_days) * 86400))
    {
        logs_.remove_run(run_id);
        artifacts_.remove_run(run_id);
    }
}

void Service::start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            try {
                run_schedules(db::now());
                clean_up(db::now());
            } catch (const std::exception& e) {
                spdlog::error("actions: schedules and clean-up: {}", db::describe(e));
            }
            lock.lock();
            // Wakes just after the next minute begins.
            auto wait = std::chrono::seconds(61 - db::now() % 60);
            wake_.wait_for(lock, wait, [this] { return stopping_; });
        }
    });
}

void Service::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace actions

#include "actions/routes.hpp"

#include "actions/workflow.hpp"
#include "browse/store.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace actions {
namespace {

using auth::Need;

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

http::Response list_page(http::Request& req, repos::Service& repos) {
    http::Page view("actions/list.tpl", "Actions · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIONS");
    auto& dict = view.dict();
    dict.SetValue("BRANCH", req.repo->default_branch);
    auto repo = browse::store::Repository::open(repos.path(req.repo->id));
    std::string commit;
    if (repo)
        if (auto tip = browse::store::resolve(*repo, req.repo->default_branch)) commit = tip->commit;
    std::string repo_url = req.config->prefix + "/repos/" + req.repo->id;
    std::vector<tl::expected<Workflow, ParseError>> workflows;
    if (!commit.empty()) workflows = load_workflows(repos.path(req.repo->id), commit);
    for (const auto& wf : workflows) {
        auto* row = dict.AddSectionDictionary("WORKFLOW");
        std::string file = wf ? wf->file : wf.error().file;
        row->SetValue("FILE", file);
        row->SetValue("FILE_URL", repo_url + "/files/" + commit + "/" + http::percent_encode(file) +
                                      (wf || !wf.error().line ? "" : "#L" + std::to_string(wf.error().line)));
        if (!wf) {
            row->SetValueAndShowSection("ERROR", wf.error().text(), "INVALID");
            continue;
        }
        row->SetValue("NAME", wf->name);
        row->SetValue("TRIGGERS", describe(wf->on));
        for (const auto& job : wf->jobs) {
            auto* j = row->AddSectionDictionary("JOB");
            j->SetValue("JOB_NAME", job.name);
            j->SetValue("RUNS_ON", job.image.empty() ? job.runs_on : job.image);
            if (job.strategy && !job.strategy->cells.empty())
                j->SetValueAndShowSection("MATRIX", std::to_string(job.strategy->cells.size()), "HAS_MATRIX");
            std::string needs;
            for (const auto& n : job.needs) needs += (needs.empty() ? "" : ", ") + n;
            if (!needs.empty()) j->SetValueAndShowSection("NEEDS", needs, "HAS_NEEDS");
        }
    }
    http::show_if(dict, "NONE", workflows.empty());
    return http::render(req, view);
}

}  // namespace

void register_routes(http::Router& r, repos::Service& repos) {
    r.get("/repos/{id}/actions", Need::repo_read, [&repos](http::Request& req) { return list_page(req, repos); });
}

}  // namespace actions

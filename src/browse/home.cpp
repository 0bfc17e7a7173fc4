#include "browse/home.hpp"

#include "browse/history.hpp"
#include "browse/store.hpp"
#include "browse/views.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace browse {
namespace {

void show_contents(http::Request& req, ctemplate::TemplateDictionary& dict, const store::Repository& repo,
                   const store::Location& root, history::Cache& history) {
    std::string base = repos::url(req, *req.repo);
    auto entries = store::tree(repo, root);
    if (!entries) return;
    views::fill_entries(req, dict, root, *entries, *history.last_commits(repo, root));
    views::fill_ref_picker(req, dict, root, "tree", "");
    if (auto latest = store::log(repo, root, 0, 1); latest && !latest->commits.empty()) {
        const auto& c = latest->commits.front();
        auto* last = dict.AddSectionDictionary("LATEST");
        last->SetValue("SUMMARY", c.summary);
        last->SetValue("AUTHOR", c.author_name);
        last->SetValue("WHEN", http::time_ago(c.time));
        last->SetValue("SHORT_SHA", c.id.substr(0, 10));
        last->SetValue("COMMIT_URL", base + "/commit/" + c.id);
    }
    auto count = [](std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    dict.SetValue("COMMIT_COUNT", count(history.commit_count(repo, root.commit), "commit", "commits"));
    dict.SetValue("BRANCH_COUNT", count(store::count_refs(repo, "refs/heads/"), "branch", "branches"));
    dict.SetValue("TAG_COUNT", count(store::count_refs(repo, "refs/tags/"), "tag", "tags"));
    views::fill_readme(req, dict, repo, root, *entries);
}

}  // namespace

void register_home_route(http::Router& r, repos::Service& repos, history::Cache& history) {
    r.get("/{owner}/{repo}", auth::Need::repo_read, [&repos, &history](http::Request& req) {
        http::Page page("browse/home.tpl", req.repo->name);
        repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_CODE");
        auto& dict = page.dict();
        repos::set_repo(dict, *req.repo);
        dict.SetValue("CLONE_HTTP", repos::clone_url(req, *req.repo));
        if (req.role >= auth::Role::write) dict.SetValueAndShowSection("WORKSPACE_REF", req.repo->default_branch, "CAN_WORKSPACE");
        if (auto ssh = repos::ssh_url(req, *req.repo); !ssh.empty()) dict.SetValueAndShowSection("CLONE_SSH", ssh, "HAS_SSH");
        auto repo = store::Repository::open(repos.path(req.repo->id));
        if (!repo) return http::error_page(req, repo.error());
        auto root = store::resolve(*repo, req.repo->default_branch);
        if (root) {
            dict.ShowSection("HAS_CONTENT");
            show_contents(req, dict, *repo, *root, history);
        } else {
            dict.ShowSection("EMPTY");
            http::show_if(dict, req.role >= auth::Role::write ? "CAN_PUSH" : "READ_ONLY", true);
        }
        return http::render(req, page);
    });
}

}  // namespace browse

#include "browse/home.hpp"

#include <algorithm>

#include "browse/history.hpp"
#include "markup/markdown.hpp"
#include "browse/store.hpp"
#include "browse/views.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace browse {
namespace {

constexpr std::int64_t kReadmeLimit = 512 * 1024;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// The root's README as GitHub picks it: README.md first, then other spellings.
const store::Entry* find_readme(const std::vector<store::Entry>& entries) {
    for (const char* wanted : {"readme.md", "readme.markdown", "readme", "readme.txt", "readme.rst"})
        for (const auto& e : entries)
            if (e.kind == store::Entry::Kind::blob && lower(e.name) == wanted) return &e;
    return nullptr;
}

void show_contents(http::Request& req, ctemplate::TemplateDictionary& dict, const store::Repository& repo,
                   const store::Location& root, history::Cache& history) {
    std::string base = req.config->prefix + "/repos/" + req.repo->id;
    auto entries = store::tree(repo, root);
    if (!entries) return;
    views::fill_entries(req, dict, root, *entries, *history.last_commits(repo, root));
    views::fill_ref_picker(req, dict, root, "files", "");
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
    const auto* readme = find_readme(*entries);
    if (!readme) return;
    store::Location at = root;
    at.path = readme->name;
    auto file = store::blob(repo, at, kReadmeLimit);
    if (!file || file->binary || file->size > kReadmeLimit) return;
    auto* section = dict.AddSectionDictionary("README");
    section->SetValue("README_NAME", readme->name);
    auto name = lower(readme->name);
    if (name.ends_with(".md") || name.ends_with(".markdown")) {
        // Safe by construction (see markup::render_markdown), so the template shows it unescaped.
        section->SetValueAndShowSection("README_HTML",
                                        markup::render_markdown(file->content, {base + "/files/" + http::percent_encode(root.ref),
                                                                          base + "/raw/" + http::percent_encode(root.ref)}),
                                        "MARKDOWN");
    } else {
        section->SetValueAndShowSection("README_TEXT", file->content, "PLAIN");
    }
}

}  // namespace

void register_home_route(http::Router& r, repos::Service& repos, history::Cache& history) {
    r.get("/repos/{id}", auth::Need::repo_read, [&repos, &history](http::Request& req) {
        http::Page page("browse/home.tpl", req.repo->name);
        repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_CODE");
        auto& dict = page.dict();
        repos::set_repo(dict, *req.repo);
        dict.SetValue("CLONE_HTTP", repos::clone_url(req, req.repo->id));
        if (auto ssh = repos::ssh_url(req, req.repo->id); !ssh.empty()) dict.SetValueAndShowSection("CLONE_SSH", ssh, "HAS_SSH");
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

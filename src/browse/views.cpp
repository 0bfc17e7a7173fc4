#include "browse/views.hpp"

#include <algorithm>

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/request.hpp"

namespace browse::views {

void fill_entries(const http::Request& req, ctemplate::TemplateDictionary& page, const store::Location& at,
                  const std::vector<store::Entry>& entries, const history::LastCommits& last) {
    auto& list = *page.AddIncludeDictionary("ENTRIES");
    list.SetFilename("browse/entries.tpl");
    std::string repo_url = req.config->prefix + "/repos/" + req.repo->id;
    std::string base = repo_url + "/files/" + http::percent_encode(at.ref) + "/";
    for (const auto& e : entries) {
        auto* row = list.AddSectionDictionary("ENTRY");
        row->SetValue("NAME", e.name);
        row->SetValue("URL", base + http::percent_encode(at.path.empty() ? e.name : at.path + "/" + e.name));
        http::show_if(*row, e.kind == store::Entry::Kind::tree        ? "IS_TREE"
                            : e.kind == store::Entry::Kind::submodule ? "IS_SUBMODULE"
                                                                      : "IS_FILE",
                      true);
        if (const auto* commit = last.find(e.name)) {
            auto* change = row->AddSectionDictionary("LAST");
            change->SetValue("SUMMARY", commit->summary);
            change->SetValue("COMMIT_URL", repo_url + "/commit/" + commit->id);
            change->SetValue("WHEN", http::time_ago(commit->time));
        }
    }
}

void fill_ref_picker(const http::Request& req, ctemplate::TemplateDictionary& dict, const store::Repository& repo,
                     const store::Location& at, const char* view, const std::string& path) {
    constexpr std::size_t kShown = 200;
    auto& picker = *dict.AddIncludeDictionary("REF_PICKER");
    picker.SetFilename("browse/ref_picker.tpl");
    picker.SetValue("REF", at.ref.size() == 40 && at.ref == at.commit ? at.ref.substr(0, 10) : at.ref);
    picker.SetValue("COMMIT", at.commit);
    auto link = [&](const std::string& ref) {
        return req.config->prefix + "/repos/" + req.repo->id + "/" + view + "/" + http::percent_encode(ref) +
               (path.empty() ? "" : "/" + http::percent_encode(path));
    };
    auto branches = store::ref_names(repo, "refs/heads/", kShown);
    std::stable_partition(branches.begin(), branches.end(), [&](const std::string& b) { return b == req.repo->default_branch; });
    for (const auto& name : branches) {
        auto* row = picker.AddSectionDictionary("BRANCH");
        row->SetValue("NAME", name);
        row->SetValue("URL", link(name));
        http::show_if(*row, "CURRENT", name == at.ref);
    }
    auto tags = store::ref_names(repo, "refs/tags/", kShown);
    std::reverse(tags.begin(), tags.end());  // v2.0 before v1.0
    for (const auto& name : tags) {
        auto* row = picker.AddSectionDictionary("TAG");
        row->SetValue("NAME", name);
        row->SetValue("URL", link(name));
        http::show_if(*row, "CURRENT", name == at.ref);
    }
    http::show_if(picker, "HAS_TAGS", !tags.empty());
}

}  // namespace browse::views

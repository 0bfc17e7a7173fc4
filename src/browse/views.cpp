#include "browse/views.hpp"

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

}  // namespace browse::views

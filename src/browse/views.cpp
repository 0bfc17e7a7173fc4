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

std::string code_rows(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 2);
    std::size_t n = 0;
    for (auto line : store::split_lines(text)) {
        auto number = std::to_string(++n);
        out += "<tr id=\"L" + number + "\"><td class=\"line-number\"><a href=\"#L" + number + "\">" + number +
               "</a></td><td class=\"line-code\">";
        http::append_escaped(out, line);
        out += "</td></tr>";
    }
    return out;
}

void fill_ref_picker(const http::Request& req, ctemplate::TemplateDictionary& dict, const store::Location& at,
                     const char* view, const std::string& path) {
    auto& picker = *dict.AddIncludeDictionary("REF_PICKER");
    picker.SetFilename("browse/ref_picker.tpl");
    picker.SetValue("REF", at.ref.size() == 40 && at.ref == at.commit ? at.ref.substr(0, 10) : at.ref);
    picker.SetValue("COMMIT", at.commit);
    picker.SetValue("LIST_URL", req.config->prefix + "/repos/" + req.repo->id + "/refs?view=" + view +
                                    "&ref=" + http::percent_encode(at.ref) + "&path=" + http::percent_encode(path));
}

}  // namespace browse::views

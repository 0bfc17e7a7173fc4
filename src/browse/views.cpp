#include "browse/views.hpp"

#include <algorithm>

#include "browse/file_types.hpp"
#include "core/config.hpp"
#include "markup/markdown.hpp"
#include "http/render.hpp"
#include "http/request.hpp"
#include "repos/service.hpp"

namespace browse::views {

void fill_entries(const http::Request& req, ctemplate::TemplateDictionary& page, const store::Location& at,
                  const std::vector<store::Entry>& entries, const history::LastCommits& last) {
    auto& list = *page.AddIncludeDictionary("ENTRIES");
    list.SetFilename("browse/entries.tpl");
    std::string repo_url = repos::url(req, *req.repo);
    std::string ref = http::percent_encode(at.ref) + "/";
    for (const auto& e : entries) {
        auto* row = list.AddSectionDictionary("ENTRY");
        row->SetValue("NAME", e.name);
        row->SetValue("URL", repo_url + (e.kind == store::Entry::Kind::tree ? "/tree/" : "/blob/") + ref +
                                 http::percent_encode(at.path.empty() ? e.name : at.path + "/" + e.name));
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

void fill_commit(ctemplate::TemplateDictionary& row, const std::string& repo_url, const store::CommitInfo& commit) {
    row.SetValue("SUMMARY", commit.summary);
    row.SetValue("AUTHOR", commit.author_name);
    row.SetValue("WHEN", http::time_ago(commit.time));
    row.SetValue("SHA", commit.id);
    row.SetValue("SHORT_SHA", commit.id.substr(0, 10));
    row.SetValue("COMMIT_URL", repo_url + "/commit/" + commit.id);
}

void fill_readme(const http::Request& req, ctemplate::TemplateDictionary& dict, const store::Repository& repo,
                 const store::Location& at, const std::vector<store::Entry>& entries) {
    constexpr std::int64_t kReadmeLimit = 512 * 1024;
    auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
        return text;
    };
    const store::Entry* readme = nullptr;
    for (const char* wanted : {"readme.md", "readme.markdown", "readme", "readme.txt", "readme.rst"})
        for (const auto& e : entries)
            if (!readme && e.kind == store::Entry::Kind::blob && lower(e.name) == wanted) readme = &e;
    if (!readme) return;
    store::Location file_at = at;
    file_at.path = at.path.empty() ? readme->name : at.path + "/" + readme->name;
    auto file = store::blob(repo, file_at, kReadmeLimit);
    if (!file || file->binary || file->size > kReadmeLimit) return;
    auto& section = *dict.AddIncludeDictionary("README");
    section.SetFilename("browse/readme.tpl");
    section.SetValue("README_NAME", readme->name);
    if (file_types::is_markdown(readme->name)) {
        std::string base = repos::url(req, *req.repo);
        std::string folder = http::percent_encode(at.ref) + (at.path.empty() ? "" : "/" + http::percent_encode(at.path));
        // Safe by construction (see markup::render_markdown), so the template shows it unescaped.
        section.SetValueAndShowSection("README_HTML", markup::render_markdown(file->content, {base + "/tree/" + folder, base + "/raw/" + folder}),
                                       "MARKDOWN");
    } else {
        section.SetValueAndShowSection("README_TEXT", file->content, "PLAIN");
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
    picker.SetValue("LIST_URL", repos::url(req, *req.repo) + "/refs?view=" + view +
                                    "&ref=" + http::percent_encode(at.ref) + "&path=" + http::percent_encode(path));
}

}  // namespace browse::views

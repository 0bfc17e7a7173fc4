#include "browse/changes.hpp"

#include "browse/diff.hpp"
#include "browse/store.hpp"
#include "browse/views.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/disk.hpp"
#include "repos/service.hpp"

namespace browse {
namespace {

using auth::Need;

const char* status_name(char status) {
    switch (status) {
        case 'A': return "added";
        case 'D': return "deleted";
        case 'R': return "renamed";
        case 'C': return "copied";
        case 'T': return "type changed";
        default: return "modified";
    }
}

// Where one file's lines take comments: the comment form's URL for a line and the notes on it.
struct FileNotes {
    const DiffNotes* notes = nullptr;
    std::string old_path, new_path;  //!< they differ for a renamed file
    std::string old_form, new_form;  //!< form_url?path=…&side=…&line=

    FileNotes() = default;
    FileNotes(const DiffNotes& n, const diff::File& f)
        : notes(&n), old_path(f.old_path.empty() ? f.new_path : f.old_path), new_path(f.new_path.empty() ? f.old_path : f.new_path) {
        old_form = n.form_url + "?path=" + http::percent_encode(old_path) + "&side=old&line=";
        new_form = n.form_url + "?path=" + http::percent_encode(new_path) + "&side=new&line=";
    }

    void annotate(ctemplate::TemplateDictionary& cell, ctemplate::TemplateDictionary& row, const diff::Line& line) const {
        if (!notes) return;
        bool old_side = line.origin == '-';
        int number = old_side ? line.old_number : line.new_number;
        if (!notes->form_url.empty()) {
            cell.SetValueAndShowSection("COMMENT_URL", (old_side ? old_form : new_form) + std::to_string(number), "COMMENTABLE");
            cell.SetValue("COMMENT_LABEL", "Comment on " + std::string(old_side ? "old " : "") + "line " + std::to_string(number));
        }
        if (notes->fill) notes->fill(row, old_side ? old_path : new_path, old_side, number);
    }
};

void fill_unified(ctemplate::TemplateDictionary& hunk, const diff::Hunk& h, const FileNotes& notes) {
    for (const auto& l : h.lines) {
        auto* line = hunk.AddSectionDictionary("LINE");
        line->SetValue("OLD", l.old_number > 0 ? std::to_string(l.old_number) : "");
        line->SetValue("NEW", l.new_number > 0 ? std::to_string(l.new_number) : "");
        line->SetValue("TEXT", l.text);
        line->SetValue("SIGN", std::string(1, l.origin));
        if (l.origin != ' ') line->ShowSection(l.origin == '+' ? "ADDED" : "REMOVED");
        notes.annotate(*line, *line, l);
    }
}

// One side of a split row: the line's number and text, marked when it is not context. Context
// lines take comments on their new side only, as on GitHub.
void fill_side(ctemplate::TemplateDictionary& row, const char* side, const diff::Line* line, const FileNotes& notes) {
    auto* cell = row.AddSectionDictionary(side);
    if (!line) {
        cell->ShowSection("BLANK");
        return;
    }
    int number = line->origin == '-' ? line->old_number : line->new_number;
    cell->SetValue("N", std::to_string(number));
    cell->SetValue("TEXT", line->text);
    if (line->origin != ' ') cell->ShowSection(line->origin == '+' ? "ADDED" : "REMOVED");
    if (line->origin != ' ' || std::string_view(side) == "RIGHT") notes.annotate(*cell, row, *line);
}

// Side by side: context on both sides; a run of removed lines faces the added lines that
// follow it, row by row, as GitHub pairs them.
void fill_split(ctemplate::TemplateDictionary& hunk, const diff::Hunk& h, const FileNotes& notes) {
    const auto& lines = h.lines;
    for (std::size_t i = 0; i < lines.size();) {
        if (lines[i].origin == ' ') {
            auto* row = hunk.AddSectionDictionary("SPLIT_ROW");
            fill_side(*row, "LEFT", &lines[i], notes);
            fill_side(*row, "RIGHT", &lines[i], notes);
            ++i;
            continue;
        }
        std::size_t removed_end = i;
        while (removed_end < lines.size() && lines[removed_end].origin == '-') ++removed_end;
        std::size_t added_end = removed_end;
        while (added_end < lines.size() && lines[added_end].origin == '+') ++added_end;
        std::size_t removed = removed_end - i, added = added_end - removed_end;
        for (std::size_t k = 0; k < std::max(removed, added); ++k) {
            auto* row = hunk.AddSectionDictionary("SPLIT_ROW");
            fill_side(*row, "LEFT", k < removed ? &lines[i + k] : nullptr, notes);
            fill_side(*row, "RIGHT", k < added ? &lines[removed_end + k] : nullptr, notes);
        }
        i = added_end;
    }
}

http::Response commit_page(http::Request& req, const store::Repository& repo, const std::string& id) {
    auto commit = diff::load(repo, id);
    if (!commit) return http::error_page(req, commit.error());
    const auto& c = *commit;
    http::Page page("browse/commit.tpl", c.info.summary.substr(0, 80) + " · " + req.repo->name);
    repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_COMMITS");
    auto& dict = page.dict();
    std::string base = repos::url(req, *req.repo);
    dict.SetValue("SUMMARY", c.info.summary);
    if (!c.message.empty()) dict.SetValueAndShowSection("MESSAGE", c.message, "HAS_MESSAGE");
    dict.SetValue("AUTHOR", c.info.author_name);
    dict.SetValue("WHEN", http::time_ago(c.info.time));
    if (c.committer_name != c.info.author_name)
        dict.SetValueAndShowSection("COMMITTER", c.committer_name, "HAS_COMMITTER");
    dict.SetValue("SHA", c.info.id);
    dict.SetValue("REPO_FULL_NAME", req.repo->full_name());
    dict.SetValue("TREE_URL", base + "/tree/" + c.info.id);
    for (const auto& parent : c.parents) {
        auto* row = dict.AddSectionDictionary("PARENT");
        row->SetValue("PARENT_SHA", parent.substr(0, 10));
        row->SetValue("PARENT_URL", base + "/commit/" + parent);
    }
    fill_changes(req, dict, c.changes);
    return http::render(req, page);
}

// The compare page's head picker: this repository and the forks of it the caller may read.
void fill_head_picker(http::Request& req, repos::Service& repos, ctemplate::TemplateDictionary& dict, const std::string& base,
                      const std::string& head_owner, const std::string& head) {
    auto* picker = dict.AddSectionDictionary("PICKER");
    picker->SetValue("PICKER_ACTION", repos::url(req, *req.repo) + "/compare");
    picker->SetValue("PICKER_BASE", base);
    picker->SetValue("PICKER_HEAD", head);
    std::vector<std::string> owners{req.repo->owner};
    for (const auto& fork : repos.forks(req.actor, *req.repo)) owners.push_back(fork.owner);
    for (const auto& owner : owners) {
        auto* option = picker->AddSectionDictionary("HEAD_OWNER");
        option->SetValue("VALUE", owner);
        http::show_if(*option, "SELECTED", owner == head_owner);
    }
}

// base...head, where head may be GitHub's owner:branch for a branch of a fork: then the two are
// compared in the fork, which borrows this repository's objects and so holds both.
http::Response compare_page(http::Request& req, repos::Service& repos, const std::string& spec) {
    auto dots = spec.find("...");
    if (dots == std::string::npos || dots == 0 || dots + 3 >= spec.size())
        return http::error_page(req, 404, "Compare two refs as base...head, e.g. main...feature.");
    auto base_ref = spec.substr(0, dots), head_ref = spec.substr(dots + 3);
    auto repo = store::Repository::open(repos.path(req.repo->id));
    if (!repo) return http::error_page(req, repo.error());
    std::optional<repos::Repo> fork;
    std::string head_owner = req.repo->owner;
    if (auto colon = head_ref.find(':'); colon != std::string::npos) {
        head_owner = head_ref.substr(0, colon);
        head_ref = head_ref.substr(colon + 1);
        auto lower = [](std::string text) {
            for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return text;
        };
        if (lower(head_owner) != lower(req.repo->owner)) {
            for (auto& candidate : repos.forks(req.actor, *req.repo))
                if (lower(candidate.owner) == lower(head_owner)) fork = std::move(candidate);
            if (!fork) return http::error_page(req, 404, head_owner + " has no fork of " + req.repo->full_name() + " you can read.");
        }
    }
    auto head_repo = fork ? store::Repository::open(repos.path(fork->id)) : std::move(repo);
    if (!head_repo) return http::error_page(req, head_repo.error());
    std::string base_sha = base_ref;
    if (fork) {
        auto tip = repos::disk::ref_target(repos.path(req.repo->id), "refs/heads/" + base_ref);
        if (!tip) return http::error_page(req, 404, "There is no branch \"" + base_ref + "\" in " + req.repo->full_name() + ".");
        base_sha = *tip;
    }
    auto comparison = diff::compare(*head_repo, base_sha, head_ref);
    if (!comparison) return http::error_page(req, comparison.error());
    const auto& c = *comparison;
    std::string head_label = fork ? head_owner + ":" + c.head.ref : c.head.ref;
    http::Page page("browse/compare.tpl", "Comparing " + spec + " · " + req.repo->name);
    repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_COMMITS");
    auto& dict = page.dict();
    std::string commits_url = fork ? repos::url(req, *fork) : repos::url(req, *req.repo);
    dict.SetValue("BASE", fork ? base_ref : c.base.ref);
    dict.SetValue("HEAD", head_label);
    dict.SetIntValue("COMMIT_COUNT", static_cast<long>(c.commits.size()));
    http::show_if(dict, "MORE_COMMITS", c.more_commits);
    http::show_if(dict, c.commits.empty() ? "IDENTICAL" : "DIFFERENT", true);
    for (const auto& commit : c.commits) views::fill_commit(*dict.AddSectionDictionary("COMMIT"), commits_url, commit);
    fill_changes(req, dict, c.changes);
    fill_head_picker(req, repos, dict, fork ? base_ref : c.base.ref, head_owner, c.head.ref);
    bool branches = fork ? store::branch_exists(*head_repo, c.head.ref) : store::branch_exists(*head_repo, c.base.ref) && store::branch_exists(*head_repo, c.head.ref);
    if (req.actor.signed_in() && !c.commits.empty() && branches) {
        auto* form = dict.AddSectionDictionary("OPEN_PR");
        form->SetValue("ACTION", repos::url(req, *req.repo) + "/pulls/create");
        form->SetValue("TITLE_VALUE", c.commits.size() == 1 ? c.commits.front().summary : c.head.ref);
    }
    return http::render(req, page);
}

}  // namespace

void fill_changes(const http::Request& req, ctemplate::TemplateDictionary& page, const diff::Changes& changes,
                  const DiffNotes* notes) {
    auto& dict = *page.AddIncludeDictionary("CHANGES");
    dict.SetFilename("browse/changes.tpl");
    bool split = req.query_or("diff", "unified") == "split";
    // This page with the rest of its query (a pull request's ?tab=files) and diff= switched.
    std::string here = req.config->prefix + http::percent_encode(req.path) + "?";
    for (std::string_view rest = req.raw_query; !rest.empty();) {
        auto amp = rest.find('&');
        auto part = rest.substr(0, amp);
        if (!part.empty() && !part.starts_with("diff=")) here += std::string(part) + "&";
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    dict.SetValue("UNIFIED_URL", here + "diff=unified");
    dict.SetValue("SPLIT_URL", here + "diff=split");
    dict.ShowSection(split ? "IS_SPLIT" : "IS_UNIFIED");
    dict.SetValue("FILES_CHANGED", changes.files.size() == 1 ? "1 file changed"
                                                               : std::to_string(changes.files.size()) + " files changed");
    dict.SetIntValue("ADDITIONS", changes.additions);
    dict.SetIntValue("DELETIONS", changes.deletions);
    http::show_if(dict, "TRUNCATED", changes.truncated);
    for (const auto& f : changes.files) {
        auto* file = dict.AddSectionDictionary("FILE");
        file->SetValue("PATH", f.new_path.empty() ? f.old_path : f.new_path);
        if (f.status == 'R' || f.status == 'C') file->SetValueAndShowSection("OLD_PATH", f.old_path, "MOVED");
        file->SetValue("STATUS", status_name(f.status));
        file->SetIntValue("FILE_ADDITIONS", f.additions);
        file->SetIntValue("FILE_DELETIONS", f.deletions);
        http::show_if(*file, "BINARY", f.binary);
        http::show_if(*file, "HIDDEN", !f.shown);
        auto file_notes = notes && !f.binary ? FileNotes(*notes, f) : FileNotes();
        for (const auto& h : f.hunks) {
            auto* hunk = file->AddSectionDictionary(split ? "SPLIT_HUNK" : "HUNK");
            hunk->SetValue("HEADER", h.header);
            split ? fill_split(*hunk, h, file_notes) : fill_unified(*hunk, h, file_notes);
        }
    }
}

void register_change_routes(http::Router& r, repos::Service& repos) {
    r.get("/{owner}/{repo}/commit/{sha}", Need::repo_read, [&repos](http::Request& req) {
        auto repo = store::Repository::open(repos.path(req.repo->id));
        if (!repo) return http::error_page(req, repo.error());
        // A full id names one commit forever; a short one might grow ambiguous.
        auto res = commit_page(req, *repo, req.params["sha"]);
        return req.params["sha"].size() == 40 ? http::revalidated(req, std::move(res)) : res;
    });

    r.get("/{owner}/{repo}/compare/{spec...}", Need::repo_read,
          [&repos](http::Request& req) { return compare_page(req, repos, req.params["spec"]); });

    // The head picker's form: ?base=main&head_owner=bob&head=feature; without a head, the
    // default branch against itself, which shows the picker.
    r.get("/{owner}/{repo}/compare", Need::repo_read, [](http::Request& req) {
        auto base = req.query_or("base", req.repo->default_branch), head = req.query_or("head", "");
        auto owner = req.query_or("head_owner", req.repo->owner);
        if (head.empty()) head = base;  // the picker alone, to choose a head from
        auto spec = base + "..." + (owner == req.repo->owner ? "" : owner + ":") + head;
        return http::redirect(req, "/" + req.repo->full_name() + "/compare/" + http::percent_encode(spec));
    });
}

}  // namespace browse

#pragma once

#include <vector>

#include "browse/history.hpp"
#include "browse/store.hpp"

namespace ctemplate {
class TemplateDictionary;
}
namespace http {
struct Request;
}

//! Pieces of dictionaries that several browse pages share.
namespace browse::views {

//! templates/browse/entries.tpl, included as ENTRIES: one linked row per entry of the folder at
//! `at` (req.repo's file browser), with the commit that last changed it.
void fill_entries(const http::Request& req, ctemplate::TemplateDictionary& page, const store::Location& at,
                  const std::vector<store::Entry>& entries, const history::LastCommits& last);

//! One commit of a list (history, compare, a pull request's commits): SUMMARY, AUTHOR, WHEN,
//! SHA, SHORT_SHA and COMMIT_URL under repo_url ("/alice/x").
void fill_commit(ctemplate::TemplateDictionary& row, const std::string& repo_url, const store::CommitInfo& commit);

//! templates/browse/readme.tpl, included as README when the folder at `at` (with these
//! entries) has a README as GitHub picks it: README.md first, then other spellings. Markdown is
//! rendered (relative links resolve from that folder), anything else shown as text.
void fill_readme(const http::Request& req, ctemplate::TemplateDictionary& dict, const store::Repository& repo,
                 const store::Location& at, const std::vector<store::Entry>& entries);

//! The rows of a file view's table: one <tr id="L{n}"> per line with its number linked as #L{n}
//! and its text escaped. Built here rather than as a template section because it is the
//! hottest markup we serve: a template dictionary per line costs more than the rest of the page.
std::string code_rows(std::string_view text);

//! templates/browse/ref_picker.tpl, included as REF_PICKER: the current ref, and a menu that
//! loads the branches and tags (GET /{owner}/{repo}/refs) when it is first opened, each linking to
//! `view` ("tree", "commits", "blame") of `path` at that ref.
void fill_ref_picker(const http::Request& req, ctemplate::TemplateDictionary& dict, const store::Location& at,
                     const char* view, const std::string& path);

}  // namespace browse::views

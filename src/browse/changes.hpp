#pragma once

#include <functional>
#include <string>

namespace ctemplate {
class TemplateDictionary;
}
namespace http {
class Router;
struct Request;
}
namespace repos {
class Service;
}

namespace browse {
namespace diff {
struct Changes;
}

//! Comments a page shows inside its diff, and how a new one is started (a pull request's).
//! A line is anchored by its path, its side (old for removed lines, new otherwise) and its
//! number on that side.
struct DiffNotes {
    //! "{form_url}?path=…&side=old|new&line=N" answers a table row with a comment form; the
    //! line numbers become buttons that fetch it below their line (htmx).
    std::string form_url;
    //! Adds the comments on that line, if any, to `row`: NOTE sections, each with a NOTE_ROW
    //! include (a table row, whose template it sets) shown below the line.
    std::function<void(ctemplate::TemplateDictionary& row, const std::string& path, bool old_side, int line)> fill;
};

//! templates/browse/changes.tpl, included as CHANGES: counts, the unified/split switch
//! (?diff=split) and every file's diff. Commit, compare and pull request pages share it.
void fill_changes(const http::Request& req, ctemplate::TemplateDictionary& page, const diff::Changes& changes,
                  const DiffNotes* notes = nullptr);

//! /{owner}/{repo}/commit/{sha} and /{owner}/{repo}/compare/{base}...{head}: pages that show changes.
void register_change_routes(http::Router& router, repos::Service& repos);

}  // namespace browse

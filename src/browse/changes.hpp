#pragma once

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

//! templates/browse/changes.tpl, included as CHANGES: counts, the unified/split switch
//! (?diff=split) and every file's diff. Commit, compare and pull request pages share it.
void fill_changes(const http::Request& req, ctemplate::TemplateDictionary& page, const diff::Changes& changes);

//! /repos/{id}/commit/{sha} and /repos/{id}/compare/{base}...{head}: pages that show changes.
void register_change_routes(http::Router& router, repos::Service& repos);

}  // namespace browse

#pragma once

#include <string>
#include <vector>

namespace ctemplate {
class TemplateDictionary;
}
namespace http {
class Router;
struct Request;
}

namespace issues {

class Service;
struct Issue;

//! "bug, good first issue" → {"bug", "good first issue"}: the names a form field lists, comma
//! separated, trimmed.
std::vector<std::string> split_names(const std::string& text);

//! One row of an issue or pull request list (templates/issues/list.tpl, pulls/list.tpl).
void fill_row(ctemplate::TemplateDictionary& row, const Issue& issue, const std::string& url);

//! The ITEM sections of a timeline (templates/issues/show.tpl, reused by pull requests):
//! comments (issues/comment.tpl) and events in the order they happened.
void fill_timeline(const http::Request& req, ctemplate::TemplateDictionary& dict, Service& issues, const Issue& issue);

//! /{owner}/{repo}/issues (list, new, create, one issue with its timeline, comments, state, edit,
//! labels and assignees) and /{owner}/{repo}/labels.
void register_routes(http::Router& router, Service& issues);

}  // namespace issues

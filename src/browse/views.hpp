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

//! templates/browse/ref_picker.tpl, included as REF_PICKER: the current ref and a filterable
//! menu of branches (the default first) and tags, each linking to `view` ("files", "commits",
//! …) of `path` at that ref.
void fill_ref_picker(const http::Request& req, ctemplate::TemplateDictionary& dict, const store::Repository& repo,
                     const store::Location& at, const char* view, const std::string& path);

}  // namespace browse::views

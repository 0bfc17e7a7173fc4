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

}  // namespace browse::views

#pragma once

#include <functional>
#include <string>
#include <string_view>

//! HTML written by users (README raw HTML, later comments) made safe to show in our origin.
namespace markup {

//! Rewrites a relative URL ("docs/a.md", "./logo.png"); `image` tells an <img>/<source> from a link.
using RelativeUrl = std::function<std::string(std::string_view url, bool image)>;

//! Parses html as a browser would (HTML5, through gumbo) and writes back only an allow-list:
//! formatting, lists, tables, headings, links, images, details/summary, picture/source and
//! task-list checkboxes, with presentational attributes (align, width, colspan, …). Scripts,
//! styles, frames, forms and foreign content go with their content; other unknown tags go but
//! keep their text. Links may be http(s), mailto, relative or #anchors; images http(s) or
//! relative. Event handlers, style, id and name never survive. Relative URLs pass through
//! `relative` when it is set.
std::string sanitize(std::string_view html, const RelativeUrl& relative = {});

//! True for "docs/a.md", "./a.png" or "a.md#x" — not "https://…", "//host", "/abs", "#anchor"
//! or "mailto:…".
bool is_relative_url(std::string_view url);

}  // namespace markup

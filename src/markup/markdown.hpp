#pragma once

#include <string>
#include <string_view>

namespace markup {

//! Where a document's relative links and images point: its folder in the file browser and in
//! raw form, e.g. "/alice/x/tree/main/docs" and "/alice/x/raw/main/docs" (already escaped).
struct Base {
    std::string files;
    std::string raw;
    std::string issues;  //!< when set, "#12" in text links to issues + "12" ("/alice/x/issues/")
    std::string people;  //!< when set, "@ada" in text links to people + "ada" ("/", a profile)
};

//! GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists) as HTML that is safe
//! to show unescaped: raw HTML in the text is kept only as far as sanitize() allows. Relative
//! links go to base.files, relative images to base.raw.
std::string render_markdown(std::string_view text, const Base& base);

}  // namespace markup

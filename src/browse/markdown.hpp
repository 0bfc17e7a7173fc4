#pragma once

#include <string>
#include <string_view>

namespace browse::markdown {

//! Where a document's relative links and images point: its folder in the file browser and in
//! raw form, e.g. "/repos/x/files/main/docs" and "/repos/x/raw/main/docs" (already escaped).
struct Base {
    std::string files;
    std::string raw;
};

//! GitHub-flavoured Markdown (tables, strikethrough, autolinks, task lists) as HTML that is safe
//! to show unescaped: cmark-gfm's safe mode omits raw HTML and drops javascript:, vbscript:,
//! file: and (outside images) data: URLs. Relative links go to base.files, images to base.raw.
std::string render(std::string_view text, const Base& base);

}  // namespace browse::markdown

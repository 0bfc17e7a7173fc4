#include "markup/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

#include "markup/sanitize.hpp"

namespace markup {

std::string render_markdown(std::string_view text, const Base& base) {
    cmark_gfm_core_extensions_ensure_registered();
    // Raw HTML passes cmark untouched (UNSAFE) because sanitize() below is the one place that
    // decides what HTML survives, for Markdown's own output and the author's alike.
    const int options = CMARK_OPT_UNSAFE;
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
        if (auto* extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(cmark_parser_finish(parser.get()), cmark_node_free);
    char* html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    std::string raw = html ? html : "";
    std::free(html);
    return sanitize(raw, [&base](std::string_view url, bool image) {
        if (url.starts_with("./")) url.remove_prefix(2);
        return (image ? base.raw : base.files) + "/" + std::string(url);
    });
}

}  // namespace markup

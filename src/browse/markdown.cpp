#include "browse/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace browse::markdown {
namespace {

// "docs/a.md", "./a.png" or "a.md#x" — not "https://…", "//host", "/abs", "#anchor" or "mailto:".
bool is_relative(std::string_view url) {
    if (url.empty() || url.front() == '/' || url.front() == '#') return false;
    auto colon = url.find(':');
    return colon == std::string_view::npos || url.find_first_of("/?#") < colon;
}

}  // namespace

std::string render(std::string_view text, const Base& base) {
    cmark_gfm_core_extensions_ensure_registered();
    std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                       cmark_parser_free);
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
        if (auto* extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(cmark_parser_finish(parser.get()), cmark_node_free);

    std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(document.get()), cmark_iter_free);
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        auto type = cmark_node_get_type(node);
        if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) continue;
        const char* url = cmark_node_get_url(node);
        if (!url || !is_relative(url)) continue;
        std::string_view relative(url);
        if (relative.starts_with("./")) relative.remove_prefix(2);
        std::string rewritten = (type == CMARK_NODE_IMAGE ? base.raw : base.files) + "/" + std::string(relative);
        cmark_node_set_url(node, rewritten.c_str());
    }
    char* html = cmark_render_html(document.get(), CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser.get()));
    std::string out = html ? html : "";
    std::free(html);
    return out;
}

}  // namespace browse::markdown

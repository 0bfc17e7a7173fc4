#include "markup/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "markup/sanitize.hpp"

namespace markup {

namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The end of a reference starting at literal[i] — "#12" or "@name" — or i when there is none
// there: it starts a word, and "#" takes digits, "@" a username (letters, digits and inner '-').
std::size_t reference_end(const std::string& literal, std::size_t i, bool issues, bool people) {
    char c = literal[i];
    if ((c != '#' || !issues) && (c != '@' || !people)) return i;
    if (i > 0 && (is_word(literal[i - 1]) || literal[i - 1] == '&' || literal[i - 1] == '@' || literal[i - 1] == '/')) return i;
    std::size_t end = i + 1;
    if (c == '#') {
        while (end < literal.size() && std::isdigit(static_cast<unsigned char>(literal[end])) && end - i <= 12) ++end;
        if (end == i + 1 || (end < literal.size() && is_word(literal[end]))) return i;
        return end;
    }
    while (end < literal.size() && end - i <= 39 && (std::isalnum(static_cast<unsigned char>(literal[end])) || literal[end] == '-')) ++end;
    while (end > i + 1 && literal[end - 1] == '-') --end;
    if (end == i + 1 || literal[i + 1] == '-' || (end < literal.size() && (is_word(literal[end]) || literal[end] == '@'))) return i;
    return end;
}

// Splits each text node outside code and links at "#12" (a link to base.issues + "12") and
// "@name" (to base.people + the name, lowercased as usernames are) into text, a link and text.
void link_references(cmark_node* document, const Base& base) {
    std::vector<cmark_node*> texts;
    {
        std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(document), cmark_iter_free);
        for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
            cmark_node* node = cmark_iter_get_node(iter.get());
            if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_TEXT) continue;
            bool in_link = false;
            for (cmark_node* up = cmark_node_parent(node); up && !in_link; up = cmark_node_parent(up))
                in_link = cmark_node_get_type(up) == CMARK_NODE_LINK || cmark_node_get_type(up) == CMARK_NODE_IMAGE;
            if (!in_link) texts.push_back(node);
        }
    }
    for (cmark_node* node : texts) {
        std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
        std::size_t done = 0;
        for (std::size_t i = 0; i < literal.size(); ++i) {
            std::size_t end = reference_end(literal, i, !base.issues.empty(), !base.people.empty());
            if (end == i) continue;
            if (i > done) {
                cmark_node* before = cmark_node_new(CMARK_NODE_TEXT);
                cmark_node_set_literal(before, literal.substr(done, i - done).c_str());
                cmark_node_insert_before(node, before);
            }
            std::string target = literal.substr(i + 1, end - i - 1);
            if (literal[i] == '@')
                for (auto& ch : target) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
            cmark_node_set_url(link, ((literal[i] == '#' ? base.issues : base.people) + target).c_str());
            cmark_node* label = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(label, literal.substr(i, end - i).c_str());
            cmark_node_append_child(link, label);
            cmark_node_insert_before(node, link);
            done = end;
            i = end - 1;
        }
        if (done > 0) cmark_node_set_literal(node, literal.substr(done).c_str());
    }
}

}  // namespace

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
    if (!base.issues.empty() || !base.people.empty()) link_references(document.get(), base);
    char* html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    std::string raw = html ? html : "";
    std::free(html);
    return sanitize(raw, [&base](std::string_view url, bool image) {
        if (url.starts_with("./")) url.remove_prefix(2);
        return (image ? base.raw : base.files) + "/" + std::string(url);
    });
}

}  // namespace markup

#include "markup/sanitize.hpp"

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "http/escape.hpp"

namespace markup {
namespace {

using std::string_view;

// Elements kept, each with the attributes it may carry beyond the global ones.
const std::unordered_map<string_view, std::unordered_set<string_view>>& allowed() {
    static const std::unordered_map<string_view, std::unordered_set<string_view>> tags = {
        {"a", {"href"}}, {"abbr", {}}, {"b", {}}, {"blockquote", {"cite"}}, {"br", {}}, {"caption", {}},
        {"center", {}}, {"cite", {}}, {"code", {"class"}}, {"dd", {}}, {"del", {}}, {"details", {"open"}},
        {"dfn", {}}, {"div", {}}, {"dl", {}}, {"dt", {}}, {"em", {}}, {"figcaption", {}}, {"figure", {}},
        {"h1", {}}, {"h2", {}}, {"h3", {}}, {"h4", {}}, {"h5", {}}, {"h6", {}}, {"hr", {}}, {"i", {}},
        {"img", {"src", "alt", "width", "height"}}, {"input", {"type", "checked", "disabled"}}, {"ins", {}},
        {"kbd", {}}, {"li", {"value"}}, {"mark", {}}, {"ol", {"start", "type"}}, {"p", {}},
        {"picture", {}}, {"pre", {}}, {"q", {"cite"}}, {"rp", {}}, {"rt", {}}, {"ruby", {}}, {"s", {}},
        {"samp", {}}, {"small", {}}, {"source", {"srcset", "media", "type", "width", "height"}}, {"span", {}},
        {"strike", {}}, {"strong", {}}, {"sub", {}}, {"summary", {}}, {"sup", {}}, {"table", {}},
        {"tbody", {}}, {"td", {"colspan", "rowspan"}}, {"tfoot", {}}, {"th", {"colspan", "rowspan", "scope"}},
        {"thead", {}}, {"tr", {}}, {"tt", {}}, {"u", {}}, {"ul", {}}, {"var", {}}, {"wbr", {}},
    };
    return tags;
}

const std::unordered_set<string_view> kGlobal = {"align", "title", "lang", "dir"};
const std::unordered_set<string_view> kVoid = {"br", "hr", "img", "input", "source", "wbr"};
// Dropped together with everything inside them.
const std::unordered_set<string_view> kDropped = {"script", "style", "iframe", "frame", "frameset", "object",
                                                  "embed", "template", "noscript", "textarea", "select",
                                                  "title", "head", "svg", "math", "form", "button", "applet",
                                                  "base", "link", "meta", "noembed", "noframes", "xmp"};

string_view tag_name(const GumboNode* node) {
    const GumboElement& e = node->v.element;
    if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
    GumboStringPiece original = e.original_tag;
    gumbo_tag_from_original_text(&original);
    return {original.data, original.length};
}

// The scheme of a URL as a browser finds it: ASCII whitespace and control characters inside
// ("java\tscript:") are ignored, letters compared lowercase. "" for relative URLs.
std::string scheme_of(string_view url) {
    std::string compact;
    for (char c : url)
        if (static_cast<unsigned char>(c) > 0x20) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto colon = compact.find(':');
    if (colon == std::string::npos || compact.find_first_of("/?#") < colon) return "";
    return compact.substr(0, colon);
}

// The URL to write, or nullopt when it must go.
std::optional<std::string> checked_url(string_view url, bool image, const RelativeUrl& relative) {
    auto scheme = scheme_of(url);
    if (scheme.empty()) {
        if (relative && is_relative_url(url)) return relative(url, image);
        return std::string(url);
    }
    if (scheme == "http" || scheme == "https" || (!image && scheme == "mailto")) return std::string(url);
    return std::nullopt;
}

// "a.png 1x, b.png 2x": every candidate's URL checked like a src.
std::optional<std::string> checked_srcset(string_view srcset, const RelativeUrl& relative) {
    std::string out;
    for (std::size_t start = 0; start < srcset.size();) {
        auto comma = srcset.find(',', start);
        if (comma == string_view::npos) comma = srcset.size();
        auto candidate = srcset.substr(start, comma - start);
        start = comma + 1;
        auto first = candidate.find_first_not_of(" \t\n\r\f");
        if (first == string_view::npos) continue;
        candidate.remove_prefix(first);
        auto space = candidate.find_first_of(" \t\n\r\f");
        auto url = checked_url(candidate.substr(0, space), true, relative);
        if (!url) return std::nullopt;
        if (!out.empty()) out += ", ";
        out += *url;
        if (space != string_view::npos) out += candidate.substr(space);
    }
    return out;
}

bool is_language_class(string_view value) {
    return value.starts_with("language-") && value.size() > 9 && value.size() < 64 &&
           std::all_of(value.begin() + 9, value.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+' || c == '#';
           });
}

class Writer {
public:
    explicit Writer(const RelativeUrl& relative) : relative_(relative) {}

    void children(const GumboNode* node) {
        const GumboVector& kids = node->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) write(static_cast<const GumboNode*>(kids.data[i]));
    }

    std::string out;

private:
    void write(const GumboNode* node) {
        switch (node->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA: http::append_escaped(out, node->v.text.text); return;
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE: element(node); return;
            default: return;  // comments, the document
        }
    }

    void element(const GumboNode* node) {
        if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return;
        std::string name(tag_name(node));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        if (kDropped.count(name)) return;
        auto it = allowed().find(name);
        if (it == allowed().end()) return children(node);
        if (name == "input" && !is_checkbox(node)) return;
        out += '<';
        out += name;
        attributes(node, name, it->second);
        if (name == "input") out += " disabled";
        if (name == "a") out += " rel=\"nofollow noopener noreferrer\"";
        out += '>';
        if (kVoid.count(name)) return;
        children(node);
        out += "</" + name + ">";
    }

    static bool is_checkbox(const GumboNode* node) {
        const GumboAttribute* type = gumbo_get_attribute(&node->v.element.attributes, "type");
        return type && std::string_view(type->value) == "checkbox";
    }

    void attributes(const GumboNode* node, const std::string& tag, const std::unordered_set<string_view>& own) {
        const GumboVector& attrs = node->v.element.attributes;
        for (unsigned i = 0; i < attrs.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
            string_view name = a->name, value = a->value;
            if (!kGlobal.count(name) && !own.count(name)) continue;
            if (name == "disabled") continue;  // always written for inputs
            std::optional<std::string> kept = std::string(value);
            if (name == "href") kept = checked_url(value, false, relative_);
            else if (name == "src") kept = checked_url(value, true, relative_);
            else if (name == "cite") kept = checked_url(value, false, {});
            else if (name == "srcset") kept = checked_srcset(value, relative_);
            else if (name == "class") kept = tag == "code" && is_language_class(value) ? kept : std::nullopt;
            if (!kept) continue;
            out += ' ';
            out += name;
            out += "=\"";
            http::append_escaped(out, *kept);
            out += '"';
        }
    }

    const RelativeUrl& relative_;
};

}  // namespace

bool is_relative_url(string_view url) {
    if (url.empty() || url.front() == '/' || url.front() == '#') return false;
    return scheme_of(url).empty();
}

std::string sanitize(string_view html, const RelativeUrl& relative) {
    GumboOptions options = kGumboDefaultOptions;
    options.fragment_context = GUMBO_TAG_DIV;
    std::unique_ptr<GumboOutput, std::function<void(GumboOutput*)>> parsed(
        gumbo_parse_with_options(&options, html.data(), html.size()),
        [&options](GumboOutput* output) { gumbo_destroy_output(&options, output); });
    Writer writer(relative);
    if (parsed && parsed->root->type == GUMBO_NODE_ELEMENT) writer.children(parsed->root);
    return std::move(writer.out);
}

}  // namespace markup

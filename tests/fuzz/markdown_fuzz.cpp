// libFuzzer: Markdown with raw HTML through cmark-gfm and the allow-list sanitizer. Besides not
// crashing, what comes out must hold no script, no event handler and no script URL.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "markup/markdown.hpp"
#include "markup/sanitize.hpp"

namespace {

// A tag's text as a browser reads its attributes: entities decoded (&#106; &#x6a; &colon;
// &tab; …), ASCII lowercased, whitespace and control characters dropped (browsers skip them
// inside a URL's scheme: "java\tscript:").
std::string as_browser_reads(std::string_view tag) {
    std::string out;
    for (std::size_t i = 0; i < tag.size(); ++i) {
        unsigned c = static_cast<unsigned char>(tag[i]);
        if (c == '&') {
            auto end = tag.find(';', i);
            std::string entity(tag.substr(i + 1, end == std::string_view::npos ? 0 : end - i - 1));
            for (auto& e : entity) e = static_cast<char>(std::tolower(static_cast<unsigned char>(e)));
            long code = -1;
            if (entity.starts_with("#x")) code = std::strtol(entity.c_str() + 2, nullptr, 16);
            else if (entity.starts_with("#")) code = std::strtol(entity.c_str() + 1, nullptr, 10);
            else if (entity == "colon") code = ':';
            else if (entity == "tab" || entity == "newline") code = ' ';
            if (code >= 0 && end != std::string_view::npos) {
                c = static_cast<unsigned>(code);
                i = end;
            }
        }
        if (c <= ' ' || c == 0x7f) continue;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

// Fails the run when the HTML could run script in our origin: a script-like element, an event
// handler attribute, or a script URL in a URL attribute. Text outside tags is escaped, so only
// real tags (from a '<' to the next '>') are read, attribute by attribute as a browser would.
void must_be_inert(const std::string& html) {
    auto lower = [](std::string_view text) {
        std::string out(text);
        for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return out;
    };
    for (auto open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
        auto close = html.find('>', open);
        if (close == std::string::npos) break;
        std::string_view tag(html.data() + open + 1, close - open - 1);
        std::size_t i = 0;
        while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i])) && tag[i] != '/') ++i;
        auto element = lower(tag.substr(0, i));
        for (const char* bad : {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "form", "meta", "link"})
            if (element == bad) __builtin_trap();
        while (i < tag.size()) {
            while (i < tag.size() && (std::isspace(static_cast<unsigned char>(tag[i])) || tag[i] == '/')) ++i;
            auto start = i;
            while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i])) && tag[i] != '=' && tag[i] != '/') ++i;
            auto name = lower(tag.substr(start, i - start));
            while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
            std::string_view value;
            if (i < tag.size() && tag[i] == '=') {
                ++i;
                while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
                char quote = i < tag.size() && (tag[i] == '"' || tag[i] == '\'') ? tag[i++] : 0;
                auto from = i;
                while (i < tag.size() && (quote ? tag[i] != quote : !std::isspace(static_cast<unsigned char>(tag[i])))) ++i;
                value = tag.substr(from, i - from);
                if (quote && i < tag.size()) ++i;
            }
            if (name.starts_with("on")) __builtin_trap();
            if (name == "href" || name == "src" || name == "action" || name == "formaction" || name == "xlink:href" || name == "poster") {
                auto url = as_browser_reads(value);
                for (const char* bad : {"javascript:", "vbscript:", "data:text/html"})
                    if (url.starts_with(bad)) __builtin_trap();
            }
            if (i == start) ++i;  // a stray character: move on
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    must_be_inert(markup::render_markdown(text, {"/repos/x/files/main", "/repos/x/raw/main", "/repos/x/issues/", "/"}));
    must_be_inert(markup::sanitize(text));
    return 0;
}

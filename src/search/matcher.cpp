#include "search/matcher.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>

namespace search {
namespace {

bool ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// ASCII letters lowercased, eight bytes at a time (texts of a megabyte are folded per search):
// a byte gets 0x20 added when it is below 0x80 and between 'A' and 'Z'.
void lower_ascii(std::string_view text, std::string& out) {
    out.assign(text);
    std::size_t i = 0;
    for (; i + 8 <= out.size(); i += 8) {
        std::uint64_t x;
        std::memcpy(&x, out.data() + i, 8);
        std::uint64_t low7 = x & 0x7F7F7F7F7F7F7F7FULL;
        std::uint64_t above_z = low7 + 0x2525252525252525ULL;  // bit 7 set where the byte > 'Z'
        std::uint64_t from_a = low7 + 0x3F3F3F3F3F3F3F3FULL;   // bit 7 set where the byte >= 'A'
        std::uint64_t upper = (from_a ^ above_z) & ~x & 0x8080808080808080ULL;
        x |= upper >> 2;
        std::memcpy(out.data() + i, &x, 8);
    }
    for (; i < out.size(); ++i)
        if (out[i] >= 'A' && out[i] <= 'Z') out[i] = static_cast<char>(out[i] + 32);
}

std::string lower_ascii(std::string_view text) {
    std::string out;
    lower_ascii(text, out);
    return out;
}

// Where the line holding text[at] begins and ends (without its newline).
std::pair<std::size_t, std::size_t> line_around(std::string_view text, std::size_t at) {
    auto begin = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
    auto end = text.find('\n', at);
    return {begin, end == std::string_view::npos ? text.size() : end};
}

}  // namespace

core::Result<Matcher> Matcher::compile(const Query& query) {
    Matcher m;
    for (const auto& term : query.terms) {
        Compiled c;
        c.negated = term.negated;
        if (term.kind == Term::Kind::literal && (query.case_sensitive || ascii(term.text))) {
            c.fold = !query.case_sensitive;
            c.needle = c.fold ? lower_ascii(term.text) : term.text;
            m.needs_folded_ |= c.fold;
        } else {
            RE2::Options options(RE2::Quiet);
            options.set_case_sensitive(query.case_sensitive);
            options.set_max_mem(64 << 20);
            std::string pattern = term.kind == Term::Kind::regex ? term.text : RE2::QuoteMeta(term.text);
            c.re = std::make_shared<const RE2>("(?m)" + pattern, options);
            if (!c.re->ok())
                return core::fail(core::Errc::invalid, "The regex /" + term.text + "/ cannot be used: " + c.re->error() + ".");
            // Only lines holding every literal each match holds are worth running RE2 on: found
            // with memmem in the folded text (the longest first), as ripgrep looks for a literal
            // before it runs a regex.
            for (const auto& atom : prefilter(pattern, query.case_sensitive).required)
                if (ascii(atom)) c.anchors.push_back(atom);
            std::sort(c.anchors.begin(), c.anchors.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
            m.needs_folded_ |= !c.anchors.empty();
        }
        m.terms_.push_back(std::move(c));
    }
    return m;
}

template <class Hit>
void Matcher::find(const Compiled& term, std::string_view text, std::string_view folded, Hit&& hit) {
    if (!term.re) {
        std::string_view hay = term.fold ? folded : text;
        const auto& needle = term.needle;
        for (std::size_t pos = 0; pos + needle.size() <= hay.size();) {
            auto* at = static_cast<const char*>(memmem(hay.data() + pos, hay.size() - pos, needle.data(), needle.size()));
            if (!at) return;
            std::size_t from = at - hay.data();
            if (!hit(line_around(text, from), from, from + needle.size())) return;
            pos = from + std::max<std::size_t>(needle.size(), 1);
        }
        return;
    }
    // The next line worth looking at: one holding the anchor, or else the one where the leftmost
    // match in the rest of the text begins. The matches are then taken from that line alone,
    // so that none runs into the next line.
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t from = 0;
        if (!term.anchors.empty()) {
            const auto& anchor = term.anchors.front();
            auto* at = static_cast<const char*>(memmem(folded.data() + pos, folded.size() - pos, anchor.data(), anchor.size()));
            if (!at) return;
            from = at - folded.data();
            auto line = line_around(text, from);
            std::string_view folded_line(folded.data() + line.first, line.second - line.first);
            bool all = std::all_of(term.anchors.begin() + 1, term.anchors.end(),
                                   [&](const std::string& a) { return folded_line.find(a) != std::string_view::npos; });
            if (!all) {
                pos = line.second + 1;
                continue;
            }
        } else {
            re2::StringPiece found;
            if (!term.re->Match(text, pos, text.size(), RE2::UNANCHORED, &found, 1)) return;
            from = found.data() - text.data();
        }
        if (from == text.size() && (text.empty() || text.back() == '\n')) return;  // past the last line
        auto line = line_around(text, from);
        std::string_view content = text.substr(line.first, line.second - line.first);
        for (std::size_t in = 0; in <= content.size();) {
            re2::StringPiece m;
            if (!term.re->Match(content, in, content.size(), RE2::UNANCHORED, &m, 1)) break;
            std::size_t a = m.data() - content.data(), b = a + m.size();
            if (!hit(line, line.first + a, line.first + b)) return;
            in = b > a ? b : a + 1;
        }
        pos = line.second + 1;
    }
}

std::vector<LineMatch> Matcher::match(std::string_view text) const {
    thread_local std::string folded;  // reused, like the text
    if (needs_folded_) lower_ascii(text, folded);
    std::map<std::size_t, LineMatch> lines;  // by where the line begins
    for (const auto& term : terms_) {
        bool any = false;
        find(term, text, folded, [&](std::pair<std::size_t, std::size_t> line, std::size_t from, std::size_t to) {
            any = true;
            if (term.negated) return false;
            auto& l = lines[line.first];
            l.begin = line.first;
            l.end = line.second;
            l.spans.emplace_back(from - line.first, to - line.first);
            return true;
        });
        if (any == term.negated) return {};
    }
    std::vector<LineMatch> out;
    out.reserve(lines.size());
    std::int64_t number = 1;
    std::size_t counted = 0;
    for (auto& [begin, line] : lines) {
        number += std::count(text.begin() + counted, text.begin() + begin, '\n');
        counted = begin;
        line.number = number;
        std::sort(line.spans.begin(), line.spans.end());
        std::vector<std::pair<std::size_t, std::size_t>> merged;  // overlapping matches of several terms as one
        for (const auto& span : line.spans) {
            if (!merged.empty() && span.first <= merged.back().second) merged.back().second = std::max(merged.back().second, span.second);
            else merged.push_back(span);
        }
        line.spans = std::move(merged);
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace search

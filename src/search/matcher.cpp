#include "search/matcher.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace search {
namespace {

bool ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
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
    // The leftmost match in the whole text finds the next line worth looking at; the matches are
    // then taken from that line alone, so that none runs into the next line.
    for (std::size_t pos = 0; pos <= text.size();) {
        re2::StringPiece found;
        if (!term.re->Match(text, pos, text.size(), RE2::UNANCHORED, &found, 1)) return;
        std::size_t from = found.data() - text.data();
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
    std::string folded = needs_folded_ ? lower_ascii(text) : std::string();
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

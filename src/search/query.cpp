#include "search/query.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "browse/file_types.hpp"
#include "core/glob.hpp"
#include "core/text.hpp"

namespace search {
namespace {

using core::Errc;
using core::fail;

using core::lowercase;

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads a quoted phrase or a /regex/ starting at text[at] (the opening quote or slash). Inside,
// a backslash keeps the next character: \" in a phrase, \/ in a regex (other escapes stay
// for RE2). Sets `at` past the closing character.
core::Result<std::string> delimited(std::string_view text, std::size_t& at) {
    char close = text[at];
    std::string out;
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            if (text[i + 1] == close) {
                out += close;
            } else {
                out += text[i];
                out += text[i + 1];
            }
            ++i;
            continue;
        }
        if (text[i] == close) {
            at = i + 1;
            return out;
        }
        out += text[i];
    }
    return fail(Errc::invalid, close == '"' ? "A quoted phrase is not closed: add the closing \"." : "A /regex/ is not closed: add the closing /.");
}

bool path_matches(const PathFilter& filter, const std::string& path) {
    if (filter.re) return RE2::PartialMatch(path, *filter.re);
    return lowercase(path).find(lowercase(filter.pattern)) != std::string::npos;
}

}  // namespace

core::Result<Query> parse(std::string_view text) {
    if (text.size() > kMaxQueryLength)
        return fail(Errc::invalid, "The query is too long: at most " + std::to_string(kMaxQueryLength) + " characters.");
    if (text.find('\0') != std::string_view::npos) return fail(Errc::invalid, "The query holds a NUL character.");
    Query query;
    std::size_t at = 0;
    while (at < text.size()) {
        if (space(text[at])) {
            ++at;
            continue;
        }
        bool negated = text[at] == '-' && at + 1 < text.size() && !space(text[at + 1]);
        if (negated) ++at;
        if (text[at] == '"' || text[at] == '/') {
            bool regex = text[at] == '/';
            auto inner = delimited(text, at);
            if (!inner) return tl::unexpected(inner.error());
            if (inner->empty()) return fail(Errc::invalid, regex ? "An empty /regex/ matches everything: write something between the slashes." : "An empty phrase finds nothing.");
            if (regex) {
                RE2 re(*inner, RE2::Quiet);
                if (!re.ok()) return fail(Errc::invalid, "The regex /" + *inner + "/ is not valid: " + re.error() + ".");
            }
            query.terms.push_back({regex ? Term::Kind::regex : Term::Kind::literal, *inner, negated});
            continue;
        }
        auto end = at;
        while (end < text.size() && !space(text[end])) ++end;
        std::string word(text.substr(at, end - at));
        auto colon = word.find(':');
        std::string key = colon == std::string::npos ? "" : lowercase(word.substr(0, colon));
        if (key == "repo" || key == "path" || key == "lang" || key == "language" || key == "case") {
            std::string value = word.substr(colon + 1);
            if (key == "path" && !value.empty() && value.front() == '/') {
                std::size_t from = at + colon + 1;
                auto inner = delimited(text, from);
                if (!inner) return tl::unexpected(inner.error());
                auto re = std::make_shared<const RE2>(*inner, RE2::Quiet);
                if (!re->ok()) return fail(Errc::invalid, "The path regex /" + *inner + "/ is not valid: " + re->error() + ".");
                query.paths.push_back({*inner, negated, re});
                at = from;
                continue;
            }
            if (value.empty()) return fail(Errc::invalid, key + ": needs a value, as in " + key + (key == "case" ? ":yes" : ":name") + ".");
            if (negated && key != "repo" && key != "path") return fail(Errc::invalid, "-" + key + ": is not supported; leave out the minus.");
            if (key == "repo") {
                (negated ? query.excluded_repos : query.repos).push_back(value);
            } else if (key == "path") {
                std::shared_ptr<const RE2> re;
                if (value.find_first_of("*?") != std::string::npos) {
                    RE2::Options options(RE2::Quiet);
                    options.set_case_sensitive(false);
                    re = std::make_shared<const RE2>("(?:^|/)" + core::glob_regex(value) + "$", options);  // the whole path or a tail after a /
                }
                query.paths.push_back({value, negated, re});
            } else if (key == "case") {
                query.case_sensitive = lowercase(value) == "yes" || lowercase(value) == "true";
            } else {
                query.langs.push_back(lowercase(value));
            }
        } else {
            query.terms.push_back({Term::Kind::literal, word, negated});
        }
        at = end;
    }
    if (std::none_of(query.terms.begin(), query.terms.end(), [](const Term& t) { return !t.negated; }))
        return fail(Errc::invalid, query.terms.empty() ? "Type something to search for." : "Say what to find, not only what to leave out.");
    return query;
}

Prefilter prefilter(const std::string& pattern, bool case_sensitive) {
    re2::FilteredRE2 filter(3);
    RE2::Options options(RE2::Quiet);
    options.set_case_sensitive(case_sensitive);
    int id = 0;
    if (filter.Add(pattern, options, &id) != RE2::NoError) return {};
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    std::vector<int> passed;
    filter.AllPotentials({}, &passed);
    if (!passed.empty() || atoms.empty()) return {};  // a match may hold no atom at all
    // The condition is monotone: an atom is required when all the others together fail it.
    Prefilter out;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        std::vector<int> others;
        for (std::size_t j = 0; j < atoms.size(); ++j)
            if (j != i) others.push_back(static_cast<int>(j));
        passed.clear();
        filter.AllPotentials(others, &passed);
        if (passed.empty()) out.required.push_back(atoms[i]);
    }
    if (out.required.empty()) out.any = atoms;
    return out;
}

bool path_passes(const Query& query, const std::string& path) {
    for (const auto& filter : query.paths)
        if (path_matches(filter, path) == filter.negated) return false;
    if (query.langs.empty()) return true;
    auto names = languages_of(path);
    return std::any_of(query.langs.begin(), query.langs.end(),
                       [&](const std::string& l) { return std::find(names.begin(), names.end(), l) != names.end(); });
}

std::vector<std::string> languages_of(const std::string& path) {
    auto name = browse::file_types::language(path);
    if (name.empty()) return {};
    static const std::pair<const char*, const char*> kAliases[] = {
        {"cpp", "c++"},     {"csharp", "c#"},    {"javascript", "js"}, {"typescript", "ts"}, {"python", "py"},
        {"ruby", "rb"},     {"bash", "shell"},   {"bash", "sh"},       {"markup", "html"},   {"markup", "xml"},
        {"markdown", "md"}, {"rust", "rs"},      {"go", "golang"},     {"yaml", "yml"},      {"makefile", "make"},
    };
    std::vector<std::string> out{name};
    for (const auto& [prism, alias] : kAliases)
        if (name == prism) out.push_back(alias);
    return out;
}

}  // namespace search

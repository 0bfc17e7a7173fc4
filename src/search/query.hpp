#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace re2 {
class RE2;
}

namespace search {

//! A text to find: a word or "a phrase" (found as written, case aside) or a /regex/ (RE2).
struct Term {
    enum class Kind { literal, regex } kind = Kind::literal;
    std::string text;
    bool negated = false;  //!< -term: files holding it are left out
};

//! A path filter: a glob (* within a folder, ** across folders, ?), a plain substring, or a
//! /regex/.
struct PathFilter {
    std::string pattern;
    bool negated = false;
    std::shared_ptr<const re2::RE2> re;  //!< for a glob or regex, compiled once; null for a substring
};

//! A parsed query: `words "exact phrase" /regex/ -term repo:name path:src/*.c -path:test
//! lang:c case:yes`. A file matches when it holds every term and no negated one; its matching
//! lines are those holding any term.
struct Query {
    std::vector<Term> terms;
    std::vector<std::string> repos;          //!< repo:x (any of them)
    std::vector<std::string> excluded_repos;  //!< -repo:x
    std::vector<std::string> langs;          //!< lang:x (any of them), lowercase
    std::vector<PathFilter> paths;           //!< path:… (all of them) and -path:… (none of them)
    bool case_sensitive = false;             //!< case:yes
};

constexpr std::size_t kMaxQueryLength = 1000;

//! The query, or invalid with a message saying what is wrong (empty, too long, an unclosed
//! quote or regex, a filter without a value).
core::Result<Query> parse(std::string_view text);

//! What every match of a regex must contain, from RE2's FilteredRE2 (which reduces a regex to
//! an AND/OR of lowercase literals of three or more characters, "atoms", as Google Code Search
//! and zoekt do): the atoms each match holds, and the atoms of which each match holds one at
//! least. Both empty: nothing narrows the regex.
struct Prefilter {
    std::vector<std::string> required;
    std::vector<std::string> any;
};
Prefilter prefilter(const std::string& pattern, bool case_sensitive);

//! Whether a path passes the query's path filters.
bool path_passes(const Query& query, const std::string& path);

//! The language names lang: accepts for a path (Prism's name and common aliases), lowercase.
std::vector<std::string> languages_of(const std::string& path);

}  // namespace search

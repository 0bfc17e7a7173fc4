#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "search/query.hpp"

namespace re2 {
class RE2;
}

namespace search {

//! A line that matches: its number (from 1), where it lies in the text, and the matched
//! byte ranges within it.
struct LineMatch {
    std::int64_t number = 0;
    std::size_t begin = 0, end = 0;  //!< the line in the text, without its newline
    std::vector<std::pair<std::size_t, std::size_t>> spans;  //!< [from, to) within the line
};

//! A query's terms compiled for checking texts exactly, line by line as `git grep` does: a
//! match never spans lines, `^` and `$` are a line's ends, case is folded unless case:yes.
class Matcher {
public:
    static core::Result<Matcher> compile(const Query& query);

    //! The lines of text that hold any of the terms, in order; empty unless the text holds
    //! every term and none of the negated ones.
    std::vector<LineMatch> match(std::string_view text) const;

private:
    struct Compiled {
        bool negated = false;
        std::string needle;                  //!< a literal, lowercased when folding ASCII
        bool fold = false;                   //!< compare against the lowercased text
        std::shared_ptr<const re2::RE2> re;  //!< a regex (or a literal folded beyond ASCII)
        std::vector<std::string> anchors;    //!< lowercase literals in every line the regex matches, longest first
    };
    //! Calls hit(line, from, to) for each match of term in text; stops early if hit returns false.
    template <class Hit>
    static void find(const Compiled& term, std::string_view text, std::string_view folded, Hit&& hit);

    std::vector<Compiled> terms_;
    bool needs_folded_ = false;
};

}  // namespace search

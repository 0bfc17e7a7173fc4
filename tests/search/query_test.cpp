// The query language, the trigram expressions that narrow it, and line matching.
#include <gtest/gtest.h>

#include "search/matcher.hpp"
#include "search/query.hpp"
#include "search/service.hpp"

namespace search {
namespace {

TEST(SearchQuery, reads_words_phrases_regexes_filters_and_negations) {
    auto q = parse(R"(parse "exact \"phrase\"" /a\/b+/ -skip repo:tools -repo:old path:src/*.c -path:/test/ lang:Python case:yes)");
    ASSERT_TRUE(q) << q.error().message;
    ASSERT_EQ(q->terms.size(), 4u);
    EXPECT_EQ(q->terms[0].text, "parse");
    EXPECT_EQ(q->terms[1].text, "exact \"phrase\"");
    EXPECT_EQ(q->terms[2].kind, Term::Kind::regex);
    EXPECT_EQ(q->terms[2].text, "a/b+");
    EXPECT_TRUE(q->terms[3].negated);
    EXPECT_EQ(q->repos, std::vector<std::string>{"tools"});
    EXPECT_EQ(q->excluded_repos, std::vector<std::string>{"old"});
    EXPECT_EQ(q->langs, std::vector<std::string>{"python"});
    EXPECT_TRUE(q->case_sensitive);
    EXPECT_TRUE(path_passes(*q, "lib/x.py") == false) << "src/*.c and python cannot both hold";
}

TEST(SearchQuery, path_globs_stay_within_folders_unless_doubled) {
    auto q = parse("x path:src/*.c");
    ASSERT_TRUE(q);
    EXPECT_TRUE(path_passes(*q, "src/main.c"));
    EXPECT_TRUE(path_passes(*q, "vendor/src/main.c")) << "any folder named src";
    EXPECT_FALSE(path_passes(*q, "src/util/strings.c"));
    auto deep = parse("x path:src/**.c -path:test");
    ASSERT_TRUE(deep);
    EXPECT_TRUE(path_passes(*deep, "src/util/strings.c"));
    EXPECT_FALSE(path_passes(*deep, "src/test/strings.c"));
    auto lang = parse("x lang:js");
    ASSERT_TRUE(lang);
    EXPECT_TRUE(path_passes(*lang, "web/app.mjs"));
    EXPECT_FALSE(path_passes(*lang, "web/app.ts"));
}

TEST(SearchQuery, refuses_what_it_cannot_search_with_a_reason) {
    for (const char* bad : {"", "   ", "\"open", "/open", "/a(/", "-only", "repo:", "path:", "-lang:c x", "//"}) {
        auto q = parse(bad);
        ASSERT_FALSE(q) << "accepted: " << bad;
        EXPECT_FALSE(q.error().message.empty());
    }
    EXPECT_FALSE(parse(std::string(kMaxQueryLength + 1, 'a')));
    EXPECT_FALSE(parse(std::string("a\0b", 3)));
}

TEST(SearchQuery, trigram_expressions_cover_characters_not_bytes) {
    EXPECT_EQ(trigram_expression("ab"), "");
    EXPECT_EQ(trigram_expression("abcd"), R"("abc" AND "bcd")");
    EXPECT_EQ(trigram_expression("caf\xC3\xA9!"), "\"caf\" AND \"af\xC3\xA9\" AND \"f\xC3\xA9!\"");
    EXPECT_EQ(trigram_expression("a\"bc"), R"("a""b" AND """bc")");
    EXPECT_EQ(trigram_expression("abab"), R"("aba" AND "bab")");
    EXPECT_EQ(trigram_expression("aaaa"), R"("aaa")") << "each trigram once";
    EXPECT_EQ(trigram_expression("xdl_do_diff"), R"("xdl" AND "dl_" AND "l_d" AND "_do")") << "the four rarest, in order";
}

TEST(SearchMatcher, matches_lines_as_git_grep_does) {
    auto q = parse("/b.d$/ FOO");
    ASSERT_TRUE(q);
    auto m = Matcher::compile(*q);
    ASSERT_TRUE(m);
    auto lines = m->match("foo bad\nnothing\nbid\nb\nd\n");
    ASSERT_EQ(lines.size(), 2u) << "b\\nd does not match across lines";
    EXPECT_EQ(lines[0].number, 1);
    EXPECT_EQ(lines[0].spans, (std::vector<std::pair<std::size_t, std::size_t>>{{0, 3}, {4, 7}}));
    EXPECT_EQ(lines[1].number, 3);
    EXPECT_TRUE(m->match("bad only\n").empty()) << "every term must be in the file";

    auto negated = parse("foo -bar");
    ASSERT_TRUE(negated);
    auto n = Matcher::compile(*negated);
    EXPECT_EQ(n->match("foo\n").size(), 1u);
    EXPECT_TRUE(n->match("foo\nbar\n").empty());

    auto every_byte = parse("x");
    auto folded = Matcher::compile(*every_byte);
    std::string all;
    for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
    all += "AbCdEfGhIjKlMnOpQrStUvWxYz@[`{";
    auto found = folded->match(all + "\nX\n");  // byte 10 ends the first line
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].spans.size(), 3u) << "X (0x58), x (0x78) and the x of WxYz: ASCII letters fold, eight bytes at a time";
    EXPECT_EQ(found[1].number, 3) << "and one at a time at the end";
    EXPECT_TRUE(folded->match("\xD8\xF8\x58\n").size() == 1u) << "only the X (0x58) folds, not Ø/ø";

    auto empty_last = parse("/^$/");
    auto e = Matcher::compile(*empty_last);
    EXPECT_EQ(e->match("a\n\nb\n").size(), 1u) << "the end of a text after its last newline is not a line";
}

}  // namespace
}  // namespace search

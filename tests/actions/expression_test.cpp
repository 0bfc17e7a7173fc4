// GitHub Actions expressions: literals, contexts, operators with GitHub's coercions, functions,
// interpolation and if: conditions.
#include <gtest/gtest.h>

#include "actions/expression.hpp"

namespace actions::expr {
namespace {

Context sample() {
    Context c;
    c.values = json::parse(R"({
        "github": {"ref": "refs/heads/main", "event_name": "push", "event": {"labels": [{"name": "bug"}, {"name": "ui"}]}},
        "env": {"MODE": "fast", "COUNT": "3"},
        "matrix": {"node": 16, "os": "linux"},
        "steps": {"v": {"outputs": {"version": "1.2"}, "outcome": "success"}},
        "needs": {"build": {"result": "success", "outputs": {"sha": "abc"}}},
        "inputs": {"level": "high", "debug": true}
    })");
    c.hash_files = [](const std::vector<std::string>& patterns) { return "hash-of-" + patterns.front(); };
    return c;
}

json eval(const std::string& text, const Context& c = sample()) {
    auto v = evaluate(text, c);
    EXPECT_TRUE(v) << text << ": " << (v ? "" : v.error().message);
    return v ? *v : json("<error>");
}

TEST(Expressions, literals_contexts_and_operators) {
    EXPECT_EQ(eval("null"), nullptr);
    EXPECT_EQ(eval("true"), true);
    EXPECT_EQ(eval("42"), 42);
    EXPECT_EQ(eval("-9.5"), -9.5);
    EXPECT_EQ(eval("0xff"), 255);
    EXPECT_EQ(eval("'it''s'"), "it's");
    EXPECT_EQ(eval("github.ref"), "refs/heads/main");
    EXPECT_EQ(eval("GitHub.REF"), "refs/heads/main") << "names ignore case";
    EXPECT_EQ(eval("github['event_name']"), "push");
    EXPECT_EQ(eval("steps.v.outputs.version"), "1.2");
    EXPECT_EQ(eval("needs.build.outputs.sha"), "abc");
    EXPECT_EQ(eval("github.missing.deeper"), nullptr);
    EXPECT_EQ(eval("github.event.labels.*.name"), json::parse(R"(["bug","ui"])"));
    EXPECT_EQ(eval("github.event.labels[1].name"), "ui");
    EXPECT_EQ(eval("github.ref == 'REFS/HEADS/MAIN'"), true) << "strings compare ignoring case";
    EXPECT_EQ(eval("env.COUNT == 3"), true) << "a string and a number compare as numbers";
    EXPECT_EQ(eval("env.COUNT > 2 && env.COUNT <= 3"), true);
    EXPECT_EQ(eval("null == 0"), true);
    EXPECT_EQ(eval("'' == false"), true);
    EXPECT_EQ(eval("'abc' == 0"), false) << "NaN equals nothing";
    EXPECT_EQ(eval("matrix.os != 'mac' && !inputs.missing"), true);
    EXPECT_EQ(eval("inputs.missing || 'fallback'"), "fallback") << "|| gives an operand";
    EXPECT_EQ(eval("matrix.node && 'yes'"), "yes");
    EXPECT_EQ(eval("(1 < 2) == true"), true);
}

TEST(Expressions, functions) {
    EXPECT_EQ(eval("contains('Hello world', 'WORLD')"), true);
    EXPECT_EQ(eval("contains(github.event.labels.*.name, 'bug')"), true);
    EXPECT_EQ(eval("contains(github.event.labels.*.name, 'docs')"), false);
    EXPECT_EQ(eval("startsWith(github.ref, 'refs/heads/')"), true);
    EXPECT_EQ(eval("endsWith(github.ref, '/MAIN')"), true);
    EXPECT_EQ(eval("format('{0}-{1} {{x}}', matrix.os, matrix.node)"), "linux-16 {x}");
    EXPECT_EQ(eval("join(github.event.labels.*.name, ', ')"), "bug, ui");
    EXPECT_EQ(eval("toJSON(matrix)"), "{\n  \"node\": 16,\n  \"os\": \"linux\"\n}");
    EXPECT_EQ(eval("fromJSON('{\"a\": [1, 2]}').a[1]"), 2);
    EXPECT_EQ(eval("hashFiles('**/package-lock.json')"), "hash-of-**/package-lock.json");
    EXPECT_EQ(eval("success()"), true);
    EXPECT_EQ(eval("failure()"), false);
}

TEST(Expressions, interpolation_writes_values_as_text) {
    auto c = sample();
    EXPECT_EQ(*interpolate("node ${{ matrix.node }} on ${{matrix.os}}, ${{ inputs.debug }}${{ github.missing }}.", c), "node 16 on linux, true.");
    EXPECT_EQ(*interpolate("${{ github.event.labels }}", c), "Array");
    EXPECT_EQ(*interpolate("no expressions", c), "no expressions");
    EXPECT_FALSE(interpolate("${{ matrix.node ", c));
}

TEST(Expressions, conditions_hold_only_while_the_job_succeeds_unless_they_ask) {
    auto c = sample();
    EXPECT_TRUE(*condition("", c));
    EXPECT_TRUE(*condition("${{ github.ref == 'refs/heads/main' }}", c));
    EXPECT_TRUE(*condition("matrix.os == 'linux'", c));
    c.status = "failure";
    EXPECT_FALSE(*condition("matrix.os == 'linux'", c)) << "implicitly success() && …";
    EXPECT_TRUE(*condition("failure() && matrix.os == 'linux'", c));
    EXPECT_TRUE(*condition("always()", c));
    EXPECT_FALSE(*condition("cancelled()", c));
}

TEST(Expressions, bad_expressions_say_what_is_wrong) {
    auto c = sample();
    for (const char* bad : {"github.", "(1", "'open", "nope.x", "frobnicate(1)", "1 +", "contains('a')", "format('{3}', 1)", "fromJSON('{')"}) {
        auto v = evaluate(bad, c);
        ASSERT_FALSE(v) << "accepted: " << bad;
        EXPECT_FALSE(v.error().message.empty());
    }
}

std::string repeated(const std::string& part, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += part;
    return out;
}

TEST(Expressions, hostile_nesting_is_an_error_not_a_crash) {
    auto c = sample();
    const std::string nots = repeated("!", 300000) + "true";
    const std::string parens = repeated("(", 100000) + "1" + repeated(")", 100000);
    const std::string indexes = "github" + repeated("['a']", 5000);
    const std::string members = "github" + repeated(".a", 10000);
    const std::string calls = repeated("format('{0}', ", 3000) + "1" + repeated(")", 3000);
    const std::string brackets = repeated("github[", 3000) + "1" + repeated("]", 3000);
    for (const auto* bad : {&nots, &parens, &indexes, &members, &calls, &brackets}) {
        auto v = evaluate(*bad, c);
        ASSERT_FALSE(v) << bad->substr(0, 40);
        EXPECT_TRUE(v.error().message.find("levels deep") != std::string::npos ||
                    v.error().message.find("longer than 21000") != std::string::npos)
            << v.error().message;
    }
    auto deep_json = evaluate("toJSON(fromJSON('" + repeated("[", 5000) + repeated("]", 5000) + "'))", c);
    ASSERT_FALSE(deep_json);
    EXPECT_NE(deep_json.error().message.find("deeper than"), std::string::npos) << deep_json.error().message;
}

TEST(Expressions, tojson_of_text_that_is_not_utf8_is_text_not_an_exception) {
    auto c = sample();
    c.values["steps"]["bin"]["outputs"]["raw"] = std::string("caf\xe9 \xff");
    auto v = evaluate("toJSON(steps.bin.outputs.raw)", c);
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(*v, "\"caf\xef\xbf\xbd \xef\xbf\xbd\"") << "bytes that are not UTF-8 become U+FFFD";
}

TEST(Expressions, a_value_that_would_grow_past_a_megabyte_is_an_error) {
    auto c = sample();
    std::string pattern = "'" + repeated("{0}", 100) + "'";
    std::string nested = "'x'";
    for (int i = 0; i < 6; ++i) nested = "format(" + pattern + ", " + nested + ")";  // 100^6 bytes if it were made
    auto v = evaluate(nested, c);
    ASSERT_FALSE(v);
    EXPECT_NE(v.error().message.find("over 1 MB"), std::string::npos) << v.error().message;
    auto joined = interpolate(repeated("${{ format(" + pattern + ", format(" + pattern + ", 'xxxxxxxxxx')) }}", 20), c);
    EXPECT_FALSE(joined) << "the text interpolated into is bounded too";
    EXPECT_EQ(eval("format('{0}{0}', 'ab')", c), "abab") << "small values are fine";
}

TEST(Expressions, long_chains_of_one_operator_are_not_deep) {
    auto c = sample();
    EXPECT_EQ(eval(repeated("false || ", 200) + "'last'", c), "last");
    EXPECT_EQ(eval(repeated("true && ", 200) + "'last'", c), "last");
    EXPECT_EQ(eval("'a' && null && undefined_function()", c), nullptr) << "&& stops at the first falsy operand";
    EXPECT_EQ(eval(repeated("(", 40) + "1" + repeated(")", 40), c), 1) << "nesting within the limit is fine";
}

}  // namespace
}  // namespace actions::expr

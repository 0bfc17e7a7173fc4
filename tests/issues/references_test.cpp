#include "issues/service.hpp"

#include <gtest/gtest.h>

namespace {

using issues::closing_references;
using Numbers = std::vector<std::int64_t>;

TEST(ClosingReferences, reads_the_verbs_github_reads_in_any_case) {
    EXPECT_EQ(closing_references("Fixes #12"), Numbers{12});
    EXPECT_EQ(closing_references("this closes #3 and RESOLVED #7, fix: #9"), (Numbers{3, 7, 9}));
    EXPECT_EQ(closing_references("closed #4\nfixed #4"), Numbers{4}) << "each number once";
}

TEST(ClosingReferences, ignores_what_only_looks_like_one) {
    EXPECT_EQ(closing_references("see #12"), Numbers{});
    EXPECT_EQ(closing_references("prefixes #12"), Numbers{}) << "the verb must be a word of its own";
    EXPECT_EQ(closing_references("fixes #12abc"), Numbers{});
    EXPECT_EQ(closing_references("fixes # 12"), Numbers{});
    EXPECT_EQ(closing_references("fixes#12"), Numbers{});
    EXPECT_EQ(closing_references(""), Numbers{});
}

}  // namespace

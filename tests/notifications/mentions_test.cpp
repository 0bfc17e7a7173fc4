#include "notifications/service.hpp"

#include <gtest/gtest.h>

namespace {

using Names = std::vector<std::string>;

TEST(Mentions, finds_each_username_once) {
    EXPECT_EQ(notifications::mentions("@bob, can you and @carol.x look? cc @bob."), (Names{"bob", "carol.x"}));
    EXPECT_EQ(notifications::mentions("(@dev-team)"), Names{"dev-team"});
}

TEST(Mentions, skips_addresses_and_bare_signs) {
    EXPECT_EQ(notifications::mentions("mail me at ada@example.com"), Names{});
    EXPECT_EQ(notifications::mentions("@ alone, `@code`"), Names{});
}

}  // namespace

#include <gtest/gtest.h>

#include "repos/service.hpp"

namespace {

TEST(Slug, makes_url_safe_ids_from_names) {
    EXPECT_EQ(*repos::slug("Hello World"), "hello-world");
    EXPECT_EQ(*repos::slug("  My_Tool.v2  "), "my_tool.v2");
    EXPECT_EQ(*repos::slug("project.git"), "project");
    EXPECT_EQ(*repos::slug("a//b\\c<script>"), "a-b-c-script");
    EXPECT_EQ(*repos::slug("-.leading"), "leading");
    EXPECT_EQ(repos::slug(std::string(300, 'x'))->size(), 100u);
}

TEST(Slug, refuses_empty_reserved_and_dot_dot) {
    EXPECT_FALSE(repos::slug(""));
    EXPECT_FALSE(repos::slug("---"));
    EXPECT_FALSE(repos::slug("日本"));
    EXPECT_FALSE(repos::slug("create"));
    EXPECT_FALSE(repos::slug("a..b"));
}

}  // namespace

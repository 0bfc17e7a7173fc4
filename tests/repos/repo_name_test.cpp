#include <gtest/gtest.h>

#include "repos/service.hpp"

namespace {

TEST(RepoName, makes_url_names_from_what_was_typed_as_github_does) {
    EXPECT_EQ(*repos::repo_name("Hello World"), "Hello-World");
    EXPECT_EQ(*repos::repo_name("  My_Tool.v2  "), "My_Tool.v2");
    EXPECT_EQ(*repos::repo_name("project.git"), "project");
    EXPECT_EQ(*repos::repo_name("Project.GIT"), "Project");
    EXPECT_EQ(*repos::repo_name("a//b\\c<script>"), "a-b-c-script");
    EXPECT_EQ(*repos::repo_name("-.leading"), "leading");
    EXPECT_EQ(repos::repo_name(std::string(300, 'x'))->size(), 100u);
}

TEST(RepoName, refuses_empty_and_dot_dot) {
    EXPECT_FALSE(repos::repo_name(""));
    EXPECT_FALSE(repos::repo_name("---"));
    EXPECT_FALSE(repos::repo_name("日本"));
    EXPECT_FALSE(repos::repo_name(".git"));
    EXPECT_FALSE(repos::repo_name("a..b"));
}

}  // namespace

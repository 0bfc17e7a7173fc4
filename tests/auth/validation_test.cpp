#include <gtest/gtest.h>

#include "auth/service.hpp"

namespace {

TEST(Username, accepts_lowercase_digits_and_inner_hyphens) {
    for (std::string name : {std::string("a"), std::string("alice"), std::string("bob-2"), std::string("x9"), std::string(39, 'z')})
        EXPECT_TRUE(auth::validate_username(name)) << name;
}

TEST(Username, refuses_everything_else) {
    for (std::string name : {std::string(""), std::string("Alice"), std::string("al ice"), std::string("al_ice"), std::string("-bob"), std::string("bob-"), std::string("a.b"), std::string("é"), std::string("../x"), std::string(40, 'z')})
        EXPECT_FALSE(auth::validate_username(name)) << name;
    for (auto name : {"admin", "api", "repos", "static", "settings", "signin"}) {
        auto result = auth::validate_username(name);
        ASSERT_FALSE(result) << name;
        EXPECT_NE(result.error().message.find("reserved"), std::string::npos);
    }
}

TEST(Email, needs_a_local_part_and_a_dotted_domain) {
    EXPECT_TRUE(auth::validate_email("a@example.com"));
    for (auto email : {"", "a", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example.com.", "<a>@x.y"})
        EXPECT_FALSE(auth::validate_email(email)) << email;
}

TEST(Password, needs_eight_characters) {
    EXPECT_FALSE(auth::validate_password("1234567"));
    EXPECT_TRUE(auth::validate_password("12345678"));
}

TEST(SafeNext, keeps_local_paths_only) {
    EXPECT_EQ(auth::safe_next("/repos?sort=name"), "/repos?sort=name");
    EXPECT_EQ(auth::safe_next("/"), "/");
    for (auto bad : {"//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", "evil",
                     "/a\nb", "/\\/evil"})
        EXPECT_EQ(auth::safe_next(bad), "/") << bad;
}

}  // namespace

#include "http/router.hpp"

#include <gtest/gtest.h>

namespace {

http::Handler named(std::string name) {
    return [name](http::Request&) { return http::text(200, name); };
}

std::string run(const http::Match& m) {
    http::Request req;
    return m.route ? m.route->handler(req).body : "";
}

class Router : public ::testing::Test {
protected:
    void SetUp() override {
        router.get("/", auth::Need::none, named("home"));
        router.get("/repos/{id}", auth::Need::user, named("repo"));
        router.post("/repos/create", auth::Need::user, named("create"));
        router.get("/repos/{id}/files/{path...}", auth::Need::user, named("files"));
        router.get("/repos/{id}/settings", auth::Need::user, named("settings"));
        router.post("/repos/{id}/settings", auth::Need::user, named("save"), 4096);
    }
    http::Router router;
};

TEST_F(Router, matches_literal_paths_and_the_root) {
    EXPECT_EQ(run(router.match("GET", "/")), "home");
    EXPECT_EQ(run(router.match("GET", "/repos/x/settings")), "settings");
}

TEST_F(Router, captures_and_decodes_parameters) {
    auto m = router.match("GET", "/repos/my%20repo");
    EXPECT_EQ(run(m), "repo");
    EXPECT_EQ(m.params["id"], "my repo");
}

TEST_F(Router, tail_parameter_takes_the_rest_of_the_path) {
    auto m = router.match("GET", "/repos/r/files/feature/x/src/main.cpp");
    EXPECT_EQ(run(m), "files");
    EXPECT_EQ(m.params["path"], "feature/x/src/main.cpp");
    EXPECT_EQ(router.match("GET", "/repos/r/files").route, nullptr) << "a tail needs at least one segment";
}

TEST_F(Router, the_most_literal_pattern_wins) {
    EXPECT_EQ(run(router.match("POST", "/repos/create")), "create");
    EXPECT_EQ(run(router.match("GET", "/repos/create")), "repo");
}

TEST_F(Router, wrong_method_lists_what_the_path_allows) {
    auto m = router.match("DELETE", "/repos/x/settings");
    EXPECT_EQ(m.route, nullptr);
    EXPECT_EQ(m.allow, "GET, HEAD, POST");
    EXPECT_TRUE(router.match("PUT", "/nowhere").allow.empty());
}

TEST_F(Router, head_is_served_by_get) { EXPECT_EQ(run(router.match("HEAD", "/repos/x")), "repo"); }

TEST_F(Router, routes_carry_their_body_limit_and_need) {
    auto m = router.match("POST", "/repos/x/settings");
    EXPECT_EQ(m.route->body_limit, 4096u);
    EXPECT_EQ(router.match("POST", "/repos/create").route->body_limit, http::kFormBodyLimit);
    EXPECT_EQ(router.match("GET", "/").route->need, auth::Need::none);
}

TEST_F(Router, malformed_escapes_and_nul_bytes_are_bad_paths) {
    EXPECT_TRUE(router.match("GET", "/repos/%zz").bad_path);
    EXPECT_TRUE(router.match("GET", "/repos/a%00b").bad_path);
    EXPECT_FALSE(router.match("GET", "/repos/a%2fb").bad_path);
}

TEST_F(Router, unmatched_paths_have_no_route) {
    EXPECT_EQ(router.match("GET", "/repos").route, nullptr);
    EXPECT_EQ(router.match("GET", "/repos/x/unknown").route, nullptr);
    EXPECT_EQ(router.match("GET", "/repos//settings").route, nullptr) << "empty segments are not ids";
}

TEST(RouterPatterns, a_tail_must_end_the_pattern) {
    http::Router router;
    EXPECT_THROW(router.get("/a/{rest...}/b", auth::Need::none, named("x")), std::logic_error);
}

}  // namespace

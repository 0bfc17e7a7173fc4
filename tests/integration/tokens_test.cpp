// Access tokens through the settings page and the JSON API.
#include <gtest/gtest.h>

#include <regex>

#include "harness.hpp"

namespace {

using harness::Client;

using harness::basic_auth;
using harness::json_field;

class Tokens : public ::testing::Test {
protected:
    harness::TempDir dir;
    harness::Server server{dir.path / "data"};
    Client alice{server.port()};
    void SetUp() override { alice.sign_up("alice"); }
};

TEST_F(Tokens, created_on_the_settings_page_shown_once_used_then_revoked) {
    alice.get("/settings/tokens");
    auto created = alice.post_form("/settings/tokens", {{"name", "laptop"}});
    EXPECT_EQ(created.status, 201u);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(created.body, m, std::regex(R"re(readonly value="([0-9a-f]{40})")re")));
    std::string token = m[1];

    Client script(server.port());
    auto me = script.get("/api/v1/user", {{"Authorization", "token " + token}});
    EXPECT_EQ(me.status, 200u);
    EXPECT_EQ(json_field(me.body, "login"), "alice");
    EXPECT_EQ(script.get("/api/v1/user", {{"Authorization", "Bearer " + token}}).status, 200u);

    auto list = alice.get("/settings/tokens");
    EXPECT_TRUE(list.has("laptop"));
    EXPECT_FALSE(list.has(token)) << "the token is shown only once";
    EXPECT_TRUE(list.has(token.substr(32))) << "its last eight characters identify it";
    ASSERT_TRUE(std::regex_search(list.body, m, std::regex(R"re(/settings/tokens/(\d+)/delete)re")));
    EXPECT_EQ(alice.post_form("/settings/tokens/" + std::string(m[1]) + "/delete", {}).status, 303u);

    auto revoked = script.get("/api/v1/user", {{"Authorization", "token " + token}});
    EXPECT_EQ(revoked.status, 401u);
    EXPECT_TRUE(revoked.has(R"("message")"));
}

TEST_F(Tokens, scripts_get_a_token_with_basic_auth_in_giteas_shape) {
    Client script(server.port());
    auto res = script.request("POST", "/api/v1/users/alice/tokens", R"({"name":"ci"})",
                              {{"Authorization", basic_auth("alice", "correct horse battery")}, {"Content-Type", "application/json"}});
    EXPECT_EQ(res.status, 201u);
    std::string token = json_field(res.body, "token");
    EXPECT_EQ(token.size(), 40u);
    EXPECT_EQ(json_field(res.body, "name"), "ci");
    EXPECT_TRUE(res.has(R"("id":)"));

    auto me = script.get("/api/v1/user", {{"Authorization", "token " + token}});
    EXPECT_EQ(json_field(me.body, "email"), "alice@example.com");

    auto duplicate = script.request("POST", "/api/v1/users/alice/tokens", R"({"name":"ci"})",
                                    {{"Authorization", basic_auth("alice", "correct horse battery")}});
    EXPECT_EQ(duplicate.status, 409u);
    auto with_token = script.request("POST", "/api/v1/users/alice/tokens", R"({"name":"other"})",
                                     {{"Authorization", "token " + token}});
    EXPECT_EQ(with_token.status, 401u) << "a token cannot mint tokens";
    auto bad_json = script.request("POST", "/api/v1/users/alice/tokens", "{name",
                                   {{"Authorization", basic_auth("alice", "correct horse battery")}});
    EXPECT_EQ(bad_json.status, 400u);
    auto wrong = script.request("POST", "/api/v1/users/alice/tokens", R"({"name":"x"})",
                                {{"Authorization", basic_auth("alice", "wrong password")}});
    EXPECT_EQ(wrong.status, 401u);
    EXPECT_EQ(wrong.header("www-authenticate"), "Basic realm=\"Skyscape\"");
}

TEST_F(Tokens, api_refuses_cookies_and_missing_or_bogus_credentials) {
    EXPECT_EQ(alice.get("/api/v1/user").status, 401u) << "the API does not take session cookies";
    Client script(server.port());
    EXPECT_EQ(script.get("/api/v1/user", {{"Authorization", "token 0000"}}).status, 401u);
    EXPECT_EQ(script.get("/api/v1/user", {{"Authorization", "Basic !!!not-base64"}}).status, 401u);
    EXPECT_EQ(script.get("/api/v1/user", {{"Authorization", "Basic"}}).status, 401u);
}

TEST_F(Tokens, one_cannot_manage_anothers_tokens) {
    Client bob(server.port());
    bob.sign_up("bob");
    auto res = bob.request("POST", "/api/v1/users/alice/tokens", R"({"name":"x"})",
                           {{"Authorization", basic_auth("bob", "correct horse battery")}});
    EXPECT_EQ(res.status, 403u);
}

}  // namespace

// Site administration: roles and disabling accounts.
#include <gtest/gtest.h>

#include <regex>

#include "harness.hpp"

namespace {

using harness::Client;

class Admin : public ::testing::Test {
protected:
    harness::TempDir dir;
    harness::Server server{dir.path / "data"};
    Client admin{server.port()};
    Client bob{server.port()};
    void SetUp() override {
        admin.sign_up("alice");
        bob.sign_up("bob");
    }
    std::string user_id(const std::string& username) {
        auto page = admin.get("/admin/users");
        std::smatch m;
        std::regex row("data-testid=\"user-" + username + R"("[\s\S]*?/admin/users/(\d+)/disable)");
        if (!std::regex_search(page.body, m, row)) return "";
        return m[1];
    }
};

TEST_F(Admin, lists_users) {
    auto page = admin.get("/admin/users");
    EXPECT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("bob@example.com"));
    EXPECT_TRUE(page.has("alice@example.com"));
}

TEST_F(Admin, a_disabled_user_is_locked_out_at_once) {
    bob.get("/settings/tokens");
    auto created = bob.post_form("/settings/tokens", {{"name", "script"}});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(created.body, m, std::regex(R"re(value="([0-9a-f]{40})")re")));
    std::string token = m[1];
    ASSERT_EQ(bob.get("/").status, 200u);

    auto id = user_id("bob");
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(admin.post_form("/admin/users/" + id + "/disable", {{"disabled", "on"}}).status, 303u);
    EXPECT_TRUE(admin.get("/admin/users").has("disabled"));

    EXPECT_EQ(bob.get("/").status, 303u) << "the session stops working";
    Client script(server.port());
    EXPECT_EQ(script.get("/api/v1/user", {{"Authorization", "token " + token}}).status, 401u) << "so does the token";
    Client again(server.port());
    again.get("/signin");
    auto in = again.post_form("/auth/signin", {{"username", "bob"}, {"password", "correct horse battery"}});
    EXPECT_EQ(in.status, 401u);

    EXPECT_EQ(admin.post_form("/admin/users/" + id + "/disable", {{"disabled", "off"}}).status, 303u);
    again.sign_in("bob");
}

TEST_F(Admin, make_admin_and_guard_against_self_lockout) {
    auto id = user_id("bob");
    admin.post_form("/admin/users/" + id + "/admin", {{"admin", "on"}});
    EXPECT_EQ(bob.get("/admin/users").status, 200u);

    auto self = bob.get("/admin/users");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(self.body, m, std::regex(R"re(data-testid="user-alice"[\s\S]*?/admin/users/(\d+)/admin)re")));
    std::string alice_id = m[1];
    auto res = admin.post_form("/admin/users/" + alice_id + "/disable", {{"disabled", "on"}});
    EXPECT_EQ(res.status, 303u);
    EXPECT_TRUE(admin.get("/admin/users").has("You cannot disable your own account."));
    EXPECT_EQ(admin.get("/").status, 200u);
}

TEST_F(Admin, non_admins_cannot_use_admin_actions) {
    auto id = user_id("bob");
    bob.get("/");
    EXPECT_EQ(bob.post_form("/admin/users/" + id + "/admin", {{"admin", "on"}}).status, 404u);
    EXPECT_EQ(bob.get("/admin/users").status, 404u);
}

}  // namespace

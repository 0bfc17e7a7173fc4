// Sign-up, sign-in, sign-out and CSRF through the real server.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace {

using harness::Client;

class Accounts : public ::testing::Test {
protected:
    harness::TempDir dir;
    harness::Server server{dir.path / "data"};
    Client alice{server.port()};
};

TEST_F(Accounts, first_user_becomes_admin_and_sees_the_dashboard) {
    alice.sign_up("alice");
    auto home = alice.get("/");
    EXPECT_EQ(home.status, 200u);
    EXPECT_TRUE(home.has("Welcome, alice"));
    EXPECT_TRUE(home.has("/admin/users")) << "the first account administers the site";

    Client bob(server.port());
    bob.sign_up("bob");
    auto bob_home = bob.get("/");
    EXPECT_TRUE(bob_home.has("Welcome, bob"));
    EXPECT_FALSE(bob_home.has("/admin/users"));
    EXPECT_EQ(bob.get("/admin/users").status, 404u) << "admin pages are invisible to others";
}

TEST_F(Accounts, anonymous_visitors_are_sent_to_sign_in_with_next) {
    auto res = alice.get("/settings/tokens?tab=1");
    EXPECT_EQ(res.status, 303u);
    EXPECT_EQ(res.header("location"), "/signin?next=/settings/tokens%3Ftab%3D1");
}

TEST_F(Accounts, sign_in_wrong_and_right) {
    alice.sign_up("alice");
    Client browser(server.port());
    browser.get("/signin");
    auto wrong = browser.post_form("/auth/signin", {{"username", "alice"}, {"password", "not the password"}});
    EXPECT_EQ(wrong.status, 401u);
    EXPECT_TRUE(wrong.has("Invalid username or password."));
    EXPECT_FALSE(browser.cookies().count("skyscape_session"));

    auto unknown = browser.post_form("/auth/signin", {{"username", "nobody"}, {"password", "whatever1"}});
    EXPECT_EQ(unknown.status, 401u);
    EXPECT_TRUE(unknown.has("Invalid username or password.")) << "the same words whatever was wrong";

    auto by_email = browser.post_form("/auth/signin", {{"username", "ALICE@example.com"}, {"password", "correct horse battery"}});
    EXPECT_EQ(by_email.status, 303u);
    EXPECT_EQ(by_email.header("location"), "/");
    auto cookie = by_email.header("set-cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_TRUE(browser.get("/").has("Welcome, alice"));
}

TEST_F(Accounts, sign_out_revokes_the_session_cookie_itself) {
    alice.sign_up("alice");
    std::string stolen = alice.cookies()["skyscape_session"];
    alice.get("/");
    auto out = alice.post_form("/auth/signout", {});
    EXPECT_EQ(out.status, 303u);
    EXPECT_EQ(out.header("location"), "/signin");

    Client replay(server.port());
    replay.cookies()["skyscape_session"] = stolen;
    auto res = replay.get("/");
    EXPECT_EQ(res.status, 303u) << "a copy of the cookie must stop working after sign-out";
    EXPECT_EQ(res.header("location"), "/signin?next=/");
}

TEST_F(Accounts, post_without_csrf_token_is_refused_and_changes_nothing) {
    alice.get("/signup");
    auto res = alice.post_form("/auth/signup", {{"csrf_token", ""}, {"username", "mallory"},
                                               {"email", "m@example.com"}, {"password", "password123"}});
    EXPECT_EQ(res.status, 403u);
    EXPECT_FALSE(alice.cookies().count("skyscape_session"));

    auto forged = alice.post_form("/auth/signup", {{"csrf_token", "forged"}, {"username", "mallory"},
                                                   {"email", "m@example.com"}, {"password", "password123"}});
    EXPECT_EQ(forged.status, 403u);

    Client other(server.port());
    other.get("/signin");
    auto in = other.post_form("/auth/signin", {{"username", "mallory"}, {"password", "password123"}});
    EXPECT_EQ(in.status, 401u) << "the refused sign-up must not have created the account";
}

TEST_F(Accounts, a_form_posted_from_another_port_is_refused_even_with_a_valid_token) {
    // Cookies ignore ports: a workspace's page on the next port could set our csrf cookie and
    // send the token that matches it. Its Origin gives it away.
    alice.get("/signup");
    auto fields = std::map<std::string, std::string>{{"username", "mallory"}, {"email", "m@example.com"}, {"password", "password123"}};
    auto other_port = "http://127.0.0.1:" + std::to_string(server.port() + 1);
    EXPECT_EQ(alice.post_form("/auth/signup", fields, {{"Origin", other_port}}).status, 403u);
    EXPECT_EQ(alice.post_form("/auth/signup", fields, {{"Origin", "null"}}).status, 403u);
    auto own = alice.post_form("/auth/signup", fields, {{"Origin", "http://127.0.0.1:" + std::to_string(server.port())}});
    EXPECT_EQ(own.status, 303u) << "the forge's own pages post with its Origin";
}

TEST_F(Accounts, htmx_requests_may_send_the_token_as_a_header) {
    alice.get("/signup");
    std::string token = alice.csrf();
    auto res = alice.request("POST", "/auth/signup", "username=alice&email=a%40example.com&password=password123",
                             {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-CSRF-Token", token},
                              {"HX-Request", "true"}});
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.header("hx-redirect"), "/");
}

TEST_F(Accounts, signup_rejects_bad_names_with_a_clear_message) {
    alice.get("/signup");
    auto reserved = alice.post_form("/auth/signup", {{"username", "admin"}, {"email", "a@example.com"}, {"password", "password123"}});
    EXPECT_EQ(reserved.status, 400u);
    EXPECT_TRUE(reserved.has("is reserved"));
    auto upper = alice.post_form("/auth/signup", {{"username", "Bad Name"}, {"email", "a@example.com"}, {"password", "password123"}});
    EXPECT_TRUE(upper.has("only lowercase letters, digits and hyphens"));
    auto short_password = alice.post_form("/auth/signup", {{"username", "carol"}, {"email", "c@example.com"}, {"password", "short"}});
    EXPECT_TRUE(short_password.has("at least 8 characters"));
    alice.sign_up("alice");
    Client again(server.port());
    again.get("/signup");
    auto taken = again.post_form("/auth/signup", {{"username", "alice"}, {"email", "x@example.com"}, {"password", "password123"}});
    EXPECT_EQ(taken.status, 409u);
    EXPECT_TRUE(taken.has("That username is taken."));
}

TEST_F(Accounts, form_values_are_escaped_when_shown_again) {
    alice.get("/signup");
    auto res = alice.post_form("/auth/signup", {{"username", "x\"><script>alert(1)</script>"},
                                               {"email", "\"><img src=x onerror=alert(1)>"},
                                               {"password", "password123"}});
    EXPECT_EQ(res.status, 400u);
    EXPECT_FALSE(res.has("<script>alert(1)"));
    EXPECT_FALSE(res.has("<img src=x"));
    EXPECT_TRUE(res.has("&lt;script&gt;"));
}

TEST_F(Accounts, next_only_leads_to_local_paths) {
    alice.sign_up("alice");
    for (std::string next : {"//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"}) {
        Client browser(server.port());
        browser.get("/signin?next=" + harness::url_encode(next));
        auto res = browser.post_form("/auth/signin", {{"username", "alice"}, {"password", "correct horse battery"}, {"next", next}});
        EXPECT_EQ(res.status, 303u);
        EXPECT_EQ(res.header("location"), "/") << next;
    }
    Client browser(server.port());
    browser.get("/signin");
    auto res = browser.post_form("/auth/signin", {{"username", "alice"}, {"password", "correct horse battery"}, {"next", "/settings/tokens"}});
    EXPECT_EQ(res.header("location"), "/settings/tokens");
}

TEST_F(Accounts, repeated_failures_are_rate_limited_per_account) {
    alice.sign_up("alice");
    Client attacker(server.port());
    attacker.get("/signin");
    unsigned last = 0;
    for (int i = 0; i < 11; ++i)
        last = attacker.post_form("/auth/signin", {{"username", "alice"}, {"password", "guess" + std::to_string(i)}}).status;
    EXPECT_EQ(last, 429u);
    auto right = attacker.post_form("/auth/signin", {{"username", "alice"}, {"password", "correct horse battery"}});
    EXPECT_EQ(right.status, 429u) << "while limited, even the right password waits";
}

TEST_F(Accounts, password_change_signs_out_other_sessions) {
    alice.sign_up("alice");
    Client laptop(server.port());
    laptop.sign_in("alice");
    alice.get("/settings");
    auto wrong = alice.post_form("/settings/password", {{"current_password", "nope"}, {"new_password", "another password"}});
    EXPECT_EQ(wrong.status, 400u);
    auto changed = alice.post_form("/settings/password", {{"current_password", "correct horse battery"}, {"new_password", "another password"}});
    EXPECT_EQ(changed.status, 303u);
    EXPECT_TRUE(alice.get("/settings").has("Password changed.")) << "this browser stays signed in";
    EXPECT_EQ(laptop.get("/").status, 303u) << "the other browser is signed out";
    laptop.sign_in("alice", "another password");
}

TEST_F(Accounts, admin_can_close_sign_up) {
    alice.sign_up("alice");
    alice.get("/admin/settings");
    EXPECT_EQ(alice.post_form("/admin/settings", {}).status, 303u);
    Client visitor(server.port());
    auto page = visitor.get("/signup");
    EXPECT_TRUE(page.has("Sign-up is closed"));
    auto res = visitor.post_form("/auth/signup", {{"username", "bob"}, {"email", "b@example.com"}, {"password", "password123"}});
    EXPECT_EQ(res.status, 403u);
    EXPECT_FALSE(visitor.cookies().count("skyscape_session"));
}

}  // namespace

#include "http/csrf.hpp"

#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/request.hpp"

namespace {

class Csrf : public ::testing::Test {
protected:
    void SetUp() override {
        core::crypto::init();
        config.auth_secret = "unit-test-secret";
    }
    http::Request request(const std::string& cookie, const std::string& body = "", const std::string& header = "") {
        http::Request req;
        req.config = &config;
        if (!cookie.empty()) req.raw.set("Cookie", cookie);
        if (!header.empty()) req.raw.set("X-CSRF-Token", header);
        req.raw.set("Content-Type", "application/x-www-form-urlencoded");
        req.raw.body() = body;
        return req;
    }
    core::Config config;
};

TEST_F(Csrf, a_new_browser_gets_a_nonce_cookie_and_a_token_for_it) {
    auto first = request("");
    auto token = http::csrf::token(first);
    ASSERT_EQ(first.pending_cookies.size(), 1u);
    EXPECT_EQ(http::csrf::token(first), token) << "one nonce per response";
    auto cookie = first.pending_cookies[0].substr(0, first.pending_cookies[0].find(';'));
    EXPECT_NE(first.pending_cookies[0].find("HttpOnly"), std::string::npos);

    auto post = request(cookie, "csrf_token=" + token);
    EXPECT_TRUE(http::csrf::verify(post));
    EXPECT_TRUE(http::csrf::verify(request(cookie, "", token))) << "htmx sends it as a header";
}

TEST_F(Csrf, refuses_missing_wrong_or_foreign_tokens) {
    auto page = request("");
    auto token = http::csrf::token(page);
    auto cookie = page.pending_cookies[0].substr(0, page.pending_cookies[0].find(';'));
    EXPECT_FALSE(http::csrf::verify(request(cookie, "")));
    EXPECT_FALSE(http::csrf::verify(request(cookie, "csrf_token=" + token + "x")));
    EXPECT_FALSE(http::csrf::verify(request("", "csrf_token=" + token))) << "no cookie, no pass";

    auto other = request("");
    http::csrf::token(other);
    auto other_cookie = other.pending_cookies[0].substr(0, other.pending_cookies[0].find(';'));
    EXPECT_FALSE(http::csrf::verify(request(other_cookie, "csrf_token=" + token))) << "tokens are bound to the nonce";

    config.auth_secret = "another-secret";
    EXPECT_FALSE(http::csrf::verify(request(cookie, "csrf_token=" + token))) << "and to AUTH_SECRET";
}

}  // namespace

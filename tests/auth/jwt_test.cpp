#include "auth/jwt.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace {

const std::string kSecret = "jwt-unit-secret";

TEST(Jwt, round_trips_claims) {
    auth::jwt::Claims claims{42, "abc123", 1000, 2000};
    auto token = auth::jwt::sign(claims, kSecret);
    auto back = auth::jwt::verify(token, kSecret, 1500);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->user_id, 42);
    EXPECT_EQ(back->session_id, "abc123");
    EXPECT_EQ(back->expires_at, 2000);
}

TEST(Jwt, refuses_expired_tampered_and_foreign_tokens) {
    auto token = auth::jwt::sign({42, "abc", 1000, 2000}, kSecret);
    EXPECT_FALSE(auth::jwt::verify(token, kSecret, 2000)) << "expired";
    EXPECT_FALSE(auth::jwt::verify(token, "other-secret", 1500));
    auto tampered = token;
    tampered[tampered.find('.') + 5] ^= 1;
    EXPECT_FALSE(auth::jwt::verify(tampered, kSecret, 1500));
    EXPECT_FALSE(auth::jwt::verify("", kSecret, 1500));
    EXPECT_FALSE(auth::jwt::verify("a.b", kSecret, 1500));
    EXPECT_FALSE(auth::jwt::verify(token + ".x", kSecret, 1500));
}

TEST(Jwt, refuses_alg_none_and_other_headers) {
    auto token = auth::jwt::sign({42, "abc", 1000, 2000}, kSecret);
    auto payload = token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1);
    auto none = core::crypto::base64url(R"({"alg":"none","typ":"JWT"})") + "." + payload + ".";
    EXPECT_FALSE(auth::jwt::verify(none, kSecret, 1500));
    auto hs512 = core::crypto::base64url(R"({"alg":"HS512","typ":"JWT"})") + "." + payload + "." +
                 token.substr(token.rfind('.') + 1);
    EXPECT_FALSE(auth::jwt::verify(hs512, kSecret, 1500));
}

TEST(Jwt, refuses_a_validly_signed_payload_without_required_claims) {
    auto token = auth::jwt::sign({42, "abc", 1000, 2000}, kSecret);
    auto header = token.substr(0, token.find('.'));
    auto forge = [&](const std::string& json) {
        auto input = header + "." + core::crypto::base64url(json);
        return input + "." + core::crypto::base64url(core::crypto::hmac_sha256(kSecret, input));
    };
    EXPECT_TRUE(auth::jwt::verify(forge(R"({"sub":"42","sid":"abc","exp":2000})"), kSecret, 1500)) << "the forge works";
    EXPECT_FALSE(auth::jwt::verify(forge(R"({"sub":"42","exp":2000})"), kSecret, 1500));
    EXPECT_FALSE(auth::jwt::verify(forge(R"({"sub":42,"sid":"abc","exp":2000})"), kSecret, 1500));
    EXPECT_FALSE(auth::jwt::verify(forge(R"({"sub":"x","sid":"abc","exp":2000})"), kSecret, 1500));
    EXPECT_FALSE(auth::jwt::verify(forge("[1,2]"), kSecret, 1500));
}

}  // namespace

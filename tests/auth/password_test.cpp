#include "auth/password.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace {

TEST(Password, hashes_with_argon2id_and_verifies) {
    core::crypto::init();
    auto encoded = auth::password::hash("correct horse battery");
    EXPECT_TRUE(encoded.starts_with("$argon2id$"));
    EXPECT_TRUE(auth::password::verify("correct horse battery", encoded));
    EXPECT_FALSE(auth::password::verify("correct horse batterx", encoded));
    EXPECT_FALSE(auth::password::verify("", encoded));
    EXPECT_FALSE(auth::password::verify("correct horse battery", "not a hash"));
}

TEST(Password, salts_every_hash) {
    core::crypto::init();
    EXPECT_NE(auth::password::hash("same password"), auth::password::hash("same password"));
}

}  // namespace

#include "ssh/keys.hpp"

#include <gtest/gtest.h>

namespace {

// ssh-keygen -t ed25519, and the fingerprint `ssh-keygen -lf` prints for it.
constexpr const char* kKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK6kaQVmZ9loPbbKOtZhKFJ+YnqSvvMK0umNPErnG5/W me@laptop";
constexpr const char* kFingerprint = "SHA256:bjsQTtjaiP9OPIxP1j83fTrRdh2+eZU3ZtLTw1sj1rM";

TEST(ParsePublicKey, reads_an_authorized_keys_line) {
    auto key = ssh::parse_public_key(kKey);
    ASSERT_TRUE(key) << key.error().message;
    EXPECT_EQ(key->type, "ssh-ed25519");
    EXPECT_EQ(key->fingerprint, kFingerprint);
}

TEST(ParsePublicKey, refuses_garbage_dsa_and_mismatched_types) {
    EXPECT_FALSE(ssh::parse_public_key(""));
    EXPECT_FALSE(ssh::parse_public_key("ssh-ed25519"));
    EXPECT_FALSE(ssh::parse_public_key("ssh-ed25519 !!!"));
    EXPECT_FALSE(ssh::parse_public_key("ssh-dss AAAAB3NzaC1kc3MAAACBAP"));
    EXPECT_FALSE(ssh::parse_public_key("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIK6kaQVmZ9loPbbKOtZhKFJ+YnqSvvMK0umNPErnG5/W"));
}

}  // namespace

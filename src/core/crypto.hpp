#pragma once

#include <optional>
#include <string>
#include <string_view>

//! Small wrappers over libsodium; every secret comparison goes through equal().
namespace core::crypto {

//! Must run once before any other function here (sodium_init).
void init();

std::string random_bytes(std::size_t n);
std::string random_hex(std::size_t bytes);

std::string hex(std::string_view bytes);
std::string base64url(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);
//! Standard base64 with padding, as in HTTP Basic credentials; decoding skips line breaks and
//! spaces (base64(1) wraps its lines).
std::string base64(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

//! The 32 bytes of a SHA-256 digest, and as hex.
std::string sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
//! SHA-256 of data given in pieces (a file read as it streams).
class Sha256 {
public:
    Sha256();
    void update(std::string_view data);
    //! The 32 bytes of the digest; call once.
    std::string digest();

private:
    alignas(16) unsigned char state_[128];  // libsodium's crypto_hash_sha256_state (104 bytes)
};

//! A 128-bit BLAKE2b digest as hex: a fast content fingerprint (ETags), not for secrets.
std::string fingerprint_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view message);

//! Constant-time comparison (length is not secret).
bool equal(std::string_view a, std::string_view b);

}  // namespace core::crypto

#include "core/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace core::crypto {

void init() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

std::string random_hex(std::size_t bytes) { return hex(random_bytes(bytes)); }

std::string hex(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

namespace {

std::string encode_base64(std::string_view bytes, int variant) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> decode_base64(std::string_view text, int variant, const char* ignore) {
    std::string out(text.size() * 3 / 4 + 3, '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          ignore, &len, &end, variant) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

}  // namespace

std::string base64url(std::string_view bytes) { return encode_base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }

std::optional<std::string> base64url_decode(std::string_view text) {
    return decode_base64(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, nullptr);
}

std::string base64(std::string_view bytes) { return encode_base64(bytes, sodium_base64_VARIANT_ORIGINAL); }

std::optional<std::string> base64_decode(std::string_view text) {
    return decode_base64(text, sodium_base64_VARIANT_ORIGINAL, " \r\n");
}

std::string sha256(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

static_assert(sizeof(crypto_hash_sha256_state) <= 128);

Sha256::Sha256() { crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_)); }

void Sha256::update(std::string_view data) {
    crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_), reinterpret_cast<const unsigned char*>(data.data()),
                              data.size());
}

std::string Sha256::digest() {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string fingerprint_hex(std::string_view data) {
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
    return hex({reinterpret_cast<const char*>(digest), sizeof digest});
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return {reinterpret_cast<const char*>(mac), sizeof mac};
}

bool equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace core::crypto

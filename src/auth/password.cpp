#include "auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace auth::password {

std::string hash(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("argon2id: out of memory");
    return out;
}

bool verify(const std::string& password, const std::string& encoded) {
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy(const std::string& password) {
    static const std::string dummy = hash("not a password anyone has");
    verify(password, dummy);
}

}  // namespace auth::password

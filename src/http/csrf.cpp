#include "http/csrf.hpp"

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace http::csrf {
namespace {

constexpr std::string_view kCookie = "skyscape_csrf";
constexpr std::size_t kNonceBytes = 24;

std::string token_for(const Request& req, std::string_view nonce) {
    return core::crypto::base64url(core::crypto::hmac_sha256(req.config->auth_secret, "csrf:" + std::string(nonce)));
}

bool valid_nonce(const std::string& nonce) {
    auto bytes = core::crypto::base64url_decode(nonce);
    return bytes && bytes->size() == kNonceBytes;
}

// An Origin naming another host or port. Cookies ignore ports, so a page on a workspace's
// origin (the next port, running code we do not trust) can plant a nonce of its choosing in our
// csrf cookie and post with the token that goes with it; browsers send Origin with every
// cross-origin POST, and it cannot forge that.
bool foreign_origin(const Request& req) {
    std::string_view origin = req.header("Origin");
    if (origin.empty()) return false;
    auto scheme_end = origin.find("://");
    return scheme_end == std::string_view::npos || origin.substr(scheme_end + 3) != req.header("Host");
}

}  // namespace

std::string token(Request& req) {
    if (auto nonce = req.cookie(kCookie); nonce && valid_nonce(*nonce)) return token_for(req, *nonce);
    static const std::string kPrefix = std::string(kCookie) + "=";
    for (const auto& pending : req.pending_cookies)
        if (pending.starts_with(kPrefix))
            return token_for(req, pending.substr(kPrefix.size(), pending.find(';') - kPrefix.size()));
    auto nonce = core::crypto::base64url(core::crypto::random_bytes(kNonceBytes));
    req.pending_cookies.push_back(cookie(req, kCookie, nonce, -1));
    return token_for(req, nonce);
}

bool verify(const Request& req) {
    auto nonce = req.cookie(kCookie);
    if (!nonce || !valid_nonce(*nonce) || foreign_origin(req)) return false;
    std::string sent(req.header("X-CSRF-Token"));
    if (sent.empty()) sent = req.form_or("csrf_token");
    return !sent.empty() && core::crypto::equal(sent, token_for(req, *nonce));
}

}  // namespace http::csrf

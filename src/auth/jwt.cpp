#include "auth/jwt.hpp"

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"

namespace auth::jwt {
namespace {

const std::string& header() {
    static const std::string encoded = core::crypto::base64url(R"({"alg":"HS256","typ":"JWT"})");
    return encoded;
}

}  // namespace

std::string sign(const Claims& claims, const std::string& secret) {
    nlohmann::json payload = {{"sub", std::to_string(claims.user_id)},
                              {"sid", claims.session_id},
                              {"iat", claims.issued_at},
                              {"exp", claims.expires_at}};
    std::string signing_input = header() + "." + core::crypto::base64url(payload.dump());
    return signing_input + "." + core::crypto::base64url(core::crypto::hmac_sha256(secret, signing_input));
}

std::optional<Claims> verify(const std::string& token, const std::string& secret, std::int64_t now) {
    auto first = token.find('.');
    auto second = token.find('.', first == std::string::npos ? first : first + 1);
    if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) return std::nullopt;
    if (!core::crypto::equal(std::string_view(token).substr(0, first), header())) return std::nullopt;
    std::string signing_input = token.substr(0, second);
    auto expected = core::crypto::base64url(core::crypto::hmac_sha256(secret, signing_input));
    if (!core::crypto::equal(std::string_view(token).substr(second + 1), expected)) return std::nullopt;
    auto payload = core::crypto::base64url_decode(std::string_view(token).substr(first + 1, second - first - 1));
    if (!payload) return std::nullopt;
    auto json = nlohmann::json::parse(*payload, nullptr, false);
    if (!json.is_object() || !json.contains("sub") || !json["sub"].is_string() || !json.contains("sid") ||
        !json["sid"].is_string() || !json.contains("exp") || !json["exp"].is_number_integer())
        return std::nullopt;
    Claims claims;
    try {
        claims.user_id = std::stoll(json["sub"].get<std::string>());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    claims.session_id = json["sid"].get<std::string>();
    claims.issued_at = json.value("iat", std::int64_t{0});
    claims.expires_at = json["exp"].get<std::int64_t>();
    if (claims.expires_at <= now) return std::nullopt;
    return claims;
}

}  // namespace auth::jwt

#pragma once

#include <cstdint>
#include <optional>
#include <string>

//! The session cookie: a compact JWT signed with HS256 under AUTH_SECRET.
namespace auth::jwt {

struct Claims {
    std::int64_t user_id = 0;  //!< "sub"
    std::string session_id;    //!< "sid": the server-side row that makes the token revocable
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;
};

std::string sign(const Claims& claims, const std::string& secret);

//! The claims of a well-formed, correctly signed, unexpired HS256 token; nullopt otherwise.
//! Only our own header is accepted, so "alg":"none" and algorithm confusion are impossible.
std::optional<Claims> verify(const std::string& token, const std::string& secret, std::int64_t now);

}  // namespace auth::jwt

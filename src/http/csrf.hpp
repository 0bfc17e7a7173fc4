#pragma once

#include <string>

namespace http {
struct Request;
}

//! CSRF protection for cookie-authenticated forms. Each browser holds a random nonce in an
//! HttpOnly cookie; the token is HMAC(AUTH_SECRET, nonce), so a page on another origin can
//! neither read nor forge it.
namespace http::csrf {

//! The token for forms on this page; queues a nonce cookie when the browser has none yet.
std::string token(Request& req);

//! True when the request's `csrf_token` field or X-CSRF-Token header matches its nonce cookie.
bool verify(const Request& req);

}  // namespace http::csrf

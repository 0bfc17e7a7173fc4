#pragma once

#include "http/dispatcher.hpp"

namespace auth {

class Accounts;

constexpr const char* kSessionCookie = "skyscape_session";

//! The one place that turns credentials into req.actor and enforces a route's Need:
//! - web routes read the session cookie; unsafe methods need a valid CSRF token (403 otherwise);
//!   Need::user sends anonymous visitors to /signin?next=…; Need::site_admin answers 404 to others.
//! - api routes read `Authorization: token|Bearer X` or Basic; no cookies, so no CSRF; 401 JSON.
http::Gate make_gate(Accounts& accounts);

}  // namespace auth

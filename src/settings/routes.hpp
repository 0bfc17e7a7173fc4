#pragma once

namespace http {
class Router;
}
namespace auth {
class Accounts;
}

namespace settings {

//! /settings (account, password) and /settings/tokens.
void register_routes(http::Router& router, auth::Accounts& accounts);

}  // namespace settings

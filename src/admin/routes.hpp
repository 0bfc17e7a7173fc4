#pragma once

namespace http {
class Router;
}
namespace auth {
class Accounts;
}

namespace admin {

//! /admin/users and /admin/settings, for site administrators only.
void register_routes(http::Router& router, auth::Accounts& accounts);

}  // namespace admin

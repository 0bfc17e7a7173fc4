#pragma once

namespace http {
class Router;
}
namespace auth {
class Accounts;
}
namespace orgs {
class Service;
}

namespace admin {

//! /admin/users and /admin/settings, for site administrators only.
void register_routes(http::Router& router, auth::Accounts& accounts, orgs::Service& orgs);

}  // namespace admin

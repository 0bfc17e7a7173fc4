#pragma once

namespace http {
class Router;
}

namespace auth {
class Accounts;

//! /signin, /signup, /auth/signin, /auth/signup, /auth/signout.
void register_routes(http::Router& router, Accounts& accounts);

}  // namespace auth

#pragma once

namespace http {
class Router;
}
namespace auth {
class Accounts;
}

namespace api {

//! /api/v1/user and /api/v1/users/{username}/tokens, in Gitea's shapes.
void register_routes(http::Router& router, auth::Accounts& accounts);

}  // namespace api

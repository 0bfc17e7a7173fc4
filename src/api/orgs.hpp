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
namespace repos {
class Service;
}

namespace api {

//! Organizations, their members, repositories and teams (/api/v1/orgs/…), the caller's and a
//! user's organizations, and public profiles (/api/v1/users/{username}), in GitHub's and Gitea's shapes.
void register_org_routes(http::Router& router, auth::Accounts& accounts, orgs::Service& orgs, repos::Service& repos);

}  // namespace api

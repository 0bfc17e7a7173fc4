#pragma once

namespace http {
class Router;
}
namespace auth {
class Accounts;
}
namespace db {
class Pool;
}
namespace orgs {
class Service;
}
namespace repos {
class Service;
}

namespace profiles {

class Avatars;

//! /{owner}: a person's profile (repositories, stars, organizations, activity) or an
//! organization's (repositories, people); /avatars/{username}; the caller's own profile and
//! avatar in /settings, and Gitea's POST|DELETE /api/v1/user/avatar and /api/v1/orgs/{org}/avatar.
void register_routes(http::Router& router, db::Pool& pool, auth::Accounts& accounts, orgs::Service& orgs, repos::Service& repos,
                     Avatars& avatars);

}  // namespace profiles

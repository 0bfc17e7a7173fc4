#pragma once

namespace db {
class Pool;
}
namespace repos {
class Service;
}
namespace http {
class Router;
}

namespace stars {

//! The repository header's Star / Unstar button with its count: GET /{owner}/{repo}/star (the
//! fragment) and POST (star=1|0, the fragment again for htmx), and the API's
//! PUT/DELETE/GET /api/v1/user/starred/{owner}/{repo}, GET /api/v1/user/starred and
//! GET /api/v1/repos/{owner}/{repo}/stargazers, in GitHub's shapes.
void register_routes(http::Router& router, db::Pool& pool, repos::Service& repos);

}  // namespace stars

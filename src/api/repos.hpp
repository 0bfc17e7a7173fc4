#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}
namespace db {
class Pool;
}

namespace api {

//! /api/v1/user/repos, /api/v1/repos/{owner}/{repo} and its collaborators, in Gitea's shapes.
void register_repo_routes(http::Router& router, repos::Service& repos);
//! /api/v1/repos/{owner}/{repo}/subscription in GitHub's shape: GET (404 when not watching), PUT
//! {"subscribed": true|false} or {"ignored": true}, DELETE.
void register_watch_routes(http::Router& router, repos::Service& repos, db::Pool& pool);

}  // namespace api

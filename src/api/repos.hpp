#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace api {

//! /api/v1/user/repos, /api/v1/repos/{id} and its collaborators, in Gitea's shapes.
void register_repo_routes(http::Router& router, repos::Service& repos);

}  // namespace api

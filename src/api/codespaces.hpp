#pragma once

namespace http {
class Router;
}
namespace workspaces {
class Service;
}

namespace api {

//! Workspaces in the shape of GitHub's Codespaces API: POST /api/v1/repos/{owner}/{repo}/codespaces
//! {"ref"} (201, or 202 while it starts), GET /api/v1/user/codespaces, GET|DELETE
//! /api/v1/user/codespaces/{name}, POST …/{name}/start and …/{name}/stop.
void register_codespace_routes(http::Router& router, workspaces::Service& service);

}  // namespace api

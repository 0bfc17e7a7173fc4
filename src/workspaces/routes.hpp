#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace workspaces {

class Proxy;
class Service;

//! The forge's side of workspaces: POST /{owner}/{repo}/workspaces (the Code button's "Open in
//! a workspace"), /workspaces with Stop / Start / Rebuild / Delete, and /coder/{id}/, which
//! shows a workspace's progress and hands its owner off to the IDE on the workspaces' origin
//! with a one-time code.
void register_routes(http::Router& router, Service& service, Proxy& proxy);

}  // namespace workspaces

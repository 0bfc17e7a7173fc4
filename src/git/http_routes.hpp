#pragma once

namespace http {
class Router;
}

namespace git {

class Backend;

//! Smart HTTP at /{owner}/{repo}.git (and /{owner}/{repo}): info/refs, git-upload-pack, git-receive-pack.
void register_http_routes(http::Router& router, Backend& backend);

}  // namespace git

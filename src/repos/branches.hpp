#pragma once

namespace http {
class Router;
}
namespace git {
class Backend;
}

namespace repos {

//! POST /{owner}/{repo}/branches/delete: writers delete a branch other than the default one.
void register_branch_routes(http::Router& router, git::Backend& backend);

}  // namespace repos

#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace browse {
namespace history {
class Cache;
}

//! GET /{owner}/{repo}: the repository's home — clone URLs, latest commit, counts, the root folder
//! and its README; push instructions while it is empty.
void register_home_route(http::Router& router, repos::Service& repos, history::Cache& history);

}  // namespace browse

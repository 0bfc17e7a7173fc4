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

//! /{owner}/{repo}/files[/{ref}/{path…}] (tree or file) and /{owner}/{repo}/raw/{ref}/{path…}.
void register_routes(http::Router& router, repos::Service& repos, history::Cache& history);

}  // namespace browse

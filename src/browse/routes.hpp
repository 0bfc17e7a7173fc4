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

//! /repos/{id}/files[/{ref}/{path…}] (tree or file) and /repos/{id}/raw/{ref}/{path…}.
void register_routes(http::Router& router, repos::Service& repos, history::Cache& history);

}  // namespace browse

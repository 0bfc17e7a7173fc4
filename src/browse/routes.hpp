#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace browse {

//! /repos/{id}/files[/{ref}/{path…}] (tree or file) and /repos/{id}/raw/{ref}/{path…}.
void register_routes(http::Router& router, repos::Service& repos);

}  // namespace browse

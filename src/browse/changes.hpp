#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace browse {

//! /repos/{id}/commit/{sha} and /repos/{id}/compare/{base}...{head}: pages that show changes.
void register_change_routes(http::Router& router, repos::Service& repos);

}  // namespace browse

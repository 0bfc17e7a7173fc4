#pragma once

namespace http {
class Router;
}

namespace repos {

class Service;

//! /repos, /repos/create, /repos/{id}, /repos/{id}/settings and the settings actions.
void register_routes(http::Router& router, Service& repos);

}  // namespace repos

#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace actions {

//! /repos/{id}/actions: the workflows of the default branch's tip, each read (its triggers and
//! jobs in the order they run) or with its error (file, line, message).
void register_routes(http::Router& router, repos::Service& repos);

}  // namespace actions

#pragma once

namespace http {
class Router;
}

namespace issues {

class Service;

//! /repos/{id}/issues (list, new, create, one issue with its timeline, comments, state, edit,
//! labels and assignees) and /repos/{id}/labels.
void register_routes(http::Router& router, Service& issues);

}  // namespace issues

#pragma once

namespace http {
class Router;
}
namespace issues {
class Service;
}
namespace repos {
class Service;
}

namespace pulls {

class Service;

//! /repos/{id}/prs (list), /repos/{id}/prs/create (from the compare page), /repos/{id}/prs/{n}
//! with its Conversation / Commits / Files changed tabs, and /repos/{id}/prs/{n}/merge.
void register_routes(http::Router& router, Service& pulls, issues::Service& issues, repos::Service& repos);

}  // namespace pulls

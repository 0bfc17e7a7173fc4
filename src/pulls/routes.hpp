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
class Reviews;

//! /repos/{id}/prs (list), /repos/{id}/prs/create (from the compare page), /repos/{id}/prs/{n}
//! with its Conversation / Commits / Files changed tabs, /repos/{id}/prs/{n}/merge, and reviews
//! and line comments (…/reviews, …/line-comments).
void register_routes(http::Router& router, Service& pulls, Reviews& reviews, issues::Service& issues, repos::Service& repos);

}  // namespace pulls

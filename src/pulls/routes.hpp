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

//! /{owner}/{repo}/pulls (list), /{owner}/{repo}/pulls/create (from the compare page),
//! /{owner}/{repo}/pull/{n} with its Conversation / Commits / Files changed tabs, …/pull/{n}/merge, and reviews
//! and line comments (…/reviews, …/line-comments).
void register_routes(http::Router& router, Service& pulls, Reviews& reviews, issues::Service& issues, repos::Service& repos);

}  // namespace pulls

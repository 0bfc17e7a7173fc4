#pragma once

namespace http {
class Router;
}
namespace repos {
class Service;
}
namespace issues {
class Service;
}
namespace pulls {
class Service;
class Reviews;
}

namespace api {

//! Pull requests in GitHub's shapes: /api/v1/repos/{owner}/{repo}/pulls[/{n}[/merge]]. A merge answers
//! 405 when the pull request cannot merge and 409 when a branch moved.
void register_pull_routes(http::Router& router, repos::Service& repos, issues::Service& issues, pulls::Service& pulls);
//! Reviews, line comments and review requests: /api/v1/repos/{owner}/{repo}/pulls/{n}/reviews,
//! …/comments and …/requested_reviewers.
void register_review_routes(http::Router& router, pulls::Service& pulls, pulls::Reviews& reviews);

}  // namespace api

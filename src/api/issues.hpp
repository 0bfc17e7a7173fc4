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

namespace api {

//! Issues and their comments in GitHub's shapes: /api/v1/repos/{owner}/{repo}/issues[/{n}[/comments]].
void register_issue_routes(http::Router& router, repos::Service& repos, issues::Service& issues);

}  // namespace api

#pragma once

namespace db {
class Pool;
}
namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace activity {

//! /{owner}/{repo}/activity (the page), /{owner}/{repo}/activity/feed and /activity/feed (the lists as
//! htmx fragments, polled so that new activity appears without a reload; the dashboard shows
//! the second, for the repositories the viewer can read).
void register_routes(http::Router& router, db::Pool& pool, repos::Service& repos);

}  // namespace activity

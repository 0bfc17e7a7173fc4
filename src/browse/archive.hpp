#pragma once

namespace http {
class Router;
}
namespace git {
class Backend;
}

namespace browse {

//! /{owner}/{repo}/archive/{ref}.tar.gz and .zip, streamed from git archive.
void register_archive_routes(http::Router& router, git::Backend& backend);

}  // namespace browse

#pragma once

#include <boost/asio/awaitable.hpp>

#include "actions/artifacts.hpp"
#include "http/response.hpp"

namespace db {
class Pool;
}
namespace http {
class BodyStream;
class Router;
struct Request;
}

namespace actions {

class Logs;
class Scheduler;
class Secrets;
class Service;

//! /{owner}/{repo}/actions: the actions and their runs, a run's page with its jobs' live logs,
//! running, cancelling and re-running, artifacts, commit statuses and checks, UI-defined
//! actions, trigger URLs, and the repository's secrets under settings.
void register_routes(http::Router& router, Service& service, Scheduler& scheduler, db::Pool& pool, Logs& logs, Secrets& secrets,
                     Artifacts& artifacts);

//! Streams an artifact's archive as its .tar.gz download; a 404 page when its files are gone.
boost::asio::awaitable<http::Response> send_artifact(http::Request& req, http::BodyStream& body, const Artifacts& artifacts,
                                                     const Artifacts::Info& artifact);

}  // namespace actions

#pragma once

namespace db {
class Pool;
}
namespace http {
class Router;
}

namespace actions {

class Artifacts;
class Logs;
class Scheduler;
class Secrets;
class Service;

//! /repos/{id}/actions: the actions and their runs, a run's page with its jobs' live logs,
//! running, cancelling and re-running, artifacts, commit statuses and checks, UI-defined
//! actions, trigger URLs, and the repository's secrets under settings.
void register_routes(http::Router& router, Service& service, Scheduler& scheduler, db::Pool& pool, Logs& logs, Secrets& secrets,
                     Artifacts& artifacts);

}  // namespace actions

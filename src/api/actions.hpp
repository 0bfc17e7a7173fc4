#pragma once

namespace actions {
class Artifacts;
class Logs;
class Secrets;
class Service;
}
namespace db {
class Pool;
}
namespace http {
class Router;
}
namespace repos {
class Service;
}

namespace api {

//! CI in GitHub's shapes: /api/v1/repos/{owner}/{repo}/actions/runs (list, one, its jobs, its logs as
//! text, cancel, rerun, rerun-failed-jobs, artifacts), …/actions/artifacts/{id}/tgz,
//! …/actions/workflows and their dispatches
//! {"ref", "inputs"}, and …/actions/secrets (names only; PUT {"value"}, DELETE; admins).
void register_actions_routes(http::Router& router, repos::Service& repos, actions::Service& service, db::Pool& pool,
                             actions::Logs& logs, actions::Secrets& secrets, actions::Artifacts& artifacts);

}  // namespace api

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

namespace actions {

class Artifacts;
class Runners;
class Scheduler;

//! Remote runners. For site administrators, /admin/runners: registration tokens, the runners
//! with their labels, status and last contact, and which image each runs-on label runs in.
//! For runners (authenticated by X-Runner-Token; no session): /api/v1/runners/register, then
//! jobs/request (a long poll answered the moment a job for its labels is queued), a job's
//! events (steps, log lines; the answer says whether to stop), finish, its checkout and its
//! artifacts. A runner's token, and the job it names, are checked before its body is read.
void register_runner_routes(http::Router& router, Runners& runners, Scheduler& scheduler, Artifacts& artifacts, repos::Service& repos,
                            db::Pool& pool);

}  // namespace actions

#pragma once

namespace actions {

//! `workspace runner register --url URL --token TOKEN [--name NAME] [--labels a,b] [--config FILE]`
//! registers this machine with a server (the token from its /admin/runners page) and keeps the
//! runner's own token in FILE (default ~/.skyscape-runner.json, mode 0600);
//! `workspace runner run [--config FILE] [--once]` then asks the server for jobs (a long poll
//! answered the moment one is queued), runs each in this machine's container engine
//! (DOCKER_HOST), or in bubblewrap without one, as the server would, and reports steps, log
//! lines, artifacts and the result.
int run_runner_cli(int argc, char** argv);

}  // namespace actions

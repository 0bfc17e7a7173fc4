#pragma once

namespace app {

//! `workspace` / `workspace serve`: reads the environment, migrates the database, serves HTTP
//! until SIGTERM or SIGINT. Returns the process exit code (2 for a bad configuration).
int serve();

//! `workspace routes`: every route the server answers, a line each — method, path, what it needs
//! of its caller (auth::Need) — sorted by path, from a server set up on a scratch data directory
//! and never started.
int print_routes();

}  // namespace app

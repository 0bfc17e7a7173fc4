#pragma once

namespace app {

//! `workspace` / `workspace serve`: reads the environment, migrates the database, serves HTTP
//! until SIGTERM or SIGINT. Returns the process exit code (2 for a bad configuration).
int serve();

}  // namespace app

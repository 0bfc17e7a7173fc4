#pragma once

namespace workspaces {

//! `workspace agent PORT SOCKET -- COMMAND...`, the first process in a workspace's sandbox:
//! relays each connection to 127.0.0.1:PORT (git's remote, the forge's address inside) to the
//! unix socket SOCKET, which the forge listens on outside, and runs COMMAND (code-server, or a
//! one-off script) to its end, passing SIGTERM on. Exits with COMMAND's status.
int run_agent(int argc, char** argv);

}  // namespace workspaces

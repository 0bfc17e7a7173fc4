#pragma once

//! Logging goes through spdlog's default logger, set up by init().
namespace core::log {

//! Logs to stderr, one line per write(2) with no lock between threads (lines up to PIPE_BUF are
//! atomic on pipes and O_APPEND files), timestamps in UTC. SPDLOG_LEVEL sets the level (info).
void init();

}  // namespace core::log

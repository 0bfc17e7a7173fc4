#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/result.hpp"

namespace core {

//! Everything the process reads from its environment, checked once at start-up.
struct Config {
    std::string auth_secret;  //!< filled by prepare_data_dir() when AUTH_SECRET is unset
    std::string host = "0.0.0.0";
    std::uint16_t port = 5000;  //!< 0 picks a free port (tests)
    std::string prefix;         //!< "" or "/path" without a trailing slash
    std::string theme = "corporate";
    std::filesystem::path data_dir;
    bool ai_enabled = false;
    std::uint16_t ssh_port = 2222;  //!< 0 turns the SSH server off
    std::string ssh_domain;         //!< host name in SSH clone URLs; empty: the one the browser used
    std::string smtp_url;           //!< "smtp://user:pass@host:587" or smtps://…; empty: no email
    std::string smtp_from = "skyscape@localhost";  //!< SMTP_FROM, the sender of notification mail
    std::string public_url;         //!< PUBLIC_URL, the site's address in mail; default http://localhost:PORT+PREFIX
    bool public_url_set = false;    //!< PUBLIC_URL was given: links in answers use it, not the Host a client sent
    std::int64_t search_max_file_size = 1 << 20;  //!< SEARCH_MAX_FILE_SIZE: larger files are not indexed
    int actions_concurrency = 0;     //!< ACTIONS_CONCURRENCY: jobs this server runs at once; 0 = its cores
    std::string actions_image = "debian:bookworm-slim";  //!< ACTIONS_IMAGE: for a runs-on label no setting maps
    std::int64_t actions_log_limit = 16 << 20;  //!< ACTIONS_LOG_LIMIT: bytes of log kept per job
    int actions_retention_days = 90;  //!< ACTIONS_RETENTION_DAYS: how long artifacts and logs are kept
    //! WORKSPACES_PORT: the second listener that serves workspaces' IDEs, an origin apart from the
    //! forge's; default PORT+1 (0 when PORT is 0: a free port, as for tests).
    std::uint16_t workspaces_port = 5001;
    std::string workspaces_domain;  //!< WORKSPACES_DOMAIN: "ws.example.com" serves each workspace at {id}.ws.example.com
    std::string code_server;        //!< CODE_SERVER: the code-server program; empty: found on PATH or in /opt/code-server
    double workspace_idle_minutes = 30;  //!< WORKSPACE_IDLE_MINUTES: stopped after this long without its user's traffic
    int workspace_max_hours = 12;        //!< WORKSPACE_MAX_HOURS: stopped after this long running, traffic or not
    int workspaces_per_user = 10;        //!< WORKSPACES_PER_USER: workspaces a person may have
    int workspaces_running_per_user = 2; //!< WORKSPACES_RUNNING_PER_USER: of them running at once
    std::int64_t workspace_disk_mb = 10240;  //!< WORKSPACE_DISK_MB: a workspace over it does not start
};

using Getenv = std::function<const char*(const char*)>;

//! Parses and validates the environment; touches no files.
Result<Config> config_from_env(const Getenv& getenv);

//! Creates DATA_DIR (0700), proves it writable, and loads or creates DATA_DIR/auth_secret (0600)
//! when no AUTH_SECRET was given, so restarts keep sessions valid.
Status prepare_data_dir(Config& config);

//! True for the DaisyUI theme names the stylesheet carries.
bool is_theme(std::string_view name);

}  // namespace core

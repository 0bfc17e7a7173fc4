// build/workspace: the Skyscape Workspace server and, by subcommand, its helper roles.
#include <cstdio>
#include <string_view>

#include "actions/runner_cli.hpp"
#include "app/server.hpp"
#include "core/log.hpp"
#include "git/hook.hpp"
#include "search/cli.hpp"
#include "workspaces/agent.hpp"

namespace {

constexpr const char* kUsage =
    "usage: workspace [serve]\n"
    "       workspace hook pre-receive   (run by git in pushes through the server)\n"
    "       workspace search reindex [owner/repo]   (rebuild the code search index now)\n"
    "       workspace routes   (every route: method, path, what it needs of its caller)\n"
    "       workspace runner register --url URL --token TOKEN [--name N] [--labels a,b]\n"
    "       workspace runner run [--once]   (run CI jobs for a server on this machine)\n"
    "       workspace agent PORT SOCKET -- COMMAND...   (the first process in a workspace's sandbox)\n"
    "\n"
    "Serves Skyscape Workspace on PORT (default 5000) with its data in DATA_DIR\n"
    "(default ~/.skyscape). Environment: AUTH_SECRET, PORT, HOST, PREFIX, THEME,\n"
    "DATA_DIR, AI_ENABLED, SEARCH_MAX_FILE_SIZE, DOCKER_HOST, ACTIONS_*. See README.md.\n";

}  // namespace

int main(int argc, char** argv) {
    core::log::init();
    std::string_view command = argc > 1 ? argv[1] : "serve";
    if (command == "serve" && argc <= 2) return app::serve();
    if (command == "hook" && argc == 3) return git::run_hook(argv[2]);
    if (command == "routes" && argc == 2) return app::print_routes();
    if (command == "search") return search::run_cli(argc, argv);
    if (command == "runner") return actions::run_runner_cli(argc, argv);
    if (command == "agent") return workspaces::run_agent(argc, argv);
    if (command == "version" || command == "--version") {
        std::printf("workspace %s\n", SKYSCAPE_VERSION);
        return 0;
    }
    if (command == "help" || command == "--help" || command == "-h") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    std::fputs(kUsage, stderr);
    return 2;
}

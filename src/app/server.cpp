#include "app/server.hpp"

#include <malloc.h>

#include <soci/soci-backend.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "admin/routes.hpp"
#include "api/repos.hpp"
#include "api/orgs.hpp"
#include "api/routes.hpp"
#include "auth/gate.hpp"
#include "auth/routes.hpp"
#include "auth/service.hpp"
#include "browse/archive.hpp"
#include "browse/changes.hpp"
#include "browse/history.hpp"
#include "browse/home.hpp"
#include "browse/routes.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "db/pool.hpp"
#include "events/bus.hpp"
#include "git/backend.hpp"
#include "git/http_routes.hpp"
#include "home/routes.hpp"
#include "http/assets.hpp"
#include "http/render.hpp"
#include "http/server.hpp"
#include "repos/disk.hpp"
#include "repos/gate.hpp"
#include "repos/legacy.hpp"
#include "repos/routes.hpp"
#include "actions/artifacts.hpp"
#include "actions/logs.hpp"
#include "actions/routes.hpp"
#include "actions/runner_routes.hpp"
#include "actions/runners.hpp"
#include "actions/scheduler.hpp"
#include "actions/secrets.hpp"
#include "actions/service.hpp"
#include "activity/routes.hpp"
#include "mail/outbox.hpp"
#include "api/actions.hpp"
#include "api/issues.hpp"
#include "api/pulls.hpp"
#include "issues/routes.hpp"
#include "issues/service.hpp"
#include "notifications/routes.hpp"
#include "notifications/service.hpp"
#include "orgs/routes.hpp"
#include "orgs/service.hpp"
#include "profiles/avatars.hpp"
#include "profiles/routes.hpp"
#include "pulls/reviews.hpp"
#include "pulls/routes.hpp"
#include "pulls/service.hpp"
#include "repos/branches.hpp"
#include "repos/service.hpp"
#include "search/index.hpp"
#include "search/indexer.hpp"
#include "search/routes.hpp"
#include "search/service.hpp"
#include "settings/routes.hpp"
#include "stars/routes.hpp"
#include "ssh/keys.hpp"
#include "ssh/routes.hpp"
#include "ssh/server.hpp"
#include "api/codespaces.hpp"
#include "workspaces/proxy.hpp"
#include "workspaces/routes.hpp"
#include "workspaces/service.hpp"

namespace app {
namespace {

constexpr int kBadConfig = 2;

int refuse(const std::string& message) {
    std::fprintf(stderr, "workspace: %s\n", message.c_str());
    return kBadConfig;
}

}  // namespace

namespace {

enum class Mode { serve, print_routes };

int run(Mode mode) {
    core::crypto::init();
    auto config = core::config_from_env([](const char* name) { return std::getenv(name); });
    if (!config) return refuse(config.error().message);
    if (auto ready = core::prepare_data_dir(*config); !ready) return refuse(ready.error().message);

    // Two workers per core: a handler that blocks (argon2, a slow query) leaves others running.
    unsigned threads = std::max(4u, 2 * std::thread::hardware_concurrency());
    std::unique_ptr<db::Pool> pool;
    try {
        pool = db::Pool::open_sqlite(config->data_dir / "workspace.db", threads + 2);
        soci::session sql(pool->get());
        if (auto migrated = db::migrate(sql, embedded::migrations()); !migrated)
            return refuse(migrated.error().message);
    } catch (const soci::soci_error& e) {
        return refuse("database " + (config->data_dir / "workspace.db").string() + ": " + e.get_error_message());
    }
    std::unique_ptr<search::Index> search_index;
    try {
        // A search holds a connection for its blob reader while it asks another for candidates,
        // and the indexer holds one: every worker thread can search without waiting on another.
        search_index = search::Index::open(config->data_dir / "search.db", 2 * threads + 1);
    } catch (const soci::soci_error& e) {
        return refuse("search index " + (config->data_dir / "search.db").string() + ": " + e.get_error_message());
    }

    http::assets::load();
    http::load_views(*config);
    repos::disk::init();
    // git children that die early must not kill the server when it writes to their pipes.
    std::signal(SIGPIPE, SIG_IGN);
    // Searches read megabytes of file text into fresh buffers: served from the heap rather than
    // from a new mapping each (whose page faults were half a search's time), and the heap is not
    // handed back to the kernel after every burst.
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);

    auth::Accounts accounts(*pool, *config);
    repos::Service repos(*pool, *config, accounts);
    repos.recover();
    orgs::Service orgs(*pool, accounts, repos);
    profiles::Avatars avatars(*pool, config->data_dir / "avatars");
    events::Bus bus(*pool);
    git::Backend git_backend(repos, *pool, bus, *config);
    repos.on_initial_commit([&git_backend](const repos::Repo& repo, const auth::Actor& actor, const std::string& ref, const std::string& sha) {
        git_backend.record_created_ref(repo, actor, ref, sha);
    });
    ssh::Keys keys(*pool, accounts);
    git_backend.settle_push("", "");  // pushes cut off by a crash: record what did land
    bus.subscribe("repo-stats", [&repos](const events::store::Event& e) { repos.record_push(e.repo_id, e.created_at); });
    mail::Outbox outbox(*pool, *config);
    notifications::Service notifications(*pool, repos, outbox, config->public_url);
    issues::Service issues(*pool, repos, notifications);
    pulls::Service pulls(*pool, repos, issues, git_backend);
    pulls::Reviews reviews(*pool, repos, notifications);
    bus.subscribe("pulls", [&pulls](const events::store::Event& e) { pulls.on_push(e); });
    bus.subscribe("issue-references", [&issues](const events::store::Event& e) { issues.on_push(e); });
    search::Indexer indexer(*search_index, repos, *config);
    search::Service search(*search_index, repos);
    bus.subscribe("search", [&indexer](const events::store::Event& e) { indexer.on_push(e); });

    actions::Logs action_logs(config->data_dir / "actions" / "logs");
    actions::Secrets action_secrets(*pool, config->auth_secret);
    actions::Artifacts artifacts(*pool, config->data_dir / "actions" / "artifacts", config->actions_retention_days);
    actions::Runners runners(*pool);
    actions::Scheduler scheduler(*pool, repos, *config, action_logs, action_secrets, artifacts, runners);
    actions::Service actions(*pool, repos, scheduler, action_logs, artifacts, *config);
    bus.subscribe("actions", [&actions](const events::store::Event& e) { actions.on_push(e); });
    pulls.on_opened([&actions](const std::string& repo_id, const pulls::Pull& pull, std::int64_t actor_id) {
        if (!pull.from_fork()) actions.on_pull_opened(repo_id, pull.issue.number, pull.base, pull.head, actor_id);
    });

    browse::history::Cache history;
    workspaces::Service workspaces(*pool, *config, accounts, repos);
    workspaces::Proxy workspace_proxy(*config, workspaces, accounts);
    workspaces.on_stopped([&workspace_proxy](const std::string& id) { workspace_proxy.close_workspace(id); });

    http::Router router;
    home::register_routes(router, accounts, *pool, repos);
    auth::register_routes(router, accounts);
    settings::register_routes(router, accounts);
    admin::register_routes(router, accounts, orgs);
    repos::register_routes(router, repos);
    repos::register_branch_routes(router, git_backend);
    repos::legacy::register_routes(router, repos);
    stars::register_routes(router, *pool, repos);
    orgs::register_routes(router, orgs);
    profiles::register_routes(router, *pool, accounts, orgs, repos, avatars);
    api::register_org_routes(router, accounts, orgs, repos);
    browse::register_home_route(router, repos, history);
    browse::register_routes(router, repos, history);
    browse::register_change_routes(router, repos);
    browse::register_archive_routes(router, git_backend);
    git::register_http_routes(router, git_backend);
    api::register_routes(router, accounts);
    api::register_repo_routes(router, repos);
    api::register_watch_routes(router, repos, *pool);
    issues::register_routes(router, issues);
    notifications::register_routes(router, *pool, notifications);
    activity::register_routes(router, *pool, repos);
    pulls::register_routes(router, pulls, reviews, issues, repos);
    api::register_issue_routes(router, repos, issues);
    api::register_pull_routes(router, repos, issues, pulls);
    api::register_review_routes(router, pulls, reviews);
    ssh::register_routes(router, keys);
    search::register_routes(router, search, *search_index, indexer);
    actions::register_routes(router, actions, scheduler, *pool, action_logs, action_secrets, artifacts);
    api::register_actions_routes(router, repos, actions, *pool, action_logs, action_secrets, artifacts);
    actions::register_runner_routes(router, runners, scheduler, artifacts, repos, *pool);
    workspaces::register_routes(router, workspaces, workspace_proxy);
    api::register_codespace_routes(router, workspaces);
    if (mode == Mode::print_routes) {
        std::vector<const http::Route*> all;
        for (const auto& route : router.routes()) all.push_back(&route);
        std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) { return a->pattern < b->pattern; });
        for (const auto* route : all)
            std::printf("%-7s %-72s %s\n", route->method.c_str(), route->pattern.c_str(), auth::need_name(route->need));
        return 0;
    }
    http::Dispatcher dispatcher(std::move(router), repos::make_gate(auth::make_gate(accounts), repos));

    http::Server server(*config, dispatcher, threads);
    auto port = server.listen();
    if (!port) return refuse(port.error().message);
    std::optional<ssh::Server> ssh_server;
    if (config->ssh_port != 0) {
        auto ssh_port = ssh_server.emplace(*config, keys, git_backend).listen();
        if (!ssh_port) return refuse(ssh_port.error().message);
        spdlog::info("git over SSH on {}:{}", config->host, *ssh_port);
        ssh_server->start();
    }
    auto workspaces_port = workspace_proxy.listen(*port);
    if (!workspaces_port) return refuse(workspaces_port.error().message);
    spdlog::info("Skyscape Workspace {} listening on http://{}:{}{}/ (data in {})", SKYSCAPE_VERSION, config->host,
                 *port, config->prefix, config->data_dir.string());
    spdlog::info("workspaces on http://{}:{}/", config->host, *workspaces_port);
    bus.start();
    outbox.start();
    indexer.start();
    scheduler.start();
    actions.start();
    workspaces.start(*port);
    workspace_proxy.start();
    server.run();
    workspace_proxy.stop();
    workspaces.stop();
    if (ssh_server) ssh_server->stop(std::chrono::seconds(10));
    bus.stop();
    outbox.stop();
    indexer.stop();
    actions.stop();
    scheduler.stop();
    spdlog::info("stopped");
    return 0;
}

}  // namespace

int serve() { return run(Mode::serve); }

int print_routes() {
    std::string scratch = (std::filesystem::temp_directory_path() / "skyscape-routes-XXXXXX").string();
    if (!mkdtemp(scratch.data())) return refuse("no scratch directory for the routes");
    setenv("DATA_DIR", scratch.c_str(), 1);
    spdlog::set_level(spdlog::level::warn);
    int code = run(Mode::print_routes);
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    return code;
}

}  // namespace app

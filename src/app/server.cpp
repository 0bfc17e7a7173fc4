#include "app/server.hpp"

#include <soci/soci-backend.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "admin/routes.hpp"
#include "api/routes.hpp"
#include "auth/gate.hpp"
#include "auth/routes.hpp"
#include "auth/service.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "db/pool.hpp"
#include "home/routes.hpp"
#include "http/assets.hpp"
#include "http/render.hpp"
#include "http/server.hpp"
#include "settings/routes.hpp"

namespace app {
namespace {

constexpr int kBadConfig = 2;

int refuse(const std::string& message) {
    std::fprintf(stderr, "workspace: %s\n", message.c_str());
    return kBadConfig;
}

}  // namespace

int serve() {
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

    http::assets::load();
    http::load_views(*config);

    auth::Accounts accounts(*pool, *config);
    http::Router router;
    home::register_routes(router, accounts, *pool);
    auth::register_routes(router, accounts);
    settings::register_routes(router, accounts);
    admin::register_routes(router, accounts);
    api::register_routes(router, accounts);
    http::Dispatcher dispatcher(std::move(router), auth::make_gate(accounts));

    http::Server server(*config, dispatcher, threads);
    auto port = server.listen();
    if (!port) return refuse(port.error().message);
    spdlog::info("Skyscape Workspace {} listening on http://{}:{}{}/ (data in {})", SKYSCAPE_VERSION, config->host,
                 *port, config->prefix, config->data_dir.string());
    server.run();
    spdlog::info("stopped");
    return 0;
}

}  // namespace app

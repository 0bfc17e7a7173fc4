#include "home/routes.hpp"

#include <nlohmann/json.hpp>

#include "auth/service.hpp"
#include "db/pool.hpp"
#include "http/assets.hpp"
#include "http/render.hpp"
#include "http/router.hpp"

namespace home {

using auth::Need;

void register_routes(http::Router& r, auth::Accounts& accounts, db::Pool& pool) {
    r.get("/", Need::user, [&accounts](http::Request& req) {
        http::Page page("home/dashboard.tpl", "Dashboard");
        auto user = accounts.user(req.actor.user_id);
        page.dict().SetValue("USERNAME", req.actor.username);
        page.dict().SetValue("JOINED", user ? http::time_ago(user->created_at) : "");
        http::show_if(page.dict(), "SITE_ADMIN", req.actor.is_admin);
        return http::render(req, page);
    });

    r.get("/health", Need::none, [&pool](http::Request&) {
        bool db = db::ping(pool);
        return http::json(db ? 200 : 503, {{"status", db ? "ok" : "degraded"},
                                           {"db", db ? "ok" : "unavailable"},
                                           {"version", SKYSCAPE_VERSION}});
    });

    r.get("/static/{file}", Need::none, http::assets::serve);
    // Browsers ask for it on pages without a <link rel="icon">: raw files, for one.
    r.get("/favicon.ico", Need::none, [](http::Request& req) {
        req.params["file"] = "favicon.svg";
        return http::assets::serve(req);
    });
}

}  // namespace home

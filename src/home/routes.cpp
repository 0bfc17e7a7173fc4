#include "home/routes.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "auth/service.hpp"
#include "db/pool.hpp"
#include "http/assets.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace home {

using auth::Need;

void register_routes(http::Router& r, auth::Accounts& accounts, db::Pool& pool, repos::Service& repos) {
    // The caller's repositories (theirs, their organizations' and those shared with them), by
    // owner when ?owner= picks one, and their organizations.
    r.get("/", Need::user, [&accounts, &repos](http::Request& req) {
        http::Page page("home/dashboard.tpl", "Dashboard");
        auto& dict = page.dict();
        auto user = accounts.user(req.actor.user_id);
        dict.SetValue("USERNAME", req.actor.username);
        dict.SetValue("JOINED", user ? http::time_ago(user->created_at) : "");
        http::show_if(dict, "SITE_ADMIN", req.actor.is_admin);
        auto owner = req.query_or("owner", "");
        std::set<std::string> owners;
        int shown = 0;
        for (const auto& repo : repos.collaborating(req.actor)) {
            owners.insert(repo.owner);
            if (!owner.empty() && repo.owner != owner) continue;
            repos::set_repo(*dict.AddSectionDictionary("REPO"), repo);
            ++shown;
        }
        http::show_if(dict, shown ? "HAS_REPOS" : "NO_REPOS", true);
        for (const auto& name : owners) {
            auto* option = dict.AddSectionDictionary("OWNER_FILTER");
            option->SetValue("VALUE", name);
            http::show_if(*option, "SELECTED", name == owner);
        }
        auto mine = repos.creatable_owners(req.actor);
        for (std::size_t i = 1; i < mine.size(); ++i) dict.AddSectionDictionary("ORG")->SetValue("ORG_NAME", mine[i]);
        http::show_if(dict, "HAS_ORGS", mine.size() > 1);
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

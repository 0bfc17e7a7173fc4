#include "stars/routes.hpp"

#include <ctemplate/template.h>
#include <nlohmann/json.hpp>

#include "api/github.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"
#include "stars/store.hpp"

namespace stars {
namespace {

using auth::Need;
using nlohmann::json;

// templates/stars/star.tpl: the repository header's Star / Unstar button.
http::Response star_button(http::Request& req, db::Pool& pool) {
    ctemplate::TemplateDictionary dict("star");
    dict.SetValue("STAR_URL", repos::url(req, *req.repo) + "/star");
    dict.SetIntValue("STARS", store::count(pool, req.repo->id));
    http::show_if(dict, store::starred(pool, req.repo->id, req.actor.user_id) ? "STARRED" : "NOT_STARRED", true);
    return http::render_fragment(req, "stars/star.tpl", dict);
}

http::Response no_content() { return http::Response{204, "application/json", "", {}}; }

}  // namespace

void register_routes(http::Router& r, db::Pool& pool, repos::Service& repos) {
    r.get("/{owner}/{repo}/star", Need::repo_read, [&pool](http::Request& req) {
        if (!req.actor.signed_in()) return http::error_page(req, 401, "Sign in to star repositories.");
        return star_button(req, pool);
    });
    r.post("/{owner}/{repo}/star", Need::repo_read, [&pool](http::Request& req) {
        if (!req.actor.signed_in()) return http::redirect(req, "/signin");
        bool on = req.form_or("star") == "1";
        store::set_starred(pool, req.repo->id, req.actor.user_id, on);
        if (req.is_htmx()) return star_button(req, pool);
        auto res = http::redirect(req, "/" + req.repo->full_name());
        http::flash(res, req, "success", (on ? "You starred " : "You unstarred ") + req.repo->full_name() + ".");
        return res;
    });

    // GitHub's: 204 when the caller starred it, 404 when not.
    r.get("/api/v1/user/starred/{owner}/{repo}", Need::api_repo_read, [&pool](http::Request& req) {
        if (!store::starred(pool, req.repo->id, req.actor.user_id)) return http::json_error(404, "Not starred.");
        return no_content();
    });
    r.add("PUT", "/api/v1/user/starred/{owner}/{repo}", Need::api_repo_read, [&pool](http::Request& req) {
        store::set_starred(pool, req.repo->id, req.actor.user_id, true);
        return no_content();
    });
    r.del("/api/v1/user/starred/{owner}/{repo}", Need::api_repo_read, [&pool](http::Request& req) {
        store::set_starred(pool, req.repo->id, req.actor.user_id, false);
        return no_content();
    });
    // The caller's stars, newest first, among the repositories they may still read.
    r.get("/api/v1/user/starred", Need::api, [&pool, &repos](http::Request& req) {
        json list = json::array();
        for (const auto& id : store::starred_by(pool, req.actor.user_id))
            if (auto access = repos.access(req.actor, id)) list.push_back(api::github::repo_json(req, access->repo));
        return http::json(200, list);
    });
    r.get("/api/v1/repos/{owner}/{repo}/stargazers", Need::api_repo_read, [&pool](http::Request& req) {
        json list = json::array();
        for (const auto& name : store::stargazers(pool, req.repo->id)) list.push_back({{"login", name}});
        return http::json(200, list);
    });
}

}  // namespace stars

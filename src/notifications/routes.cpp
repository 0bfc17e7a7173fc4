#include "notifications/routes.hpp"

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "notifications/service.hpp"
#include "notifications/store.hpp"
#include "repos/service.hpp"

namespace notifications {
namespace {

using auth::Need;

constexpr std::int64_t kPerPage = 50;

std::string thread_path(const store::Notification& n) {
    return "/" + n.repo + (n.is_pull ? "/pull/" : "/issues/") + std::to_string(n.number);
}

// templates/notifications/watch.tpl: the repository header's Watch / Unwatch button.
http::Response watch_button(http::Request& req, db::Pool& pool) {
    ctemplate::TemplateDictionary dict("watch");
    dict.SetValue("WATCH_URL", repos::url(req, *req.repo) + "/watch");
    dict.SetIntValue("WATCHERS", store::watcher_count(pool, req.repo->id));
    http::show_if(dict, store::watching(pool, req.repo->id, req.actor.user_id) ? "WATCHING" : "NOT_WATCHING", true);
    return http::render_fragment(req, "notifications/watch.tpl", dict);
}

// What the routes share.
struct Routes {
    db::Pool& pool;
    Service& notifications;
};

http::Response list(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& notifications = routes.notifications;
    http::Page page("notifications/list.tpl", "Notifications");
    auto& dict = page.dict();
    auto items = notifications.inbox(req.actor, kPerPage, 0);
    for (const auto& n : items) {
        auto* row = dict.AddSectionDictionary("ITEM");
        row->SetValue("URL", req.config->prefix + "/notifications/" + std::to_string(n.id));
        row->SetValue("TITLE", n.title);
        row->SetValue("WHERE", n.repo + (n.is_pull ? " · pull request #" : " · issue #") + std::to_string(n.number));
        row->SetValue("WHY", describe(n.reason, n.actor));
        row->SetValue("WHEN", http::time_ago(n.updated_at));
        http::show_if(*row, "UNREAD", n.unread);
    }
    http::show_if(dict, "NONE", items.empty());
    dict.SetValue("READ_ALL_URL", req.config->prefix + "/notifications/read-all");
    if (!req.config->smtp_url.empty()) {
        auto* email = dict.AddSectionDictionary("EMAIL");
        email->SetValue("EMAIL_URL", req.config->prefix + "/notifications/email");
        http::show_if(*email, store::wants_email(pool, req.actor.user_id) ? "EMAIL_ON" : "EMAIL_OFF", true);
    }
    return http::render(req, page);
}

http::Response count(Routes& routes, http::Request& req) {
    auto& notifications = routes.notifications;
    ctemplate::TemplateDictionary dict("count");
    if (auto n = notifications.unread_count(req.actor); n > 0)
        dict.SetValueAndShowSection("COUNT", n > 99 ? "99+" : std::to_string(n), "UNREAD");
    return http::render_fragment(req, "notifications/count.tpl", dict);
}

http::Response set_email(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    bool on = req.form_or("email") == "on";
    store::set_wants_email(pool, req.actor.user_id, on);
    auto res = http::redirect(req, "/notifications");
    http::flash(res, req, "success", on ? "You will get notifications by email too." : "No more notification email.");
    return res;
}

http::Response read_all(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    store::mark_all_read(pool, req.actor.user_id);
    return http::redirect(req, "/notifications");
}

http::Response watch_button(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    if (!req.actor.signed_in()) return http::error_page(req, 401, "Sign in to watch repositories.");
    return watch_button(req, pool);
}

http::Response watch(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    if (!req.actor.signed_in()) return http::redirect(req, "/signin");
    bool on = req.form_or("watch") == "1";
    store::set_watching(pool, req.repo->id, req.actor.user_id, on);
    if (req.is_htmx()) return watch_button(req, pool);
    auto res = http::redirect(req, "/" + req.repo->full_name());
    http::flash(res, req, "success", on ? "You are watching " + req.repo->full_name() + "." : "You no longer watch " + req.repo->full_name() + ".");
    return res;
}

http::Response open_one(Routes& routes, http::Request& req) {
    auto& pool = routes.pool;
    auto& notifications = routes.notifications;
    auto id = http::parse_number(req.params["id"]);
    auto n = id ? notifications.find(req.actor, *id) : std::nullopt;
    if (!n) return http::error_page(req, 404, "There is no such notification.");
    store::mark_read(pool, req.actor.user_id, n->id);
    return http::redirect(req, thread_path(*n));
}

}  // namespace

void register_routes(http::Router& r, db::Pool& pool, Service& notifications) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"GET", "/notifications", Need::user, list},
        {"GET", "/notifications/count", Need::user, count},
        {"POST", "/notifications/email", Need::user, set_email},
        {"POST", "/notifications/read-all", Need::user, read_all},
        {"GET", "/{owner}/{repo}/watch", Need::repo_read, watch_button},
        {"POST", "/{owner}/{repo}/watch", Need::repo_read, watch},
        {"GET", "/notifications/{id}", Need::user, open_one},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{pool, notifications}), kRoutes);
}

}  // namespace notifications

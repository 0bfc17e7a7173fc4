#include "admin/routes.hpp"

#include "auth/service.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "orgs/service.hpp"

namespace admin {
namespace {

using auth::Need;

std::int64_t user_id_param(http::Request& req) { return std::atoll(req.params["user_id"].c_str()); }

// Runs a user change and returns to the user list with its outcome as a flash message.
http::Response after_change(http::Request& req, const core::Status& done, const std::string& success) {
    if (!done && done.error().code == core::Errc::not_found) return http::error_page(req, done.error());
    auto res = http::redirect(req, "/admin/users");
    http::flash(res, req, done ? "success" : "error", done ? success : done.error().message);
    return res;
}

}  // namespace

void register_routes(http::Router& r, auth::Accounts& accounts, orgs::Service& orgs) {
    r.get("/admin", Need::site_admin, [](http::Request& req) { return http::redirect(req, "/admin/users"); });

    r.get("/admin/users", Need::site_admin, [&accounts](http::Request& req) {
        http::Page page("admin/users.tpl", "Users");
        page.dict().AddIncludeDictionary("NAV")->SetFilename("admin/nav.tpl");
        for (const auto& user : accounts.users()) {
            auto* row = page.dict().AddSectionDictionary("USER_ROW");
            row->SetIntValue("ID", user.id);
            row->SetValue("USERNAME", user.username);
            row->SetValue("EMAIL", user.email);
            row->SetValue("CREATED", http::time_ago(user.created_at));
            http::show_if(*row, user.is_admin ? "IS_ADMIN" : "NOT_ADMIN", true);
            http::show_if(*row, user.disabled ? "IS_DISABLED" : "IS_ENABLED", true);
            http::show_if(*row, "SELF", user.id == req.actor.user_id);
            http::show_if(*row, "OTHER", user.id != req.actor.user_id);
        }
        return http::render(req, page);
    });

    r.post("/admin/users/{user_id}/admin", Need::site_admin, [&accounts](http::Request& req) {
        bool admin = req.form_or("admin") == "on";
        auto done = accounts.set_admin(req.actor, user_id_param(req), admin);
        return after_change(req, done, admin ? "User is now a site admin." : "Admin rights removed.");
    });

    r.post("/admin/users/{user_id}/disable", Need::site_admin, [&accounts](http::Request& req) {
        bool disabled = req.form_or("disabled") == "on";
        auto done = accounts.set_disabled(req.actor, user_id_param(req), disabled);
        return after_change(req, done, disabled ? "User disabled and signed out everywhere." : "User enabled.");
    });

    r.get("/admin/settings", Need::site_admin, [&accounts, &orgs](http::Request& req) {
        http::Page page("admin/settings.tpl", "Site settings");
        page.dict().AddIncludeDictionary("NAV")->SetFilename("admin/nav.tpl");
        http::show_if(page.dict(), "OPEN_SIGNUP", accounts.open_signup());
        http::show_if(page.dict(), "ORG_CREATION", orgs.anyone_may_create());
        return http::render(req, page);
    });

    r.post("/admin/settings", Need::site_admin, [&accounts, &orgs](http::Request& req) {
        accounts.set_open_signup(req.form_or("open_signup") == "on");
        orgs.set_anyone_may_create(req.form_or("org_creation") == "on");
        auto res = http::redirect(req, "/admin/settings");
        http::flash(res, req, "success", "Site settings saved.");
        return res;
    });
}

}  // namespace admin

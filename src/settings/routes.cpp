#include "settings/routes.hpp"

#include "auth/gate.hpp"
#include "auth/service.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/render.hpp"
#include "http/router.hpp"

namespace settings {
namespace {

using auth::Need;

http::Response account_page(http::Request& req, auth::Accounts& accounts, const std::string& error, unsigned status) {
    http::Page page("settings/account.tpl", "Settings");
    auto& dict = page.dict();
    dict.AddIncludeDictionary("NAV")->SetFilename("settings/nav.tpl");
    dict.SetValue("USERNAME", req.actor.username);
    auto me = accounts.user(req.actor.user_id);
    dict.SetValue("FULL_NAME", me ? me->full_name : "");
    dict.SetValue("BIO", me ? me->bio : "");
    dict.SetValue("WEBSITE", me ? me->website : "");
    auto* avatar = dict.AddIncludeDictionary("AVATAR_FORM");
    avatar->SetFilename("profiles/avatar_form.tpl");
    // A new address each time: a page swapped in by htmx would otherwise show the picture the
    // browser holds in memory, whatever the server says of it.
    avatar->SetValue("VERSION", core::crypto::random_hex(4));
    avatar->SetValue("LOGIN", req.actor.username);
    avatar->SetValue("AVATAR_URL", req.config->prefix + "/settings/avatar");
    http::show_if(*avatar, "HAS_AVATAR", me && !me->avatar.empty());
    if (!error.empty()) page.dict().SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    return http::render(req, page, status);
}

http::Response tokens_page(http::Request& req, auth::Accounts& accounts, const auth::NewToken* created,
                           const std::string& error, unsigned status) {
    http::Page page("settings/tokens.tpl", "Access tokens");
    page.dict().AddIncludeDictionary("NAV")->SetFilename("settings/nav.tpl");
    auto& dict = page.dict();
    if (created) {
        auto* shown = dict.AddSectionDictionary("CREATED");
        shown->SetValue("NAME", created->name);
        shown->SetValue("TOKEN", created->token);
    }
    if (!error.empty()) dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    auto tokens = accounts.tokens(req.actor);
    for (const auto& token : tokens) {
        auto* row = dict.AddSectionDictionary("TOKEN_ROW");
        row->SetIntValue("ID", token.id);
        row->SetValue("NAME", token.name);
        row->SetValue("LAST_EIGHT", token.last_eight);
        row->SetValue("CREATED", http::time_ago(token.created_at));
        row->SetValue("LAST_USED", token.last_used_at ? http::time_ago(*token.last_used_at) : "never");
    }
    http::show_if(dict, tokens.empty() ? "NO_TOKENS" : "HAS_TOKENS", true);
    return http::render(req, page, status);
}

}  // namespace

void register_routes(http::Router& r, auth::Accounts& accounts) {
    r.get("/settings", Need::user, [&accounts](http::Request& req) { return account_page(req, accounts, "", 200); });

    r.post("/settings/password", Need::user, [&accounts](http::Request& req) {
        auto changed = accounts.change_password(req.actor, req.form_or("current_password"), req.form_or("new_password"));
        if (!changed) return account_page(req, accounts, http::explain(req, changed.error()), http::status_of(changed.error().code));
        // Every session of the account was revoked; this browser gets a fresh one.
        auto user = auth::store::User{req.actor.user_id, req.actor.username};
        auto res = http::redirect(req, "/settings");
        res.header("Set-Cookie", http::cookie(req, auth::kSessionCookie, accounts.start_session(user), auth::kSessionSeconds));
        http::flash(res, req, "success", "Password changed. Other browsers and devices have been signed out.");
        return res;
    });

    r.get("/settings/tokens", Need::user,
          [&accounts](http::Request& req) { return tokens_page(req, accounts, nullptr, "", 200); });

    r.post("/settings/tokens", Need::user, [&accounts](http::Request& req) {
        auto created = accounts.create_token(req.actor, req.form_or("name"));
        if (!created) return tokens_page(req, accounts, nullptr, http::explain(req, created.error()), http::status_of(created.error().code));
        return tokens_page(req, accounts, &*created, "", 201);
    });

    r.post("/settings/tokens/{token_id}/delete", Need::user, [&accounts](http::Request& req) {
        std::int64_t id = std::atoll(req.params["token_id"].c_str());
        auto revoked = accounts.revoke_token(req.actor, id);
        if (!revoked) return http::error_page(req, revoked.error());
        auto res = http::redirect(req, "/settings/tokens");
        http::flash(res, req, "success", "Token revoked.");
        return res;
    });
}

}  // namespace settings

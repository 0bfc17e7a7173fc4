#include "profiles/routes.hpp"

#include <nlohmann/json.hpp>

#include "api/github.hpp"
#include "auth/service.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "orgs/service.hpp"
#include "profiles/avatars.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"
#include "stars/store.hpp"

namespace profiles {
namespace {

using auth::Need;
using auth::store::User;

// Routes share what a profile is drawn from.
struct Context {
    db::Pool& pool;
    auth::Accounts& accounts;
    orgs::Service& orgs;
    repos::Service& repos;
    Avatars& avatars;
};

// A base64 data: URL of at most kAvatarLimit bytes, url-encoded: the avatar forms' body limit.
constexpr std::size_t kAvatarFormLimit = 3 * kAvatarLimit;

http::Response profile(Context& c, http::Request& req) {
    auto account = c.accounts.user_by_username(req.params.at("owner"));
    if (!account || account->disabled) return http::error_page(req, 404, "There is no user or organization \"" + req.params.at("owner") + "\".");
    bool stars = !account->is_org && req.query_or("tab", "") == "stars";
    http::Page page("profiles/profile.tpl", account->full_name.empty() ? account->username : account->full_name + " (" + account->username + ")");
    auto& dict = page.dict();
    dict.SetValue("LOGIN", account->username);
    if (!account->full_name.empty()) dict.SetValueAndShowSection("FULL_NAME", account->full_name, "HAS_FULL_NAME");
    if (!account->bio.empty()) dict.SetValueAndShowSection("BIO", account->bio, "HAS_BIO");
    if (!account->website.empty()) dict.SetValueAndShowSection("WEBSITE", account->website, "HAS_WEBSITE");
    http::show_if(dict, account->is_org ? "IS_ORG" : "IS_USER", true);
    http::show_if(dict, stars ? "TAB_STARS" : "TAB_REPOS", true);
    http::show_if(dict, "IS_SELF", account->id == req.actor.user_id);
    if (account->is_org) {
        http::show_if(dict, "CAN_MANAGE", c.orgs.manages(req.actor, *account));
        http::show_if(dict, "SEES_TEAMS", c.orgs.sees_teams(req.actor, *account));
        dict.SetIntValue("MEMBER_COUNT", static_cast<long>(c.orgs.members(*account).size()));
    } else {
        auto names = c.orgs.orgs_of(account->id);
        for (const auto& name : names) dict.AddSectionDictionary("ORG")->SetValue("ORG_NAME", name);
        http::show_if(dict, "HAS_ORGS", !names.empty());
    }
    auto owned = c.repos.readable(req.actor, account->id);
    std::vector<repos::Repo> shown;
    if (stars) {
        for (const auto& id : stars::store::starred_by(c.pool, account->id))
            if (auto access = c.repos.access(req.actor, id)) shown.push_back(access->repo);
    } else {
        shown = owned;
    }
    dict.SetIntValue("REPO_COUNT", static_cast<long>(owned.size()));
    for (const auto& repo : shown) repos::set_repo(*dict.AddSectionDictionary("REPO"), repo);
    http::show_if(dict, shown.empty() ? "NO_REPOS" : "HAS_REPOS", true);
    dict.SetValue("EMPTY", stars ? account->username + " has not starred any repository yet." : account->username + " has no repositories yet.");
    return http::render(req, page);
}

http::Response avatar(Context& c, http::Request& req) {
    auto name = req.params.at("username");
    auto account = c.accounts.user_by_username(name);
    auto uploaded = account ? c.avatars.read(*account) : std::nullopt;
    http::Response res;
    if (uploaded) {
        res.body = std::move(uploaded->first);
        res.content_type = uploaded->second;
    } else {
        res.body = identicon(account ? account->username : name);
        res.content_type = "image/svg+xml";
    }
    res.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    // Kept by the browser but asked again each time, so a new picture shows at once.
    return http::revalidated(req, std::move(res));
}

// The avatar forms post {action: upload|remove, image: a data: URL}.
http::Response change_avatar(Context& c, http::Request& req, const User& account, const std::string& back) {
    core::Status done;
    if (req.form_or("action") == "remove") {
        c.avatars.remove(account);
    } else {
        done = c.avatars.upload(account, req.form_or("image"));
    }
    auto res = http::redirect(req, back);
    http::flash(res, req, done ? "success" : "error", done ? "Avatar saved." : http::explain(req, done.error()));
    return res;
}

http::Response my_avatar(Context& c, http::Request& req) {
    auto me = c.accounts.user(req.actor.user_id);
    return change_avatar(c, req, *me, "/settings");
}

http::Response my_profile(Context& c, http::Request& req) {
    auto done = c.accounts.set_profile(req.actor.user_id, req.form_or("full_name"), req.form_or("bio"), req.form_or("website"));
    auto res = http::redirect(req, "/settings");
    http::flash(res, req, done ? "success" : "error", done ? "Profile saved." : done.error().message);
    return res;
}

http::Response org_avatar(Context& c, http::Request& req) {
    auto org = c.orgs.find(req.params.at("org"));
    if (!org) return http::error_page(req, 404, "There is no organization \"" + req.params.at("org") + "\".");
    if (!c.orgs.manages(req.actor, *org)) return http::error_page(req, 403, "Only owners of " + org->username + " can do that.");
    return change_avatar(c, req, *org, "/orgs/" + org->username + "/settings");
}

// Gitea's {"image": base64}.
http::Response api_avatar(Context& c, http::Request& req, const User& account) {
    auto body = api::github::body_object(req);
    auto image = body ? api::github::text(*body, "image") : std::nullopt;
    if (!image) return http::json_error(400, "Send JSON {\"image\": \"<base64 of a PNG, JPEG, GIF or WebP>\"}.");
    auto done = c.avatars.upload(account, *image);
    if (!done) return api::github::error(done.error());
    return http::Response{204, "application/json", "", {}};
}

http::Response api_my_avatar(Context& c, http::Request& req) { return api_avatar(c, req, *c.accounts.user(req.actor.user_id)); }

http::Response api_my_avatar_delete(Context& c, http::Request& req) {
    c.avatars.remove(*c.accounts.user(req.actor.user_id));
    return http::Response{204, "application/json", "", {}};
}

http::Response api_org_avatar(Context& c, http::Request& req) {
    auto org = c.orgs.find(req.params.at("org"));
    if (!org) return http::json_error(404, "There is no organization \"" + req.params.at("org") + "\".");
    if (!c.orgs.manages(req.actor, *org)) return http::json_error(403, "Only owners of " + org->username + " can do that.");
    if (req.raw.method() == boost::beast::http::verb::delete_) {
        c.avatars.remove(*org);
        return http::Response{204, "application/json", "", {}};
    }
    return api_avatar(c, req, *org);
}

}  // namespace

void register_routes(http::Router& r, db::Pool& pool, auth::Accounts& accounts, orgs::Service& orgs, repos::Service& repos,
                     Avatars& avatars) {
    static constexpr http::Entry<Context> kRoutes[] = {
        {"GET", "/{owner}", Need::none, profile},
        {"GET", "/avatars/{username}", Need::none, avatar},
        {"POST", "/settings/profile", Need::user, my_profile},
        {"POST", "/settings/avatar", Need::user, my_avatar, kAvatarFormLimit},
        {"POST", "/orgs/{org}/settings/avatar", Need::user, org_avatar, kAvatarFormLimit},
        {"POST", "/api/v1/user/avatar", Need::api, api_my_avatar, kAvatarFormLimit},
        {"DELETE", "/api/v1/user/avatar", Need::api, api_my_avatar_delete},
        {"POST", "/api/v1/orgs/{org}/avatar", Need::api, api_org_avatar, kAvatarFormLimit},
        {"DELETE", "/api/v1/orgs/{org}/avatar", Need::api, api_org_avatar},
    };
    http::add_all(r, std::make_shared<Context>(Context{pool, accounts, orgs, repos, avatars}), kRoutes);
}

}  // namespace profiles

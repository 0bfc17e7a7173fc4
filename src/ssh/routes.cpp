#include "ssh/routes.hpp"

#include <nlohmann/json.hpp>

#include "http/render.hpp"
#include "http/router.hpp"
#include "ssh/keys.hpp"

namespace ssh {
namespace {

using auth::Need;
using nlohmann::json;

http::Response keys_page(http::Request& req, Keys& keys, const std::string& error, unsigned status) {
    http::Page page("settings/keys.tpl", "SSH keys");
    page.dict().AddIncludeDictionary("NAV")->SetFilename("settings/nav.tpl");
    auto& dict = page.dict();
    if (!error.empty()) {
        dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
        dict.SetValue("FORM_TITLE", req.form_or("title"));
        dict.SetValue("FORM_KEY", req.form_or("key"));
    }
    auto list = keys.list(req.actor);
    for (const auto& key : list) {
        auto* row = dict.AddSectionDictionary("KEY_ROW");
        row->SetIntValue("ID", key.id);
        row->SetValue("TITLE", key.title);
        row->SetValue("FINGERPRINT", key.fingerprint);
        row->SetValue("CREATED", http::time_ago(key.created_at));
        row->SetValue("LAST_USED", key.last_used_at ? http::time_ago(*key.last_used_at) : "never");
    }
    http::show_if(dict, list.empty() ? "NO_KEYS" : "HAS_KEYS", true);
    return http::render(req, page, status);
}

json key_json(const StoredKey& key) {
    return {{"id", key.id}, {"title", key.title}, {"fingerprint", key.fingerprint}, {"created_at", key.created_at}};
}

}  // namespace

void register_routes(http::Router& r, Keys& keys) {
    r.get("/settings/keys", Need::user, [&keys](http::Request& req) { return keys_page(req, keys, "", 200); });

    r.post("/settings/keys", Need::user, [&keys](http::Request& req) {
        auto added = keys.add(req.actor, req.form_or("title"), req.form_or("key"));
        if (!added) return keys_page(req, keys, http::explain(req, added.error()), http::status_of(added.error().code));
        auto res = http::redirect(req, "/settings/keys");
        http::flash(res, req, "success", "Key " + added->fingerprint + " added.");
        return res;
    });

    r.post("/settings/keys/{key_id}/delete", Need::user, [&keys](http::Request& req) {
        auto removed = keys.remove(req.actor, std::atoll(req.params["key_id"].c_str()));
        if (!removed) return http::error_page(req, removed.error());
        auto res = http::redirect(req, "/settings/keys");
        http::flash(res, req, "success", "Key removed.");
        return res;
    });

    r.post("/api/v1/user/keys", Need::api, [&keys](http::Request& req) {
        auto body = json::parse(req.raw.body(), nullptr, false);
        auto field = [&](const char* name) {
            auto it = body.is_object() ? body.find(name) : body.end();
            return it != body.end() && it->is_string() ? it->get<std::string>() : "";
        };
        if (!body.is_object()) return http::json_error(400, "Send JSON {\"title\": \"…\", \"key\": \"ssh-ed25519 …\"}.");
        auto added = keys.add(req.actor, field("title"), field("key"));
        if (!added) return http::json_error(added.error());
        return http::json(201, key_json(*added));
    });

    r.get("/api/v1/user/keys", Need::api, [&keys](http::Request& req) {
        json list = json::array();
        for (const auto& key : keys.list(req.actor)) list.push_back(key_json(key));
        return http::json(200, list);
    });

    r.del("/api/v1/user/keys/{key_id}", Need::api, [&keys](http::Request& req) {
        auto removed = keys.remove(req.actor, std::atoll(req.params["key_id"].c_str()));
        if (!removed) return http::json_error(removed.error());
        return http::Response{204, "application/json", "", {}};
    });
}

}  // namespace ssh

#include "workspaces/routes.hpp"

#include "auth/gate.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "workspaces/proxy.hpp"
#include "workspaces/service.hpp"

namespace workspaces {
namespace {

using auth::Need;

struct Context {
    Service& service;
    Proxy& proxy;
};

void fill(ctemplate::TemplateDictionary& dict, const Workspace& w) {
    dict.SetValue("ID", w.id);
    dict.SetValue("FULL_NAME", w.full_name());
    dict.SetValue("REF", w.ref);
    dict.SetValue("STATE", std::string(state_name(w.state)));
    dict.SetValue("MESSAGE", w.message);
    dict.SetValue("LAST_USED", http::time_ago(w.last_used_at));
    dict.SetValue("CREATED", http::time_ago(w.created_at));
    dict.SetValue("DISK", w.disk_bytes >= (1 << 20) ? std::to_string(w.disk_bytes >> 20) + " MB" : std::to_string(w.disk_bytes >> 10) + " KB");
    const char* badge = w.state == State::available ? "badge-success" : w.state == State::failed ? "badge-error" : w.active() ? "badge-info" : "badge-ghost";
    dict.SetValue("BADGE", badge);
    http::show_if(dict, "RUNNING", w.active());
    http::show_if(dict, "STOPPED", !w.active());
    http::show_if(dict, "PROGRESSING", w.active() && w.state != State::available);
    http::show_if(dict, "FAILED", w.state == State::failed);
    http::show_if(dict, "RESUMABLE", !w.active() && w.state != State::failed);
}

// The IDE on the workspaces' origin, entered with a one-time code for this browser's session.
http::Response hand_off(Context& c, http::Request& req, const Workspace& w) {
    auto code = c.service.passes().mint({w.id, req.actor.user_id, req.cookie(auth::kSessionCookie).value_or("")});
    http::Response res;
    res.status = 303;
    res.header("Location", c.proxy.ide_url(req, w.id) + "_skyscape/handoff?code=" + code);
    res.header("Cache-Control", "no-store");
    res.header("Referrer-Policy", "no-referrer");
    return res;
}

http::Response open(Context& c, http::Request& req) {
    auto w = c.service.open(req.actor, *req.repo, req.form_or("ref"));
    if (!w) return http::error_page(req, w.error());
    return http::redirect(req, "/coder/" + w->id + "/");
}

http::Response list(Context& c, http::Request& req) {
    http::Page page("workspaces/list.tpl", "Workspaces");
    auto& dict = page.dict();
    auto all = c.service.list(req.actor);
    for (const auto& w : all) fill(*dict.AddSectionDictionary("WORKSPACE"), w);
    http::show_if(dict, all.empty() ? "NONE" : "SOME", true);
    if (auto why = c.service.unavailable(); !why.empty()) dict.SetValueAndShowSection("UNAVAILABLE", why, "HAS_UNAVAILABLE");
    return http::render(req, page);
}

http::Response progress(Context& c, http::Request& req) {
    auto w = c.service.get(req.actor, req.params["id"]);
    if (!w) return http::error_page(req, w.error());
    if (!w->active() && w->state != State::failed) {
        auto started = c.service.resume(req.actor, w->id);
        if (!started) return http::error_page(req, started.error());
        w = started;
    }
    if (w->state == State::available) return hand_off(c, req, *w);
    http::Page page("workspaces/progress.tpl", w->full_name() + " · workspace");
    fill(page.dict(), *w);
    auto* status = page.dict().AddIncludeDictionary("STATUS");
    status->SetFilename("workspaces/status.tpl");
    fill(*status, *w);
    return http::render(req, page);
}

http::Response status(Context& c, http::Request& req) {
    auto w = c.service.get(req.actor, req.params["id"]);
    if (!w) return http::error_page(req, w.error());
    ctemplate::TemplateDictionary dict("status");
    fill(dict, *w);
    auto res = http::render_fragment(req, "workspaces/status.tpl", dict);
    if (w->state == State::available) res.header("HX-Redirect", req.config->prefix + "/coder/" + w->id + "/");
    return res;
}

http::Response act(Context& c, http::Request& req, std::string_view action) {
    auto id = req.params["id"];
    core::Result<Workspace> done = tl::unexpected(core::Error{core::Errc::invalid, ""});
    if (action == "start") done = c.service.resume(req.actor, id);
    if (action == "stop") done = c.service.shut_down(req.actor, id);
    if (action == "rebuild") done = c.service.rebuild(req.actor, id);
    if (!done) return http::error_page(req, done.error());
    auto res = http::redirect(req, action == "stop" ? "/workspaces" : "/coder/" + id + "/");
    if (action == "stop") http::flash(res, req, "success", "Workspace " + id + " stopped; its files are kept.");
    return res;
}

http::Response start(Context& c, http::Request& req) { return act(c, req, "start"); }
http::Response stop(Context& c, http::Request& req) { return act(c, req, "stop"); }
http::Response rebuild(Context& c, http::Request& req) { return act(c, req, "rebuild"); }

http::Response remove(Context& c, http::Request& req) {
    auto id = req.params["id"];
    if (auto removed = c.service.remove(req.actor, id); !removed) return http::error_page(req, removed.error());
    auto res = http::redirect(req, "/workspaces");
    http::flash(res, req, "success", "Workspace " + id + " is being deleted; what it had not pushed goes to refs/workspaces/" + id + "/ first.");
    return res;
}

}  // namespace

void register_routes(http::Router& r, Service& service, Proxy& proxy) {
    static constexpr http::Entry<Context> kRoutes[] = {
        {"POST", "/{owner}/{repo}/workspaces", Need::repo_write, open},
        {"GET", "/workspaces", Need::user, list},
        {"POST", "/workspaces/{id}/start", Need::user, start},
        {"POST", "/workspaces/{id}/stop", Need::user, stop},
        {"POST", "/workspaces/{id}/rebuild", Need::user, rebuild},
        {"POST", "/workspaces/{id}/delete", Need::user, remove},
        {"GET", "/coder/{id}", Need::user, progress},
        {"GET", "/coder/{id}/", Need::user, progress},
        {"GET", "/coder/{id}/status", Need::user, status},
    };
    http::add_all(r, std::make_shared<Context>(Context{service, proxy}), kRoutes);
}

}  // namespace workspaces

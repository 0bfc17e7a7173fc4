#include "http/render.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "http/assets.hpp"
#include "http/csrf.hpp"
#include "http/request.hpp"

namespace http {
namespace {

constexpr auto kStrip = ctemplate::STRIP_BLANK_LINES;
const char* const kLayout = "layout/page.tpl";

const char* reason(unsigned status) {
    switch (status) {
        case 400: return "Bad request";
        case 401: return "Sign-in required";
        case 403: return "Forbidden";
        case 404: return "Not found";
        case 405: return "Method not allowed";
        case 409: return "Conflict";
        case 413: return "Request too large";
        case 429: return "Too many requests";
        default: return "Something went wrong";
    }
}

std::string expand(const std::string& tpl, const ctemplate::TemplateDictionary& dict) {
    std::string out;
    if (!ctemplate::ExpandTemplate(tpl, kStrip, &dict, &out)) throw std::runtime_error("template failed: " + tpl);
    return out;
}

// The flash cookie holds "kind|message"; it is shown once and cleared by the same response.
void take_flash(Request& req, ctemplate::TemplateDictionary& root) {
    auto value = req.cookie("skyscape_flash");
    if (!value) return;
    req.pending_cookies.push_back(cookie(req, "skyscape_flash", "", 0));
    auto decoded = core::crypto::base64url_decode(*value);
    if (!decoded) return;
    auto bar = decoded->find('|');
    if (bar == std::string::npos) return;
    std::string kind = decoded->substr(0, bar);
    auto* flash = root.AddSectionDictionary("FLASH");
    flash->SetValue("KIND", kind == "error" ? "alert-error" : kind == "warning" ? "alert-warning" : "alert-success");
    flash->SetValue("MESSAGE", decoded->substr(bar + 1));
}

}  // namespace

void load_views(const core::Config& config) {
    for (const auto& file : embedded::templates()) {
        std::string name(file.name);
        if (!ctemplate::StringToTemplateCache(name, std::string(file.data), kStrip))
            throw std::runtime_error("template does not parse: " + name);
    }
    ctemplate::TemplateDictionary::SetGlobalValue("P", config.prefix);
    ctemplate::TemplateDictionary::SetGlobalValue("VERSION", SKYSCAPE_VERSION);
    ctemplate::TemplateDictionary::SetGlobalValue("CSS_URL", config.prefix + assets::url("app.css"));
    ctemplate::TemplateDictionary::SetGlobalValue("APP_JS_URL", config.prefix + assets::url("app.js"));
    ctemplate::TemplateDictionary::SetGlobalValue("HTMX_URL", config.prefix + assets::url("htmx.min.js"));
    ctemplate::TemplateDictionary::SetGlobalValue("PRISM_URL", config.prefix + assets::url("prism.js"));
    ctemplate::TemplateDictionary::SetGlobalValue("ALPINE_URL", config.prefix + assets::url("alpine.min.js"));
    ctemplate::TemplateDictionary::SetGlobalValue("FAVICON_URL", config.prefix + assets::url("favicon.svg"));
}

Page::Page(std::string tpl, std::string title) : root_(std::make_unique<ctemplate::TemplateDictionary>("page")) {
    root_->SetValue("TITLE", title);
    body_ = root_->AddIncludeDictionary("BODY");
    body_->SetFilename(tpl);
}

Response render(Request& req, Page& page, unsigned status) {
    auto& root = page.layout();
    root.SetTemplateGlobalValue("CSRF", csrf::token(req));
    bool dark = req.cookie("skyscape_theme") == "dark";
    root.SetValue("THEME", dark ? "dark" : req.config->theme);
    root.SetValue("THEME_DEFAULT", req.config->theme);
    show_if(root, "DARK", dark);
    if (req.actor.signed_in()) {
        auto* user = root.AddSectionDictionary("USER");
        user->SetValue("USERNAME", req.actor.username);
        show_if(*user, "SITE_ADMIN", req.actor.is_admin);
    } else {
        root.ShowSection("ANONYMOUS");
    }
    take_flash(req, root);
    Response res{status, "text/html; charset=utf-8", expand(kLayout, root), {}};
    for (const auto& c : req.pending_cookies) res.header("Set-Cookie", c);
    res.header("Cache-Control", "no-store");
    return res;
}

Response revalidated(const Request& req, Response res) {
    if (res.status != 200) return res;
    auto tag = "\"" + core::crypto::fingerprint_hex(res.body) + "\"";
    std::erase_if(res.headers, [](const auto& h) { return h.first == "Cache-Control"; });
    res.header("Cache-Control", "private, no-cache");
    res.header("ETag", tag);
    if (req.header("If-None-Match") == tag) {
        res.status = 304;
        res.body.clear();
    }
    return res;
}

Response render_fragment(Request& req, const std::string& tpl, ctemplate::TemplateDictionary& dict, unsigned status) {
    dict.SetTemplateGlobalValue("CSRF", csrf::token(req));
    Response res{status, "text/html; charset=utf-8", expand(tpl, dict), {}};
    for (const auto& c : req.pending_cookies) res.header("Set-Cookie", c);
    res.header("Cache-Control", "no-store");
    return res;
}

Response error_page(Request& req, unsigned status, const std::string& message) {
    if (req.is_htmx()) {
        ctemplate::TemplateDictionary dict("error");
        dict.SetValue("MESSAGE", message);
        auto res = render_fragment(req, "errors/alert.tpl", dict, status);
        // htmx ignores 4xx bodies unless told where to put them.
        res.header("HX-Retarget", "#flash").header("HX-Reswap", "innerHTML");
        return res;
    }
    Page page("errors/error.tpl", reason(status));
    page.dict().SetIntValue("STATUS", status);
    page.dict().SetValue("REASON", reason(status));
    page.dict().SetValue("MESSAGE", message);
    return render(req, page, status);
}

std::string explain(const Request& req, const core::Error& error) {
    if (error.code != core::Errc::internal) return error.message;
    spdlog::error("{} {} {}: {}", req.request_id, req.method(), req.path, error.message);
    return kInternalMessage;
}

Response error_page(Request& req, const core::Error& error) { return error_page(req, status_of(error.code), explain(req, error)); }

unsigned status_of(core::Errc code) {
    switch (code) {
        case core::Errc::invalid: return 400;
        case core::Errc::unauthorized: return 401;
        case core::Errc::forbidden: return 403;
        case core::Errc::not_found: return 404;
        case core::Errc::conflict: return 409;
        case core::Errc::not_allowed: return 405;
        case core::Errc::too_many: return 429;
        case core::Errc::too_large: return 413;
        case core::Errc::internal: return 500;
    }
    return 500;
}

void show_if(ctemplate::TemplateDictionary& dict, const char* name, bool on) {
    if (on) dict.ShowSection(name);
}

std::string time_ago(std::int64_t unix_seconds) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count();
    auto delta = now - unix_seconds;
    auto plural = [](std::int64_t n, const char* unit) {
        return std::to_string(n) + " " + unit + (n == 1 ? "" : "s") + " ago";
    };
    if (delta < 60) return "just now";
    if (delta < 3600) return plural(delta / 60, "minute");
    if (delta < 86400) return plural(delta / 3600, "hour");
    if (delta < 86400 * 30) return plural(delta / 86400, "day");
    if (delta < 86400 * 365) return plural(delta / (86400 * 30), "month");
    return plural(delta / (86400 * 365), "year");
}

}  // namespace http

#include "auth/routes.hpp"

#include "auth/gate.hpp"
#include "auth/service.hpp"
#include "http/render.hpp"
#include "http/router.hpp"

namespace auth {
namespace {

const char* const kSigninTpl = "auth/signin.tpl";
const char* const kSignupTpl = "auth/signup.tpl";

http::Response signed_in_redirect(http::Request& req, Accounts& accounts, const store::User& user,
                                  const std::string& next) {
    auto res = http::redirect(req, safe_next(next));
    res.header("Set-Cookie", http::cookie(req, kSessionCookie, accounts.start_session(user), kSessionSeconds));
    return res;
}

http::Response signin_form(http::Request& req, const std::string& login, const std::string& error, unsigned status) {
    http::Page page(kSigninTpl, "Sign in");
    page.dict().SetValue("LOGIN", login);
    page.dict().SetValue("NEXT", safe_next(req.form_or("next", req.query_or("next", "/"))));
    if (!error.empty()) page.dict().SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    return http::render(req, page, status);
}

http::Response signup_form(http::Request& req, Accounts& accounts, const std::string& error, unsigned status) {
    http::Page page(kSignupTpl, "Create your account");
    page.dict().SetValue("USERNAME", req.form_or("username"));
    page.dict().SetValue("EMAIL", req.form_or("email"));
    if (!error.empty()) page.dict().SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    bool first = !accounts.has_users();
    http::show_if(page.dict(), "FIRST_USER", first);
    http::show_if(page.dict(), first || accounts.open_signup() ? "OPEN" : "CLOSED", true);
    return http::render(req, page, status);
}

}  // namespace

void register_routes(http::Router& r, Accounts& accounts) {
    r.get("/signin", Need::none, [](http::Request& req) {
        if (req.actor.signed_in()) return http::redirect(req, safe_next(req.query_or("next", "/")));
        return signin_form(req, "", "", 200);
    });

    r.post("/auth/signin", Need::none, [&accounts](http::Request& req) {
        auto login = req.form_or("username");
        auto user = accounts.sign_in(login, req.form_or("password"), req.remote_ip);
        if (!user) return signin_form(req, login, http::explain(req, user.error()), http::status_of(user.error().code));
        return signed_in_redirect(req, accounts, *user, req.form_or("next", "/"));
    });

    r.get("/signup", Need::none, [&accounts](http::Request& req) {
        if (req.actor.signed_in()) return http::redirect(req, "/");
        return signup_form(req, accounts, "", 200);
    });

    r.post("/auth/signup", Need::none, [&accounts](http::Request& req) {
        auto user = accounts.sign_up(req.form_or("username"), req.form_or("email"), req.form_or("password"));
        if (!user) return signup_form(req, accounts, http::explain(req, user.error()), http::status_of(user.error().code));
        return signed_in_redirect(req, accounts, *user, "/");
    });

    r.post("/auth/signout", Need::none, [&accounts](http::Request& req) {
        if (req.actor.signed_in()) accounts.end_session(req.actor.session_id);
        auto res = http::redirect(req, "/signin");
        res.header("Set-Cookie", http::cookie(req, kSessionCookie, "", 0));
        return res;
    });
}

}  // namespace auth

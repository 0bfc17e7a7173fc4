#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

struct Request;

//! What a handler returns; the server adds security headers, Content-Length and keep-alive.
struct Response {
    unsigned status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    //! Adds a header. A name or value holding CR, LF or NUL throws std::invalid_argument (the
    //! request answers 500): Boost 1.74 would write it as is, and a value from a user or a runner
    //! could then add headers or a body of its own.
    Response& header(std::string name, std::string value);
};

//! A Content-Disposition value that downloads as filename (RFC 6266): an ASCII fallback in
//! filename="…" and the exact UTF-8 name in filename*=UTF-8''….
std::string attachment(std::string_view filename);

Response text(unsigned status, std::string body);
Response json(unsigned status, const nlohmann::json& body);
//! {"message": "..."} with the given status, as the JSON API answers errors.
Response json_error(unsigned status, std::string message);
//! An expected failure as the JSON API answers it. An internal one is logged here, once, and
//! answered without its detail (which may name the server's files).
Response json_error(const core::Error& error);

//! A redirect to a path under PREFIX: 303 for plain browsers and scripts, HX-Redirect for htmx.
Response redirect(const Request& req, const std::string& local_path);

//! A redirect to a path under PREFIX for an address that moved: 301 for GET and HEAD, 308 for
//! other methods, which clients repeat with the same method and body; never cached.
Response moved(const Request& req, const std::string& local_path);

//! Sets a one-shot message that the next rendered page shows.
void flash(Response& res, const Request& req, std::string_view kind, std::string_view message);

//! A Set-Cookie value scoped to PREFIX: HttpOnly, SameSite=Lax, Secure over https.
//! max_age < 0 makes a session cookie; 0 deletes it.
std::string cookie(const Request& req, std::string_view name, std::string_view value, long max_age);

}  // namespace http

#pragma once

#include <string>
#include <string_view>

namespace http {
struct Request;
struct Response;
}

//! The embedded files under /static/. Each is also served under a content-hashed name
//! (app.3f2a9c1b.css) that pages link to and that may be cached for a year.
namespace http::assets {

//! Hashes the embedded assets; call once at start-up before url() or serve().
void load();

//! The hashed URL path (without PREFIX) of an embedded asset, e.g. "/static/app.3f2a9c1b.css".
std::string url(std::string_view name);

//! GET /static/{file}: the asset with ETag and If-None-Match → 304.
Response serve(Request& req);

}  // namespace http::assets

#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/stream.hpp"

namespace http {

using Handler = std::function<Response(Request&)>;

constexpr std::size_t kFormBodyLimit = 1 << 20;

struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    auth::Need need;
    Handler handler;         //!< empty for a streaming route
    StreamHandler stream;    //!< set for a streaming route, which has no body limit
    std::size_t body_limit;
};

struct Match {
    const Route* route = nullptr;  //!< null: see allow / bad_path
    Params params;
    std::string allow;     //!< methods the path takes when the method did not match ("GET, HEAD")
    bool bad_path = false; //!< a malformed %-escape or a NUL byte in the path
};

//! Maps method + path to a handler. Patterns are literal segments, `{name}` for one segment and
//! a final `{name...}` for the rest of the path. The most literal pattern wins, so
//! POST /repos/create is never taken for /{owner}/{repo}. HEAD is served by the GET route.
class Router {
public:
    void add(std::string method, std::string pattern, auth::Need need, Handler handler,
             std::size_t body_limit = kFormBodyLimit);
    void get(std::string pattern, auth::Need need, Handler handler) {
        add("GET", std::move(pattern), need, std::move(handler));
    }
    void post(std::string pattern, auth::Need need, Handler handler, std::size_t body_limit = kFormBodyLimit) {
        add("POST", std::move(pattern), need, std::move(handler), body_limit);
    }
    void del(std::string pattern, auth::Need need, Handler handler) {
        add("DELETE", std::move(pattern), need, std::move(handler));
    }
    //! A route whose handler reads the body as a stream (no size limit) and may stream its answer.
    //! The gate runs before any of the body is read.
    void stream(std::string method, std::string pattern, auth::Need need, StreamHandler handler);

    //! path is the undecoded path below PREFIX; parameters come back decoded.
    Match match(std::string_view method, std::string_view path) const;

    //! Every route, in the order they were added.
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

//! One line of a domain's route table: a named handler taking what the domain's routes share
//! (its service, or a struct of several) and the request.
template <class Context>
struct Entry {
    const char* method;
    const char* pattern;
    auth::Need need;
    Response (*handler)(Context&, Request&);
    std::size_t body_limit = kFormBodyLimit;
};

//! Adds a domain's table of routes, each calling its handler with `context`, which outlives the
//! router (a service).
template <class Context, std::size_t N>
void add_all(Router& router, Context& context, const Entry<Context> (&table)[N]) {
    for (const auto& entry : table)
        router.add(entry.method, entry.pattern, entry.need,
                   [&context, handler = entry.handler](Request& req) { return handler(context, req); }, entry.body_limit);
}

//! The same for a context made for the routes (a struct of the services they share), which
//! they keep alive.
template <class Context, std::size_t N>
void add_all(Router& router, std::shared_ptr<Context> context, const Entry<Context> (&table)[N]) {
    for (const auto& entry : table)
        router.add(entry.method, entry.pattern, entry.need,
                   [context, handler = entry.handler](Request& req) { return handler(*context, req); }, entry.body_limit);
}

}  // namespace http

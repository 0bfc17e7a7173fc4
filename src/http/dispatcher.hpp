#pragma once

#include <functional>
#include <optional>

#include "http/router.hpp"

namespace http {

//! Establishes req.actor and enforces a route's Need (and CSRF on unsafe web methods); returns a
//! response to send instead of calling the handler when the request may not proceed.
using Gate = std::function<std::optional<Response>(Request&, auth::Need)>;

//! Everything between a parsed request and a response: 400/404/405 for requests no route
//! takes, the gate, the handler, and the one catch that turns a bug into a logged 500.
class Dispatcher {
public:
    Dispatcher(Router router, Gate gate) : router_(std::move(router)), gate_(std::move(gate)) {}

    Match match(std::string_view method, std::string_view path) const { return router_.match(method, path); }

    //! Never throws. m must come from match() for this request.
    Response dispatch(Request& req, Match& m) const;

    //! The same for a streaming route: gate, then handler; its Response is sent only if the
    //! handler did not start a streamed one.
    boost::asio::awaitable<Response> dispatch_stream(Request& req, Match& m, BodyStream& body) const;

    //! The error response for a request refused before or instead of its handler: JSON under
    //! /api/, else a page (or fragment for htmx). Never throws.
    Response reject(Request& req, unsigned status, const std::string& message) const;

private:
    Router router_;
    Gate gate_;
};

//! Whether the path belongs to the JSON API, whose errors are JSON rather than pages.
bool is_api_path(std::string_view path);

}  // namespace http

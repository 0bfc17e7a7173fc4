#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <exception>

#include "db/pool.hpp"
#include "http/render.hpp"

namespace http {

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

Response Dispatcher::dispatch(Request& req, Match& m) const {
    try {
        if (m.bad_path) return reject(req, 400, "The address is malformed.");
        if (!m.route && !m.allow.empty()) {
            auto res = reject(req, 405, "This address does not take " + std::string(req.method()) + " requests.");
            return res.header("Allow", m.allow), res;
        }
        if (!m.route) return reject(req, 404, "There is nothing at this address.");
        req.params = std::move(m.params);
        if (auto denied = gate_(req, m.route->need)) return std::move(*denied);
        return m.route->handler(req);
    } catch (const std::exception& e) {
        spdlog::error("{} {} {}: {}", req.request_id, req.method(), m.route ? m.route->pattern : req.path, db::describe(e));
    }
    return reject(req, 500, kInternalMessage);
}

boost::asio::awaitable<Response> Dispatcher::dispatch_stream(Request& req, Match& m, BodyStream& body) const {
    try {
        req.params = std::move(m.params);
        if (auto denied = gate_(req, m.route->need)) co_return std::move(*denied);
        co_return co_await m.route->stream(req, body);
    } catch (const std::exception& e) {
        spdlog::error("{} {} {}: {}", req.request_id, req.method(), m.route->pattern, db::describe(e));
    }
    co_return reject(req, 500, kInternalMessage);
}

Response Dispatcher::reject(Request& req, unsigned status, const std::string& message) const {
    try {
        return is_api_path(req.path) ? json_error(status, message) : error_page(req, status, message);
    } catch (const std::exception& e) {
        spdlog::error("{} rendering the error page: {}", req.request_id, e.what());
        return text(status, message + "\n");
    }
}

}  // namespace http

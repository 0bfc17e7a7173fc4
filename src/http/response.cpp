#include "http/response.hpp"

#include <nlohmann/json.hpp>

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/render.hpp"
#include "http/request.hpp"

namespace http {

Response& Response::header(std::string name, std::string value) {
    auto unsafe = [](const std::string& s) { return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos; };
    if (unsafe(name) || unsafe(value)) throw std::invalid_argument("header " + name + " holds a line break");
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::string attachment(std::string_view filename) {
    std::string fallback;
    for (unsigned char c : filename) fallback += c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
    std::string exact;  // RFC 5987's attr-chars as they are, everything else %-encoded ('/' included)
    for (char c : percent_encode(filename)) exact += c == '/' ? std::string("%2F") : std::string(1, c);
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + exact;
}

Response text(unsigned status, std::string body) {
    return Response{status, "text/plain; charset=utf-8", std::move(body), {}};
}

Response json(unsigned status, const nlohmann::json& body) {
    // Text from repositories and jobs may not be UTF-8: such bytes become U+FFFD, not an exception.
    return Response{status, "application/json", body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), {}};
}

Response json_error(unsigned status, std::string message) {
    return json(status, {{"message", std::move(message)}});
}

Response json_error(const core::Error& error) {
    if (error.code != core::Errc::internal) return json_error(status_of(error.code), error.message);
    spdlog::error("internal error: {}", error.message);
    return json_error(500, kInternalMessage);
}

Response redirect(const Request& req, const std::string& local_path) {
    Response res;
    std::string location = req.config->prefix + local_path;
    if (req.is_htmx()) {
        res.status = 200;
        res.header("HX-Redirect", location);
    } else {
        res.status = 303;
        res.header("Location", location);
    }
    for (const auto& c : req.pending_cookies) res.header("Set-Cookie", c);
    return res;
}

Response moved(const Request& req, const std::string& local_path) {
    Response res;
    auto method = req.method();
    res.status = method == "GET" || method == "HEAD" ? 301 : 308;
    res.header("Location", req.config->prefix + local_path + (req.raw_query.empty() ? "" : "?" + req.raw_query));
    // Where it leads depends on who asks (a private repository's name is told to its readers
    // only) and changes when a name is taken again: kept by no cache.
    res.header("Cache-Control", "no-store");
    return res;
}

void flash(Response& res, const Request& req, std::string_view kind, std::string_view message) {
    std::string value = std::string(kind) + "|" + std::string(message);
    res.header("Set-Cookie", cookie(req, "skyscape_flash", core::crypto::base64url(value), -1));
}

std::string cookie(const Request& req, std::string_view name, std::string_view value, long max_age) {
    std::string out = std::string(name) + "=" + std::string(value) + "; Path=" +
                      (req.config->prefix.empty() ? "/" : req.config->prefix) + "; HttpOnly; SameSite=Lax";
    if (max_age >= 0) out += "; Max-Age=" + std::to_string(max_age);
    if (req.is_https()) out += "; Secure";
    return out;
}

}  // namespace http

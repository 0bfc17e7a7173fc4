#include "http/router.hpp"

#include <limits>
#include <stdexcept>

namespace http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.starts_with('/')) path.remove_prefix(1);
    if (path.empty()) return out;
    std::size_t start = 0;
    while (true) {
        auto slash = path.find('/', start);
        out.push_back(path.substr(start, slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

bool is_tail(std::string_view segment) { return segment.ends_with("...}"); }
bool is_param(std::string_view segment) { return segment.starts_with('{') && segment.ends_with('}'); }
std::string param_name(std::string_view segment) {
    segment = segment.substr(1, segment.size() - 2);
    if (segment.ends_with("...")) segment.remove_suffix(3);
    return std::string(segment);
}

// Literal segments score 2, parameters 1, a tail 0: the highest total is the most specific route.
int specificity(const Route& route) {
    int score = 0;
    for (const auto& s : route.segments) score += is_tail(s) ? 0 : is_param(s) ? 1 : 2;
    return score;
}

// Fills params and returns true when the route's pattern covers the decoded segments.
bool matches(const Route& route, const std::vector<std::string>& segments, Params& params) {
    const auto& pattern = route.segments;
    std::size_t i = 0;
    for (; i < pattern.size(); ++i) {
        if (is_tail(pattern[i])) {
            if (i >= segments.size()) return false;
            std::string rest;
            for (std::size_t j = i; j < segments.size(); ++j) rest += (j > i ? "/" : "") + segments[j];
            params[param_name(pattern[i])] = rest;
            return true;
        }
        if (i >= segments.size()) return false;
        if (is_param(pattern[i])) {
            if (segments[i].empty()) return false;
            params[param_name(pattern[i])] = segments[i];
        } else if (pattern[i] != segments[i]) {
            return false;
        }
    }
    return i == segments.size();
}

}  // namespace

void Router::add(std::string method, std::string pattern, auth::Need need, Handler handler, std::size_t body_limit) {
    Route route{std::move(method), pattern, {}, need, std::move(handler), {}, body_limit};
    for (auto s : split_path(pattern)) route.segments.emplace_back(s);
    for (std::size_t i = 0; i + 1 < route.segments.size(); ++i)
        if (is_tail(route.segments[i])) throw std::logic_error("tail parameter before the end: " + pattern);
    routes_.push_back(std::move(route));
}

void Router::stream(std::string method, std::string pattern, auth::Need need, StreamHandler handler) {
    add(std::move(method), std::move(pattern), need, {}, std::numeric_limits<std::size_t>::max());
    routes_.back().stream = std::move(handler);
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match result;
    std::vector<std::string> segments;
    for (auto raw : split_path(path)) {
        auto decoded = percent_decode(raw, false);
        if (!decoded || decoded->find('\0') != std::string::npos) {
            result.bad_path = true;
            return result;
        }
        segments.push_back(std::move(*decoded));
    }
    std::string_view wanted = method == "HEAD" ? "GET" : method;
    int best = -1;
    std::vector<std::string_view> allowed;
    for (const auto& route : routes_) {
        Params params;
        if (!matches(route, segments, params)) continue;
        allowed.push_back(route.method);
        if (route.method != wanted) continue;
        if (int score = specificity(route); score > best) {
            best = score;
            result.route = &route;
            result.params = std::move(params);
        }
    }
    if (!result.route) {
        for (auto m : allowed) {
            if (result.allow.find(m) != std::string::npos) continue;
            if (!result.allow.empty()) result.allow += ", ";
            result.allow += m;
            if (m == "GET") result.allow += ", HEAD";
        }
    }
    return result;
}

}  // namespace http

#include "repos/legacy.hpp"

#include <array>
#include <string>
#include <vector>

#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"

namespace repos::legacy {
namespace {

// The path's segments, decoded (the router refused paths that do not decode).
std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    for (std::size_t start = 1; start <= path.size();) {
        auto slash = std::min(path.find('/', start), path.size());
        out.push_back(http::percent_decode(path.substr(start, slash - start), false).value_or(""));
        start = slash + 1;
    }
    return out;
}

// Segments from `from` on, escaped, each after a '/'.
std::string rest(const std::vector<std::string>& segments, std::size_t from) {
    std::string out;
    for (auto i = from; i < segments.size(); ++i) out += "/" + http::percent_encode(segments[i]);
    return out;
}

// A repository page below the seed's names, under GitHub's: files → tree, prs → pulls and
// pull/{n}.
std::string web_rest(std::vector<std::string> segments, std::size_t from) {
    if (from < segments.size()) {
        auto& page = segments[from];
        if (page == "files") {
            page = "tree";
        } else if (page == "prs") {
            bool numbered = from + 1 < segments.size() && !segments[from + 1].empty() &&
                            segments[from + 1].find_first_not_of("0123456789") == std::string::npos;
            page = numbered ? "pull" : "pulls";
        }
    }
    return rest(segments, from);
}

}  // namespace

std::optional<http::Response> redirect(const http::Request& req, Service& repos) {
    auto segments = split(req.path);
    auto readable = [&](const std::optional<Repo>& repo) { return repo && repos.access(req.actor, repo->id, auth::Role::read); };
    if (segments.size() >= 2 && segments[0] == "repos") {
        if (segments.size() >= 3) {
            auto named = repos.find(segments[1], segments[2]);
            if (readable(named)) return http::moved(req, "/" + named->full_name() + web_rest(segments, 3));
        }
        auto old = repos.find(segments[1]);
        if (readable(old)) return http::moved(req, "/" + old->full_name() + web_rest(segments, 2));
    } else if (segments.size() >= 4 && segments[0] == "api" && segments[1] == "v1" && segments[2] == "repos") {
        if (segments.size() >= 5) {
            auto renamed = repos.moved_from(segments[3], segments[4]);
            if (readable(renamed)) return http::moved(req, "/api/v1/repos/" + renamed->full_name() + rest(segments, 5));
        }
        auto old = repos.find(segments[3]);
        if (readable(old)) return http::moved(req, "/api/v1/repos/" + old->full_name() + rest(segments, 4));
    } else if (segments.size() >= 2 && segments[0] == "repo") {
        auto id = segments[1];
        if (id.ends_with(".git")) id.resize(id.size() - 4);
        auto old = repos.find(id);
        if (readable(old)) return http::moved(req, "/" + old->full_name() + ".git" + rest(segments, 2));
    } else if (segments.size() >= 2) {  // /{owner}/{repo}[.git]/…: renamed or transferred since
        auto name = segments[1];
        bool git = name.ends_with(".git");
        if (git) name.resize(name.size() - 4);
        auto renamed = repos.moved_from(segments[0], name);
        if (readable(renamed)) return http::moved(req, "/" + renamed->full_name() + (git ? ".git" : "") + rest(segments, 2));
    }
    return std::nullopt;
}

void register_routes(http::Router& r, Service& repos) {
    static constexpr std::array kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (const char* method : kMethods) {
        r.add(method, "/repos/{path...}", auth::Need::none, [&repos](http::Request& req) {
            if (auto moved = redirect(req, repos)) return std::move(*moved);
            return http::error_page(req, 404, "There is nothing at this address.");
        });
        r.add(method, "/api/v1/repos/{path...}", auth::Need::api, [&repos](http::Request& req) {
            if (auto moved = redirect(req, repos)) return std::move(*moved);
            return http::json_error(404, "Not found.");
        });
    }
}

}  // namespace repos::legacy

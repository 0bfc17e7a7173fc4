#include "http/assets.hpp"

#include <map>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace http::assets {
namespace {

struct Asset {
    std::string_view data;
    std::string content_type;
    std::string etag;
    bool hashed_name;
};

std::map<std::string, Asset, std::less<>> by_name;
std::map<std::string, std::string, std::less<>> hashed_url;

std::string content_type(std::string_view name) {
    if (name.ends_with(".css")) return "text/css; charset=utf-8";
    if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (name.ends_with(".svg")) return "image/svg+xml";
    if (name.ends_with(".png")) return "image/png";
    return "application/octet-stream";
}

}  // namespace

void load() {
    for (const auto& file : embedded::assets()) {
        std::string name(file.name);
        std::string hash = core::crypto::sha256_hex(file.data).substr(0, 12);
        auto dot = name.find('.');
        std::string hashed = name.substr(0, dot) + "." + hash + name.substr(dot);
        std::string etag = "\"" + hash + "\"";
        by_name[name] = Asset{file.data, content_type(name), etag, false};
        by_name[hashed] = Asset{file.data, content_type(name), etag, true};
        hashed_url[name] = "/static/" + hashed;
    }
}

std::string url(std::string_view name) {
    auto it = hashed_url.find(name);
    if (it == hashed_url.end()) throw std::logic_error("no embedded asset " + std::string(name));
    return it->second;
}

Response serve(Request& req) {
    auto it = by_name.find(req.params["file"]);
    if (it == by_name.end()) return text(404, "not found\n");
    const Asset& asset = it->second;
    Response res;
    res.content_type = asset.content_type;
    res.header("ETag", asset.etag);
    res.header("Cache-Control", asset.hashed_name ? "public, max-age=31536000, immutable" : "public, no-cache");
    if (req.header("If-None-Match") == asset.etag) {
        res.status = 304;
        return res;
    }
    res.body.assign(asset.data);
    return res;
}

}  // namespace http::assets

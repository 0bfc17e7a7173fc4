#include "actions/engine.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "core/http_client.hpp"
#include "http/request.hpp"

namespace actions {
namespace {

using core::Errc;
using core::fail;
using nlohmann::json;

constexpr const char* kApi = "http://engine/v1.41";

// Docker's multiplexed stream (no TTY): frames of an 8-byte header (stream, 0, 0, 0, big-endian
// length) and the bytes written. Fed as it arrives; whole frames go to `output`.
struct Demux {
    const std::function<void(std::string_view)>* output;
    std::string pending;

    void feed(std::string_view data) {
        pending.append(data);
        std::size_t at = 0;
        while (at + 8 <= pending.size()) {
            auto len = (static_cast<std::size_t>(static_cast<unsigned char>(pending[at + 4])) << 24) |
                       (static_cast<std::size_t>(static_cast<unsigned char>(pending[at + 5])) << 16) |
                       (static_cast<std::size_t>(static_cast<unsigned char>(pending[at + 6])) << 8) |
                       static_cast<unsigned char>(pending[at + 7]);
            if (at + 8 + len > pending.size()) break;
            (*output)(std::string_view(pending).substr(at + 8, len));
            at += 8 + len;
        }
        pending.erase(0, at);
    }
};

std::string message_of(const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("message") && j["message"].is_string()) return j["message"].get<std::string>();
    return body.substr(0, 200);
}

}  // namespace

std::optional<Engine> Engine::from_env() {
    const char* host = std::getenv("DOCKER_HOST");
    std::string value = host ? host : "";
    // Docker's own default when DOCKER_HOST is not set.
    if (value.empty() && std::filesystem::exists("/var/run/docker.sock")) value = "unix:///var/run/docker.sock";
    if (!value.starts_with("unix://")) return std::nullopt;
    return Engine(value.substr(7));
}

core::Result<Engine::Reply> Engine::call(const std::string& method, const std::string& path, const std::string& body,
                                         const std::string& content_type, long timeout_ms,
                                         const std::function<void(std::string_view)>* stream) const {
    core::http_client::Request request{method, kApi + path, socket_, {"Content-Type: " + content_type}, body, timeout_ms, {}};
    Demux frames{stream, {}};
    if (stream) request.on_data = [&frames](std::string_view chunk) { frames.feed(chunk); };
    auto answer = core::http_client::send(request);
    if (answer.timed_out) return fail(Errc::too_many, "The container engine did not answer in time.");
    if (answer.status == 0) return fail(Errc::invalid, "The container engine at " + socket_ + " cannot be reached: " + answer.error + ".");
    return Reply{answer.status, std::move(answer.body)};
}

core::Result<std::string> Engine::version() const {
    auto r = call("GET", "/version");
    if (!r) return tl::unexpected(r.error());
    auto j = json::parse(r->body, nullptr, false);
    if (r->status != 200 || !j.is_object()) return fail(Errc::invalid, "The container engine answered " + std::to_string(r->status) + ".");
    std::string name = "Docker Engine";
    if (j.contains("Components") && j["Components"].is_array() && !j["Components"].empty()) name = j["Components"][0].value("Name", name);
    return name + " " + j.value("Version", "?");
}

core::Result<bool> Engine::has_image(const std::string& image) const {
    auto r = call("GET", "/images/" + http::percent_encode(image) + "/json");
    if (!r) return tl::unexpected(r.error());
    return r->status == 200;
}

core::Status Engine::pull(const std::string& image) const {
    auto colon = image.rfind(':'), slash = image.rfind('/');
    bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
    auto name = tagged ? image.substr(0, colon) : image, tag = tagged ? image.substr(colon + 1) : std::string("latest");
    auto r = call("POST", "/images/create?fromImage=" + http::percent_encode(name) + "&tag=" + http::percent_encode(tag), "",
                  "application/json", 30L * 60 * 1000);
    if (!r) return tl::unexpected(r.error());
    const auto& progress = r->body;
    if (r->status != 200) return fail(Errc::not_found, "The image " + image + " could not be pulled: " + message_of(progress));
    // Errors come inside the stream: {"error": "..."} after a 200.
    if (auto at = progress.rfind("\"error\""); at != std::string::npos) {
        auto line = progress.substr(progress.rfind('{', at), progress.find('}', at) - progress.rfind('{', at) + 1);
        return fail(Errc::not_found, "The image " + image + " could not be pulled: " + message_of(line));
    }
    return {};
}

core::Result<std::string> Engine::create(const ContainerSpec& spec) const {
    json host = {{"Memory", spec.limits.memory_bytes},
                 {"MemorySwap", spec.limits.memory_bytes},
                 {"NanoCpus", static_cast<std::int64_t>(spec.limits.cpus * 1e9)},
                 {"PidsLimit", spec.limits.pids},
                 {"NetworkMode", spec.limits.network ? "bridge" : "none"},
                 {"CapDrop", json::array({"ALL"})},
                 {"SecurityOpt", json::array({"no-new-privileges"})},
                 {"LogConfig", {{"Type", ""}, {"Config", {{"max-size", std::to_string(spec.limits.log_bytes)}}}}}};
    json body = {{"Image", spec.image}, {"Cmd", spec.command}, {"Env", spec.env}, {"Labels", spec.labels},
                 {"HostConfig", host}, {"NetworkDisabled", !spec.limits.network}, {"Tty", false}};
    if (!spec.working_dir.empty()) body["WorkingDir"] = spec.working_dir;
    auto r = call("POST", "/containers/create", body.dump());
    if (!r) return tl::unexpected(r.error());
    if (r->status == 404) return fail(Errc::not_found, "There is no image " + spec.image + " on this server's container engine.");
    if (r->status != 201) return fail(Errc::invalid, "The container could not be made: " + message_of(r->body));
    return json::parse(r->body).value("Id", "");
}

core::Status Engine::put_archive(const std::string& id, const std::string& path, const std::string& tar) const {
    auto r = call("PUT", "/containers/" + id + "/archive?path=" + http::percent_encode(path), tar, "application/x-tar");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 200) return fail(Errc::invalid, "Files could not be put into the container: " + message_of(r->body));
    return {};
}

core::Result<std::string> Engine::get_archive(const std::string& id, const std::string& path) const {
    auto r = call("GET", "/containers/" + id + "/archive?path=" + http::percent_encode(path), "", "application/json", 10L * 60 * 1000);
    if (!r) return tl::unexpected(r.error());
    if (r->status == 404) return fail(Errc::not_found, path + " is not in the container.");
    if (r->status != 200) return fail(Errc::invalid, "Files could not be read from the container: " + message_of(r->body));
    return std::move(r->body);
}

core::Status Engine::start(const std::string& id) const {
    auto r = call("POST", "/containers/" + id + "/start");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 204 && r->status != 304) return fail(Errc::invalid, "The container could not start: " + message_of(r->body));
    return {};
}

core::Result<Exit> Engine::wait(const std::string& id, std::chrono::milliseconds timeout) const {
    auto r = call("POST", "/containers/" + id + "/wait", "", "application/json", static_cast<long>(timeout.count()));
    Exit out;
    if (!r && r.error().code == Errc::too_many) {
        out.timed_out = true;
        call("POST", "/containers/" + id + "/kill?signal=KILL");
        r = call("POST", "/containers/" + id + "/wait");
    }
    if (!r) return tl::unexpected(r.error());
    auto j = json::parse(r->body, nullptr, false);
    if (r->status != 200 || !j.is_object()) return fail(Errc::invalid, "Waiting for the container failed: " + message_of(r->body));
    out.code = j.value("StatusCode", -1);
    return out;
}

core::Result<std::string> Engine::logs(const std::string& id) const {
    std::string out;
    std::function<void(std::string_view)> append = [&out](std::string_view part) { out.append(part); };
    auto r = call("GET", "/containers/" + id + "/logs?stdout=1&stderr=1", "", "application/json", 60000, &append);
    if (!r) return tl::unexpected(r.error());
    if (r->status != 200) return fail(Errc::invalid, "The container's output could not be read (" + std::to_string(r->status) + ").");
    return out;
}

core::Status Engine::follow_logs(const std::string& id, const std::function<void(std::string_view)>& output) const {
    auto r = call("GET", "/containers/" + id + "/logs?follow=1&stdout=1&stderr=1", "", "application/json", 24L * 3600 * 1000, &output);
    if (!r) return tl::unexpected(r.error());
    return {};
}

core::Status Engine::remove(const std::string& id) const {
    auto r = call("DELETE", "/containers/" + id + "?force=true&v=true");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 204 && r->status != 404) return fail(Errc::invalid, "The container could not be removed: " + message_of(r->body));
    return {};
}

core::Result<int> Engine::remove_labelled(const std::string& label) const {
    json filters = {{"label", json::array({label})}};
    auto r = call("GET", "/containers/json?all=1&filters=" + http::percent_encode(filters.dump()));
    if (!r) return tl::unexpected(r.error());
    auto list = json::parse(r->body, nullptr, false);
    if (r->status != 200 || !list.is_array()) return fail(Errc::invalid, "The engine's containers could not be listed: " + message_of(r->body));
    int removed = 0;
    for (const auto& c : list)
        if (c.is_object() && remove(c.value("Id", ""))) ++removed;
    return removed;
}

}  // namespace actions

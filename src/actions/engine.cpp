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
// length) and the bytes written. Fed as it arrives; a frame's bytes go to `output` as they come,
// so a large frame is never held whole.
struct Demux {
    const std::function<void(std::string_view)>& output;
    std::string header;     // the next frame's header, as much of it as has come
    std::uint64_t left = 0;  // bytes of the current frame still to come

    void feed(std::string_view data) {
        while (!data.empty()) {
            if (left == 0) {
                auto take = std::min<std::size_t>(8 - header.size(), data.size());
                header.append(data.substr(0, take));
                data.remove_prefix(take);
                if (header.size() < 8) return;
                for (int i = 4; i < 8; ++i) left = left << 8 | static_cast<unsigned char>(header[i]);
                header.clear();
                continue;
            }
            auto take = static_cast<std::size_t>(std::min<std::uint64_t>(left, data.size()));
            output(data.substr(0, take));
            data.remove_prefix(take);
            left -= take;
        }
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
                                         const std::string& content_type, long timeout_ms, std::function<bool(std::string_view)> on_data,
                                         std::istream* upload) const {
    core::http_client::Request request{method, kApi + path, socket_, {"Content-Type: " + content_type}, body, timeout_ms, std::move(on_data)};
    request.upload = upload;
    request.max_body = 4 << 20;
    auto answer = core::http_client::send(request);
    if (answer.timed_out) return fail(Errc::too_many, "The container engine did not answer in time.");
    if (answer.too_large) return fail(Errc::too_large, "The container engine's answer was too large.");
    if (answer.status == 0) return fail(Errc::internal, "The container engine at " + socket_ + " cannot be reached: " + answer.error + ".");
    return Reply{answer.status, std::move(answer.body)};
}

core::Result<std::string> Engine::version() const {
    auto r = call("GET", "/version");
    if (!r) return tl::unexpected(r.error());
    auto j = json::parse(r->body, nullptr, false);
    if (r->status != 200 || !j.is_object()) return fail(Errc::internal, "The container engine answered " + std::to_string(r->status) + ".");
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
    // The progress of a large image is megabytes of JSON; its end is where an error is told.
    std::string progress;
    auto r = call("POST", "/images/create?fromImage=" + http::percent_encode(name) + "&tag=" + http::percent_encode(tag), "",
                  "application/json", 30L * 60 * 1000, [&progress](std::string_view chunk) {
                      progress.append(chunk);
                      if (progress.size() > 128 * 1024) progress.erase(0, progress.size() - 64 * 1024);
                      return true;
                  });
    if (!r) return tl::unexpected(r.error());
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
    if (r->status != 201) return fail(Errc::internal, "The container could not be made: " + message_of(r->body));
    auto made = json::parse(r->body, nullptr, false);
    if (!made.is_object() || !made.contains("Id") || !made["Id"].is_string()) return fail(Errc::internal, "The container engine did not say which container it made.");
    return made["Id"].get<std::string>();
}

core::Status Engine::put_archive(const std::string& id, const std::string& path, std::istream& tar) const {
    auto r = call("PUT", "/containers/" + id + "/archive?path=" + http::percent_encode(path), "", "application/x-tar", 30L * 60 * 1000, {},
                  &tar);
    if (!r) return tl::unexpected(r.error());
    if (r->status != 200) return fail(Errc::internal, "Files could not be put into the container: " + message_of(r->body));
    return {};
}

core::Status Engine::get_archive(const std::string& id, const std::string& path, std::ostream& out, std::uint64_t max_bytes) const {
    // The archive goes to `out` as it comes, and stops at the limit; an error's JSON is kept apart.
    long status = 0;
    std::uint64_t bytes = 0;
    std::string error;
    auto r = call("GET", "/containers/" + id + "/archive?path=" + http::percent_encode(path), "", "application/json", 30L * 60 * 1000,
                  [&](std::string_view chunk) {
                      bytes += chunk.size();
                      if (bytes > max_bytes) return false;
                      if (error.size() < 4096) error.append(chunk.substr(0, 4096));
                      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                      return static_cast<bool>(out);
                  });
    if (!r && r.error().code == Errc::too_large && bytes > max_bytes)
        return fail(Errc::too_large, path + " is over " + std::to_string(max_bytes >> 20) + " MB.");
    if (!r) return tl::unexpected(r.error());
    status = r->status;
    if (status == 404) return fail(Errc::not_found, path + " is not in the container.");
    if (status != 200) return fail(Errc::internal, "Files could not be read from the container: " + message_of(error));
    if (!out) return fail(Errc::internal, "The container's files could not be written to the server's disk.");
    return {};
}

core::Status Engine::start(const std::string& id) const {
    auto r = call("POST", "/containers/" + id + "/start");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 204 && r->status != 304) return fail(Errc::internal, "The container could not start: " + message_of(r->body));
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
    if (r->status != 200 || !j.is_object()) return fail(Errc::internal, "Waiting for the container failed: " + message_of(r->body));
    out.code = j.value("StatusCode", -1);
    return out;
}

core::Result<std::string> Engine::logs(const std::string& id) const {
    std::string out;
    Demux frames{[&out](std::string_view part) { out.append(part); }, {}};
    auto r = call("GET", "/containers/" + id + "/logs?stdout=1&stderr=1", "", "application/json", 60000, [&](std::string_view chunk) {
        frames.feed(chunk);
        return out.size() <= (64u << 20);
    });
    if (!r) return tl::unexpected(r.error());
    if (r->status != 200) return fail(Errc::internal, "The container's output could not be read (" + std::to_string(r->status) + ").");
    return out;
}

core::Status Engine::follow_logs(const std::string& id, const std::function<void(std::string_view)>& output) const {
    Demux frames{output, {}};
    auto r = call("POST", "/containers/" + id + "/attach?stream=1&stdout=1&stderr=1", "", "application/json", 24L * 3600 * 1000,
                  [&frames](std::string_view chunk) {
                      frames.feed(chunk);
                      return true;
                  });
    if (!r) return tl::unexpected(r.error());
    return {};
}

core::Status Engine::remove(const std::string& id) const {
    auto r = call("DELETE", "/containers/" + id + "?force=true&v=true");
    if (!r) return tl::unexpected(r.error());
    if (r->status != 204 && r->status != 404) return fail(Errc::internal, "The container could not be removed: " + message_of(r->body));
    return {};
}

core::Result<int> Engine::remove_labelled(const std::string& label) const {
    json filters = {{"label", json::array({label})}};
    auto r = call("GET", "/containers/json?all=1&filters=" + http::percent_encode(filters.dump()));
    if (!r) return tl::unexpected(r.error());
    auto list = json::parse(r->body, nullptr, false);
    if (r->status != 200 || !list.is_array()) return fail(Errc::internal, "The engine's containers could not be listed: " + message_of(r->body));
    int removed = 0;
    for (const auto& c : list)
        if (c.is_object() && remove(c.value("Id", ""))) ++removed;
    return removed;
}

}  // namespace actions

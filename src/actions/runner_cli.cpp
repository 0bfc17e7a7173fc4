#include "actions/runner_cli.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "actions/bubblewrap.hpp"
#include "actions/remote.hpp"
#include "actions/runner.hpp"
#include "actions/tar.hpp"
#include "core/files.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "http/request.hpp"

namespace actions {
namespace {

using expr::json;

using Reply = core::http_client::Reply;

// One request to the server; the runner's token in X-Runner-Token.
Reply call(const std::string& method, const std::string& url, const std::string& token, const std::string& body,
           const std::string& type = "application/json", long timeout_ms = 60000) {
    core::http_client::Request request{method, url, "", {"Content-Type: " + type}, body, timeout_ms, {}};
    if (!token.empty()) request.headers.push_back("X-Runner-Token: " + token);
    return core::http_client::send(request);
}

std::string message_of(const Reply& r) {
    if (r.status == 0) return r.error;
    auto j = core::parse_json(r.body);
    return j.is_object() && j.contains("message") && j["message"].is_string() ? j["message"].get<std::string>() : "HTTP " + std::to_string(r.status);
}

struct Config {
    std::string url, token, name;
    std::int64_t id = 0;
};

std::string default_config() {
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.skyscape-runner.json";
}

// Steps, lines and the end of steps, sent in batches a few times a second (and at least every
// 15 s, so the server knows the runner is there); the server's answer says whether to stop.
class Reporter : public JobObserver {
public:
    Reporter(const Config& config, std::int64_t job_id) : config_(config), url_(config.url + "/api/v1/runners/jobs/" + std::to_string(job_id)) {
        thread_ = std::thread([this] { loop(); });
    }
    ~Reporter() override { close(); }
    void step_started(std::size_t index) override { add({{"type", "started"}, {"index", index}}); }
    void step_line(std::size_t index, std::string_view line) override { add({{"type", "line"}, {"index", index}, {"text", line}}); }
    void step_finished(std::size_t index, const StepResult& r) override {
        add({{"type", "finished"}, {"index", index}, {"conclusion", r.conclusion}});
    }
    //! Sends what is left and stops.
    void close() {
        {
            std::lock_guard lock(mutex_);
            if (closed_) return;
            closed_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    std::atomic<bool> cancelled{false};

private:
    void add(json event) {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
        if (events_.size() >= 500) wake_.notify_all();
    }
    void loop() {
        auto last = std::chrono::steady_clock::now();
        for (;;) {
            std::vector<json> batch;
            bool done;
            {
                std::unique_lock lock(mutex_);
                wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return closed_ || events_.size() >= 500; });
                batch.swap(events_);
                done = closed_;
            }
            if (!batch.empty() || std::chrono::steady_clock::now() - last > std::chrono::seconds(15)) {
                auto r = call("POST", url_ + "/events", config_.token, json{{"events", batch}}.dump(-1, ' ', false, json::error_handler_t::replace));
                auto answer = core::parse_json(r.body);
                if (r.status == 200 && answer.is_object() && answer.value("cancelled", false)) cancelled = true;
                last = std::chrono::steady_clock::now();
            }
            if (done) return;
        }
    }

    const Config& config_;
    std::string url_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<json> events_;
    bool closed_ = false;
    std::thread thread_;
};

// What the server answers into a file, as it comes, at most 2 GB (the server's own checkout
// limit); an error's message is kept apart.
Reply fetch_to(const std::string& url, const std::string& token, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::string error;
    std::uint64_t bytes = 0;
    core::http_client::Request request{"GET", url, "", {"X-Runner-Token: " + token}, "", 30L * 60 * 1000, [&](std::string_view chunk) {
                                           if (error.size() < 4096) error.append(chunk.substr(0, 4096));
                                           bytes += chunk.size();
                                           out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                                           return static_cast<bool>(out) && bytes <= kFetchLimit;
                                       }};
    auto reply = core::http_client::send(request);
    if (reply.status != 200) reply.body = error;
    return reply;
}

// The run's artifacts, on the server; archives pass through the runner's disk.
class RemoteArtifacts : public ArtifactStore {
public:
    RemoteArtifacts(const Config& config, std::int64_t job_id, std::filesystem::path scratch)
        : config_(config), url_(config.url + "/api/v1/runners/jobs/" + std::to_string(job_id) + "/artifacts"), scratch_(std::move(scratch)) {}
    core::Result<std::string> upload(const std::string& name, const std::filesystem::path& tar, int retention_days) override {
        std::ifstream in(tar, std::ios::binary);
        core::http_client::Request request{"PUT", url_ + "?name=" + http::percent_encode(name) + "&retention_days=" + std::to_string(retention_days),
                                           "", {"Content-Type: application/x-tar", "X-Runner-Token: " + config_.token}, "", 30L * 60 * 1000, {}};
        request.upload = &in;
        auto r = core::http_client::send(request);
        if (r.status != 201)
            return core::fail(r.status == 413 ? core::Errc::too_large : r.status == 400 ? core::Errc::invalid : core::Errc::internal,
                              "The artifact could not be uploaded: " + message_of(r));
        return core::parse_json(r.body).value("message", "Uploaded artifact '" + name + "'.");
    }
    core::Result<std::size_t> download(const std::string& name, const std::string& prefix, TarWriter& out) override {
        core::TempFile file(scratch_);
        auto r = fetch_to(url_ + "?name=" + http::percent_encode(name), config_.token, file.path());
        if (r.status != 200) return core::fail(core::Errc::not_found, message_of(r));
        std::ifstream in(file.path(), std::ios::binary);
        TarReader tar(in);
        std::set<std::string> folders;
        auto copied = copy_files(tar, out, prefix, folders);
        if (!copied) return core::fail(core::Errc::internal, "The server sent an artifact that is not a tar archive.");
        return copied;
    }

private:
    const Config& config_;
    std::string url_;
    std::filesystem::path scratch_;
};

int fail_with(const std::string& message) {
    std::fprintf(stderr, "workspace runner: %s\n", message.c_str());
    return 2;
}

std::map<std::string, std::string> options(int argc, char** argv, int from) {
    std::map<std::string, std::string> out;
    for (int i = from; i < argc; ++i) {
        std::string arg = argv[i];
        if (!arg.starts_with("--")) continue;
        bool has_value = i + 1 < argc && !std::string(argv[i + 1]).starts_with("--");
        out[arg.substr(2)] = has_value ? argv[++i] : "";
    }
    return out;
}

int register_runner(const std::map<std::string, std::string>& opt) {
    auto get = [&opt](const char* key, std::string fallback = "") { return opt.count(key) ? opt.at(key) : fallback; };
    auto url = get("url"), token = get("token");
    while (url.ends_with('/')) url.pop_back();
    if (url.empty() || token.empty()) return fail_with("register needs --url and --token (from the server's /admin/runners page).");
    char host[256] = "runner";
    gethostname(host, sizeof host - 1);
    std::vector<std::string> labels;
    std::istringstream list(get("labels", "self-hosted,linux"));
    for (std::string l; std::getline(list, l, ',');)
        if (!l.empty()) labels.push_back(l);
    auto r = call("POST", url + "/api/v1/runners/register", "", json{{"token", token}, {"name", get("name", host)}, {"labels", labels}}.dump());
    if (r.status != 201) return fail_with("the server refused: " + message_of(r));
    auto answer = core::parse_json(r.body);
    if (!answer.is_object() || !answer.contains("token") || !answer["token"].is_string() || !answer.contains("name") || !answer["name"].is_string())
        return fail_with("the server's answer is not a runner's registration.");
    auto file = get("config", default_config());
    json saved = {{"url", url}, {"id", answer["id"]}, {"name", answer["name"]}, {"token", answer["token"]}, {"labels", labels}};
    if (auto written = core::write_private_file(file, saved.dump(2) + "\n"); !written) return fail_with(written.error().message);
    std::printf("Registered runner %s (labels %s) with %s; its token is in %s.\n", answer["name"].get<std::string>().c_str(),
                get("labels", "self-hosted,linux").c_str(), url.c_str(), file.c_str());
    return 0;
}

int run(const std::map<std::string, std::string>& opt) {
    auto file = opt.count("config") ? opt.at("config") : default_config();
    std::ifstream in(file);
    auto saved = json::parse(in, nullptr, false);
    if (!saved.is_object()) return fail_with("no runner configuration in " + file + ": run `workspace runner register` first.");
    Config config{saved.value("url", ""), saved.value("token", ""), saved.value("name", "")};
    // The machine's container engine, or bubblewrap when there is none, as on the server.
    auto engine = Engine::from_env();
    auto version = engine ? engine->version() : core::fail(core::Errc::not_found, "DOCKER_HOST is not set");
    std::optional<Bubblewrap> bubblewrap;
    const Sandbox* sandbox = nullptr;
    std::string where;
    if (version) {
        sandbox = &*engine;
        where = *version;
        engine->remove_labelled("skyscape.runner=" + config.name);
    } else if (auto found = Bubblewrap::find(std::filesystem::temp_directory_path() / ("skyscape-runner-" + config.name))) {
        bubblewrap.emplace(*found);
        sandbox = &*bubblewrap;
        where = bubblewrap->version();
    } else {
        return fail_with(version.error().message + "; set DOCKER_HOST to this machine's Docker or Podman engine, or install bubblewrap.");
    }
    std::printf("Runner %s waiting for jobs from %s (%s)\n", config.name.c_str(), config.url.c_str(), where.c_str());
    std::fflush(stdout);
    bool once = opt.count("once") > 0;
    for (;;) {
        auto r = call("POST", config.url + "/api/v1/runners/jobs/request", config.token, "", "application/json", 40000);
        if (r.status == 401) return fail_with("the server does not know this runner any more: register it again.");
        if (r.status == 204) continue;
        if (r.status != 200) {
            std::fprintf(stderr, "workspace runner: %s; trying again in 5 s\n", message_of(r).c_str());
            std::this_thread::sleep_for(std::chrono::seconds(5));
            continue;
        }
        auto wire = from_wire(core::parse_json(r.body));
        if (!wire) return fail_with(wire.error().message);
        std::printf("Job %ld: %s\n", static_cast<long>(wire->job_id), wire->run.job.name.c_str());
        std::fflush(stdout);
        Reporter reporter(config, wire->job_id);
        auto scratch = std::filesystem::temp_directory_path() / ("skyscape-runner-" + config.name + "-files");
        RemoteArtifacts artifacts(config, wire->job_id, scratch);
        auto& jr = wire->run;
        jr.scratch = scratch;
        auto finish = [&](const JobResult& result) {
            reporter.close();
            return call("POST", config.url + "/api/v1/runners/jobs/" + std::to_string(wire->job_id) + "/finish", config.token,
                        json{{"conclusion", result.conclusion}, {"outputs", result.outputs}, {"error", result.error}}.dump(-1, ' ', false,
                                                                                                                       json::error_handler_t::replace));
        };
        std::optional<core::TempFile> checkout;
        if (wants_checkout(jr.job)) {
            checkout.emplace(scratch);
            auto fetched = fetch_to(config.url + "/api/v1/runners/jobs/" + std::to_string(wire->job_id) + "/checkout", config.token, checkout->path());
            if (fetched.status != 200) {  // a job without its files must not look as if it had them
                JobResult failed;
                failed.conclusion = "failure";
                failed.error = "The runner could not fetch the checkout: " + message_of(fetched);
                finish(failed);
                std::printf("Job %ld: failure (%s)\n", static_cast<long>(wire->job_id), failed.error.c_str());
                std::fflush(stdout);
                if (once) return 0;
                continue;
            }
            jr.checkout = checkout->path();
        }
        jr.observer = &reporter;
        jr.artifacts = &artifacts;
        jr.cancelled = &reporter.cancelled;
        jr.labels = {{"skyscape.runner", config.name}};
        if (engine && sandbox == &*engine)
            if (auto present = engine->has_image(jr.image); present && !*present) engine->pull(jr.image);
        auto result = run_job(*sandbox, std::move(jr));
        auto done = finish(result);
        std::printf("Job %ld: %s%s\n", static_cast<long>(wire->job_id), result.conclusion.c_str(),
                    done.status == 200 ? "" : (" (not reported: " + message_of(done) + ")").c_str());
        std::fflush(stdout);
        if (once) return 0;
    }
}

}  // namespace

int run_runner_cli(int argc, char** argv) {
    std::string command = argc > 2 ? argv[2] : "";
    auto opt = options(argc, argv, 3);
    if (command == "register") return register_runner(opt);
    if (command == "run") return run(opt);
    return fail_with("usage: workspace runner register --url URL --token TOKEN [--name NAME] [--labels a,b] [--config FILE]\n"
                     "       workspace runner run [--config FILE] [--once]");
}

}  // namespace actions

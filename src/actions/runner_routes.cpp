#include "actions/runner_routes.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "actions/artifacts.hpp"
#include "actions/runners.hpp"
#include "actions/scheduler.hpp"
#include "actions/tar.hpp"
#include "actions/views.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"

namespace actions {
namespace {

using auth::Need;
using expr::json;
namespace asio = boost::asio;

// How long a runner's request for a job waits before it is answered "nothing yet" (204).
constexpr auto kLongPoll = std::chrono::seconds(25);
constexpr std::size_t kArtifactBody = std::size_t(512) << 20;

std::optional<Runners::Runner> runner_of(Runners& runners, const http::Request& req) {
    return runners.authenticate(std::string(req.header("X-Runner-Token")));
}

http::Response admin_page(http::Request& req, Runners& runners, db::Pool& pool, const std::string& token) {
    http::Page page("actions/runners.tpl", "Runners");
    auto& dict = page.dict();
    dict.AddIncludeDictionary("NAV")->SetFilename("admin/nav.tpl");
    auto now = db::now();
    for (const auto& r : runners.list()) {
        auto* row = dict.AddSectionDictionary("RUNNER");
        row->SetIntValue("ID", r.id);
        row->SetValue("NAME", r.name);
        std::string labels;
        for (const auto& l : r.labels) labels += (labels.empty() ? "" : ", ") + l;
        row->SetValue("LABELS", labels);
        row->SetValue("CONTACT", r.last_contact ? http::time_ago(*r.last_contact) : "never");
        fill_status(*row, r.online(now) ? "success" : "cancelled");
        row->SetValue("STATE", r.online(now) ? "online" : "offline");
    }
    for (const auto& [label, image] : store::runner_images(pool)) {
        auto* row = dict.AddSectionDictionary("IMAGE");
        row->SetValue("LABEL", label);
        row->SetValue("IMAGE_NAME", image);
    }
    if (!token.empty()) {
        dict.SetValueAndShowSection("TOKEN", token, "HAS_TOKEN");
        dict.SetValue("URL", req.config->public_url);
    }
    return http::render(req, page);
}

asio::awaitable<http::Response> request_job(Runners& runners, Scheduler& scheduler, http::Request& req) {
    auto runner = runner_of(runners, req);
    if (!runner) co_return http::json_error(401, "Unknown runner token.");
    auto deadline = std::chrono::steady_clock::now() + kLongPoll;
    auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
    for (;;) {
        // Registered before looking, so a job queued while looking still wakes this request.
        timer->expires_at(deadline);
        runners.wait_on(timer);
        if (auto job = scheduler.hand_out(*runner)) co_return http::json(200, *job);
        boost::system::error_code ec;
        co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (std::chrono::steady_clock::now() >= deadline) co_return http::Response{204, "application/json", "", {}};
    }
}

}  // namespace

void register_runner_routes(http::Router& r, Runners& runners, Scheduler& scheduler, Artifacts& artifacts, db::Pool& pool) {
    r.get("/admin/runners", Need::site_admin, [&runners, &pool](http::Request& req) { return admin_page(req, runners, pool, ""); });
    r.post("/admin/runners/token", Need::site_admin, [&runners, &pool](http::Request& req) {
        return admin_page(req, runners, pool, runners.new_registration(req.actor.user_id));
    });
    r.post("/admin/runners/{runner_id}/delete", Need::site_admin, [&runners](http::Request& req) {
        auto id = http::parse_number(req.params["runner_id"]);
        if (!id || !runners.remove(*id)) return http::error_page(req, 404, "There is no such runner.");
        return http::redirect(req, "/admin/runners");
    });
    r.post("/admin/runners/images", Need::site_admin, [&pool](http::Request& req) {
        auto label = req.form_or("label"), image = req.form_or("image");
        if (label.empty() || label.find_first_of(", \t") != std::string::npos || image.find_first_of(" \t\r\n") != std::string::npos)
            return http::error_page(req, 400, "A label is one word without commas; an image is a name such as debian:bookworm-slim.");
        store::set_runner_image(pool, label, image);
        return http::redirect(req, "/admin/runners");
    });

    r.post("/api/v1/runners/register", Need::git, [&runners](http::Request& req) {
        auto body = json::parse(req.raw.body(), nullptr, false);
        if (!body.is_object() || !body.contains("token") || !body["token"].is_string())
            return http::json_error(400, "Send JSON {\"token\", \"name\", \"labels\"}.");
        std::vector<std::string> labels;
        if (body.contains("labels") && body["labels"].is_array())
            for (const auto& l : body["labels"])
                if (l.is_string()) labels.push_back(l.get<std::string>());
        auto added = runners.add(body["token"].get<std::string>(), body.value("name", ""), labels);
        if (!added) return http::json_error(http::status_of(added.error().code), added.error().message);
        return http::json(201, {{"id", added->first.id}, {"name", added->first.name}, {"token", added->second}});
    });
    r.stream("POST", "/api/v1/runners/jobs/request", Need::git,
             [&runners, &scheduler](http::Request& req, http::BodyStream&) { return request_job(runners, scheduler, req); });
    r.post("/api/v1/runners/jobs/{job_id}/events", Need::git, [&runners, &scheduler](http::Request& req) {
        auto runner = runner_of(runners, req);
        if (!runner) return http::json_error(401, "Unknown runner token.");
        auto body = json::parse(req.raw.body(), nullptr, false);
        auto id = http::parse_number(req.params["job_id"]);
        if (!id || !body.is_object() || !body.contains("events") || !body["events"].is_array())
            return http::json_error(400, "Send JSON {\"events\": […]}.");
        auto stop = scheduler.remote_events(*runner, *id, body["events"]);
        if (!stop) return http::json_error(404, stop.error().message);
        return http::json(200, {{"cancelled", *stop}});
    }, 16 << 20);
    r.post("/api/v1/runners/jobs/{job_id}/finish", Need::git, [&runners, &scheduler](http::Request& req) {
        auto runner = runner_of(runners, req);
        if (!runner) return http::json_error(401, "Unknown runner token.");
        auto body = json::parse(req.raw.body(), nullptr, false);
        auto id = http::parse_number(req.params["job_id"]);
        if (!id || !body.is_object()) return http::json_error(400, "Send JSON {\"conclusion\", \"outputs\", \"error\"}.");
        auto done = scheduler.remote_finish(*runner, *id, body.value("conclusion", "failure"), body.value("outputs", json::object()),
                                            body.value("error", ""));
        if (!done) return http::json_error(404, done.error().message);
        return http::json(200, json::object());
    });
    r.add("PUT", "/api/v1/runners/jobs/{job_id}/artifacts", Need::git, [&runners, &scheduler, &artifacts](http::Request& req) {
        auto runner = runner_of(runners, req);
        if (!runner) return http::json_error(401, "Unknown runner token.");
        auto id = http::parse_number(req.params["job_id"]);
        auto found = id ? scheduler.remote_job(*runner, *id) : std::nullopt;
        if (!found) return http::json_error(404, "This runner runs no such job.");
        auto files = read_tar(req.raw.body());
        if (!files) return http::json_error(400, "Send the files as a tar archive.");
        auto days = http::parse_number(req.query_or("retention_days", "0")).value_or(0);
        auto added = RunArtifacts(artifacts, found->first.id, found->second.id).upload(req.query_or("name", "artifact"), *files, static_cast<int>(days));
        if (!added) return http::json_error(http::status_of(added.error().code), added.error().message);
        return http::json(201, {{"message", *added}});
    }, kArtifactBody);
    r.get("/api/v1/runners/jobs/{job_id}/artifacts", Need::git, [&runners, &scheduler, &artifacts](http::Request& req) {
        auto runner = runner_of(runners, req);
        if (!runner) return http::json_error(401, "Unknown runner token.");
        auto id = http::parse_number(req.params["job_id"]);
        auto found = id ? scheduler.remote_job(*runner, *id) : std::nullopt;
        if (!found) return http::json_error(404, "This runner runs no such job.");
        auto files = RunArtifacts(artifacts, found->first.id, found->second.id).download(req.query_or("name", ""));
        if (!files) return http::json_error(404, files.error().message);
        return http::Response{200, "application/x-tar", make_tar(*files), {}};
    });
}

}  // namespace actions

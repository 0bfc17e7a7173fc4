#include "actions/runner_routes.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fstream>
#include <variant>

#include "actions/artifacts.hpp"
#include "actions/runners.hpp"
#include "actions/scheduler.hpp"
#include "actions/tar.hpp"
#include "actions/views.hpp"
#include "core/config.hpp"
#include "core/files.hpp"
#include "core/json.hpp"
#include "git/process.hpp"
#include "git/pump.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"

namespace actions {
namespace {

using auth::Need;
using expr::json;
namespace asio = boost::asio;

// How long a runner's request for a job waits before it is answered "nothing yet" (204).
constexpr auto kLongPoll = std::chrono::seconds(25);
// What a runner may send: a batch of log lines, and everything else.
constexpr std::size_t kEventsBody = 16 << 20;
constexpr std::size_t kSmallBody = 1 << 20;

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
        dict.SetValue("URL", http::site_url(req));
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

// A runner's call: the runner named by its token, and the job it runs, found from the headers
// before any of the body is read.
struct RunnerCall {
    Runners::Runner runner;
    std::int64_t job_id = 0;
    store::Run run;
    store::Job job;
};

std::variant<RunnerCall, http::Response> runner_call(Runners& runners, Scheduler& scheduler, http::Request& req, bool with_job = true) {
    auto runner = runner_of(runners, req);
    if (!runner) return http::json_error(401, "Unknown runner token.");
    RunnerCall call{*runner};
    if (!with_job) return call;
    auto id = http::parse_number(req.params["job_id"]);
    auto found = id ? scheduler.remote_job(*runner, *id) : std::nullopt;
    if (!found) return http::json_error(404, "This runner runs no such job.");
    call.job_id = *id;
    call.run = std::move(found->first);
    call.job = std::move(found->second);
    return call;
}

// The body as a JSON object, at most limit bytes, or the answer that refuses it.
asio::awaitable<std::variant<json, http::Response>> json_body(http::BodyStream& body, http::Request& req, std::size_t limit,
                                                              const char* shape) {
    auto text = co_await http::read_body(body, req, limit);
    if (!text) co_return http::json_error(text.error());
    auto value = core::parse_json(*text);
    if (!value.is_object()) co_return http::json_error(400, std::string("Send JSON ") + shape + ".");
    co_return value;
}

std::filesystem::path scratch(const http::Request& req) { return req.config->data_dir / "actions" / "tmp"; }

}  // namespace

void register_runner_routes(http::Router& r, Runners& runners, Scheduler& scheduler, Artifacts& artifacts, repos::Service& repos,
                            db::Pool& pool) {
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

    // The runner API. Each route is a stream: the runner's token (and the job it names) is
    // checked from the headers before a byte of the body is read, and bodies are read up to
    // each route's own limit.
    r.stream("POST", "/api/v1/runners/register", Need::git,
             [&runners](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto read = co_await json_body(body, req, kSmallBody, "{\"token\", \"name\", \"labels\"}");
                 if (auto* refused = std::get_if<http::Response>(&read)) co_return std::move(*refused);
                 const auto& given = std::get<json>(read);
                 if (!given.contains("token") || !given["token"].is_string()) co_return http::json_error(400, "Send JSON {\"token\", \"name\", \"labels\"}.");
                 std::vector<std::string> labels;
                 if (given.contains("labels") && given["labels"].is_array())
                     for (const auto& l : given["labels"])
                         if (l.is_string()) labels.push_back(l.get<std::string>());
                 auto name = given.contains("name") && given["name"].is_string() ? given["name"].get<std::string>() : "";
                 auto added = runners.add(given["token"].get<std::string>(), name, labels);
                 if (!added) co_return http::json_error(added.error());
                 co_return http::json(201, {{"id", added->first.id}, {"name", added->first.name}, {"token", added->second}});
             });
    r.stream("POST", "/api/v1/runners/jobs/request", Need::git,
             [&runners, &scheduler](http::Request& req, http::BodyStream&) { return request_job(runners, scheduler, req); });
    r.stream("POST", "/api/v1/runners/jobs/{job_id}/events", Need::git,
             [&runners, &scheduler](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto call = runner_call(runners, scheduler, req);
                 if (auto* refused = std::get_if<http::Response>(&call)) co_return std::move(*refused);
                 auto read = co_await json_body(body, req, kEventsBody, "{\"events\": […]}");
                 if (auto* refused = std::get_if<http::Response>(&read)) co_return std::move(*refused);
                 const auto& given = std::get<json>(read);
                 if (!given.contains("events") || !given["events"].is_array()) co_return http::json_error(400, "Send JSON {\"events\": […]}.");
                 auto& c = std::get<RunnerCall>(call);
                 auto stop = scheduler.remote_events(c.runner, c.job_id, given["events"]);
                 if (!stop) co_return http::json_error(404, stop.error().message);
                 co_return http::json(200, {{"cancelled", *stop}});
             });
    r.stream("POST", "/api/v1/runners/jobs/{job_id}/finish", Need::git,
             [&runners, &scheduler](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto call = runner_call(runners, scheduler, req);
                 if (auto* refused = std::get_if<http::Response>(&call)) co_return std::move(*refused);
                 auto read = co_await json_body(body, req, kSmallBody, "{\"conclusion\", \"outputs\", \"error\"}");
                 if (auto* refused = std::get_if<http::Response>(&read)) co_return std::move(*refused);
                 const auto& given = std::get<json>(read);
                 auto text = [&given](const char* key, const char* fallback) {
                     return given.contains(key) && given[key].is_string() ? given[key].get<std::string>() : std::string(fallback);
                 };
                 auto& c = std::get<RunnerCall>(call);
                 auto done = scheduler.remote_finish(c.runner, c.job_id, text("conclusion", "failure"),
                                                     given.contains("outputs") ? given["outputs"] : json::object(), text("error", ""));
                 if (!done) co_return http::json_error(404, done.error().message);
                 co_return http::json(200, json::object());
             });
    // The job's checkout, streamed from git archive as the browser's downloads are.
    r.stream("GET", "/api/v1/runners/jobs/{job_id}/checkout", Need::git,
             [&runners, &scheduler, &repos](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto call = runner_call(runners, scheduler, req);
                 if (auto* refused = std::get_if<http::Response>(&call)) co_return std::move(*refused);
                 auto& c = std::get<RunnerCall>(call);
                 auto executor = co_await asio::this_coro::executor;
                 auto git = git::Process::archive(executor, repos.path(c.run.repo_id), "tar", "workspace", c.run.sha(), git::plain_environment());
                 if (!git) co_return http::json_error(500, "The server could not run git archive.");
                 (*git)->close_input();
                 // Named, not a temporary: GCC 12 mishandles temporaries inside co_await expressions.
                 http::Response head{200, "application/x-tar", "", {}};
                 bool sent = co_await git::send_output(**git, req, body, head, "");
                 int code = (*git)->wait();
                 if (!body.started()) co_return http::json_error(500, "git archive failed (exit " + std::to_string(code) + ").");
                 if (sent && code == 0) co_await body.finish();
                 co_return http::Response{};
             });
    r.stream("PUT", "/api/v1/runners/jobs/{job_id}/artifacts", Need::git,
             [&runners, &scheduler, &artifacts](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto call = runner_call(runners, scheduler, req);
                 if (auto* refused = std::get_if<http::Response>(&call)) co_return std::move(*refused);
                 auto& c = std::get<RunnerCall>(call);
                 core::TempFile tar(scratch(req));
                 // What the artifact may hold, and its archive's headers besides.
                 auto saved = co_await http::save_body(body, req, tar.path(), kArtifactLimit + (64 << 20));
                 if (!saved) co_return http::json_error(saved.error());
                 auto days = http::parse_number(req.query_or("retention_days", "0")).value_or(0);
                 auto added = RunArtifacts(artifacts, c.run.id, c.job.id).upload(req.query_or("name", "artifact"), tar.path(), static_cast<int>(days));
                 if (!added) co_return http::json_error(added.error());
                 co_return http::json(201, {{"message", *added}});
             });
    r.stream("GET", "/api/v1/runners/jobs/{job_id}/artifacts", Need::git,
             [&runners, &scheduler, &artifacts](http::Request& req, http::BodyStream& body) -> asio::awaitable<http::Response> {
                 auto call = runner_call(runners, scheduler, req);
                 if (auto* refused = std::get_if<http::Response>(&call)) co_return std::move(*refused);
                 auto& c = std::get<RunnerCall>(call);
                 core::TempFile tar(scratch(req));
                 std::ofstream out(tar.path(), std::ios::binary);
                 TarWriter writer(out);
                 auto files = RunArtifacts(artifacts, c.run.id, c.job.id).download(req.query_or("name", ""), "", writer);
                 if (!files) co_return http::json_error(files.error());
                 writer.finish();
                 out.close();
                 http::Response head{200, "application/x-tar", "", {}};
                 if (!out || !co_await http::send_file(body, req, head, tar.path()))
                     if (!body.started()) co_return http::json_error(500, "The server could not send the artifact.");
                 co_return http::Response{};
             });
}

}  // namespace actions

#include "git/http_routes.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include <variant>

#include "core/crypto.hpp"
#include "git/backend.hpp"
#include "git/inflate.hpp"
#include "git/pump.hpp"
#include "http/router.hpp"
#include "repos/legacy.hpp"
#include "repos/service.hpp"

namespace git {
namespace {

namespace asio = boost::asio;
using http::Response;

constexpr std::size_t kChunk = 64 * 1024;

Response plain(unsigned status, std::string message) {
    auto res = http::text(status, std::move(message) + "\n");
    res.header("Cache-Control", "no-cache");
    return res;
}

// {repo} is the name with or without ".git", as git clients and GitHub allow.
std::string repo_name_of(const http::Request& req) {
    std::string name = req.params.at("repo");
    if (name.ends_with(".git")) name.resize(name.size() - 4);
    return name;
}

struct GitRequest {
    repos::Access access;
    std::string protocol;  //!< the client's Git-Protocol header, passed to git as GIT_PROTOCOL
};

// The repository a git request addresses, if the caller may use it for the service; otherwise
// the answer git should get. Anonymous callers are asked for credentials rather than told a
// private repository exists; signed-in callers without read access are told it does not.
std::variant<GitRequest, Response> accept(Backend& backend, const http::Request& req, Service service) {
    std::string protocol(req.header("Git-Protocol"));
    if (!valid_git_protocol(protocol)) return plain(400, "Malformed Git-Protocol header.");
    auto access = backend.repos().access(req.actor, req.params.at("owner"), repo_name_of(req),
                                         service == Service::receive_pack ? auth::Role::write : auth::Role::read);
    if (access) return GitRequest{std::move(*access), std::move(protocol)};
    // /repo/{id}.git, from before owners, is /{owner}/{repo}/… with owner "repo" (a reserved name).
    if (auto moved = repos::legacy::redirect(req, backend.repos())) return std::move(*moved);
    if (!req.actor.signed_in()) {
        auto res = plain(401, "Authentication required.");
        res.header("WWW-Authenticate", "Basic realm=\"Skyscape\"");
        return res;
    }
    if (access.error().code == core::Errc::not_found) return plain(404, "repository not found");
    return plain(403, service == Service::receive_pack
                          ? "Permission denied: you can read this repository but not push to it."
                          : access.error().message);
}

std::string pkt_line(std::string_view payload) {
    char length[5];
    std::snprintf(length, sizeof length, "%04zx", payload.size() + 4);
    return std::string(length) + std::string(payload);
}

// Copies the request body (gunzipped if need be) to git's stdin, then closes it.
asio::awaitable<void> pump_in(Process& git, http::BodyStream& body, bool gzip, bool& ok) {
    std::vector<char> buf(kChunk);
    Inflater inflater;
    std::string decoded;
    boost::system::error_code ec;
    ok = true;
    while (std::size_t n = co_await body.read(buf.data(), buf.size())) {
        std::string_view data(buf.data(), n);
        if (!gzip) {
            co_await asio::async_write(git.in(), asio::buffer(data.data(), data.size()), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;  // git stopped reading: it will say why on stdout
            continue;
        }
        inflater.feed(data);
        while ((ok = inflater.drain(decoded, kChunk)) && !decoded.empty() && !ec)
            co_await asio::async_write(git.in(), asio::buffer(decoded.data(), decoded.size()), asio::redirect_error(asio::use_awaitable, ec));
        if (!ok || ec) break;
    }
    ok = ok && !body.failed();
    git.close_input();
}

asio::awaitable<Response> info_refs(Backend& backend, http::Request& req, http::BodyStream& body) {
    auto service_param = req.query("service");
    if (!service_param)
        co_return plain(403, "Only git's smart HTTP protocol is served; upgrade git to 1.6.6 or later.");
    Service service;
    if (*service_param == "git-upload-pack")
        service = Service::upload_pack;
    else if (*service_param == "git-receive-pack")
        service = Service::receive_pack;
    else
        co_return plain(403, "Unsupported service: only git-upload-pack and git-receive-pack are served.");
    auto accepted = accept(backend, req, service);
    if (auto* refusal = std::get_if<Response>(&accepted)) co_return std::move(*refusal);
    auto& [access, protocol] = std::get<GitRequest>(accepted);

    auto executor = co_await asio::this_coro::executor;
    auto git = Process::start(executor, service, backend.repos().path(access.repo.id), true,
                              backend.environment(service, access.repo, req.actor, "", protocol));
    if (!git) {
        spdlog::error("{} git {}: {}", req.request_id, service_name(service), git.error().message);
        co_return plain(500, "The server could not run git.");
    }
    (*git)->close_input();
    Response head{200, std::string("application/x-git-") + service_name(service) + "-advertisement", "", {}};
    head.header("Cache-Control", "no-cache, max-age=0, must-revalidate").header("Pragma", "no-cache");
    // Protocol v2 starts with its own capability advertisement; v0/v1 with the service line.
    std::string preamble = protocol.find("version=2") != std::string::npos
                               ? ""
                               : pkt_line(std::string("# service=") + *service_param + "\n") + "0000";
    bool sent = co_await send_output(**git, req, body, head, preamble);
    int code = (*git)->wait();
    if (!sent || code != 0) {
        if (!body.started()) co_return plain(500, "git " + std::string(service_name(service)) + " failed.");
        co_return Response{};
    }
    co_await body.finish();
    co_return Response{};
}

asio::awaitable<Response> rpc(Backend& backend, Service service, http::Request& req, http::BodyStream& body) {
    std::string name = service_name(service);
    if (req.header("Content-Type") != "application/x-git-" + name + "-request")
        co_return plain(415, "Expected Content-Type application/x-git-" + name + "-request.");
    auto encoding = req.header("Content-Encoding");
    if (!encoding.empty() && encoding != "gzip" && encoding != "x-gzip" && encoding != "identity")
        co_return plain(415, "Unsupported Content-Encoding.");
    auto accepted = accept(backend, req, service);
    if (auto* refusal = std::get_if<Response>(&accepted)) co_return std::move(*refusal);
    auto& [access, protocol] = std::get<GitRequest>(accepted);

    std::string push_id = service == Service::receive_pack ? core::crypto::random_hex(16) : "";
    auto executor = co_await asio::this_coro::executor;
    auto git = Process::start(executor, service, backend.repos().path(access.repo.id), false,
                              backend.environment(service, access.repo, req.actor, push_id, protocol));
    if (!git) {
        spdlog::error("{} git {}: {}", req.request_id, name, git.error().message);
        co_return plain(500, "The server could not run git.");
    }

    // Both directions at once, so neither side can fill a pipe and wait on the other forever.
    // The input pump signals its end through a flag (it may end before anyone waits) and by
    // cancelling the timer (in case someone does).
    asio::steady_timer input_done(executor, asio::steady_timer::time_point::max());
    bool input_finished = false, input_ok = false;
    asio::co_spawn(executor, pump_in(**git, body, encoding == "gzip" || encoding == "x-gzip", input_ok),
                   [&](std::exception_ptr) {
                       input_finished = true;
                       input_done.cancel();
                   });
    Response head{200, "application/x-git-" + name + "-result", "", {}};
    head.header("Cache-Control", "no-cache, max-age=0, must-revalidate");
    bool sent = co_await send_output(**git, req, body, head, "");
    if (!sent) {
        body.cancel();
        boost::system::error_code ignored;
        (*git)->in().cancel(ignored);
    }
    boost::system::error_code ec;
    if (!input_finished) co_await input_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    int code = (*git)->wait();
    if (service == Service::receive_pack) backend.settle_push(push_id, access.repo.id);
    if (!body.started()) {
        if (!input_ok) co_return plain(400, "The request body is malformed or was cut short.");
        // git's probe before a large push is a lone flush packet, which git answers with nothing.
        if (code == 0) co_return head;
        // git read the whole request and refused it without a word: the request was not git's.
        co_return plain(400, "git " + name + " refused the request (exit " + std::to_string(code) + ").");
    }
    if (sent) co_await body.finish();
    co_return Response{};
}

}  // namespace

void register_http_routes(http::Router& r, Backend& backend) {
    r.stream("GET", "/{owner}/{repo}/info/refs", auth::Need::git,
             [&backend](http::Request& req, http::BodyStream& body) { return info_refs(backend, req, body); });
    r.stream("POST", "/{owner}/{repo}/git-upload-pack", auth::Need::git,
             [&backend](http::Request& req, http::BodyStream& body) {
                 return rpc(backend, Service::upload_pack, req, body);
             });
    r.stream("POST", "/{owner}/{repo}/git-receive-pack", auth::Need::git,
             [&backend](http::Request& req, http::BodyStream& body) {
                 return rpc(backend, Service::receive_pack, req, body);
             });
}

}  // namespace git

#include "browse/archive.hpp"

#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

#include "browse/store.hpp"
#include "git/backend.hpp"
#include "git/pump.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"

namespace browse {
namespace {

namespace asio = boost::asio;

struct Format {
    const char* suffix;
    const char* git_name;
    const char* content_type;
};
constexpr Format kFormats[] = {{".tar.gz", "tar.gz", "application/gzip"}, {".zip", "zip", "application/zip"}};

asio::awaitable<http::Response> archive(git::Backend& backend, http::Request& req, http::BodyStream& body) {
    std::string rest = req.params["rest"];
    const Format* format = nullptr;
    for (const auto& f : kFormats)
        if (rest.ends_with(f.suffix) && rest.size() > std::string_view(f.suffix).size()) format = &f;
    if (!format) co_return http::error_page(req, 404, "Archives are .tar.gz or .zip, e.g. main.tar.gz.");
    std::string ref = rest.substr(0, rest.size() - std::string_view(format->suffix).size());
    auto repo = store::Repository::open(backend.repos().path(req.repo->id));
    if (!repo) co_return http::error_page(req, repo.error());
    auto at = store::resolve(*repo, ref);
    if (!at || !at->path.empty())
        co_return http::error_page(req, 404, "No branch, tag or commit is called \"" + ref + "\".");

    std::string name = req.repo->name + "-" + ref;
    std::replace(name.begin(), name.end(), '/', '-');
    auto env = backend.environment(git::Service::upload_pack, *req.repo, req.actor, "", "");
    auto git = git::Process::archive(co_await asio::this_coro::executor, backend.repos().path(req.repo->id),
                                     format->git_name, name, at->commit, env);
    if (!git) {
        spdlog::error("{} git archive: {}", req.request_id, git.error().message);
        co_return http::error_page(req, 500, "The server could not run git archive.");
    }
    (*git)->close_input();
    http::Response head{200, format->content_type, "", {}};
    head.header("Content-Disposition", http::attachment(name + format->suffix));
    bool sent = co_await git::send_output(**git, req, body, head, "");
    int code = (*git)->wait();
    if (!body.started()) co_return http::error_page(req, 500, "git archive failed (exit " + std::to_string(code) + ").");
    if (sent && code == 0) co_await body.finish();
    co_return http::Response{};
}

}  // namespace

void register_archive_routes(http::Router& r, git::Backend& backend) {
    r.stream("GET", "/{owner}/{repo}/archive/{rest...}", auth::Need::repo_read,
             [&backend](http::Request& req, http::BodyStream& body) { return archive(backend, req, body); });
}

}  // namespace browse

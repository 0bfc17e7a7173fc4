#include "workspaces/proxy.hpp"

#include <sys/stat.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include <functional>
#include <set>

#include "auth/service.hpp"
#include "core/config.hpp"
#include "core/process.hpp"
#include "http/escape.hpp"
#include "http/request.hpp"
#include "workspaces/sandbox.hpp"
#include "workspaces/service.hpp"

namespace workspaces {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using local = asio::local::stream_protocol;
using asio::use_awaitable;

//! Two sockets relayed as bytes (an upgraded WebSocket, or an agent's connection to the
//! forge), shared by the two directions' coroutines, either of which closes both when it ends.
template <class A, class B>
struct Pipe {
    Pipe(A a_, B b_) : a(std::move(a_)), b(std::move(b_)) {}
    A a;
    B b;
    void close() {
        beast::error_code ec;
        a.close(ec);
        b.close(ec);
    }
};

//! An open WebSocket of a workspace, closed from any thread by close().
struct Tunnel {
    std::string workspace_id;
    std::int64_t user_id = 0;
    std::string session;
    std::function<void()> close;
};

namespace {

constexpr std::string_view kCookie = "skyscape_ws";
constexpr std::size_t kChunk = 16 * 1024;

template <class From, class To>
asio::awaitable<void> pump(From& from, To& to, std::function<void()> on_data) {
    char buffer[kChunk];
    beast::error_code ec;
    for (;;) {
        std::size_t n = co_await from.async_read_some(asio::buffer(buffer), asio::redirect_error(use_awaitable, ec));
        if (ec || n == 0) break;
        if (on_data) on_data();
        co_await asio::async_write(to, asio::buffer(buffer, n), asio::redirect_error(use_awaitable, ec));
        if (ec) break;
    }
}

// Relays both ways until either side ends; returns when both directions have. (Callers name
// what they pass: GCC 12 destroys temporaries in a co_await's operands twice.)
template <class A, class B>
asio::awaitable<void> splice(std::shared_ptr<Pipe<A, B>> pipe, std::function<void()> on_client_data) {
    auto executor = co_await asio::this_coro::executor;
    auto other_done = std::make_shared<asio::steady_timer>(executor, asio::steady_timer::time_point::max());
    asio::co_spawn(executor, [pipe, other_done]() -> asio::awaitable<void> {
        std::function<void()> nothing;
        co_await pump(pipe->b, pipe->a, nothing);
        pipe->close();
        other_done->cancel();
    }, asio::detached);
    co_await pump(pipe->a, pipe->b, on_client_data);
    pipe->close();
    beast::error_code ec;
    if (other_done->expiry() == asio::steady_timer::time_point::max())
        co_await other_done->async_wait(asio::redirect_error(use_awaitable, ec));
}

struct Target {
    std::string id;
    std::string rest;   // the path below /coder/{id}, "" for /coder/{id} itself
    std::string query;  // with its '?', or ""
};

std::optional<Target> parse_target(std::string_view target) {
    constexpr std::string_view kPrefix = "/coder/";
    auto question = target.find('?');
    std::string_view path = target.substr(0, question);
    if (!path.starts_with(kPrefix)) return std::nullopt;
    path.remove_prefix(kPrefix.size());
    auto slash = path.find('/');
    std::string_view id = path.substr(0, slash);
    if (id.empty() || id.size() > 63 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string_view::npos)
        return std::nullopt;
    Target out{std::string(id), slash == std::string_view::npos ? "" : std::string(path.substr(slash)), ""};
    if (question != std::string_view::npos) out.query = std::string(target.substr(question));
    return out;
}

// The cookie pairs of a Cookie header.
std::vector<std::pair<std::string_view, std::string_view>> cookies_of(std::string_view header) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    while (!header.empty()) {
        auto end = header.find(';');
        auto pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        while (pair.starts_with(' ')) pair.remove_prefix(1);
        auto eq = pair.find('=');
        if (eq != std::string_view::npos) out.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
    return out;
}

std::string cookie_of(const bhttp::fields& fields, std::string_view name) {
    for (auto it = fields.find(bhttp::field::cookie); it != fields.end() && it->name() == bhttp::field::cookie; ++it)
        for (auto [key, value] : cookies_of({it->value().data(), it->value().size()}))
            if (key == name) return std::string(value);
    return "";
}

// The Cookie header for the IDE: every cookie but the forge's and ours (skyscape_*), which
// the code in a workspace must never see.
std::string foreign_cookies(const bhttp::fields& fields) {
    std::string out;
    for (auto it = fields.find(bhttp::field::cookie); it != fields.end() && it->name() == bhttp::field::cookie; ++it)
        for (auto [key, value] : cookies_of({it->value().data(), it->value().size()}))
            if (!key.starts_with("skyscape")) {
                if (!out.empty()) out += "; ";
                out.append(key).append("=").append(value);
            }
    return out;
}

std::string_view host_name(std::string_view host) {
    if (host.starts_with('[')) return host.substr(0, host.find(']') + 1);
    return host.substr(0, host.find(':'));
}

bool is_upgrade(const bhttp::request_header<>& req) {
    return beast::iequals(req[bhttp::field::upgrade], "websocket") && req[bhttp::field::connection].find("pgrade") != std::string_view::npos;
}

using Answer = bhttp::response<bhttp::string_body>;

// The proxy's own answer, after which the connection closes.
asio::awaitable<void> send(beast::tcp_stream& client, Answer& res) {
    res.keep_alive(false);
    client.expires_after(std::chrono::seconds(30));
    beast::error_code ec;
    co_await bhttp::async_write(client, res, asio::redirect_error(use_awaitable, ec));
}

Answer answer(unsigned version, bhttp::status status, std::string text) {
    Answer res{status, version ? version : 11};
    res.set(bhttp::field::content_type, "text/html; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.body() = "<!doctype html><meta charset=utf-8><title>" + std::to_string(static_cast<unsigned>(status)) + "</title><p>";
    http::append_escaped(res.body(), text);
    res.body() += "</p>";
    res.prepare_payload();
    return res;
}

Answer go_to(unsigned version, bhttp::status status, const std::string& location) {
    auto res = answer(version, status, "Moved to " + location);
    res.set(bhttp::field::location, location);
    return res;
}

}  // namespace

Proxy::Proxy(const core::Config& config, Service& service, auth::Accounts& accounts)
    : config_(config), service_(service), accounts_(accounts), workers_([] {
          std::vector<std::unique_ptr<asio::io_context>> out;
          for (int i = 0; i < 2; ++i) out.push_back(std::make_unique<asio::io_context>(1));
          return out;
      }()),
      acceptor_(*workers_.front()), forge_acceptor_(*workers_.front()) {}

Proxy::~Proxy() { stop(); }

asio::io_context& Proxy::next_worker() { return *workers_[next_worker_++ % workers_.size()]; }

core::Result<std::uint16_t> Proxy::listen(std::uint16_t forge_port) {
    forge_port_ = forge_port;
    beast::error_code ec;
    auto address = asio::ip::make_address(config_.host, ec);
    if (ec) return core::fail(core::Errc::invalid, "HOST is not an IP address: " + config_.host);
    tcp::endpoint endpoint(address, config_.workspaces_port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) core::process::close_on_exec(acceptor_.native_handle());
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return core::fail(core::Errc::internal, "cannot listen for workspaces on " + config_.host + ":" +
                                                    std::to_string(config_.workspaces_port) + " (WORKSPACES_PORT): " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    auto socket_path = service_.sandbox().forge_socket();
    std::error_code fs_ec;
    std::filesystem::create_directories(socket_path.parent_path(), fs_ec);
    std::filesystem::remove(socket_path, fs_ec);
    forge_acceptor_.open(local(), ec);
    if (!ec) core::process::close_on_exec(forge_acceptor_.native_handle());
    if (!ec) forge_acceptor_.bind(local::endpoint(socket_path.string()), ec);
    if (!ec) forge_acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return core::fail(core::Errc::internal, "cannot listen on " + socket_path.string() + ": " + ec.message());
    ::chmod(socket_path.c_str(), 0660);
    asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
    asio::co_spawn(forge_acceptor_.get_executor(), accept_forge(), asio::detached);
    asio::co_spawn(*workers_.front(), sweep(), asio::detached);
    return port_;
}

void Proxy::start() {
    for (auto& worker : workers_)
        threads_.emplace_back([ctx = worker.get()] {
            auto guard = asio::make_work_guard(*ctx);
            ctx->run();
        });
}

void Proxy::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        for (auto& tunnel : tunnels_) tunnel->close();
    }
    for (auto& worker : workers_) worker->stop();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
}

std::string Proxy::forge_url(std::string_view host, bool https) const {
    if (config_.public_url_set || !config_.workspaces_domain.empty()) return config_.public_url;
    return std::string(https ? "https://" : "http://") + std::string(host_name(host)) + ":" + std::to_string(forge_port_) + config_.prefix;
}

std::string Proxy::ide_url(const http::Request& req, const std::string& id) const {
    std::string scheme = req.is_https() ? "https://" : "http://";
    if (!config_.workspaces_domain.empty()) return scheme + id + "." + config_.workspaces_domain + "/coder/" + id + "/";
    return scheme + std::string(host_name(req.header("Host"))) + ":" + std::to_string(port_) + "/coder/" + id + "/";
}

void Proxy::close_workspace(const std::string& id) {
    std::lock_guard lock(mutex_);
    for (auto& tunnel : tunnels_)
        if (tunnel->workspace_id == id) tunnel->close();
}

bool Proxy::add_tunnel(const std::shared_ptr<Tunnel>& tunnel) {
    std::lock_guard lock(mutex_);
    if (stopping_ || sockets_per_user_[tunnel->user_id] >= kSocketsPerUser) return false;
    ++sockets_per_user_[tunnel->user_id];
    tunnels_.push_back(tunnel);
    return true;
}

void Proxy::remove_tunnel(const std::shared_ptr<Tunnel>& tunnel) {
    std::lock_guard lock(mutex_);
    tunnels_.remove(tunnel);
    if (--sockets_per_user_[tunnel->user_id] <= 0) sockets_per_user_.erase(tunnel->user_id);
}

asio::awaitable<void> Proxy::accept_loop() {
    for (;;) {
        beast::error_code ec;
        tcp::socket socket = co_await acceptor_.async_accept(next_worker(), asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted) co_return;
        if (ec) {
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        core::process::close_on_exec(socket.native_handle());
        auto executor = socket.get_executor();
        asio::co_spawn(executor, serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> Proxy::accept_forge() {
    for (;;) {
        beast::error_code ec;
        local::socket socket = co_await forge_acceptor_.async_accept(next_worker(), asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::operation_aborted) co_return;
        if (ec) {
            asio::steady_timer pause(forge_acceptor_.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        core::process::close_on_exec(socket.native_handle());
        auto executor = socket.get_executor();
        asio::co_spawn(executor, relay_to_forge(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> Proxy::relay_to_forge(local::socket socket) {
    beast::error_code ec;
    auto address = asio::ip::make_address(config_.host, ec);
    if (ec || address.is_unspecified()) address = address.is_v6() ? asio::ip::address(asio::ip::address_v6::loopback())
                                                                   : asio::ip::address(asio::ip::address_v4::loopback());
    tcp::socket forge(socket.get_executor());
    co_await forge.async_connect(tcp::endpoint(address, forge_port_), asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    core::process::close_on_exec(forge.native_handle());
    auto pipe = std::make_shared<Pipe<local::socket, tcp::socket>>(std::move(socket), std::move(forge));
    std::function<void()> nothing;
    co_await splice(pipe, nothing);
}

// Every 2 s: an open WebSocket whose forge session ended (signed out, expired, the user
// disabled) is closed.
asio::awaitable<void> Proxy::sweep() {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
        timer.expires_after(std::chrono::seconds(2));
        beast::error_code ec;
        co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
        if (ec) co_return;
        std::vector<std::shared_ptr<Tunnel>> open;
        {
            std::lock_guard lock(mutex_);
            open.assign(tunnels_.begin(), tunnels_.end());
        }
        std::map<std::string, bool> live;
        for (const auto& tunnel : open) {
            auto [it, fresh] = live.try_emplace(tunnel->session, false);
            if (fresh) {
                auto actor = accounts_.actor_from_session(tunnel->session);
                it->second = actor && actor->user_id == tunnel->user_id;
            }
            if (!it->second) tunnel->close();
        }
    }
}

asio::awaitable<void> Proxy::serve(tcp::socket socket) {
    beast::tcp_stream client(std::move(socket));
    beast::flat_buffer buffer;
    beast::error_code ec;
    for (;;) {
        bhttp::request_parser<bhttp::empty_body> head;
        head.header_limit(16 * 1024);
        head.body_limit(std::numeric_limits<std::uint64_t>::max());
        client.expires_after(std::chrono::seconds(60));
        co_await bhttp::async_read_header(client, buffer, head, asio::redirect_error(use_awaitable, ec));
        if (ec) break;
        auto& req = head.get();
        unsigned version = req.version();
        bool keep_alive = req.keep_alive();
        bool https = req["X-Forwarded-Proto"] == "https";
        std::string host(req[bhttp::field::host]);

        // What the proxy answers itself, or nothing when the request goes on to the IDE. Decided
        // outside any co_await: GCC 12 destroys temporaries in a co_await's operands twice.
        std::optional<Target> target;
        std::optional<Grant> grant;
        int fd = -1;
        bool upgrade = is_upgrade(req);
        std::optional<Answer> own = [&]() -> std::optional<Answer> {
            target = parse_target({req.target().data(), req.target().size()});
            if (!target) return answer(version, bhttp::status::not_found, "There is nothing at this address.");
            if (!config_.workspaces_domain.empty() && host != target->id + "." + config_.workspaces_domain)
                return answer(version, bhttp::status::not_found, "There is nothing at this address.");
            std::string base = "/coder/" + target->id + "/";
            std::string forge = forge_url(host, https) + base;
            if (target->rest.empty()) return go_to(version, bhttp::status::moved_permanently, base + target->query);
            if (target->rest == "/_skyscape/handoff") {
                auto code = http::parse_urlencoded(target->query.empty() ? "" : target->query.substr(1))["code"];
                auto pass = service_.passes().redeem(code, target->id);
                if (!pass)
                    return answer(version, bhttp::status::forbidden,
                                  "This link was used already or has expired. Open the workspace again from " + forge);
                auto res = go_to(version, bhttp::status::see_other, base);
                res.set(bhttp::field::set_cookie, std::string(kCookie) + "=" + *pass + "; Path=" + base + "; HttpOnly; SameSite=Lax" +
                                                      (https ? "; Secure" : ""));
                return res;
            }
            grant = service_.passes().check(cookie_of(req, kCookie));
            if (grant) {
                auto actor = accounts_.actor_from_session(grant->session);
                if (!actor || actor->user_id != grant->user_id) grant.reset();
            }
            // Not signed in here: the forge signs the browser in, if need be, and hands off again.
            if (!grant && (upgrade || req.method() != bhttp::verb::get))
                return answer(version, bhttp::status::unauthorized, "Open the workspace from " + forge);
            if (!grant) return go_to(version, bhttp::status::found, forge);
            if (grant->workspace_id != target->id) return answer(version, bhttp::status::not_found, "There is no such workspace.");
            if (upgrade && req[bhttp::field::origin] != (https ? "https://" : "http://") + host)
                return answer(version, bhttp::status::forbidden, "This connection did not come from the workspace's own page.");
            fd = connect_socket(service_.ide_socket(target->id));
            // Stopped: the forge starts it again and comes back.
            if (fd < 0 && (upgrade || req.method() != bhttp::verb::get))
                return answer(version, bhttp::status::service_unavailable, "The workspace is not running. Open it from " + forge);
            if (fd < 0) return go_to(version, bhttp::status::found, forge);
            return std::nullopt;
        }();
        if (own) {
            co_await send(client, *own);
            break;
        }
        local::socket upstream(client.get_executor(), local(), fd);
        service_.touch(target->id);

        bhttp::request_parser<bhttp::buffer_body> body(std::move(head));
        auto& out = body.get();
        out.target(target->rest + target->query);
        auto cookies = foreign_cookies(out);
        out.erase(bhttp::field::cookie);
        if (!cookies.empty()) out.set(bhttp::field::cookie, cookies);
        out.erase(bhttp::field::authorization);
        out.erase(bhttp::field::proxy_authorization);
        out.set("X-Forwarded-Proto", https ? "https" : "http");
        beast::error_code peer_ec;
        auto peer = client.socket().remote_endpoint(peer_ec);
        if (!peer_ec) out.set("X-Forwarded-For", peer.address().to_string());

        // The request, its body streamed as it comes (Beast's relay, in pieces of kChunk).
        char piece[kChunk];
        bhttp::request_serializer<bhttp::buffer_body> request_out(out);
        bool failed = false;
        do {
            if (!body.is_done()) {
                out.body().data = piece;
                out.body().size = sizeof piece;
                client.expires_after(std::chrono::seconds(60));
                co_await bhttp::async_read(client, buffer, body, asio::redirect_error(use_awaitable, ec));
                if (ec == bhttp::error::need_buffer) ec = {};
                if (ec) { failed = true; break; }
                out.body().size = sizeof piece - out.body().size;
                out.body().data = piece;
                out.body().more = !body.is_done();
            } else {
                out.body().data = nullptr;
                out.body().size = 0;
                out.body().more = false;
            }
            co_await bhttp::async_write(upstream, request_out, asio::redirect_error(use_awaitable, ec));
            if (ec == bhttp::error::need_buffer) ec = {};
            if (ec) { failed = true; break; }
        } while (!body.is_done() && !request_out.is_done());
        if (failed) break;

        beast::flat_buffer upstream_buffer;
        bhttp::response_parser<bhttp::buffer_body> reply;
        reply.body_limit(std::numeric_limits<std::uint64_t>::max());
        if (out.method() == bhttp::verb::head) reply.skip(true);
        co_await bhttp::async_read_header(upstream, upstream_buffer, reply, asio::redirect_error(use_awaitable, ec));
        if (ec) {
            auto failure = answer(version, bhttp::status::bad_gateway, "The workspace's IDE did not answer.");
            co_await send(client, failure);
            break;
        }
        auto& res = reply.get();
        if (upgrade && res.result() == bhttp::status::switching_protocols) {
            bhttp::response_serializer<bhttp::buffer_body> head_out(res);
            client.expires_never();
            co_await bhttp::async_write_header(client, head_out, asio::redirect_error(use_awaitable, ec));
            if (ec) break;
            // Bytes either side sent past the headers go first.
            if (buffer.size()) co_await asio::async_write(upstream, buffer.data(), asio::redirect_error(use_awaitable, ec));
            if (!ec && upstream_buffer.size())
                co_await asio::async_write(client, upstream_buffer.data(), asio::redirect_error(use_awaitable, ec));
            if (ec) break;
            auto pipe = std::make_shared<Pipe<tcp::socket, local::socket>>(client.release_socket(), std::move(upstream));
            auto tunnel = std::make_shared<Tunnel>();
            tunnel->workspace_id = grant->workspace_id;
            tunnel->user_id = grant->user_id;
            tunnel->session = grant->session;
            auto executor = co_await asio::this_coro::executor;
            tunnel->close = [executor, weak = std::weak_ptr(pipe)] {
                asio::post(executor, [weak] {
                    if (auto pipe = weak.lock()) pipe->close();
                });
            };
            if (!add_tunnel(tunnel)) {
                pipe->close();
                co_return;
            }
            std::string id = target->id;
            std::function<void()> touch = [this, id] { service_.touch(id); };
            co_await splice(pipe, touch);
            remove_tunnel(tunnel);
            co_return;
        }
        bool framed = reply.is_done() || res.chunked() || res.has_content_length();
        keep_alive = keep_alive && framed;
        res.keep_alive(keep_alive);
        bhttp::response_serializer<bhttp::buffer_body> response_out(res);
        do {
            if (!reply.is_done()) {
                res.body().data = piece;
                res.body().size = sizeof piece;
                co_await bhttp::async_read(upstream, upstream_buffer, reply, asio::redirect_error(use_awaitable, ec));
                if (ec == bhttp::error::need_buffer) ec = {};
                if (ec) { failed = true; break; }
                res.body().size = sizeof piece - res.body().size;
                res.body().data = piece;
                res.body().more = !reply.is_done();
            } else {
                res.body().data = nullptr;
                res.body().size = 0;
                res.body().more = false;
            }
            client.expires_after(std::chrono::seconds(60));
            co_await bhttp::async_write(client, response_out, asio::redirect_error(use_awaitable, ec));
            if (ec == bhttp::error::need_buffer) ec = {};
            if (ec) { failed = true; break; }
        } while (!reply.is_done() && !response_out.is_done());
        if (failed || !keep_alive) break;
    }
    client.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace workspaces

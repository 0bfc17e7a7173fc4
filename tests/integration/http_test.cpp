// The HTTP core as clients meet it: errors, limits, static files, headers, PREFIX.
#include <gtest/gtest.h>

#include <regex>

#include "harness.hpp"

namespace {

using harness::Client;

class Http : public ::testing::Test {
protected:
    harness::TempDir dir;
    harness::Server server{dir.path / "data"};
    Client client{server.port()};
};

TEST_F(Http, health_reports_the_database) {
    auto res = client.get("/health");
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.header("content-type"), "application/json");
    EXPECT_TRUE(res.has(R"("status":"ok")"));
    EXPECT_TRUE(res.has(R"("db":"ok")"));
    EXPECT_TRUE(res.has(R"("version":"0.1.0")"));
}

TEST_F(Http, garbage_request_line_is_400) {
    auto reply = harness::raw_exchange(server.port(), "HELLO THERE\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply.substr(0, 80);
    auto not_a_path = harness::raw_exchange(server.port(), "GET example.com HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(not_a_path.starts_with("HTTP/1.1 400")) << not_a_path.substr(0, 80);
    EXPECT_EQ(client.get("/health").status, 200u) << "the server carries on";
}

TEST_F(Http, unknown_paths_are_404_pages_and_api_paths_json) {
    auto page = client.get("/no/such/page");
    EXPECT_EQ(page.status, 404u);
    EXPECT_TRUE(page.has("Not found"));
    EXPECT_TRUE(page.has("<html")) << "rendered in the layout";
    auto fragment = client.get("/no/such/page", {{"HX-Request", "true"}});
    EXPECT_EQ(fragment.status, 404u);
    EXPECT_FALSE(fragment.has("<html")) << "htmx gets a fragment";
    auto api = client.get("/api/v1/nothing");
    EXPECT_EQ(api.status, 404u);
    EXPECT_EQ(api.header("content-type"), "application/json");
    EXPECT_TRUE(api.has(R"("message")"));
}

TEST_F(Http, wrong_method_is_405_with_allow) {
    auto res = client.request("DELETE", "/signin");
    EXPECT_EQ(res.status, 405u);
    EXPECT_EQ(res.header("allow"), "GET, HEAD");
}

TEST_F(Http, head_has_headers_and_no_body) {
    auto get = client.get("/signin");
    auto head = client.request("HEAD", "/signin");
    EXPECT_EQ(head.status, 200u);
    EXPECT_EQ(head.header("content-length"), get.header("content-length"));
    EXPECT_TRUE(head.body.empty());
}

TEST_F(Http, form_body_over_one_mebibyte_is_413) {
    client.get("/signin");
    std::string big(1 << 21, 'a');
    auto res = client.request("POST", "/auth/signin", "username=" + big,
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(res.status, 413u);
    auto chunked = harness::raw_exchange(
        server.port(), "POST /auth/signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n" +
                           std::string(0x200000, 'a') + "\r\n0\r\n\r\n");
    EXPECT_TRUE(chunked.starts_with("HTTP/1.1 413")) << chunked.substr(0, 80);
}

TEST_F(Http, headers_over_sixteen_kibibytes_are_413) {
    auto reply = harness::raw_exchange(server.port(),
                                       "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply.substr(0, 80);
}

TEST_F(Http, malformed_path_escape_is_400) {
    EXPECT_EQ(client.get("/static/%zz").status, 400u);
    EXPECT_EQ(client.get("/static/a%00b").status, 400u);
}

TEST_F(Http, pages_carry_security_headers) {
    auto res = client.get("/signin");
    auto csp = res.header("content-security-policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'self'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(res.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(res.header("referrer-policy"), "same-origin");
    EXPECT_FALSE(res.has("<script>")) << "no inline scripts: the CSP would block them";
}

TEST_F(Http, static_assets_are_hashed_cached_and_revalidated) {
    auto page = client.get("/signin");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex(R"re(href="(/static/app\.[0-9a-f]{12}\.css)")re")));
    auto css = client.get(m[1]);
    EXPECT_EQ(css.status, 200u);
    EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
    EXPECT_NE(css.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_TRUE(css.has(".btn")) << "DaisyUI components are in the stylesheet";
    auto etag = css.header("etag");
    ASSERT_FALSE(etag.empty());
    auto again = client.get(m[1], {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    auto plain = client.get("/static/htmx.min.js");
    EXPECT_EQ(plain.status, 200u);
    EXPECT_EQ(plain.header("cache-control"), "public, no-cache");
    EXPECT_EQ(client.get("/static/../workspace.db").status, 404u);
    EXPECT_EQ(client.get("/static/%2e%2e%2fworkspace.db").status, 404u);
}

TEST_F(Http, keep_alive_serves_several_requests_on_one_connection) {
    auto reply = harness::raw_exchange(server.port(),
                                       "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                                       "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::size_t count = 0;
    for (auto pos = reply.find("HTTP/1.1 200"); pos != std::string::npos; pos = reply.find("HTTP/1.1 200", pos + 1)) ++count;
    EXPECT_EQ(count, 2u);
}

TEST_F(Http, access_log_never_holds_query_secrets) {
    client.get("/health?token=supersecretvalue&page=2");
    client.get("/settings/password?current_password=hunter2pw&new_password=hunter3pw&q=kept");
    client.get("/alice/x/settings/secrets?name=DEPLOY&value=s3cretvalue&access_token=tok3nvalue");
    harness::raw_exchange(server.port(), "GET http://root:rootpw@localhost/health?password=absolutepw HTTP/1.1\r\nHost: x\r\n\r\n",
                          std::chrono::milliseconds(500));
    server.stop();
    auto log = server.log();
    EXPECT_NE(log.find("GET /health?token=***&page=2 200"), std::string::npos) << log;
    EXPECT_NE(log.find("current_password=***&new_password=***&q=kept"), std::string::npos) << log;
    EXPECT_NE(log.find("name=DEPLOY&value=***&access_token=***"), std::string::npos) << log;
    for (const char* secret : {"supersecretvalue", "hunter2pw", "hunter3pw", "s3cretvalue", "tok3nvalue", "rootpw", "absolutepw"})
        EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in\n" << log;
}

TEST(HttpPrefix, every_route_and_link_lives_under_prefix) {
    harness::TempDir dir;
    harness::Server server(dir.path / "data", {"PREFIX=/git/"});
    Client client(server.port(), "/git");
    EXPECT_EQ(client.get("/health").status, 200u);
    Client bare(server.port());
    EXPECT_EQ(bare.get("/health").status, 404u);
    auto home = client.get("/");
    EXPECT_EQ(home.header("location"), "/git/signin?next=/");
    auto signin = client.get("/signin");
    EXPECT_TRUE(signin.has(R"(action="/git/auth/signin")"));
    EXPECT_TRUE(signin.has(R"(href="/git/static/app.)"));
    EXPECT_NE(signin.header("set-cookie").find("Path=/git"), std::string::npos);
    client.sign_up("alice");
    EXPECT_TRUE(client.get("/").has("Welcome, alice"));
}

}  // namespace

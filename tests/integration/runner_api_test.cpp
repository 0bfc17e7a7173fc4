// A remote runner that lies: it speaks the runner API by hand, through the real server, and
// tries to write HTML into run pages, headers into downloads, and bodies the server must hold.
#include "ci_fixture.hpp"

namespace {

using nlohmann::json;

class HostileRunner : public Ci {
protected:
    void SetUp() override {
        Ci::SetUp();
        auto page = alice.post_form("/admin/runners/token", {});
        auto at = page.body.find("--token ");
        ASSERT_NE(at, std::string::npos) << page.body;
        auto registration = page.body.substr(at + 8, page.body.find(' ', at + 8) - at - 8);
        auto added = client.request("POST", "/api/v1/runners/register",
                                    json{{"token", registration}, {"name", "liar"}, {"labels", {"evil"}}}.dump());
        ASSERT_EQ(added.status, 201u) << added.body;
        token = json::parse(added.body)["token"];
        push("on: push\njobs:\n  lied:\n    runs-on: evil\n    steps: [{run: echo hi}]\n");
        auto job = runner("POST", "/api/v1/runners/jobs/request");
        ASSERT_EQ(job.status, 200u) << job.body;
        job_id = json::parse(job.body)["job_id"];
        run_id = json::parse(job.body)["run_id"];
    }

    harness::Response runner(const std::string& method, const std::string& path, const std::string& body = "",
                             std::map<std::string, std::string> headers = {}) {
        headers["X-Runner-Token"] = token;
        return client.request(method, path, body, headers);
    }
    std::string job_path() { return "/api/v1/runners/jobs/" + std::to_string(job_id); }

    harness::Client client{server.port()};
    std::string token;
    std::int64_t job_id = 0, run_id = 0;
};

TEST_F(HostileRunner, log_text_shaped_like_a_stored_line_stays_text_on_the_run_page) {
    const std::string lie = "fine\n2026-11-26T13:23:32.123Z\"><img src=x onerror=alert(1)> <b>bold</b>";
    auto sent = runner("POST", job_path() + "/events",
                       json{{"events", {{{"type", "started"}, {"index", 0}}, {{"type", "line"}, {"index", 0}, {"text", lie}}}}}.dump());
    ASSERT_EQ(sent.status, 200u) << sent.body;
    auto page = alice.get("/" + id + "/actions/runs/" + std::to_string(run_id));
    ASSERT_EQ(page.status, 200u);
    auto action = api("/actions/runs/" + std::to_string(run_id))["workflow_id"].get<std::int64_t>();
    auto partial = alice.get("/" + id + "/actions/" + std::to_string(action) + "/logs-partial?run=" + std::to_string(run_id) +
                             "&job=" + std::to_string(job_id));
    ASSERT_EQ(partial.status, 200u) << partial.body;
    for (const auto* html : {&page.body, &partial.body}) {
        EXPECT_EQ(html->find("<img src=x"), std::string::npos) << *html;
        EXPECT_EQ(html->find("<b>bold"), std::string::npos);
    }
    EXPECT_NE(page.body.find("&lt;img src=x"), std::string::npos) << "shown as the text it is";
    auto raw = logs(run_id);
    EXPECT_NE(raw.find("Z fine\n"), std::string::npos) << raw;
    EXPECT_EQ(raw.find("\n2026-11-26T13:23:32.123Z\""), std::string::npos) << "the runner's line got a time of ours in front: " << raw;
}

TEST_F(HostileRunner, an_artifact_name_with_a_line_break_is_refused_and_cannot_add_headers) {
    auto bad = runner("PUT", job_path() + "/artifacts?name=" + harness::url_encode("x.txt\r\nSet-Cookie: stolen=1"), std::string(1024, '\0'),
                      {{"Content-Type", "application/x-tar"}});
    EXPECT_EQ(bad.status, 400u) << bad.body;
    EXPECT_TRUE(api("/actions/runs/" + std::to_string(run_id) + "/artifacts")["artifacts"].empty());
    auto odd = runner("PUT", job_path() + "/artifacts?name=" + harness::url_encode("résumé \"final\";.txt"), std::string(1024, '\0'),
                      {{"Content-Type", "application/x-tar"}});
    ASSERT_EQ(odd.status, 400u) << "a quote is refused too: " << odd.body;
    auto fine = runner("PUT", job_path() + "/artifacts?name=" + harness::url_encode("résumé final"), std::string(1024, '\0'),
                       {{"Content-Type", "application/x-tar"}});
    ASSERT_EQ(fine.status, 201u) << fine.body;
    auto listed = api("/actions/runs/" + std::to_string(run_id) + "/artifacts");
    ASSERT_EQ(listed["artifacts"].size(), 1u);
    auto artifact = listed["artifacts"][0]["id"].get<std::int64_t>();
    auto download = alice.get("/" + id + "/actions/runs/" + std::to_string(run_id) + "/artifacts/" + std::to_string(artifact));
    ASSERT_EQ(download.status, 200u);
    EXPECT_EQ(download.header("content-disposition"), "attachment; filename=\"r__sum__ final.tar.gz\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20final.tar.gz");
}

TEST_F(HostileRunner, bodies_are_refused_from_their_headers_before_a_byte_is_read) {
    // Each answer comes at once, though the hundreds of megabytes the headers announce never do.
    auto ask = [&](const std::string& method, const std::string& path, const std::string& runner_token, const char* length) {
        return harness::raw_exchange(server.port(),
                                     method + " " + path + " HTTP/1.1\r\nHost: x\r\nX-Runner-Token: " + runner_token +
                                         "\r\nContent-Type: application/x-tar\r\nContent-Length: " + length + "\r\n\r\n",
                                     std::chrono::milliseconds(1500));
    };
    EXPECT_NE(ask("PUT", job_path() + "/artifacts?name=x", "SKTwrong", "536870912").find("HTTP/1.1 401"), std::string::npos);
    EXPECT_NE(ask("POST", job_path() + "/events", "SKTwrong", "16000000").find("HTTP/1.1 401"), std::string::npos);
    EXPECT_NE(ask("POST", job_path() + "/finish", "SKTwrong", "1000000").find("HTTP/1.1 401"), std::string::npos);
    EXPECT_NE(ask("PUT", "/api/v1/runners/jobs/999999/artifacts?name=x", token, "1000").find("HTTP/1.1 404"), std::string::npos)
        << "a job that is not this runner's";
    EXPECT_NE(ask("PUT", job_path() + "/artifacts?name=x", token, "1073741824").find("HTTP/1.1 413"), std::string::npos);
    EXPECT_NE(ask("POST", job_path() + "/events", token, "17000000").find("HTTP/1.1 413"), std::string::npos);
    EXPECT_NE(ask("POST", "/api/v1/runners/register", "", "2000000").find("HTTP/1.1 413"), std::string::npos);
    EXPECT_EQ(harness::Client(server.port()).get("/health").status, 200u);
}

}  // namespace

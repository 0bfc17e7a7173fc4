// Workspaces through the real server, code-server in bubblewrap and the workspaces' origin:
// the Codespaces API, the hand-off, the proxy's checks, and the autosave on delete, which goes
// through the agent's relay and the workspace's own git credential.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "harness.hpp"

namespace {

using harness::basic_auth;
using harness::Client;
using harness::json_field;

class Workspaces : public ::testing::Test {
protected:
    harness::TempDir dir;
    harness::Server server{dir.path / "data"};
    Client alice{server.port()};
    std::string auth = basic_auth("alice", "correct horse battery");

    void SetUp() override {
        alice.sign_up("alice");
        auto repo = alice.request("POST", "/api/v1/user/repos", R"({"name":"hello","auto_init":true,"private":true})",
                                  {{"Authorization", auth}, {"Content-Type", "application/json"}});
        ASSERT_EQ(repo.status, 201u) << repo.body;
    }

    std::uint16_t ws_port() {
        std::smatch m;
        auto log = server.log();
        EXPECT_TRUE(std::regex_search(log, m, std::regex(R"(workspaces on http://[^:]+:(\d+)/)")));
        return static_cast<std::uint16_t>(std::stoi(m[1]));
    }

    // The workspace's state once it is `state` (or "gone" once deleted), else the last one
    // and the server's log, after a minute.
    std::string wait_for(const std::string& name, const std::string& state) {
        std::string last;
        for (int i = 0; i < 600; ++i) {
            auto res = Client(server.port()).get("/api/v1/user/codespaces/" + name, {{"Authorization", auth}});
            last = res.status == 404 ? "gone" : json_field(res.body, "state");
            if (last == state) return last;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return last + " " + server.log();
    }
};

TEST_F(Workspaces, open_hand_off_proxy_checks_and_autosave_on_delete) {
    auto created = alice.request("POST", "/api/v1/repos/alice/hello/codespaces", R"({"ref":"main"})",
                                 {{"Authorization", auth}, {"Content-Type", "application/json"}});
    ASSERT_TRUE(created.status == 201u || created.status == 202u) << created.body;
    auto name = json_field(created.body, "name");
    EXPECT_TRUE(created.has(R"("full_name":"alice/hello")"));
    EXPECT_TRUE(created.has(R"("ref":"main")"));
    EXPECT_TRUE(created.has("/coder/" + name + "/")) << "web_url";
    ASSERT_EQ(wait_for(name, "Available"), "Available");
    auto again = alice.request("POST", "/api/v1/repos/alice/hello/codespaces", R"({"ref":"main"})",
                               {{"Authorization", auth}, {"Content-Type", "application/json"}});
    EXPECT_EQ(json_field(again.body, "name"), name) << "the same branch reopens the same workspace";
    auto listed = alice.get("/api/v1/user/codespaces", {{"Authorization", auth}});
    EXPECT_EQ(json_field(listed.body, "total_count"), "1");

    // The forge hands off with a one-time code to the workspaces' own origin.
    auto handoff = alice.get("/coder/" + name + "/");
    ASSERT_EQ(handoff.status, 303u) << handoff.body;
    std::smatch m;
    auto location = handoff.header("location");
    ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(^http://[^/]+:(\d+)(/coder/[^?]+\?code=[0-9a-f]+)$)"))) << location;
    EXPECT_EQ(std::stoi(m[1]), ws_port()) << "never the forge's own origin";
    std::string code_path = m[2];
    Client ide(ws_port());
    auto redeemed = ide.get(code_path);
    EXPECT_EQ(redeemed.status, 303u);
    EXPECT_NE(redeemed.header("set-cookie").find("HttpOnly"), std::string::npos);
    EXPECT_NE(redeemed.header("set-cookie").find("Path=/coder/" + name + "/"), std::string::npos);
    Client thief(ws_port());
    EXPECT_EQ(thief.get(code_path).status, 403u) << "a code works once";

    auto workbench = ide.get("/coder/" + name + "/?folder=/workspaces/hello");
    EXPECT_EQ(workbench.status, 200u) << workbench.body;
    EXPECT_TRUE(workbench.has("vscode")) << workbench.body.substr(0, 400);
    auto anonymous = thief.get("/coder/" + name + "/");
    EXPECT_EQ(anonymous.status, 302u) << "no cookie: back to the forge to sign in";
    auto upgrade = [&](Client& who, const std::string& origin) {
        return who.get("/coder/" + name + "/stable-x?reconnectionToken=a&reconnection=false&skipWebSocketFrames=false",
                       {{"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Origin", origin}, {"Sec-WebSocket-Version", "13"},
                        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}})
            .status;
    };
    EXPECT_EQ(upgrade(thief, "http://127.0.0.1:" + std::to_string(ws_port())), 401u);
    EXPECT_EQ(upgrade(ide, "http://evil.example"), 403u) << "a foreign Origin";

    Client bob(server.port());
    bob.sign_up("bob");
    EXPECT_EQ(bob.get("/coder/" + name + "/").status, 404u) << "someone else's workspace";
    EXPECT_EQ(bob.get("/api/v1/user/codespaces/" + name, {{"Authorization", basic_auth("bob", "correct horse battery")}}).status, 404u);

    // An edit not committed: deleting saves it to the repository first.
    std::ofstream(dir.path / "data" / "workspaces" / name / "work" / "hello" / "notes.txt") << "unsaved ünïcode\r\n";
    auto deleted = alice.request("DELETE", "/api/v1/user/codespaces/" + name, "", {{"Authorization", auth}});
    EXPECT_EQ(deleted.status, 202u) << deleted.body << server.log();
    ASSERT_EQ(wait_for(name, "gone"), "gone");
    auto clone = dir.path / "check";
    auto shown = harness::sh("git clone -q 'http://alice:correct%20horse%20battery@127.0.0.1:" + std::to_string(server.port()) + "/alice/hello.git' " + clone.string() +
                             " && cd " + clone.string() + " && git fetch -q origin refs/workspaces/" + name +
                             "/autosave && git show FETCH_HEAD:notes.txt");
    EXPECT_EQ(shown.code, 0) << shown.output;
    EXPECT_EQ(shown.output, "unsaved ünïcode\r\n");
    EXPECT_FALSE(std::filesystem::exists(dir.path / "data" / "workspaces" / name));
}

TEST_F(Workspaces, the_workspace_credential_reaches_git_of_its_repository_only) {
    auto created = alice.request("POST", "/api/v1/repos/alice/hello/codespaces", "", {{"Authorization", auth}});
    auto name = json_field(created.body, "name");
    ASSERT_EQ(wait_for(name, "Available"), "Available");
    std::ifstream in(dir.path / "data" / "workspaces" / name / "run" / "git-credentials");
    std::string line;
    std::getline(in, line);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(alice:([0-9a-f]{40})@)"))) << line;
    std::string token = m[1];
    auto other = alice.request("POST", "/api/v1/user/repos", R"({"name":"other","auto_init":true,"private":true})",
                               {{"Authorization", auth}, {"Content-Type", "application/json"}});
    ASSERT_EQ(other.status, 201u);
    std::string base = "http://alice:" + token + "@127.0.0.1:" + std::to_string(server.port()) + "/alice/";
    EXPECT_EQ(harness::sh("git ls-remote " + base + "hello.git").code, 0);
    EXPECT_NE(harness::sh("git ls-remote " + base + "other.git").code, 0) << "another repository of the same user";
    Client script(server.port());
    EXPECT_EQ(script.get("/api/v1/user", {{"Authorization", "token " + token}}).status, 403u) << "not the API";
    EXPECT_TRUE(alice.get("/settings/tokens").body.find(token.substr(32)) == std::string::npos) << "not listed among the user's tokens";

    auto stopped = alice.request("POST", "/api/v1/user/codespaces/" + name + "/stop", "", {{"Authorization", auth}});
    EXPECT_EQ(json_field(stopped.body, "state"), "Shutdown");
    EXPECT_NE(harness::sh("git ls-remote " + base + "hello.git").code, 0) << "revoked when it stops";
}

TEST_F(Workspaces, an_idle_workspace_stops_and_a_server_restart_finds_none_running) {
    server.stop();
    server.env().push_back("WORKSPACE_IDLE_MINUTES=0.05");
    server.start();
    Client script(server.port());
    auto created = script.request("POST", "/api/v1/repos/alice/hello/codespaces", "", {{"Authorization", auth}});
    auto name = json_field(created.body, "name");
    ASSERT_EQ(wait_for(name, "Available"), "Available");
    EXPECT_EQ(wait_for(name, "Shutdown"), "Shutdown") << "3 s without traffic";
    auto started = script.request("POST", "/api/v1/user/codespaces/" + name + "/start", "", {{"Authorization", auth}});
    EXPECT_EQ(started.status, 200u);
    ASSERT_EQ(wait_for(name, "Available"), "Available");
    server.stop();
    server.env().pop_back();
    server.start();
    auto after = Client(server.port()).get("/api/v1/user/codespaces/" + name, {{"Authorization", auth}});
    EXPECT_EQ(json_field(after.body, "state"), "Shutdown");
}

}  // namespace

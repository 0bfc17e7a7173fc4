// Jobs written by an attacker, run in the real bubblewrap sandbox (the one CI falls back to
// without a container engine): they get nothing of the server — no descriptor, no network, no
// file outside their workspace through a link, and no way to make it read or hold unbounded data.
#include <fstream>
#include <regex>
#include <set>

#include "ci_fixture.hpp"

namespace {

using harness::quote;

class Sandbox : public Ci {
protected:
    void SetUp() override {
        Ci::SetUp();
        use_bubblewrap();
    }
};

TEST_F(Sandbox, a_job_holds_only_stdin_stdout_and_stderr_never_the_servers_sockets) {
    // A browser keeps a connection to the server open while the job runs: nothing of it, nor of
    // the listening sockets, may reach the job.
    harness::Connection browser(server.port());
    push(R"Y(on: push
jobs:
  look:
    runs-on: ubuntu-latest
    steps:
      - run: ls -l /proc/self/fd/
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    ASSERT_EQ(run["conclusion"], "success") << text;
    EXPECT_EQ(text.find("socket:"), std::string::npos) << text;
    std::set<int> fds;
    std::regex entry(R"(\s(\d+) -> (\S+))");
    for (std::sregex_iterator it(text.begin(), text.end(), entry), end; it != end; ++it)
        if (!(*it)[2].str().starts_with("/proc/")) fds.insert(std::stoi((*it)[1]));  // ls's own listing of the folder
    EXPECT_EQ(fds, (std::set<int>{0, 1, 2})) << text;
}

TEST_F(Sandbox, a_job_that_asks_for_a_network_is_refused_and_never_reaches_the_server) {
    EXPECT_TRUE(alice.get("/" + id + "/actions").has("no network")) << "the page says jobs get no network";
    push(R"Y(on: push
jobs:
  online:
    runs-on: ubuntu-latest
    container:
      image: debian
      options: --network bridge
    steps:
      - run: echo reached > /dev/tcp/127.0.0.1/)Y" + std::to_string(server.port()) + R"Y( && echo "reached $((40+2))"
  offline:
    runs-on: ubuntu-latest
    steps:
      - shell: bash
        run: (echo > /dev/tcp/127.0.0.1/)Y" + std::to_string(server.port()) + R"Y() 2>/dev/null && echo "reached $((40+2))" || echo "no route"
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    auto jobs = job_conclusions(run["id"]);
    EXPECT_EQ(jobs["online"], "failure");
    EXPECT_EQ(jobs["offline"], "success") << text;
    EXPECT_EQ(text.find("reached 42"), std::string::npos) << text;
    EXPECT_NE(text.find("no route"), std::string::npos) << text;
    auto detail = api("/actions/runs/" + std::to_string(run["id"].get<std::int64_t>()) + "/jobs");
    EXPECT_NE(detail.dump().find("gives them none"), std::string::npos) << detail.dump(2);
}

TEST_F(Sandbox, links_in_the_workspace_lead_nowhere_for_artifacts_either_way) {
    auto data = (dir.path / "data").string();
    auto planted = dir.path / "planted";
    std::filesystem::create_directories(planted);
    push(R"Y(on: push
jobs:
  steal:
    runs-on: ubuntu-latest
    steps:
      - run: |
          ln -s )Y" + data + R"Y( data
          ln -s / root
          mkdir out && echo plain > out/plain.txt && ln -s )Y" + data + R"Y(/auth_secret out/secret
      - uses: actions/upload-artifact@v4
        with: {name: data, path: data}
      - uses: actions/upload-artifact@v4
        with: {name: passwd, path: root/etc/passwd}
      - uses: actions/upload-artifact@v4
        with: {name: out, path: out}
  plant:
    needs: steal
    runs-on: ubuntu-latest
    steps:
      - run: ln -s )Y" + planted.string() + R"Y( dl
      - uses: actions/download-artifact@v4
        with: {name: out, path: dl}
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    auto jobs = job_conclusions(run["id"]);
    EXPECT_EQ(jobs["steal"], "success") << text;
    EXPECT_EQ(jobs["plant"], "failure") << "writing through the link is refused: " << text;
    EXPECT_NE(text.find("never written through links"), std::string::npos) << text;
    EXPECT_TRUE(std::filesystem::is_empty(planted)) << "nothing lands outside the sandbox";
    auto artifacts = api("/actions/runs/" + std::to_string(run["id"].get<std::int64_t>()) + "/artifacts")["artifacts"];
    ASSERT_EQ(artifacts.size(), 1u) << artifacts.dump(2) << text;
    EXPECT_EQ(artifacts[0]["name"], "out");
    harness::Client download(server.port());
    auto tgz = download.request("GET", "/api/v1/repos/" + id + "/actions/artifacts/" + std::to_string(artifacts[0]["id"].get<std::int64_t>()) + "/tgz",
                                "", {{"Authorization", "token " + tokens["alice"]}});
    ASSERT_EQ(tgz.status, 200u);
    std::ofstream(dir.path / "out.tgz", std::ios::binary) << tgz.body;
    EXPECT_EQ(harness::sh("tar tzf " + quote((dir.path / "out.tgz").string())).output, "plain.txt\n") << "the link to the secret is left out";
    auto head = harness::raw_exchange(server.port(),
                                      "HEAD /api/v1/repos/" + id + "/actions/artifacts/" + std::to_string(artifacts[0]["id"].get<std::int64_t>()) +
                                          "/tgz HTTP/1.1\r\nHost: x\r\nAuthorization: token " + tokens["alice"] + "\r\nConnection: close\r\n\r\n",
                                      std::chrono::milliseconds(2000));
    EXPECT_NE(head.find("Content-Length: " + std::to_string(tgz.body.size())), std::string::npos) << head;
    EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "HEAD has no body: " << head;
    std::ifstream secret_file(dir.path / "data" / "auth_secret");
    std::string secret;
    std::getline(secret_file, secret);
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(harness::sh("tar xzOf " + quote((dir.path / "out.tgz").string())).output.find(secret), std::string::npos);
}

TEST_F(Sandbox, a_fifo_where_the_next_steps_files_go_fails_the_job_instead_of_hanging_it) {
    push(R"Y(on: push
jobs:
  trap:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: mkfifo /skyscape/in/2.sh && echo "trap set"
      - run: echo never
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_EQ(job_conclusions(run["id"])["trap"], "failure") << text;
    EXPECT_NE(text.find("is a link or not a file"), std::string::npos) << text;
    EXPECT_EQ(text.find("\nnever"), std::string::npos);
}

TEST_F(Sandbox, a_huge_artifact_is_refused_without_the_server_holding_it) {
    auto before = harness::reset_peak_memory(server.pid());
    push(R"Y(on: push
jobs:
  big:
    runs-on: ubuntu-latest
    steps:
      - run: truncate -s 600M big.bin && truncate -s 50G huge.bin
      - uses: actions/upload-artifact@v4
        continue-on-error: true
        with: {name: big, path: big.bin}
      - uses: actions/upload-artifact@v4
        with: {name: huge, path: huge.bin}
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_NE(text.find("The artifact is over 512 MB."), std::string::npos) << text;
    EXPECT_NE(text.find("/workspace/huge.bin is over 2048 MB."), std::string::npos) << text;
    auto grew = harness::peak_memory_kb(server.pid()) - before;
    RecordProperty("memory_growth_kb", std::to_string(grew));
    EXPECT_LT(grew, 100 * 1024) << "the server's memory grew by " << grew << " kB";
    EXPECT_TRUE(api("/actions/runs/" + std::to_string(run["id"].get<std::int64_t>()) + "/artifacts")["artifacts"].empty());
    EXPECT_TRUE(std::filesystem::is_empty(dir.path / "data" / "actions" / "tmp")) << "what passed through the disk is gone";
}

}  // namespace

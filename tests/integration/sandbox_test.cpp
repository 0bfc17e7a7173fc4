// Jobs written by an attacker, run in the real bubblewrap sandbox (the one CI falls back to
// without a container engine): they get nothing of the server — no descriptor, no network, no
// file outside their workspace through a link, and no way to make it read or hold unbounded data.
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
    EXPECT_TRUE(alice.get("/repos/" + id + "/actions").has("no network")) << "the page says jobs get no network";
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

}  // namespace

// CI runs through the real server, git and container engine: a push starts the workflows it
// matches, jobs run in the order their needs give, matrix cells each in a container, and the
// API, the run page and the raw logs show what happened.
#include <nlohmann/json.hpp>

#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;
using nlohmann::json;

class Ci : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        ASSERT_NE(getenv("DOCKER_HOST"), nullptr) << "run the tests through `make test`, which starts the container engine";
        id = create_repo("ci", true, false);
        alice.sign_in("alice");
        wc = dir.path / "wc";
        ASSERT_EQ(harness::sh("git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                  " && git config user.email a@x && git config user.name alice && echo hello > README.md && mkdir -p .github/workflows",
                              dir.path)
                      .code,
                  0);
    }

    //! Commits the workflow file (and whatever else is in the working copy) and pushes.
    void push(const std::string& workflow, const std::string& file = "ci.yml", const std::string& branch = "main") {
        std::ofstream(wc / ".github/workflows" / file) << workflow;
        auto pushed = in(wc, "git add -A && git commit -qm 'change " + file + "' && git push -q " + quote(url(id)) + " HEAD:" + branch);
        ASSERT_EQ(pushed.code, 0) << pushed.output;
    }

    json api(const std::string& path, const std::string& user = "alice") {
        harness::Client client(server.port());
        auto res = client.request("GET", "/api/v1/repos/" + id + path, "", {{"Authorization", "token " + tokens[user]}});
        EXPECT_EQ(res.status, 200u) << path << ": " << res.body;
        return json::parse(res.body, nullptr, false);
    }

    //! The newest run once `done` holds for it (or after a minute, failing).
    json wait_for_run(const std::function<bool(const json&)>& done = [](const json& r) { return r["status"] == "completed"; },
                      std::size_t count = 1) {
        json runs;
        for (int i = 0; i < 600; ++i) {
            runs = api("/actions/runs");
            if (runs["workflow_runs"].size() >= count && done(runs["workflow_runs"][0])) return runs["workflow_runs"][0];
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "the run did not get there: " << runs.dump(2) << "\n" << server.log();
        return runs["workflow_runs"].empty() ? json::object() : runs["workflow_runs"][0];
    }

    std::map<std::string, std::string> job_conclusions(std::int64_t run_id) {
        std::map<std::string, std::string> out;
        auto jobs = api("/actions/runs/" + std::to_string(run_id) + "/jobs");
        for (const auto& job : jobs["jobs"])
            out[job["name"]] = job["conclusion"].is_null() ? job["status"].get<std::string>() : job["conclusion"].get<std::string>();
        return out;
    }

    std::string logs(std::int64_t run_id) {
        harness::Client client(server.port());
        return client.request("GET", "/api/v1/repos/" + id + "/actions/runs/" + std::to_string(run_id) + "/logs", "",
                              {{"Authorization", "token " + tokens["alice"]}})
            .body;
    }

    std::string id;
    harness::Client alice{server.port()};
    std::filesystem::path wc;
};

TEST_F(Ci, a_push_runs_jobs_in_needs_order_with_outputs_matrix_cells_and_conditions) {
    push(R"Y(name: CI
on: push
env: {GREETING: hello}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: ${{ steps.v.outputs.version }}
    steps:
      - uses: actions/checkout@v4
      - id: v
        run: |
          cat README.md
          echo "version=1.2" >> "$GITHUB_OUTPUT"
          printf '\033[31mred\033[0m <b>\n'
  test:
    needs: build
    runs-on: ubuntu-latest
    strategy:
      matrix:
        n: [1, 2]
    steps:
      - run: echo "$GREETING test ${{ matrix.n }} of ${{ needs.build.outputs.version }} on $GITHUB_REF_NAME by ${{ github.actor }}"
  cleanup:
    needs: test
    if: failure()
    runs-on: ubuntu-latest
    steps: [{run: echo never}]
)Y");
    auto run = wait_for_run();
    EXPECT_EQ(run["conclusion"], "success") << logs(run["id"]);
    EXPECT_EQ(run["event"], "push");
    EXPECT_EQ(run["head_branch"], "main");
    EXPECT_EQ(run["name"], "CI");
    EXPECT_EQ(run["head_sha"], in(wc, "git rev-parse HEAD").output.substr(0, 40));
    auto jobs = job_conclusions(run["id"]);
    EXPECT_EQ(jobs, (std::map<std::string, std::string>{
                        {"build", "success"}, {"test (1)", "success"}, {"test (2)", "success"}, {"cleanup", "skipped"}}));
    auto text = logs(run["id"]);
    EXPECT_NE(text.find("hello test 1 of 1.2 on main by alice"), std::string::npos) << text;
    EXPECT_NE(text.find("hello test 2 of 1.2 on main by alice"), std::string::npos) << text;
    EXPECT_EQ(text.find("never"), std::string::npos);

    auto page = alice.get("/repos/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>()));
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("<span class=\"ansi-fg-1\">red</span> &lt;b&gt;")) << "ANSI colours become classes; the rest is escaped";
    EXPECT_TRUE(page.has("data-testid=\"job-graph\""));
    EXPECT_TRUE(page.has("CI</a> #1"));
    auto list = alice.get("/repos/" + id + "/actions");
    EXPECT_TRUE(list.has("data-status=\"success\"")) << list.body;
}

TEST_F(Ci, a_failing_step_fails_the_run_and_rerunning_failed_jobs_keeps_the_rest) {
    std::ofstream(wc / "flag") << "fail\n";
    push(R"Y(on: push
jobs:
  ok:
    runs-on: x
    steps: [{run: echo fine}]
  flaky:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
      - run: |
          echo "flag is $(cat flag)"
          test "$(cat flag)" = pass
)Y");
    auto run = wait_for_run();
    EXPECT_EQ(run["conclusion"], "failure");
    auto jobs = job_conclusions(run["id"]);
    EXPECT_EQ(jobs["ok"], "success");
    EXPECT_EQ(jobs["flaky"], "failure");

    harness::Client api(server.port());
    auto rerun = api.request("POST", "/api/v1/repos/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>()) + "/rerun-failed-jobs",
                             "", {{"Authorization", "token " + tokens["bob"]}});
    EXPECT_EQ(rerun.status, 404u) << "bob cannot see the private repository";
    rerun = api.request("POST", "/api/v1/repos/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>()) + "/rerun-failed-jobs", "",
                        {{"Authorization", "token " + tokens["alice"]}});
    EXPECT_EQ(rerun.status, 201u) << rerun.body;
    auto again = wait_for_run([](const json& r) { return r["status"] == "completed" && r["run_attempt"] == 2; });
    EXPECT_EQ(again["id"], run["id"]);
    EXPECT_EQ(again["conclusion"], "failure") << "the same commit fails the same way";
    EXPECT_EQ(job_conclusions(run["id"])["ok"], "success");
}

TEST_F(Ci, an_invalid_workflow_fails_its_run_with_file_line_and_message) {
    push("on: push\njobs:\n  a: {runs-on: x, needs: b, steps: [{run: t}]}\n  b: {runs-on: x, needs: a, steps: [{run: t}]}\n", "bad.yml");
    auto run = wait_for_run();
    EXPECT_EQ(run["conclusion"], "failure");
    EXPECT_EQ(run["error"], ".github/workflows/bad.yml:3: The needs of jobs a, b form a cycle.");
    auto page = alice.get("/repos/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>()));
    EXPECT_TRUE(page.has("bad.yml:3: The needs of jobs a, b form a cycle.")) << page.body;
    EXPECT_FALSE(page.has("data-testid=\"rerun\"")) << "an invalid workflow is fixed by a push, not re-run";
}

}  // namespace

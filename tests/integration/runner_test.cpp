// Jobs run step by step in a real container (`make test` starts the engine): outputs, env and
// path pass between steps, conditions and continue-on-error decide what runs, secrets and
// ::add-mask:: values never reach the log, the timeout stops the job, and unknown actions fail.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "actions/runner.hpp"
#include "actions/tar.hpp"
#include "core/crypto.hpp"
#include "harness.hpp"

namespace actions {
namespace {

class Runner : public ::testing::Test {
protected:
    void SetUp() override {
        auto found = Engine::from_env();
        ASSERT_TRUE(found) << "DOCKER_HOST must name the container engine's unix socket: run the tests through `make test`";
        engine.emplace(*found);
    }
    JobResult run(const std::string& yaml, std::vector<std::string> secrets = {}, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
        auto wf = parse_workflow("ci.yml", yaml);
        EXPECT_TRUE(wf) << (wf ? "" : wf.error().text());
        auto checkout = files.path / "checkout.tar";
        std::ofstream(checkout, std::ios::binary) << make_tar({{"workspace", "", true}, {"workspace/hello.txt", "hello from the commit\n"}});
        JobRun job;
        job.job = wf->jobs.front();
        job.image = "localhost/skyscape/busybox:latest";
        job.checkout = checkout;
        job.scratch = files.path;
        job.secrets = secrets;
        job.timeout = timeout;
        job.labels = {{"skyscape.test", mark}};
        job.context.values = {{"env", wf->env}, {"github", {{"ref", "refs/heads/main"}}}, {"secrets", {{"TOKEN", secrets.empty() ? "" : secrets[0]}}}};
        return run_job(*engine, job);
    }
    // No container of this test's jobs is left (other tests' may be running beside it).
    void TearDown() override {
        auto socket = std::string(std::getenv("DOCKER_HOST")).substr(7);
        auto filter = harness::url_encode(R"({"label":["skyscape.test=)" + mark + R"("]})");
        auto left = harness::sh("curl -s --unix-socket " + socket + " 'http://engine/v1.41/containers/json?all=1&filters=" + filter + "'");
        EXPECT_EQ(left.output, "[]\n") << "every job's container is removed, whatever the outcome";
    }
    std::string mark = std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" + std::to_string(getpid());
    std::optional<Engine> engine;
    harness::TempDir files;
};

TEST_F(Runner, steps_pass_outputs_env_and_path_and_see_the_checkout) {
    auto result = run(R"Y(
on: push
env: {GREETING: hi}
jobs:
  build:
    runs-on: linux
    steps:
      - uses: actions/checkout@v4
      - id: first
        run: |
          cat hello.txt
          echo "version=1.${{ 2 }}" >> "$GITHUB_OUTPUT"
          echo "COLOR=blue" >> "$GITHUB_ENV"
          mkdir -p /tmp/tools && printf '#!/bin/sh\necho tool ran\n' > /tmp/tools/mytool && chmod +x /tmp/tools/mytool
          echo /tmp/tools >> "$GITHUB_PATH"
      - run: echo "$GREETING v${{ steps.first.outputs.version }} $COLOR $(mytool)"
      - if: ${{ github.ref != 'refs/heads/main' }}
        run: echo never
      - run: echo "[${{ hashFiles('*.txt', '!other.txt') }}] [${{ hashFiles('nothing/**') }}]"
)Y");
    ASSERT_EQ(result.conclusion, "success") << result.error;
    ASSERT_EQ(result.steps.size(), 5u);
    EXPECT_EQ(result.steps[1].log, "hello from the commit\n");
    EXPECT_EQ(result.steps[1].outputs.at("version"), "1.2");
    EXPECT_EQ(result.steps[2].log, "hi v1.2 blue tool ran\n");
    EXPECT_EQ(result.steps[3].conclusion, "skipped");
    auto digest = core::crypto::sha256_hex(core::crypto::sha256("hello from the commit\n"));
    EXPECT_EQ(result.steps[4].log, "[" + digest + "] []\n") << "hashFiles as GitHub computes it; nothing matched is empty";
}

TEST_F(Runner, a_failing_step_fails_the_job_and_only_always_steps_follow) {
    auto result = run(R"Y(
on: push
jobs:
  test:
    runs-on: linux
    steps:
      - run: exit 3
        continue-on-error: true
      - run: echo still here; false; echo not reached
      - run: echo skipped
      - if: always()
        run: echo cleanup
      - if: failure()
        run: echo reported
      - uses: some/action@v1
        if: always()
)Y");
    EXPECT_EQ(result.conclusion, "failure");
    ASSERT_EQ(result.steps.size(), 6u);
    EXPECT_EQ(result.steps[0].exit_code, 3);
    EXPECT_EQ(result.steps[1].log, "still here\n") << "run steps stop at the first failing command (sh -e)";
    EXPECT_EQ(result.steps[2].conclusion, "skipped");
    EXPECT_EQ(result.steps[3].log, "cleanup\n");
    EXPECT_EQ(result.steps[4].log, "reported\n");
    EXPECT_NE(result.steps[5].log.find("not supported"), std::string::npos);
}

TEST_F(Runner, secrets_and_masked_values_never_reach_the_log) {
    auto result = run(R"Y(
on: push
jobs:
  deploy:
    runs-on: linux
    steps:
      - run: |
          echo "token is ${{ secrets.TOKEN }}"
          echo "::add-mask::generated-42"
          echo "made generated-42"
          printf 'line one\nline two\n'
          echo "only line two here"
          printf 'split s3cr'; sleep 0.3; printf '3t-value across writes\n'
)Y", {"s3cr3t-value", "line one\nline two"});
    ASSERT_EQ(result.conclusion, "success") << result.error;
    EXPECT_EQ(result.steps[0].log, "token is ***\nmade ***\n***\n***\nonly *** here\nsplit *** across writes\n")
        << "a secret of many lines line by line, and one written in parts";
}

TEST_F(Runner, the_timeout_stops_the_job_and_its_container) {
    auto started = std::chrono::steady_clock::now();
    auto result = run("on: push\njobs:\n  slow:\n    runs-on: linux\n    steps:\n      - run: echo begun; sleep 60\n", {}, std::chrono::seconds(2));
    EXPECT_EQ(result.conclusion, "timed_out");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));
    ASSERT_EQ(result.steps.size(), 1u);
    EXPECT_NE(result.steps[0].log.find("begun"), std::string::npos);
    EXPECT_NE(result.steps[0].log.find("ran out of time"), std::string::npos);
}

}  // namespace
}  // namespace actions

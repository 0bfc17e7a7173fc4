// Workflow files written to break the server, pushed through the real git server: each fails
// its own run with a clear error, and CI goes on for everyone else, before and after a restart.
#include "ci_fixture.hpp"

namespace {

using nlohmann::json;

class HostileWorkflow : public Ci {
protected:
    //! Pushes a hostile workflow, then a good one; the good one must still run.
    json push_then_check_ci_still_runs(const std::string& hostile) {
        push(hostile, "hostile.yml");
        auto bad = wait_for_run();
        push("on: push\njobs:\n  fine:\n    runs-on: ubuntu-latest\n    steps: [{run: echo still running}]\n", "fine.yml");
        auto good = wait_for_run([](const json& r) { return r["name"] == ".github/workflows/fine.yml" && r["status"] == "completed"; });
        EXPECT_EQ(good["conclusion"], "success") << logs(good["id"]) << server.log();
        return bad;
    }

    std::string error_of(const json& run) {
        auto detail = api("/actions/runs/" + std::to_string(run["id"].get<std::int64_t>()));
        return detail.value("error", "");
    }
};

TEST_F(HostileWorkflow, a_deep_expression_fails_its_run_and_the_server_survives_a_restart) {
    auto bad = push_then_check_ci_still_runs("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    if: '" + std::string(300000, '!') +
                                             "true'\n    steps:\n      - run: echo ${{ " + std::string(200, '(') + "1" + std::string(200, ')') +
                                             " }}\n");
    EXPECT_EQ(bad["conclusion"], "failure");
    EXPECT_NE(error_of(bad).find("hostile.yml:5"), std::string::npos) << error_of(bad);
    server.stop();
    server.start();
    harness::Client client(server.port());
    EXPECT_EQ(client.get("/health").status, 200u) << server.log();
    EXPECT_EQ(server.log().find("Segmentation"), std::string::npos);
}

TEST_F(HostileWorkflow, a_number_out_of_range_fails_its_run_and_ci_goes_on) {
    auto bad = push_then_check_ci_still_runs(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 99999999999999999999\n    steps: [{run: echo x}]\n");
    EXPECT_EQ(bad["conclusion"], "failure");
    EXPECT_NE(error_of(bad).find("hostile.yml:5: timeout-minutes must be a positive number of minutes"), std::string::npos) << error_of(bad);
}

TEST_F(HostileWorkflow, an_alias_bomb_is_refused_without_the_server_expanding_it) {
    std::string bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
        std::string p = "*" + std::string(1, static_cast<char>(c - 1));
        bomb += std::string(1, c) + ": &" + c + " [" + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + "]\n";
    }
    auto bad = push_then_check_ci_still_runs(bomb + "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        n: *i\n"
                                                    "    env: {X: *i}\n    steps: [{run: echo x}]\n");
    EXPECT_EQ(bad["conclusion"], "failure");
    EXPECT_NE(error_of(bad).find("through its aliases"), std::string::npos) << error_of(bad);
}

TEST_F(HostileWorkflow, a_run_of_more_than_256_jobs_is_refused) {
    std::string text = "on: push\njobs:\n";
    for (int i = 0; i < 6; ++i)
        text += "  j" + std::to_string(i) + ":\n    runs-on: ubuntu-latest\n    strategy: {matrix: {a: [1,2,3,4,5,6,7,8,9,10], b: [1,2,3,4,5]}}\n"
                "    steps: [{run: echo x}]\n";
    auto bad = push_then_check_ci_still_runs(text);
    EXPECT_EQ(bad["conclusion"], "failure");
    EXPECT_NE(error_of(bad).find("more than 256 jobs, matrix cells included"), std::string::npos) << error_of(bad);
    EXPECT_TRUE(api("/actions/runs/" + std::to_string(bad["id"].get<std::int64_t>()) + "/jobs")["jobs"].empty()) << "no job was queued";
}

TEST_F(HostileWorkflow, an_artifact_over_512_mb_from_a_container_is_refused_without_the_server_holding_it) {
    auto before = harness::reset_peak_memory(server.pid());
    push("on: push\njobs:\n  big:\n    runs-on: ubuntu-latest\n    steps:\n      - run: truncate -s 600M big.bin\n"
         "      - uses: actions/upload-artifact@v4\n        with: {name: big, path: big.bin}\n");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_NE(text.find("The artifact is over 512 MB."), std::string::npos) << text;
    auto grew = harness::peak_memory_kb(server.pid()) - before;
    RecordProperty("memory_growth_kb", std::to_string(grew));
    EXPECT_LT(grew, 100 * 1024) << "the server's memory grew by " << grew << " kB";
}

TEST_F(HostileWorkflow, a_pull_request_from_a_reader_waits_for_a_writer_and_runs_without_secrets) {
    harness::Client api_client(server.port());
    auto as = [&](const std::string& user) { return std::map<std::string, std::string>{{"Authorization", "token " + tokens[user]}}; };
    ASSERT_EQ(api_client.request("PUT", "/api/v1/repos/" + id + "/collaborators/bob", R"({"permission":"read"})", as("alice")).status, 204u);
    ASSERT_EQ(api_client.request("PUT", "/api/v1/repos/" + id + "/actions/secrets/TOKEN", R"({"value":"deploy-key-value"})", as("alice")).status, 201u);
    // A writer's run holds the concurrency group while the reader's pull request comes in.
    push("on:\n  push: {branches: [main]}\n  pull_request:\nconcurrency: {group: deploy, cancel-in-progress: true}\njobs:\n  check:\n"
         "    runs-on: x\n    steps:\n      - run: sleep 4; echo \"secret:[${{ secrets.TOKEN }}]\"\n");
    auto writers = wait_for_run([](const json& r) { return r["status"] == "in_progress"; });
    ASSERT_EQ(in(wc, "git checkout -qb feature && echo f > f.txt && git add -A && git commit -qm f && git push -q " + harness::quote(url(id)) + " feature")
                  .code,
              0);
    auto opened = api_client.request("POST", "/api/v1/repos/" + id + "/pulls", R"({"title":"From a reader","head":"feature","base":"main"})", as("bob"));
    ASSERT_EQ(opened.status, 201u) << opened.body << server.log();
    auto waiting = wait_for_run([](const json& r) { return r["event"] == "pull_request"; }, 2);
    EXPECT_EQ(waiting["status"], "completed");
    EXPECT_EQ(waiting["conclusion"], "action_required");
    for (int i = 0; i < 100 && api("/actions/runs/" + std::to_string(writers["id"].get<std::int64_t>()))["status"] != "completed"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(api("/actions/runs/" + std::to_string(writers["id"].get<std::int64_t>()))["conclusion"], "success")
        << "a run that waits for approval cancels nothing";
    auto run_path = "/" + id + "/actions/runs/" + std::to_string(waiting["id"].get<std::int64_t>());
    harness::Client bob(server.port());
    bob.sign_in("bob");
    auto page = bob.get(run_path);
    EXPECT_TRUE(page.has("data-testid=\"awaits-approval\"")) << page.body;
    EXPECT_FALSE(page.has("data-testid=\"approve\"")) << "a reader sees why, without the button";
    EXPECT_EQ(bob.post_form(run_path + "/approve", {}).status, 403u);
    EXPECT_EQ(api_client.request("POST", "/api/v1/repos/" + id + "/actions/runs/" + std::to_string(waiting["id"].get<std::int64_t>()) + "/approve", "",
                                 as("bob")).status,
              403u);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_TRUE(api("/actions/runs/" + std::to_string(waiting["id"].get<std::int64_t>()) + "/jobs")["jobs"][0]["status"] == "queued")
        << "nothing runs before a writer approves";
    EXPECT_TRUE(alice.get(run_path).has("data-testid=\"approve\""));
    EXPECT_EQ(alice.post_form(run_path + "/approve", {}).status, 303u);
    auto ran = wait_for_run([](const json& r) { return r["event"] == "pull_request" && r["status"] == "completed" && r["conclusion"] != "action_required"; });
    auto text = logs(ran["id"]);
    EXPECT_EQ(ran["conclusion"], "success") << text;
    EXPECT_NE(text.find("secret:[]"), std::string::npos) << "no secrets for a reader's pull request: " << text;
    EXPECT_EQ(text.find("deploy-key-value"), std::string::npos);
    EXPECT_TRUE(alice.get(run_path).has("data-testid=\"untrusted\""));
}

}  // namespace

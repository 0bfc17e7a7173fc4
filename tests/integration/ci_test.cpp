// CI runs through the real server, git and container engine: a push starts the workflows it
// matches, jobs run in the order their needs give, matrix cells each in a container, and the
// API, the run page and the raw logs show what happened.
#include <nlohmann/json.hpp>

#include <thread>

#include "ci_fixture.hpp"

namespace {

using harness::quote;
using nlohmann::json;

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

    auto page = alice.get("/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>()));
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("<span class=\"ansi-fg-1\">red</span> &lt;b&gt;")) << "ANSI colours become classes; the rest is escaped";
    EXPECT_TRUE(page.has("data-testid=\"job-graph\""));
    EXPECT_TRUE(page.has("CI</a> #1"));
    auto list = alice.get("/" + id + "/actions");
    EXPECT_TRUE(list.has("data-status=\"success\"")) << list.body;
    auto stats = alice.get("/" + id + "/actions/stats");
    ASSERT_EQ(stats.status, 200u);
    EXPECT_TRUE(stats.has("data-testid=\"runs\">1<")) << stats.body;
    EXPECT_TRUE(stats.has("data-testid=\"rate\">100%<"));
    EXPECT_TRUE(stats.has("CI / test (1)"));
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
    auto page = alice.get("/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>()));
    EXPECT_TRUE(page.has("bad.yml:3: The needs of jobs a, b form a cycle.")) << page.body;
    EXPECT_FALSE(page.has("data-testid=\"rerun\"")) << "an invalid workflow is fixed by a push, not re-run";
}

}  // namespace

namespace {

TEST_F(Ci, cancel_stops_a_running_job_and_its_container_and_timeout_minutes_is_enforced) {
    push(R"Y(on: push
jobs:
  slow:
    runs-on: x
    steps:
      - run: echo begun; sleep 300
  bounded:
    runs-on: x
    timeout-minutes: 0.05
    steps:
      - run: echo started; sleep 300
)Y");
    auto running = wait_for_run([this](const json& r) {
        if (r["status"] != "in_progress") return false;
        auto jobs = job_conclusions(r["id"]);
        return jobs["slow"] == "in_progress" && logs(r["id"]).find("begun") != std::string::npos;
    });
    auto run_id = std::to_string(running["id"].get<int>());
    // The bounded job ends by itself after 3 s.
    for (int i = 0; i < 100 && job_conclusions(running["id"])["bounded"] != "timed_out"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(job_conclusions(running["id"])["bounded"], "timed_out");

    harness::Client reader(server.port());
    auto page = alice.get("/" + id + "/actions/runs/" + run_id);
    EXPECT_TRUE(page.has("data-testid=\"cancel\""));
    auto cancelled = alice.post_form("/" + id + "/actions/runs/" + run_id + "/cancel", {});
    EXPECT_EQ(cancelled.status, 303u) << cancelled.body;
    auto run = wait_for_run();
    EXPECT_EQ(run["conclusion"], "cancelled");
    for (int i = 0; i < 50 && job_conclusions(running["id"])["slow"] != "cancelled"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(job_conclusions(running["id"])["slow"], "cancelled");
    auto socket = std::string(getenv("DOCKER_HOST")).substr(7);
    auto filter = harness::url_encode(R"({"label":["skyscape.data=)" + (dir.path / "data").string() + R"("]})");
    auto left = harness::sh("curl -s --unix-socket " + socket + " 'http://engine/v1.41/containers/json?all=1&filters=" + filter + "'");
    EXPECT_EQ(left.output, "[]\n") << "the job containers are gone";
    EXPECT_EQ(alice.post_form("/" + id + "/actions/runs/" + run_id + "/cancel", {}).status, 405u) << "an ended run is not cancelled again";
}

TEST_F(Ci, secrets_reach_only_their_repository_masked_and_stay_write_only) {
    harness::Client api(server.port());
    auto put = api.request("PUT", "/api/v1/repos/" + id + "/actions/secrets/deploy_key", R"({"value":"hunter2-very-secret"})",
                           {{"Authorization", "token " + tokens["alice"]}});
    ASSERT_EQ(put.status, 201u) << put.body;
    auto listed = api.request("GET", "/api/v1/repos/" + id + "/actions/secrets", "", {{"Authorization", "token " + tokens["alice"]}});
    EXPECT_TRUE(listed.body.find("DEPLOY_KEY") != std::string::npos) << listed.body;
    EXPECT_EQ(listed.body.find("hunter2"), std::string::npos) << "values are never shown";
    auto page = alice.get("/" + id + "/settings/secrets");
    EXPECT_TRUE(page.has("DEPLOY_KEY"));
    EXPECT_FALSE(page.has("hunter2"));
    auto sqlite = harness::sh("grep -c hunter2 " + quote((dir.path / "data" / "workspace.db").string()) + " " +
                              quote((dir.path / "data" / "workspace.db-wal").string()));
    EXPECT_NE(sqlite.output.find(":0"), std::string::npos) << "encrypted at rest: " << sqlite.output;
    EXPECT_EQ(sqlite.output.find(":1"), std::string::npos) << sqlite.output;

    push(R"Y(on: push
jobs:
  use:
    runs-on: x
    env:
      KEY: ${{ secrets.DEPLOY_KEY }}
    steps:
      - run: |
          echo "key is $KEY"
          echo "$KEY" | tr a-z A-Z
          test "$KEY" = hunter2-very-secret
)Y");
    auto run = wait_for_run();
    EXPECT_EQ(run["conclusion"], "success");
    auto text = logs(run["id"]);
    EXPECT_NE(text.find("key is ***"), std::string::npos) << text;
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;

    auto other = create_repo("other", true, false);
    auto denied = api.request("GET", "/api/v1/repos/" + other + "/actions/secrets", "", {{"Authorization", "token " + tokens["bob"]}});
    EXPECT_EQ(denied.status, 404u);
    api.request("PUT", "/api/v1/repos/" + id + "/collaborators/bob", R"({"permission":"write"})", {{"Authorization", "token " + tokens["alice"]}});
    denied = api.request("GET", "/api/v1/repos/" + id + "/actions/secrets", "", {{"Authorization", "token " + tokens["bob"]}});
    EXPECT_EQ(denied.status, 403u) << "writers do not manage secrets: " << denied.body;
}

TEST_F(Ci, workflow_dispatch_takes_checked_inputs_from_the_form_and_the_api) {
    push(R"Y(name: Deploy
on:
  workflow_dispatch:
    inputs:
      target: {type: choice, options: [staging, production], default: staging}
      dry: {type: boolean, default: true}
      note: {required: true}
jobs:
  go:
    runs-on: x
    steps:
      - run: echo "to ${{ inputs.target }} dry=${{ inputs.dry }} note=${{ github.event.inputs.note }} via ${{ github.event_name }}"
)Y", "deploy.yml");
    harness::Client api(server.port());
    auto dispatch = [&](const std::string& body) {
        return api.request("POST", "/api/v1/repos/" + id + "/actions/workflows/deploy.yml/dispatches", body,
                           {{"Authorization", "token " + tokens["alice"]}});
    };
    EXPECT_EQ(dispatch(R"({"ref":"main"})").status, 400u) << "note is required";
    EXPECT_EQ(dispatch(R"({"ref":"main","inputs":{"note":"x","target":"moon"}})").status, 400u);
    EXPECT_EQ(dispatch(R"({"ref":"main","inputs":{"note":"x","unknown":"1"}})").status, 400u);
    EXPECT_EQ(dispatch(R"({"ref":"nope","inputs":{"note":"x"}})").status, 400u);
    auto ok = dispatch(R"({"ref":"main","inputs":{"note":"from api","target":"production","dry":false}})");
    EXPECT_EQ(ok.status, 204u) << ok.body;
    auto run = wait_for_run();
    EXPECT_EQ(run["event"], "workflow_dispatch");
    EXPECT_NE(logs(run["id"]).find("to production dry=false note=from api via workflow_dispatch"), std::string::npos) << logs(run["id"]);

    auto listing = alice.get("/" + id + "/actions");
    auto link = listing.body.find("\" data-testid=\"action-link\"");
    auto href = listing.body.rfind("href=\"", link) + 6;
    auto action_url = listing.body.substr(href, link - href);
    auto page = alice.get(action_url);
    EXPECT_TRUE(page.has("name=\"inputs[target]\""));
    auto posted = alice.post_form(action_url + "/run", {{"ref", "main"}, {"inputs[note]", "from the form"}, {"inputs[dry]", "true"}});
    EXPECT_EQ(posted.status, 303u) << posted.body;
    run = wait_for_run([](const json& r) { return r["status"] == "completed" && r["run_number"] == 2; }, 2);
    EXPECT_NE(logs(run["id"]).find("to staging dry=true note=from the form"), std::string::npos);
    auto refused = alice.post_form(action_url + "/run", {{"ref", "main"}});
    EXPECT_EQ(refused.status, 400u);
    EXPECT_TRUE(refused.has("Input &quot;note&quot; is required.")) << refused.body;
}

TEST_F(Ci, an_action_defined_in_the_ui_runs_by_hand_and_by_its_trigger_url) {
    push("on: {workflow_dispatch: {}}\njobs: {a: {runs-on: x, steps: [{run: 'true'}]}}\n");
    auto bad = alice.post_form("/" + id + "/actions/create", {{"name", "nightly"}, {"trigger", "schedule"}, {"schedule", "every night"},
                                                                 {"image", "localhost/skyscape/busybox:latest"}, {"script", "echo hi"}});
    EXPECT_EQ(bad.status, 400u);
    EXPECT_TRUE(bad.has("cron expression")) << bad.body;
    auto made = alice.post_form("/" + id + "/actions/create",
                                {{"name", "Package <it>"}, {"trigger", "manual"}, {"image", "localhost/skyscape/busybox:latest"},
                                 {"script", "echo \"packing $(cat README.md)\"\necho \"it's done\""}});
    ASSERT_EQ(made.status, 303u) << made.body;
    auto action_url = made.headers.find("location")->second;
    auto page = alice.get(action_url);
    EXPECT_TRUE(page.has("Package &lt;it&gt;"));
    EXPECT_TRUE(page.has("data-testid=\"definition\""));
    EXPECT_EQ(alice.post_form("/" + id + "/actions/create", {{"name", "Package <it>"}, {"trigger", "manual"}, {"image", "x"}, {"script", "y"}}).status,
              409u);

    EXPECT_EQ(alice.post_form(action_url + "/run", {{"ref", "main"}}).status, 303u);
    auto run = wait_for_run();
    EXPECT_EQ(run["conclusion"], "success") << logs(run["id"]);
    EXPECT_NE(logs(run["id"]).find("packing hello"), std::string::npos) << logs(run["id"]);
    EXPECT_NE(logs(run["id"]).find("it's done"), std::string::npos);

    auto token_page = alice.request("POST", action_url + "/token", "csrf_token=" + alice.csrf(),
                                    {{"Content-Type", "application/x-www-form-urlencoded"}, {"HX-Request", "true"}});
    ASSERT_EQ(token_page.status, 200u) << token_page.body;
    auto at = token_page.body.find("X-Trigger-Token: ") + 17;
    auto token = token_page.body.substr(at, 48);
    EXPECT_TRUE(alice.get(action_url).has("A trigger URL is active")) << "the page says a token exists, never which";
    EXPECT_FALSE(alice.get(action_url).has(token));
    harness::Client outside(server.port());
    auto trigger_path = action_url + "/trigger?ref=main";
    EXPECT_EQ(outside.request("POST", trigger_path, "", {{"X-Trigger-Token", "wrong"}}).status, 404u);
    EXPECT_EQ(outside.request("POST", trigger_path).status, 404u);
    EXPECT_EQ(outside.request("POST", trigger_path + "&token=" + token).status, 404u) << "the token goes in a header, never the URL (logs keep URLs)";
    auto triggered = outside.request("POST", trigger_path, "", {{"X-Trigger-Token", token}});
    EXPECT_EQ(triggered.status, 201u) << triggered.body;
    run = wait_for_run([](const json& r) { return r["status"] == "completed" && r["event"] == "webhook"; }, 2);
    EXPECT_EQ(run["conclusion"], "success");

    // An outside service fires many at once: every call starts a run, none is "database is locked".
    std::vector<std::thread> callers;
    std::vector<unsigned> statuses(12);
    for (std::size_t i = 0; i < statuses.size(); ++i)
        callers.emplace_back([&, i] { statuses[i] = harness::Client(server.port()).request("POST", trigger_path, "", {{"X-Trigger-Token", token}}).status; });
    for (auto& c : callers) c.join();
    EXPECT_EQ(statuses, std::vector<unsigned>(statuses.size(), 201u));
}

TEST_F(Ci, readers_see_runs_but_only_writers_run_cancel_or_rerun_and_outsiders_see_nothing) {
    push("on: [push, workflow_dispatch]\njobs: {a: {runs-on: x, steps: [{run: echo visible}]}}\n");
    auto run = wait_for_run();
    auto run_path = "/" + id + "/actions/runs/" + std::to_string(run["id"].get<int>());
    harness::Client api(server.port());
    api.request("PUT", "/api/v1/repos/" + id + "/collaborators/bob", R"({"permission":"read"})", {{"Authorization", "token " + tokens["alice"]}});
    harness::Client bob(server.port()), carol(server.port()), anonymous(server.port());
    bob.sign_in("bob");
    carol.sign_in("carol");
    EXPECT_EQ(bob.get(run_path).status, 200u);
    EXPECT_FALSE(bob.get(run_path).has("data-testid=\"rerun\""));
    EXPECT_EQ(bob.get(run_path + "/logs").status, 200u);
    EXPECT_EQ(bob.post_form(run_path + "/rerun", {}).status, 403u);
    for (const auto& path : {run_path, run_path + "/logs", run_path + "/events", "/" + id + "/actions"}) {
        EXPECT_EQ(carol.get(path).status, 404u) << path;
        EXPECT_EQ(anonymous.get(path).status, 404u) << path;
    }
    EXPECT_EQ(carol.post_form(run_path + "/rerun", {}).status, 404u);
    auto runs = api.request("GET", "/api/v1/repos/" + id + "/actions/runs", "", {{"Authorization", "token " + tokens["carol"]}});
    EXPECT_EQ(runs.status, 404u);
    auto dispatched = api.request("POST", "/api/v1/repos/" + id + "/actions/workflows/ci.yml/dispatches", R"({"ref":"main"})",
                                  {{"Authorization", "token " + tokens["bob"]}});
    EXPECT_EQ(dispatched.status, 403u);
}

TEST_F(Ci, the_run_page_streams_a_running_jobs_log_as_server_sent_events) {
    push(R"Y(on: push
jobs:
  talk:
    runs-on: x
    steps:
      - run: |
          for i in 1 2 3; do echo "tick $i"; sleep 0.5; done
)Y");
    auto running = wait_for_run([](const json& r) { return r["status"] == "in_progress"; });
    auto path = "/" + id + "/actions/runs/" + std::to_string(running["id"].get<int>()) + "/events";
    auto cookie = "skyscape_session=" + alice.cookies()["skyscape_session"];
    auto stream = harness::raw_exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n",
                                        std::chrono::seconds(20));
    EXPECT_NE(stream.find("text/event-stream"), std::string::npos) << stream;
    EXPECT_NE(stream.find("event: log"), std::string::npos) << stream;
    EXPECT_NE(stream.find("tick 3"), std::string::npos) << stream;
    EXPECT_NE(stream.find("event: end\ndata: {\"status\":\"success\"}"), std::string::npos) << stream;
}

}  // namespace

namespace {

TEST_F(Ci, pull_requests_run_their_workflows_and_commits_branches_and_pulls_show_the_status) {
    push(R"Y(on:
  push: {branches: [main]}
  pull_request: {branches: [main]}
jobs:
  check:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
      - run: |
          echo "${{ github.event_name }} ${{ github.head_ref }} into ${{ github.base_ref }} number ${{ github.event.pull_request.number }}"
          echo "ref $GITHUB_REF head ${{ github.event.pull_request.head.sha }} sha ${{ github.sha }}"
          echo "files: $(cat base.txt feature.txt 2>/dev/null | tr '\n' ' ')"
)Y");
    auto first = wait_for_run();
    EXPECT_EQ(first["conclusion"], "success");
    std::ofstream(wc / "feature.txt") << "feature\n";
    ASSERT_EQ(in(wc, "git checkout -qb feature && git add -A && git commit -qm feature && git push -q " + quote(url(id)) + " feature").code, 0);
    auto head = in(wc, "git rev-parse HEAD").output.substr(0, 40);
    // The base moves on after the branch was made: the pull request's run sees both sides.
    ASSERT_EQ(in(wc, "git checkout -q main && echo base > base.txt && git add base.txt && git commit -qm base && git push -q " + quote(url(id)) +
                         " main && git checkout -q feature")
                  .code,
              0);
    auto second = wait_for_run([](const json& r) { return r["status"] == "completed"; }, 2);
    EXPECT_EQ(api("/actions/runs")["total_count"], 2) << "a push to feature matches no push filter";
    harness::Client client(server.port());
    auto opened = client.request("POST", "/api/v1/repos/" + id + "/pulls", R"({"title":"Feature","head":"feature","base":"main"})",
                                 {{"Authorization", "token " + tokens["alice"]}});
    ASSERT_EQ(opened.status, 201u) << opened.body;
    auto pr_run = wait_for_run([](const json& r) { return r["event"] == "pull_request" && r["status"] == "completed"; }, 3);
    EXPECT_EQ(pr_run["conclusion"], "success");
    EXPECT_EQ(pr_run["pull_requests"][0]["number"], 1);
    EXPECT_EQ(pr_run["head_sha"], head) << "the run is for the pull request's head";
    auto text = logs(pr_run["id"]);
    EXPECT_NE(text.find("pull_request feature into main number 1"), std::string::npos) << text;
    EXPECT_NE(text.find("ref refs/pull/1/merge head " + head + " sha "), std::string::npos) << text;
    EXPECT_EQ(text.find("sha " + head), std::string::npos) << "GITHUB_SHA is the merge commit";
    EXPECT_NE(text.find("files: base feature"), std::string::npos) << "the merge of head into base is checked out: " << text;
    EXPECT_EQ(harness::sh("git --git-dir=" + quote(repo_path(id).string()) + " rev-parse --verify -q refs/pull/1/merge^2").output.substr(0, 40), head);

    auto checks = alice.get("/" + id + "/actions/checks?sha=" + head);
    EXPECT_TRUE(checks.has("All checks passed")) << checks.body;
    EXPECT_TRUE(alice.get("/" + id + "/pull/1").has("/actions/checks?sha=" + head));
    auto main_sha = second["head_sha"].get<std::string>();
    auto statuses = alice.get("/" + id + "/actions/statuses?shas=" + main_sha + "," + head + ",nonsense");
    EXPECT_TRUE(statuses.has("id=\"status-" + main_sha + "\" hx-swap-oob=\"true\"")) << statuses.body;
    EXPECT_TRUE(statuses.has("data-status=\"success\""));
    auto history = alice.get("/" + id + "/commits/main");
    EXPECT_TRUE(history.has("/actions/statuses?shas=" + main_sha)) << "the history loads its commits' statuses";
    EXPECT_TRUE(alice.get("/" + id + "/branches").has("id=\"status-" + head + "\""));

    // A new push to the pull request's branch runs it again.
    std::ofstream(wc / "feature.txt") << "changed\n";
    ASSERT_EQ(in(wc, "git commit -qam again && git push -q " + quote(url(id)) + " feature").code, 0);
    auto sync = wait_for_run([](const json& r) { return r["event"] == "pull_request" && r["status"] == "completed"; }, 4);
    EXPECT_EQ(sync["head_sha"], in(wc, "git rev-parse HEAD").output.substr(0, 40));
}

}  // namespace

namespace {

TEST_F(Ci, artifacts_go_from_one_job_to_the_next_and_download_with_their_versions) {
    push(R"Y(on: push
jobs:
  build:
    runs-on: x
    steps:
      - run: mkdir -p dist/sub && echo one > dist/a.txt && echo two > dist/sub/b.txt && echo skip > dist/c.log && echo top > notes.md
      - uses: actions/upload-artifact@v4
        with:
          name: bundle
          path: |
            dist/
            !dist/**/*.log
      - uses: actions/upload-artifact@v4
        with: {name: notes, path: ./notes.md, retention-days: 3}
      - uses: actions/upload-artifact@v3
        with: {name: empty, path: "nothing/*"}
  use:
    needs: build
    runs-on: x
    steps:
      - uses: actions/download-artifact@v4
        with: {name: bundle, path: got}
      - run: cat got/a.txt got/sub/b.txt; test ! -e got/c.log
      - uses: actions/download-artifact@v4
      - run: cat notes/notes.md bundle/a.txt
      - uses: actions/download-artifact@v4
        with: {name: missing}
        continue-on-error: true
      - uses: actions/upload-artifact@v4
        with: {name: escape, path: /etc/passwd}
        continue-on-error: true
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_EQ(run["conclusion"], "success") << text;
    EXPECT_NE(text.find("Uploaded artifact 'bundle' version 1: 2 files"), std::string::npos) << text;
    EXPECT_NE(text.find("no files were found"), std::string::npos);
    EXPECT_NE(text.find("This run has no artifact 'missing'."), std::string::npos);
    EXPECT_NE(text.find("upload-artifact takes paths in the workspace: /etc/passwd"), std::string::npos);
    EXPECT_NE(text.find("Z two\n"), std::string::npos) << "the second job read the first one's files";
    EXPECT_NE(text.find("Z top\n"), std::string::npos);

    auto run_id = std::to_string(run["id"].get<int>());
    auto listed = api("/actions/runs/" + run_id + "/artifacts");
    ASSERT_EQ(listed["total_count"], 2) << listed.dump();
    EXPECT_EQ(listed["artifacts"][0]["name"], "bundle");
    EXPECT_EQ(listed["artifacts"][0]["files"], 2);
    EXPECT_EQ(listed["artifacts"][1]["name"], "notes");

    harness::Client client(server.port());
    auto tgz = client.request("GET", "/api/v1/repos/" + id + "/actions/artifacts/" + std::to_string(listed["artifacts"][0]["id"].get<int>()) + "/tgz",
                              "", {{"Authorization", "token " + tokens["alice"]}});
    ASSERT_EQ(tgz.status, 200u);
    std::ofstream(dir.path / "bundle.tar.gz", std::ios::binary) << tgz.body;
    auto listing = harness::sh("tar -tzf " + quote((dir.path / "bundle.tar.gz").string()) + " | sort");
    EXPECT_EQ(listing.output, "a.txt\nsub/b.txt\n") << "stored relative to the folder the files share";
    auto page = alice.get("/" + id + "/actions/runs/" + run_id);
    EXPECT_TRUE(page.has("data-testid=\"artifacts\"")) << page.body;
    auto download_at = page.body.find("/actions/runs/" + run_id + "/artifacts/");
    ASSERT_NE(download_at, std::string::npos);
    auto link = page.body.substr(download_at, page.body.find('"', download_at) - download_at);
    EXPECT_EQ(alice.get("/" + id + link).status, 200u);
    harness::Client carol(server.port());
    carol.sign_in("carol");
    EXPECT_EQ(carol.get("/" + id + link).status, 404u);

    auto rerun = client.request("POST", "/api/v1/repos/" + id + "/actions/runs/" + run_id + "/rerun", "", {{"Authorization", "token " + tokens["alice"]}});
    ASSERT_EQ(rerun.status, 201u);
    wait_for_run([](const json& r) { return r["status"] == "completed" && r["run_attempt"] == 2; });
    listed = api("/actions/runs/" + run_id + "/artifacts");
    EXPECT_EQ(listed["total_count"], 4) << "a re-run keeps the first attempt's artifacts as older versions";
    EXPECT_EQ(listed["artifacts"][0]["version"], 2);
}

}  // namespace

namespace {

TEST_F(Ci, a_job_running_when_the_server_dies_is_marked_failed_at_restart_and_its_container_removed) {
    push("on: push\njobs:\n  long:\n    runs-on: x\n    steps:\n      - run: echo started; sleep 600\n");
    auto running = wait_for_run([this](const json& r) { return r["status"] == "in_progress" && logs(r["id"]).find("started") != std::string::npos; });
    server.stop(SIGKILL);
    server.start();
    alice = harness::Client(server.port());
    auto run = wait_for_run();
    EXPECT_EQ(run["id"], running["id"]);
    EXPECT_EQ(run["conclusion"], "failure");
    auto jobs = api("/actions/runs/" + std::to_string(run["id"].get<int>()) + "/jobs");
    EXPECT_EQ(jobs["jobs"][0]["conclusion"], "failure");
    EXPECT_NE(jobs["jobs"][0]["error"].get<std::string>().find("The server stopped while this job ran"), std::string::npos) << jobs.dump();
    auto socket = std::string(getenv("DOCKER_HOST")).substr(7);
    auto filter = harness::url_encode(R"({"label":["skyscape.data=)" + (dir.path / "data").string() + R"("]})");
    auto left = harness::sh("curl -s --unix-socket " + socket + " 'http://engine/v1.41/containers/json?all=1&filters=" + filter + "'");
    EXPECT_EQ(left.output, "[]\n") << "the dead server's job container is gone";
}

TEST_F(Ci, a_hostile_job_sees_nothing_of_the_server_and_its_flood_is_capped) {
    auto other = create_repo("secret-stuff", true, true);
    auto data = (dir.path / "data").string();
    push(R"Y(on: push
jobs:
  snoop:
    runs-on: x
    steps:
      - run: |
          test ! -e )Y" + data + R"Y( && echo "no data dir"
          test ! -e )Y" + repo_path(other).string() + R"Y( && echo "no other repo"
          ls / | tr '\n' ' '; echo
          cat /etc/shadow 2>/dev/null | grep -c root || echo "no host shadow"
          wget -q -T 2 -O- http://127.0.0.1:)Y" + std::to_string(server.port()) + R"Y(/ 2>&1 | head -c 100 || true
          echo "network: $(cat /proc/net/route | wc -l) routes"
  many:
    runs-on: x
    timeout-minutes: 0.1
    steps:
      - run: for i in $(seq 1 200); do sleep 60 & done; echo forked; wait
  flood:
    runs-on: x
    steps:
      - run: yes '' | head -c 8000000; echo done
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_NE(text.find("no data dir"), std::string::npos) << text;
    EXPECT_NE(text.find("no other repo"), std::string::npos);
    EXPECT_EQ(text.find("Skyscape"), std::string::npos) << "no route to the server";
    EXPECT_NE(text.find("network: 1 routes"), std::string::npos) << "no network unless asked: " << text;
    auto jobs = job_conclusions(run["id"]);
    EXPECT_EQ(jobs["snoop"], "success");
    EXPECT_EQ(jobs["many"], "timed_out");
    EXPECT_EQ(jobs["flood"], "success");
    auto flood = text.substr(text.find("### flood"));
    EXPECT_NE(flood.find("The log is over its limit of 1 MB; the rest is not kept."), std::string::npos)
        << flood.size() << " bytes, ending: " << flood.substr(flood.size() - std::min<std::size_t>(flood.size(), 300));
    EXPECT_LT(text.size(), 3u << 20) << "the stored log stops at the limit";
    EXPECT_EQ(harness::Client(server.port()).get("/health").status, 200u) << "the server stays healthy";
}

}  // namespace

namespace {

TEST_F(Ci, a_registered_runner_takes_the_jobs_for_its_labels_and_reports_back) {
    auto page = alice.post_form("/admin/runners/token", {});
    ASSERT_EQ(page.status, 200u) << page.body;
    auto at = page.body.find("--token ");
    ASSERT_NE(at, std::string::npos) << page.body;
    auto token = page.body.substr(at + 8, page.body.find(' ', at + 8) - at - 8);
    auto config = (dir.path / "runner.json").string();
    auto url = "http://127.0.0.1:" + std::to_string(server.port());
    auto registered = harness::sh(std::string(WORKSPACE_BINARY) + " runner register --url " + url + " --token " + token +
                                  " --name box --labels self-hosted,linux,gpu --config " + quote(config));
    ASSERT_EQ(registered.code, 0) << registered.output;
    auto again = harness::sh(std::string(WORKSPACE_BINARY) + " runner register --url " + url + " --token " + token +
                             " --name other --config " + quote((dir.path / "other.json").string()));
    EXPECT_NE(again.code, 0) << "a registration token registers one runner";
    EXPECT_NE(again.output.find("wrong, used or expired"), std::string::npos) << again.output;

    auto log = (dir.path / "runner.log").string();
    ASSERT_EQ(harness::sh("DOCKER_HOST=" + std::string(getenv("DOCKER_HOST")) + " " + WORKSPACE_BINARY + " runner run --once --config " +
                          quote(config) + " > " + quote(log) + " 2>&1 &")
                  .code,
              0);
    push(R"Y(on: push
jobs:
  remote:
    runs-on: [self-hosted, gpu]
    container: localhost/skyscape/busybox:latest
    outputs:
      where: ${{ steps.w.outputs.where }}
    steps:
      - uses: actions/checkout@v4
      - id: w
        run: |
          echo "on the runner: $(cat README.md) ${{ secrets.TOKEN }}"
          echo "where=remote" >> "$GITHUB_OUTPUT"
          mkdir out && echo built > out/result.txt
      - uses: actions/upload-artifact@v4
        with: {name: result, path: out/}
  local:
    needs: remote
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with: {name: result}
      - run: |
          echo "here, after ${{ needs.remote.outputs.where }}: $(cat result.txt)"
)Y");
    harness::Client client(server.port());
    client.request("PUT", "/api/v1/repos/" + id + "/actions/secrets/TOKEN", R"({"value":"runner-secret-value"})",
                   {{"Authorization", "token " + tokens["alice"]}});
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_EQ(run["conclusion"], "success") << text << "\n" << harness::sh("cat " + quote(log)).output;
    EXPECT_NE(text.find("on the runner: hello"), std::string::npos) << text;
    EXPECT_NE(text.find("here, after remote: built"), std::string::npos) << text;
    auto jobs = api("/actions/runs/" + std::to_string(run["id"].get<int>()) + "/jobs");
    std::map<std::string, std::string> where;
    for (const auto& j : jobs["jobs"]) where[j["name"]] = j["runner_name"];
    EXPECT_EQ(where["remote"], "box");
    EXPECT_EQ(where["local"], "this server");
    auto admin = alice.get("/admin/runners");
    EXPECT_TRUE(admin.has("data-testid=\"runner-box\"")) << admin.body;
    EXPECT_TRUE(admin.has("self-hosted, linux, gpu"));
    EXPECT_TRUE(admin.has("online"));
    harness::Client bob(server.port());
    bob.sign_in("bob");
    EXPECT_EQ(bob.get("/admin/runners").status, 404u);
    EXPECT_EQ(client.request("POST", "/api/v1/runners/jobs/request", "", {{"X-Runner-Token", "SKTwrong"}}).status, 401u);
}

}  // namespace

namespace {

TEST_F(Ci, without_a_container_engine_jobs_run_in_bubblewrap_seeing_only_their_workspace) {
    use_bubblewrap();
    EXPECT_TRUE(alice.get("/" + id + "/actions").has("bubblewrap")) << "the page says where jobs run";
    auto data = (dir.path / "data").string();
    push(R"Y(on: push
jobs:
  boxed:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          echo "read $(cat README.md) as $(id -u)"
          test ! -e )Y" + data + R"Y( && echo "no data dir"
          test ! -e /etc/shadow && echo "no shadow"
          touch /usr/x 2>/dev/null || echo "system read-only"
          mkdir -p out && echo made > out/file.txt
      - uses: actions/upload-artifact@v4
        with: {name: boxed, path: out}
)Y");
    auto run = wait_for_run();
    auto text = logs(run["id"]);
    EXPECT_EQ(run["conclusion"], "success") << text << server.log();
    for (const char* expected : {"read hello as 65534", "no data dir", "no shadow", "system read-only", "Uploaded artifact 'boxed' version 1: 1 files"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_FALSE(std::filesystem::exists(dir.path / "data" / "actions" / "sandboxes") &&
                 !std::filesystem::is_empty(dir.path / "data" / "actions" / "sandboxes"))
        << "the job's folder is removed";
}

}  // namespace

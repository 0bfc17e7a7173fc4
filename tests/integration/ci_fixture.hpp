#pragma once

// A repository with a working copy whose pushes run CI through the real server, git and
// container engine (or bubblewrap), and helpers that read runs back through the API.
#include <nlohmann/json.hpp>

#include <functional>
#include <thread>

#include "git_fixture.hpp"

class Ci : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        ASSERT_NE(getenv("DOCKER_HOST"), nullptr) << "run the tests through `make test`, which starts the container engine";
        id = create_repo("ci", true, false);
        alice.sign_in("alice");
        wc = dir.path / "wc";
        ASSERT_EQ(harness::sh("git init -qb main " + harness::quote(wc.string()) + " && cd " + harness::quote(wc.string()) +
                                  " && git config user.email a@x && git config user.name alice && echo hello > README.md && mkdir -p .github/workflows",
                              dir.path)
                      .code,
                  0);
    }

    //! Commits the workflow file (and whatever else is in the working copy) and pushes.
    void push(const std::string& workflow, const std::string& file = "ci.yml", const std::string& branch = "main") {
        std::ofstream(wc / ".github/workflows" / file) << workflow;
        auto pushed = in(wc, "git add -A && git commit -qm 'change " + file + "' && git push -q " + harness::quote(url(id)) + " HEAD:" + branch);
        ASSERT_EQ(pushed.code, 0) << pushed.output;
    }

    nlohmann::json api(const std::string& path, const std::string& user = "alice") {
        harness::Client client(server.port());
        auto res = client.request("GET", "/api/v1/repos/" + id + path, "", {{"Authorization", "token " + tokens[user]}});
        EXPECT_EQ(res.status, 200u) << path << ": " << res.body;
        return nlohmann::json::parse(res.body, nullptr, false);
    }

    //! The newest run once `done` holds for it (or after a minute, failing).
    nlohmann::json wait_for_run(
        const std::function<bool(const nlohmann::json&)>& done = [](const nlohmann::json& r) { return r["status"] == "completed"; },
        std::size_t count = 1) {
        nlohmann::json runs;
        for (int i = 0; i < 600; ++i) {
            runs = api("/actions/runs");
            if (runs["workflow_runs"].size() >= count && done(runs["workflow_runs"][0])) return runs["workflow_runs"][0];
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "the run did not get there: " << runs.dump(2) << "\n" << server.log();
        return runs["workflow_runs"].empty() ? nlohmann::json::object() : runs["workflow_runs"][0];
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

    //! Restarts the server without a container engine, so that jobs run in bubblewrap.
    void use_bubblewrap() {
        server.stop();
        std::erase_if(server.env(), [](const std::string& e) { return e.starts_with("DOCKER_HOST="); });
        server.start();
        alice = harness::Client(server.port());
        alice.sign_in("alice");
    }

    std::string id;
    harness::Client alice{server.port()};
    std::filesystem::path wc;
};

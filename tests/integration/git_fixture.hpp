#pragma once

#include <gtest/gtest.h>

#include "harness.hpp"

//! A server with users alice (site admin, first to sign up), bob and carol, each with an access
//! token, and helpers to create repositories and run git against the server.
class GitFixture : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* name : {"alice", "bob", "carol"}) {
            harness::Client browser(server.port());
            browser.sign_up(name);
            auto res = browser.request("POST", std::string("/api/v1/users/") + name + "/tokens", R"({"name":"git"})",
                                       {{"Authorization", harness::basic_auth(name, "correct horse battery")}});
            ASSERT_EQ(res.status, 201u) << res.body;
            tokens[name] = harness::json_field(res.body, "token");
        }
    }

    //! Creates a repository as `owner` through the API; returns its id.
    std::string create_repo(const std::string& name, bool is_private, bool auto_init = true,
                            const std::string& owner = "alice") {
        harness::Client api(server.port());
        auto res = api.request("POST", "/api/v1/user/repos",
                               std::string(R"({"name":")") + name + R"(","private":)" + (is_private ? "true" : "false") +
                                   R"(,"auto_init":)" + (auto_init ? "true" : "false") + "}",
                               {{"Authorization", "token " + tokens[owner]}});
        EXPECT_EQ(res.status, 201u) << res.body;
        return harness::json_field(res.body, "id");
    }

    //! The clone URL with credentials for user (token as password), or anonymous when user is "".
    std::string url(const std::string& id, const std::string& user = "alice") {
        std::string auth = user.empty() ? "" : user + ":" + tokens[user] + "@";
        return "http://" + auth + "127.0.0.1:" + std::to_string(server.port()) + "/repo/" + id + ".git";
    }

    harness::CommandResult git(const std::string& args) { return harness::sh("git " + args, dir.path); }

    //! Runs commands inside a working copy.
    harness::CommandResult in(const std::filesystem::path& wc, const std::string& command) {
        return harness::sh("cd " + harness::quote(wc.string()) + " && " + command, dir.path);
    }

    std::filesystem::path repo_path(const std::string& id) { return dir.path / "data" / "repos" / (id + ".git"); }

    harness::TempDir dir;
    harness::Server server{dir.path / "data"};
    std::map<std::string, std::string> tokens;
};

#pragma once

#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

//! A server with users alice (site admin, first to sign up), bob and carol, each with an access
//! token and an SSH key, and helpers to create repositories and run git against the server.
class GitFixture : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* name : {"alice", "bob", "carol"}) add_user(name);
    }

    //! Signs up `name` and gives them an access token and a registered SSH key.
    void add_user(const std::string& name) {
        harness::Client browser(server.port());
        browser.sign_up(name);
        auto res = browser.request("POST", "/api/v1/users/" + name + "/tokens", R"({"name":"git"})",
                                   {{"Authorization", harness::basic_auth(name, "correct horse battery")}});
        ASSERT_EQ(res.status, 201u) << res.body;
        tokens[name] = harness::json_field(res.body, "token");
        auto key = dir.path / ("key-" + name);
        ASSERT_EQ(harness::sh("ssh-keygen -q -t ed25519 -N '' -C " + name + " -f " + harness::quote(key.string())).code, 0);
        std::ifstream pub(key.string() + ".pub");
        std::string line;
        std::getline(pub, line);
        auto added = browser.request("POST", "/api/v1/user/keys", R"({"title":"laptop","key":")" + line + R"("})",
                                     {{"Authorization", "token " + tokens[name]}});
        ASSERT_EQ(added.status, 201u) << added.body;
    }

    //! GIT_SSH_COMMAND for a user's key (any name without a registered key is a stranger's key).
    std::string ssh_command(const std::string& user) {
        auto key = dir.path / ("key-" + user);
        if (!std::filesystem::exists(key))
            harness::sh("ssh-keygen -q -t ed25519 -N '' -f " + harness::quote(key.string()));
        return "ssh -i " + key.string() + " -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile=" +
               (dir.path / "known_hosts").string() + " -o StrictHostKeyChecking=accept-new";
    }

    std::string ssh_url(const std::string& id) {
        return "ssh://git@127.0.0.1:" + std::to_string(ssh_port) + "/" + id + ".git";
    }

    //! git with a user's SSH key.
    harness::CommandResult ssh_git(const std::string& user, const std::string& args, const std::filesystem::path& cwd = {}) {
        std::string cd = cwd.empty() ? "" : "cd " + harness::quote(cwd.string()) + " && ";
        return harness::sh(cd + "export GIT_SSH_COMMAND=" + harness::quote(ssh_command(user)) + "; git " + args, dir.path);
    }

    //! Creates a repository as `owner` through the API; returns its full name, owner/name.
    std::string create_repo(const std::string& name, bool is_private, bool auto_init = true,
                            const std::string& owner = "alice") {
        harness::Client api(server.port());
        auto res = api.request("POST", "/api/v1/user/repos",
                               std::string(R"({"name":")") + name + R"(","private":)" + (is_private ? "true" : "false") +
                                   R"(,"auto_init":)" + (auto_init ? "true" : "false") + "}",
                               {{"Authorization", "token " + tokens[owner]}});
        EXPECT_EQ(res.status, 201u) << res.body;
        return harness::json_field(res.body, "full_name");
    }

    //! The clone URL with credentials for user (token as password), or anonymous when user is "".
    std::string url(const std::string& id, const std::string& user = "alice") {
        std::string auth = user.empty() ? "" : user + ":" + tokens[user] + "@";
        return "http://" + auth + "127.0.0.1:" + std::to_string(server.port()) + "/" + id + ".git";
    }

    harness::CommandResult git(const std::string& args) { return harness::sh("git " + args, dir.path); }

    //! Runs commands inside a working copy.
    harness::CommandResult in(const std::filesystem::path& wc, const std::string& command) {
        return harness::sh("cd " + harness::quote(wc.string()) + " && " + command, dir.path);
    }

    //! The directory of the repository owner/name, found by its id.
    std::filesystem::path repo_path(const std::string& full_name) {
        harness::Client api(server.port());
        auto res = api.request("GET", "/api/v1/repos/" + full_name, "", {{"Authorization", "token " + tokens["alice"]}});
        return dir.path / "data" / "repos" / (harness::json_field(res.body, "id") + ".git");
    }

    harness::TempDir dir;
    std::uint16_t ssh_port = harness::free_port();
    harness::Server server{dir.path / "data", harness::with_engine({"SSH_PORT=" + std::to_string(ssh_port)})};
    std::map<std::string, std::string> tokens;
};

// git over SSH with the real OpenSSH client.
#include "git_fixture.hpp"

namespace {

using harness::quote;

class GitSsh : public GitFixture {
protected:
    harness::CommandResult ssh(const std::string& user, const std::string& remote_command,
                               const std::string& options = "") {
        return harness::sh(ssh_command(user) + " " + options + " -p " + std::to_string(ssh_port) + " git@127.0.0.1 " +
                               remote_command,
                           dir.path);
    }
};

TEST_F(GitSsh, clone_and_push_with_protocol_v2_and_v0) {
    auto id = create_repo("over-ssh", true);
    auto a = dir.path / "a", b = dir.path / "b";
    auto clone = ssh_git("alice", "-c protocol.version=2 clone -q " + quote(ssh_url(id)) + " " + quote(a.string()));
    ASSERT_EQ(clone.code, 0) << clone.output;
    EXPECT_TRUE(std::filesystem::exists(a / "README.md"));
    auto push = ssh_git("alice", "commit -q --allow-empty -m ssh && git push -q origin main", a);
    ASSERT_EQ(push.code, 0) << push.output;
    auto v0 = ssh_git("bob", "-c protocol.version=0 clone -q " + quote(ssh_url(id)) + " " + quote(b.string()));
    EXPECT_NE(v0.code, 0) << "bob is not a collaborator of a private repository";
    EXPECT_NE(v0.output.find("repository not found"), std::string::npos) << v0.output;
    auto v0_alice = ssh_git("alice", "-c protocol.version=0 clone -q " + quote(ssh_url(id)) + " " + quote(b.string()));
    ASSERT_EQ(v0_alice.code, 0) << v0_alice.output;
    EXPECT_EQ(harness::sh("cd " + quote(b.string()) + " && git log -1 --format=%s").output, "ssh\n");
    auto http_view = git("ls-remote " + quote(url(id)) + " refs/heads/main");
    EXPECT_EQ(http_view.output.substr(0, 40), harness::sh("cd " + quote(b.string()) + " && git rev-parse HEAD").output.substr(0, 40))
        << "SSH and HTTP serve the same repository";
}

TEST_F(GitSsh, the_host_key_survives_a_restart) {
    auto id = create_repo("hostkey", false);
    ASSERT_EQ(ssh_git("alice", "ls-remote " + quote(ssh_url(id))).code, 0);
    auto key_file = dir.path / "data" / "ssh" / "ssh_host_ed25519_key";
    ASSERT_TRUE(std::filesystem::exists(key_file));
    EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    server.stop();
    server.start();
    // known_hosts now holds the first key; strict checking fails if the server presents another.
    auto again = harness::sh("export GIT_SSH_COMMAND=" + quote(ssh_command("alice") + " -o StrictHostKeyChecking=yes") +
                                 "; git ls-remote " + quote(ssh_url(id)),
                             dir.path);
    EXPECT_EQ(again.code, 0) << again.output;
}

TEST_F(GitSsh, shells_and_other_commands_are_refused_with_a_message) {
    auto shell = ssh("alice", "", "-T");
    EXPECT_EQ(shell.code, 1) << shell.output;
    EXPECT_NE(shell.output.find("Hi alice! You've authenticated, but Skyscape does not provide shell access."),
              std::string::npos) << shell.output;
    auto other = ssh("alice", quote("cat /etc/passwd"));
    EXPECT_EQ(other.code, 1);
    EXPECT_NE(other.output.find("Skyscape serves git only"), std::string::npos) << other.output;
    EXPECT_EQ(other.output.find("root:"), std::string::npos);
    auto option = ssh("alice", quote("git-upload-pack '--help'"));
    EXPECT_EQ(option.code, 1);
    EXPECT_NE(option.output.find("serves git only"), std::string::npos) << option.output;
    auto traversal = ssh("alice", quote("git-upload-pack '../../etc'"));
    EXPECT_EQ(traversal.code, 1);
    auto stranger = ssh("nobody-key", "", "-T");
    EXPECT_EQ(stranger.code, 255) << "an unknown key does not get in";
    EXPECT_NE(stranger.output.find("Permission denied"), std::string::npos) << stranger.output;
}

TEST_F(GitSsh, keys_are_validated_unique_and_removable) {
    harness::Client alice(server.port());
    alice.sign_in("alice");
    alice.get("/settings/keys");
    auto bad = alice.post_form("/settings/keys", {{"title", "junk"}, {"key", "ssh-ed25519 notbase64!!"}});
    EXPECT_EQ(bad.status, 400u);
    EXPECT_TRUE(bad.has("not a valid SSH public key"));
    auto dsa = alice.post_form("/settings/keys", {{"title", "old"}, {"key", "ssh-dss AAAAB3NzaC1kc3MAAACBAP"}});
    EXPECT_TRUE(dsa.has("DSA keys are too weak"));
    std::ifstream pub((dir.path / "key-bob.pub").string());
    std::string bobs_key;
    std::getline(pub, bobs_key);
    auto taken = alice.post_form("/settings/keys", {{"title", "bob's"}, {"key", bobs_key}});
    EXPECT_EQ(taken.status, 409u);
    EXPECT_TRUE(taken.has("already in use"));
    auto page = alice.get("/settings/keys");
    EXPECT_TRUE(page.has("SHA256:"));
    harness::Client api(server.port());
    std::map<std::string, std::string> auth = {{"Authorization", "token " + tokens["alice"]}};
    auto list = api.get("/api/v1/user/keys", auth);
    auto key_id = harness::json_field(list.body, "id");
    ASSERT_FALSE(key_id.empty()) << list.body;
    EXPECT_EQ(api.request("DELETE", "/api/v1/user/keys/" + key_id, "", auth).status, 204u);
    auto id = create_repo("after-delete", false);
    EXPECT_NE(ssh_git("alice", "ls-remote " + quote(ssh_url(id))).code, 0) << "a deleted key no longer gets in";
}

}  // namespace

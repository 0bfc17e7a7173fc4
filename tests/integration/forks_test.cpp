// Forks: a copy of a repository in another namespace that borrows the origin's objects instead
// of copying them, pull requests from a fork's branch into the origin, and the origin's deletion
// leaving its forks whole.
#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;

class Forks : public GitFixture {
protected:
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, path, body, {{"Authorization", "token " + tokens[user]}, {"Content-Type", "application/json"}});
    }

    std::int64_t bytes_under(const std::filesystem::path& folder) {
        std::int64_t total = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
            if (entry.is_regular_file()) total += static_cast<std::int64_t>(entry.file_size());
        return total;
    }

    //! alice/tools with 2 MB of incompressible history.
    void make_origin() {
        create_repo("tools", false);
        auto wc = dir.path / "origin-wc";
        auto made = harness::sh("git clone -q " + quote(url("alice/tools")) + " " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                    " && head -c 2000000 /dev/urandom > blob.bin && git add blob.bin && git -c user.name=a -c user.email=a@x"
                                    " commit -qm blob && git push -q origin HEAD:main",
                                dir.path);
        ASSERT_EQ(made.code, 0) << made.output;
    }
};

TEST_F(Forks, a_fork_borrows_the_origins_objects_and_its_owner_writes_only_the_fork) {
    make_origin();
    auto fork = api("carol", "POST", "/api/v1/repos/alice/tools/forks", "{}");
    ASSERT_EQ(fork.status, 202u) << fork.body;
    EXPECT_EQ(harness::json_field(fork.body, "full_name"), "carol/tools");
    EXPECT_TRUE(fork.has(R"("fork":true)"));
    EXPECT_TRUE(fork.has(R"("parent":{)")) << fork.body;
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/forks", "{}").status, 202u) << "asking again answers the same fork";
    EXPECT_TRUE(api("bob", "GET", "/api/v1/repos/alice/tools").has(R"("forks_count":1)"));
    EXPECT_TRUE(api("bob", "GET", "/api/v1/repos/alice/tools/forks").has(R"("full_name":"carol/tools")"));
    EXPECT_EQ(api("alice", "POST", "/api/v1/repos/alice/tools/forks", "{}").status, 400u) << "not into its own owner";

    // No object was copied: the origin holds the 2 MB, the fork a few kilobytes of refs and config.
    auto origin = repo_path("alice/tools"), copy = repo_path("carol/tools");
    EXPECT_GT(bytes_under(origin / "objects"), 2'000'000);
    EXPECT_LT(bytes_under(copy / "objects"), 10'000);
    auto wc = dir.path / "fork-wc";
    ASSERT_EQ(git("clone -q " + quote(url("carol/tools", "carol")) + " " + quote(wc.string())).code, 0);
    EXPECT_TRUE(std::filesystem::exists(wc / "blob.bin")) << "the fork has the origin's history";

    auto pushed = in(wc, "echo mine > mine.txt && git add mine.txt && git -c user.name=c -c user.email=c@x commit -qm mine && git push -q origin HEAD:main");
    EXPECT_EQ(pushed.code, 0) << pushed.output;
    auto refused = in(wc, "git push -q " + quote(url("alice/tools", "carol")) + " HEAD:main");
    EXPECT_NE(refused.code, 0) << "the fork's owner cannot push to the origin";
    EXPECT_EQ(harness::sh("git --git-dir=" + quote(origin.string()) + " log --format=%s main").output.find("mine"), std::string::npos);

    // Into an organization of the caller.
    ASSERT_EQ(api("bob", "POST", "/api/v1/orgs", R"({"username":"acme"})").status, 201u);
    auto into_org = api("bob", "POST", "/api/v1/repos/alice/tools/forks", R"({"organization":"acme"})");
    EXPECT_EQ(harness::json_field(into_org.body, "full_name"), "acme/tools");
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/forks", R"({"organization":"acme"})").status, 403u);
}

TEST_F(Forks, a_pull_request_from_a_forks_branch_follows_its_pushes_and_merges_into_the_origin) {
    make_origin();
    ASSERT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/forks", "{}").status, 202u);
    auto wc = dir.path / "fork-wc";
    auto pushed = harness::sh("git clone -q " + quote(url("carol/tools", "carol")) + " " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                  " && git checkout -qb feature && echo fix > fix.txt && git add fix.txt && git -c user.name=c -c user.email=c@x"
                                  " commit -qm 'Fix it' && git push -q origin feature",
                              dir.path);
    ASSERT_EQ(pushed.code, 0) << pushed.output;

    harness::Client alice(server.port());
    alice.sign_in("alice");
    auto compare = alice.get("/alice/tools/compare/main...carol:feature");
    ASSERT_EQ(compare.status, 200u) << compare.body.substr(0, 2000);
    EXPECT_TRUE(compare.has("Fix it"));
    EXPECT_TRUE(compare.has("data-testid=\"open-pr\""));
    EXPECT_TRUE(compare.has("<option value=\"carol\" selected>")) << "the head repository picker";
    EXPECT_EQ(alice.get("/alice/tools/compare?base=main&head_owner=carol&head=feature").header("location"),
              "/alice/tools/compare/main...carol%3Afeature");

    auto opened = api("carol", "POST", "/api/v1/repos/alice/tools/pulls", R"({"title":"Fix it","head":"carol:feature","base":"main"})");
    ASSERT_EQ(opened.status, 201u) << opened.body;
    EXPECT_TRUE(opened.has(R"("label":"carol:feature")")) << opened.body;
    auto number = harness::json_field(opened.body, "number");
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/pulls", R"({"title":"x","head":"carol:feature","base":"main"})").status, 409u);
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/pulls", R"({"title":"x","head":"bob:feature","base":"main"})").status, 400u)
        << "bob has no fork";
    EXPECT_TRUE(alice.get("/alice/tools/pull/" + number).has("carol:feature"));

    // A push to the fork's branch moves the pull request's head.
    ASSERT_EQ(in(wc, "echo more >> fix.txt && git -c user.name=c -c user.email=c@x commit -qam more && git push -q origin feature").code, 0);
    auto tip = in(wc, "git rev-parse HEAD").output.substr(0, 40);
    bool moved = false;
    for (int i = 0; i < 100 && !moved; ++i) {
        moved = api("alice", "GET", "/api/v1/repos/alice/tools/pulls/" + number).has(tip);
        if (!moved) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(moved) << "the head follows the fork";
    auto refused = harness::sh("git --git-dir=" + quote(repo_path("alice/tools").string()) + " rev-parse HEAD && cd " + quote(wc.string()) +
                                   " && git push -q " + quote(url("alice/tools")) + " HEAD:refs/forks/spoof/heads/feature");
    EXPECT_NE(refused.code, 0) << "nobody pushes into the mirror of a fork";

    auto merged = api("alice", "PUT", "/api/v1/repos/alice/tools/pulls/" + number + "/merge", R"({"merge_method":"merge"})");
    ASSERT_EQ(merged.status, 200u) << merged.body;
    auto log = harness::sh("git --git-dir=" + quote(repo_path("alice/tools").string()) + " log --format=%s main").output;
    EXPECT_NE(log.find("Fix it"), std::string::npos) << log;
    EXPECT_NE(log.find("Merge pull request #" + number + " from carol:feature"), std::string::npos) << log;
}

TEST_F(Forks, deleting_the_origin_leaves_its_forks_whole_and_pages_show_where_a_fork_came_from) {
    make_origin();
    harness::Client carol(server.port());
    carol.sign_in("carol");
    auto button = carol.get("/alice/tools/fork");
    ASSERT_TRUE(button.has("Create fork"));
    auto forked = carol.post_form("/alice/tools/fork", {{"owner", "carol"}});
    ASSERT_EQ(forked.header("location"), "/carol/tools");
    auto page = carol.get("/carol/tools");
    EXPECT_TRUE(page.has("data-testid=\"forked-from\"")) << page.body.substr(0, 3000);
    EXPECT_TRUE(page.has("href=\"/alice/tools\""));
    EXPECT_TRUE(carol.get("/alice/tools/forks").has("data-repo=\"carol/tools\""));

    ASSERT_EQ(api("alice", "DELETE", "/api/v1/repos/alice/tools").status, 204u);
    auto copy = repo_path("carol/tools");
    EXPECT_FALSE(std::filesystem::exists(copy / "objects" / "info" / "alternates")) << "the fork has its own objects now";
    auto wc = dir.path / "after";
    auto cloned = git("clone -q " + quote(url("carol/tools", "carol")) + " " + quote(wc.string()));
    ASSERT_EQ(cloned.code, 0) << cloned.output;
    auto checked = harness::sh("git --git-dir=" + quote(copy.string()) + " fsck --strict --no-progress && cd " + quote(wc.string()) + " && git log --format=%s");
    EXPECT_EQ(checked.code, 0) << checked.output;
    EXPECT_NE(checked.output.find("blob"), std::string::npos) << "its whole history";
    EXPECT_TRUE(api("carol", "GET", "/api/v1/repos/carol/tools").has(R"("fork":false)")) << "a fork of nothing now";
    EXPECT_FALSE(carol.get("/carol/tools").has("href=\"/alice/tools\"")) << "its parent is gone";
}

TEST_F(Forks, a_private_repository_is_forked_only_by_its_readers_and_its_forks_stay_private) {
    create_repo("secret", true);
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/alice/secret/forks", "{}").status, 404u);
    ASSERT_EQ(api("alice", "PUT", "/api/v1/repos/alice/secret/collaborators/carol", R"({"permission":"read"})").status, 204u);
    auto fork = api("carol", "POST", "/api/v1/repos/alice/secret/forks", "{}");
    ASSERT_EQ(fork.status, 202u) << fork.body;
    EXPECT_TRUE(fork.has(R"("private":true)"));
    EXPECT_EQ(api("bob", "GET", "/api/v1/repos/carol/secret").status, 404u);
    EXPECT_EQ(api("carol", "PATCH", "/api/v1/repos/carol/secret", R"({"private":false})").status, 400u)
        << "a reader cannot publish the private origin through a fork";
    EXPECT_EQ(api("bob", "GET", "/api/v1/repos/carol/secret").status, 404u);
}

TEST_F(Forks, a_public_repository_made_private_parts_from_its_forks) {
    make_origin();
    ASSERT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/forks", "{}").status, 202u);
    ASSERT_EQ(api("alice", "PATCH", "/api/v1/repos/alice/tools", R"({"private":true})").status, 200u);
    auto copy = repo_path("carol/tools");
    EXPECT_FALSE(std::filesystem::exists(copy / "objects" / "info" / "alternates")) << "nothing pushed to it from now on reaches the fork";
    EXPECT_TRUE(api("carol", "GET", "/api/v1/repos/carol/tools").has(R"("fork":false)"));
    EXPECT_EQ(harness::sh("git --git-dir=" + quote(copy.string()) + " fsck --no-progress").code, 0);
}

TEST_F(Forks, a_fork_of_a_fork_reads_the_whole_chain_and_outlives_the_middle_one) {
    make_origin();
    ASSERT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/forks", "{}").status, 202u);
    auto second = api("bob", "POST", "/api/v1/repos/carol/tools/forks", "{}");
    ASSERT_EQ(second.status, 202u) << second.body;
    EXPECT_EQ(harness::json_field(second.body, "full_name"), "bob/tools");
    harness::Client bob(server.port());
    bob.sign_in("bob");
    EXPECT_TRUE(bob.get("/bob/tools/tree/main").has("blob.bin")) << "the grandchild reads objects its grandparent holds";
    // carol's fork moves away from what bob's still needs, then goes.
    auto wc = dir.path / "carol-wc";
    ASSERT_EQ(git("clone -q " + quote(url("carol/tools", "carol")) + " " + quote(wc.string())).code, 0);
    ASSERT_EQ(in(wc, "git checkout -q --orphan fresh && git rm -rqf . && git -c user.name=c -c user.email=c@x commit -q --allow-empty -m fresh"
                     " && git push -q -f origin fresh:main").code, 0);
    ASSERT_EQ(api("carol", "DELETE", "/api/v1/repos/carol/tools").status, 204u);
    ASSERT_EQ(api("alice", "DELETE", "/api/v1/repos/alice/tools").status, 204u);
    auto grandchild = repo_path("bob/tools");
    auto checked = harness::sh("git --git-dir=" + quote(grandchild.string()) + " fsck --no-progress && git --git-dir=" +
                               quote(grandchild.string()) + " log --format=%s main");
    EXPECT_EQ(checked.code, 0) << checked.output;
    EXPECT_NE(checked.output.find("blob"), std::string::npos) << checked.output;
}

TEST_F(Forks, a_private_forks_branch_is_never_mirrored_into_a_public_origin) {
    make_origin();
    ASSERT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/forks", "{}").status, 202u);
    ASSERT_EQ(api("carol", "PATCH", "/api/v1/repos/carol/tools", R"({"private":true})").status, 200u);
    auto wc = dir.path / "fork-wc";
    ASSERT_EQ(harness::sh("git clone -q " + quote(url("carol/tools", "carol")) + " " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                              " && git -c user.name=c -c user.email=c@x commit -q --allow-empty -m secret && git push -q origin HEAD:feature",
                          dir.path).code, 0);
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/alice/tools/pulls", R"({"title":"x","head":"carol:feature","base":"main"})").status, 400u);
    EXPECT_EQ(harness::sh("git --git-dir=" + quote(repo_path("alice/tools").string()) + " for-each-ref refs/forks").output, "");
}

}  // namespace

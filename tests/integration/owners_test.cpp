// Repositories addressed as owner/name, as on GitHub: the same name under two owners, names in
// any case, and every address from before owners — web, API, git — answered by a redirect to the
// new one for those who may read the repository, and by what an unknown address gets for others.

#include "git_fixture.hpp"

namespace {

using harness::quote;

class Owners : public GitFixture {};

TEST_F(Owners, two_owners_each_have_a_repository_of_the_same_name) {
    auto mine = create_repo("tools", false);
    auto theirs = create_repo("Tools", true, true, "bob");
    EXPECT_EQ(mine, "alice/tools");
    EXPECT_EQ(theirs, "bob/Tools");
    harness::Client api(server.port());
    auto again = api.request("POST", "/api/v1/user/repos", R"({"name":"TOOLS"})", {{"Authorization", "token " + tokens["alice"]}});
    EXPECT_EQ(again.status, 409u) << "names are unique per owner whatever their case";

    harness::Client carol(server.port()), bob(server.port());
    carol.sign_in("carol");
    bob.sign_in("bob");
    EXPECT_TRUE(carol.get("/alice/tools").has("data-testid=\"repo-title\">tools<"));
    EXPECT_EQ(carol.get("/bob/tools").status, 404u) << "bob's is private";
    EXPECT_EQ(bob.get("/BOB/TOOLS").status, 200u) << "owner and name in any case";
    auto json = api.get("/api/v1/repos/bob/Tools", {{"Authorization", "token " + tokens["bob"]}});
    EXPECT_EQ(harness::json_field(json.body, "full_name"), "bob/Tools");
    EXPECT_TRUE(json.has(R"("login":"bob")")) << "an owner object: " << json.body;
    EXPECT_NE(harness::json_field(json.body, "html_url").find("/bob/Tools"), std::string::npos);
    EXPECT_NE(harness::json_field(json.body, "clone_url").find("/bob/Tools.git"), std::string::npos);
    EXPECT_NE(harness::json_field(json.body, "ssh_url").find("bob/Tools.git"), std::string::npos);

    // Each clone gets its own repository, over HTTPS and SSH, and pushes land where they were sent.
    auto wc = dir.path / "wc";
    ASSERT_EQ(git("clone -q " + quote(url(theirs, "bob")) + " " + quote(wc.string())).code, 0);
    ASSERT_EQ(in(wc, "git -c user.name=b -c user.email=b@x commit -q --allow-empty -m bobs && git push -q origin HEAD:main").code, 0);
    auto mine_wc = dir.path / "mine";
    auto cloned = ssh_git("alice", "clone -q " + quote(ssh_url(mine)) + " " + quote(mine_wc.string()));
    ASSERT_EQ(cloned.code, 0) << cloned.output;
    EXPECT_EQ(in(mine_wc, "git log --format=%s").output.find("bobs"), std::string::npos) << "alice's tools is not bob's";
}

TEST_F(Owners, old_addresses_redirect_for_readers_and_stay_unknown_to_others) {
    auto id = create_repo("proj", true);
    harness::Client api(server.port());
    std::map<std::string, std::string> alice = {{"Authorization", "token " + tokens["alice"]}};
    std::map<std::string, std::string> carol = {{"Authorization", "token " + tokens["carol"]}};
    // The seed's /repos/{owner}/{repo}/… form, with its page names.
    harness::Client web(server.port());
    web.sign_in("alice");
    auto files = web.get("/repos/alice/proj/files?x=1");
    EXPECT_EQ(files.status, 301u);
    EXPECT_EQ(files.header("location"), "/alice/proj/tree?x=1");
    EXPECT_EQ(web.get("/repos/alice/proj/prs/3").header("location"), "/alice/proj/pull/3");
    EXPECT_EQ(web.get("/repos/alice/proj/files/main/a%20b%23.md").header("location"), "/alice/proj/tree/main/a%20b%23.md")
        << "escaped once, as it came";
    EXPECT_EQ(web.get("/repos/alice/proj/files").header("cache-control"), "no-store") << "who asks decides where it leads";
    EXPECT_EQ(web.get("/repos/alice/proj/prs").header("location"), "/alice/proj/pulls");
    // A form posted to an old address is sent on with its method and body.
    auto posted = web.post_form("/repos/alice/proj/issues/create", {{"title", "t"}});
    EXPECT_EQ(posted.status, 308u);
    EXPECT_EQ(posted.header("location"), "/alice/proj/issues/create");
    harness::Client stranger(server.port());
    stranger.sign_in("carol");
    EXPECT_EQ(stranger.get("/repos/alice/proj").status, 404u) << "a private repository's old address tells outsiders nothing";
    EXPECT_EQ(stranger.get("/repos/alice/proj").header("location"), "");
    // The API's one-segment form is not an old address of this repository (it never had one),
    // and an unknown address is JSON.
    auto unknown = api.get("/api/v1/repos/nobody/nothing/issues", alice);
    EXPECT_EQ(unknown.status, 404u);
    EXPECT_TRUE(unknown.has("\"message\""));
    EXPECT_EQ(api.get("/api/v1/repos/" + id + "/issues", carol).status, 404u);
}

// The data directory the release before owners left (tests/fixtures/upgrade/make made it with
// that release's binary, through its real interfaces): alice's public "My Tool" (id my-tool)
// with an issue, a comment, a pull request, a workflow run and a search index, and her private
// "tools" that bob may read.
class Upgrade : public ::testing::Test {
protected:
    harness::TempDir dir;
    bool unpacked = harness::sh("tar -C " + quote(dir.path.string()) + " -xzf " + quote(FIXTURES_DIR "/upgrade/v015.tar.gz")).code == 0;
    harness::Server server{dir.path / "data", harness::with_engine({})};

    harness::Response as(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, path, body, {{"Authorization", harness::basic_auth(user, "correct horse battery")}});
    }
};

TEST_F(Upgrade, everything_of_the_release_before_owners_is_at_its_new_address_and_the_old_ones_redirect) {
    ASSERT_TRUE(unpacked);
    harness::Client alice(server.port());
    alice.sign_in("alice");
    // Every repository moved into its creator's namespace; a name typed with a space became the
    // id it was given then.
    EXPECT_TRUE(alice.get("/alice/my-tool").has("typed with a space"));
    EXPECT_EQ(alice.get("/alice/tools").status, 200u);
    auto issue = alice.get("/alice/my-tool/issues/1");
    EXPECT_TRUE(issue.has("An old issue") && issue.has("An old comment.")) << issue.body;
    EXPECT_TRUE(alice.get("/alice/my-tool/pull/2").has("An old pull request"));
    auto runs = as("alice", "GET", "/api/v1/repos/alice/my-tool/actions/runs");
    EXPECT_TRUE(runs.has("\"conclusion\":\"success\"")) << runs.body;
    auto log = as("alice", "GET", "/api/v1/repos/alice/my-tool/actions/runs/" + harness::json_field(runs.body, "id") + "/logs");
    EXPECT_TRUE(log.has("hello from the old release")) << log.body;
    auto hits = as("alice", "GET", "/api/v1/search/code?q=counter_of_things");
    EXPECT_TRUE(hits.has("\"full_name\":\"alice/my-tool\"")) << hits.body;
    EXPECT_TRUE(hits.has("\"full_name\":\"alice/tools\""));
    EXPECT_TRUE(as("bob", "GET", "/api/v1/repos/alice/tools").has("\"pull\":true")) << "collaborators kept";

    // The old addresses: web, API with its method, git.
    auto old_page = alice.get("/repos/my-tool/issues/1");
    EXPECT_EQ(old_page.status, 301u);
    EXPECT_EQ(old_page.header("location"), "/alice/my-tool/issues/1");
    EXPECT_EQ(alice.get("/repos/my-tool/files/main/README.md").header("location"), "/alice/my-tool/tree/main/README.md");
    EXPECT_EQ(alice.get("/repos/my-tool/prs/2").header("location"), "/alice/my-tool/pull/2");
    auto old_api = as("alice", "POST", "/api/v1/repos/my-tool/issues", R"({"title":"from an old script"})");
    EXPECT_EQ(old_api.status, 308u);
    EXPECT_EQ(old_api.header("location"), "/api/v1/repos/alice/my-tool/issues");
    auto followed = harness::sh("curl -sfL -u alice:'correct horse battery' -H 'Content-Type: application/json' -d '{\"title\":\"from an old script\"}' "
                                "http://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/repos/my-tool/issues");
    EXPECT_EQ(harness::json_field(followed.output, "number"), "3") << followed.output;
    auto wc = dir.path / "wc";
    auto cloned = harness::sh("git clone -q http://alice:correct%20horse%20battery@127.0.0.1:" + std::to_string(server.port()) +
                              "/repo/tools.git " + quote(wc.string()) + " 2>&1");
    ASSERT_EQ(cloned.code, 0) << cloned.output;
    auto pushed = harness::sh("cd " + quote(wc.string()) + " && git -c user.name=a -c user.email=a@x commit -q --allow-empty -m again && git push -q origin HEAD:main 2>&1");
    EXPECT_EQ(pushed.code, 0) << pushed.output;
    EXPECT_EQ(harness::sh("cd " + quote(wc.string()) + " && git remote get-url origin").output.find("/repo/tools.git") != std::string::npos, true)
        << "git keeps the address it was given and follows the redirect";
    EXPECT_EQ(as("carol", "GET", "/api/v1/repos/tools").status, 401u) << "no such user: carol is not in the old data";
    harness::Client anonymous(server.port());
    EXPECT_EQ(anonymous.get("/repos/tools").status, 404u) << "a private repository's old address tells outsiders nothing";
}

}  // namespace

namespace {

TEST_F(Owners, a_renamed_or_transferred_repository_answers_at_its_old_name_until_another_takes_it) {
    auto id = create_repo("old-name", true);
    harness::Client api(server.port());
    std::map<std::string, std::string> alice = {{"Authorization", "token " + tokens["alice"]}};
    std::map<std::string, std::string> carol = {{"Authorization", "token " + tokens["carol"]}};
    ASSERT_EQ(api.request("PUT", "/api/v1/repos/alice/old-name/collaborators/bob", R"({"permission":"write"})", alice).status, 204u);
    auto renamed = api.request("PATCH", "/api/v1/repos/alice/old-name", R"({"name":"New Name","description":"moved"})", alice);
    ASSERT_EQ(renamed.status, 200u) << renamed.body;
    EXPECT_EQ(harness::json_field(renamed.body, "full_name"), "alice/New-Name");
    EXPECT_EQ(harness::json_field(renamed.body, "description"), "moved");

    // Web, API (with its method) and git at the old name lead to the repository.
    harness::Client web(server.port());
    web.sign_in("bob");
    auto page = web.get("/alice/old-name/issues?state=open");
    EXPECT_EQ(page.status, 301u);
    EXPECT_EQ(page.header("location"), "/alice/New-Name/issues?state=open");
    auto posted = api.request("POST", "/api/v1/repos/alice/old-name/issues", R"({"title":"x"})", alice);
    EXPECT_EQ(posted.status, 308u);
    EXPECT_EQ(posted.header("location"), "/api/v1/repos/alice/New-Name/issues");
    auto wc = dir.path / "wc";
    ASSERT_EQ(git("clone -q " + quote(url("alice/old-name", "bob")) + " " + quote(wc.string())).code, 0);
    auto pushed = in(wc, "git -c user.name=b -c user.email=b@x commit -q --allow-empty -m renamed && git push -q origin HEAD:main 2>&1");
    ASSERT_EQ(pushed.code, 0) << pushed.output;
    auto ssh_wc = dir.path / "ssh";
    auto over_ssh = ssh_git("bob", "clone -q " + quote(ssh_url("alice/old-name")) + " " + quote(ssh_wc.string()));
    ASSERT_EQ(over_ssh.code, 0) << over_ssh.output;
    EXPECT_NE(in(ssh_wc, "git log --format=%s").output.find("renamed"), std::string::npos) << "the push landed in the renamed repository";
    // Outsiders learn nothing from the old name of a private repository.
    EXPECT_EQ(api.get("/api/v1/repos/alice/old-name", carol).status, 404u);
    harness::Client stranger(server.port());
    stranger.sign_in("carol");
    EXPECT_EQ(stranger.get("/alice/old-name").status, 404u);

    // Transferred to bob from the settings page: bob owns it, alice and her old addresses keep
    // reaching it.
    harness::Client owner(server.port());
    owner.sign_in("alice");
    owner.get("/alice/New-Name/settings");
    EXPECT_EQ(owner.post_form("/alice/New-Name/settings/transfer", {{"new_owner", "bob"}, {"confirm", "wrong"}}).status, 400u);
    auto moved = owner.post_form("/alice/New-Name/settings/transfer", {{"new_owner", "bob"}, {"confirm", "alice/New-Name"}});
    EXPECT_EQ(moved.status, 303u) << moved.body;
    EXPECT_EQ(moved.header("location"), "/bob/New-Name");
    EXPECT_EQ(owner.get("/bob/New-Name").status, 200u);
    EXPECT_EQ(owner.get("/alice/old-name").header("location"), "/bob/New-Name");
    EXPECT_EQ(owner.get("/alice/New-Name/pulls").header("location"), "/bob/New-Name/pulls");
    EXPECT_TRUE(api.get("/api/v1/repos/bob/New-Name", {{"Authorization", "token " + tokens["bob"]}}).has("\"admin\":true"));

    // A repository that takes the old name takes its address: nothing lands in the moved one.
    auto again = create_repo("old-name", false);
    EXPECT_EQ(again, "alice/old-name");
    auto home = owner.get("/alice/old-name");
    EXPECT_EQ(home.status, 200u);
    EXPECT_TRUE(home.has("data-testid=\"repo-title\">old-name<")) << "the new repository, not the moved one";
    auto fresh = dir.path / "fresh";
    ASSERT_EQ(git("clone -q " + quote(url("alice/old-name")) + " " + quote(fresh.string())).code, 0);
    EXPECT_EQ(in(fresh, "git log --format=%s 2>/dev/null").output.find("renamed"), std::string::npos);
}

}  // namespace

namespace {

TEST_F(Owners, stars_are_counted_listed_and_kept_to_what_the_user_may_read) {
    create_repo("shiny", false);
    create_repo("hidden", true);
    harness::Client api(server.port());
    auto as = [&](const std::string& user) { return std::map<std::string, std::string>{{"Authorization", "token " + tokens[user]}}; };
    EXPECT_EQ(api.request("GET", "/api/v1/user/starred/alice/shiny", "", as("bob")).status, 404u) << "not starred yet";
    EXPECT_EQ(api.request("PUT", "/api/v1/user/starred/alice/shiny", "", as("bob")).status, 204u);
    EXPECT_EQ(api.request("PUT", "/api/v1/user/starred/alice/shiny", "", as("bob")).status, 204u) << "twice is once";
    EXPECT_EQ(api.request("GET", "/api/v1/user/starred/alice/shiny", "", as("bob")).status, 204u);
    EXPECT_EQ(api.request("PUT", "/api/v1/user/starred/ALICE/Shiny", "", as("carol")).status, 204u);
    EXPECT_EQ(harness::json_field(api.get("/api/v1/repos/alice/shiny", as("bob")).body, "stargazers_count"), "2");
    EXPECT_EQ(api.get("/api/v1/repos/alice/shiny/stargazers", as("bob")).body, R"([{"login":"bob"},{"login":"carol"}])");
    EXPECT_EQ(api.request("PUT", "/api/v1/user/starred/alice/hidden", "", as("carol")).status, 404u) << "a private repository stays unknown";
    auto mine = api.get("/api/v1/user/starred", as("bob"));
    EXPECT_TRUE(mine.has(R"("full_name":"alice/shiny")")) << mine.body;

    // The repository header's button, as htmx swaps it.
    harness::Client web(server.port());
    web.sign_in("bob");
    auto button = web.get("/alice/shiny/star");
    EXPECT_TRUE(button.has(">Unstar<") && button.has(">2<")) << button.body;
    auto off = web.post_form("/alice/shiny/star", {{"star", "0"}}, {{"HX-Request", "true"}});
    EXPECT_TRUE(off.has(">Star<") && off.has(">1<")) << off.body;
    EXPECT_EQ(api.request("DELETE", "/api/v1/user/starred/alice/shiny", "", as("carol")).status, 204u);
    EXPECT_EQ(harness::json_field(api.get("/api/v1/repos/alice/shiny", as("bob")).body, "stargazers_count"), "0");
    EXPECT_EQ(api.get("/api/v1/user/starred", as("bob")).body, "[]");
}

}  // namespace

namespace {

// The route index a newcomer reads, and what it guards: every route under a repository's address
// loads the repository through the gate (repo_* or api_repo_*), none checks access by hand.
TEST(Routes, the_index_lists_every_route_and_each_under_a_repository_declares_its_need) {
    auto listed = harness::sh(std::string(WORKSPACE_BINARY) + " routes");
    ASSERT_EQ(listed.code, 0) << listed.output;
    std::istringstream lines(listed.output);
    int under_repo = 0;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string method, path, need;
        fields >> method >> path >> need;
        bool api = path.starts_with("/api/v1/repos/{owner}/{repo}") || path.starts_with("/api/v1/user/starred/{owner}/{repo}");
        bool web = path.starts_with("/{owner}/{repo}");
        if (!api && !web) continue;
        ++under_repo;
        if (api) {
            EXPECT_TRUE(need.starts_with("api_repo_")) << line;
        } else if (need != "git") {  // git's smart HTTP and trigger URLs take credentials of their own
            EXPECT_TRUE(need.starts_with("repo_")) << line;
        }
    }
    EXPECT_GT(under_repo, 100);
    EXPECT_NE(listed.output.find("/{owner}/{repo}/pull/{n}/merge"), std::string::npos);
}

}  // namespace

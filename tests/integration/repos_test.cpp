// Repository pages: create, list, settings, collaborators, delete, and recovery after a crash.
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <fstream>

#include "git_fixture.hpp"

namespace {

using harness::Client;

class Repos : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        alice.sign_in("alice");
        bob.sign_in("bob");
    }
    Client alice{server.port()};
    Client bob{server.port()};
};

TEST_F(Repos, create_from_the_form_then_see_it_listed_and_shown) {
    alice.get("/repos");
    auto res = alice.post_form("/repos/create", {{"name", "My Tool"}, {"description", "Does <b>things</b>"},
                                                 {"visibility", "private"}, {"init_readme", "on"}});
    EXPECT_EQ(res.status, 303u);
    EXPECT_EQ(res.header("location"), "/alice/My-Tool") << "named as GitHub names it, case kept";
    auto list = alice.get("/repos");
    EXPECT_TRUE(list.has("href=\"/alice/My-Tool\""));
    EXPECT_TRUE(list.has("Does &lt;b&gt;things&lt;/b&gt;"));
    auto home = alice.get("/alice/my-tool");
    EXPECT_EQ(home.status, 200u) << "owner and name in any case";
    EXPECT_TRUE(home.has("/alice/My-Tool.git"));
    EXPECT_TRUE(home.has(">main<")) << "the README commit made branch main";
    EXPECT_TRUE(std::filesystem::exists(repo_path("alice/My-Tool") / "HEAD"));
    EXPECT_FALSE(bob.get("/repos").has("My-Tool")) << "a private repository is not listed for outsiders";
}

TEST_F(Repos, htmx_create_errors_come_back_as_the_form_fragment) {
    create_repo("taken", false);
    alice.get("/repos");
    for (auto [name, message] : std::vector<std::pair<std::string, std::string>>{
             {"taken", "already exists"}, {"TAKEN", "already exists"}, {"---", "at least one letter or digit"}, {"a..b", "cannot contain"}}) {
        auto res = alice.post_form("/repos/create", {{"name", name}, {"visibility", "public"}}, {{"HX-Request", "true"}});
        EXPECT_GE(res.status, 400u) << name;
        EXPECT_TRUE(res.has(message)) << name << ": " << res.body;
        EXPECT_FALSE(res.has("<html")) << "a fragment, not a page";
        EXPECT_TRUE(res.has("id=\"create-repo\""));
    }
    auto ok = alice.post_form("/repos/create", {{"name", "fresh"}, {"visibility", "public"}}, {{"HX-Request", "true"}});
    EXPECT_EQ(ok.header("hx-redirect"), "/alice/fresh");
}

TEST_F(Repos, empty_repository_shows_push_instructions_to_writers) {
    auto id = create_repo("blank", false, false);
    auto page = alice.get("/" + id);
    EXPECT_TRUE(page.has("data-testid=\"push-instructions\""));
    EXPECT_TRUE(page.has("git push -u origin main"));
    auto visitor = Client(server.port()).get("/" + id);
    EXPECT_EQ(visitor.status, 200u) << "public repositories are open to anonymous visitors";
    EXPECT_FALSE(visitor.has("push-instructions"));
}

TEST_F(Repos, settings_change_visibility_description_and_default_branch) {
    auto id = create_repo("settings", false);
    alice.get("/" + id + "/settings");
    auto saved = alice.post_form("/" + id + "/settings",
                                 {{"description", "new words"}, {"visibility", "private"}, {"default_branch", "main"}});
    EXPECT_EQ(saved.status, 303u);
    EXPECT_TRUE(alice.get("/" + id).has("new words"));
    EXPECT_EQ(bob.get("/" + id).status, 404u) << "now private";
    auto bad = alice.post_form("/" + id + "/settings",
                               {{"description", ""}, {"visibility", "private"}, {"default_branch", "bad..name"}});
    EXPECT_EQ(bad.status, 400u);
    EXPECT_TRUE(bad.has("not a valid branch name"));
    EXPECT_EQ(bob.get("/" + id + "/settings").status, 404u);
}

TEST_F(Repos, a_repository_broken_on_disk_is_the_servers_fault_told_as_such_and_logged_once) {
    auto id = create_repo("broken", false);
    std::ofstream(repo_path(id) / "HEAD", std::ios::trunc) << "not a ref\n";
    alice.get("/" + id + "/settings");
    auto saved = alice.post_form("/" + id + "/settings", {{"description", ""}, {"visibility", "public"}, {"default_branch", "develop"}});
    EXPECT_EQ(saved.status, 500u) << "not the user's bad input";
    EXPECT_TRUE(saved.has("the error is in its log")) << saved.body;
    EXPECT_FALSE(saved.has("corrupted")) << "libgit2's detail stays in the log";
    server.stop();
    auto log = server.log();
    EXPECT_NE(log.find("POST /" + id + "/settings: set HEAD: corrupted loose reference file: HEAD"), std::string::npos) << log;
    auto first = log.find("set HEAD: corrupted");
    EXPECT_EQ(log.find("set HEAD: corrupted", first + 1), std::string::npos) << "logged once: " << log;
}

TEST_F(Repos, collaborators_are_added_changed_and_removed) {
    auto id = create_repo("team", true);
    alice.get("/" + id + "/settings");
    EXPECT_EQ(bob.get("/" + id).status, 404u);
    alice.post_form("/" + id + "/collaborators", {{"username", "bob"}, {"role", "read"}});
    EXPECT_EQ(bob.get("/" + id).status, 200u);
    EXPECT_EQ(bob.get("/" + id + "/settings").status, 403u) << "a reader sees the repository, not its settings";
    alice.post_form("/" + id + "/collaborators", {{"username", "bob"}, {"role", "admin"}});
    EXPECT_EQ(bob.get("/" + id + "/settings").status, 200u);
    alice.post_form("/" + id + "/collaborators/bob/remove", {});
    EXPECT_EQ(bob.get("/" + id).status, 404u);
    alice.post_form("/" + id + "/collaborators", {{"username", "nobody"}, {"role", "read"}});
    EXPECT_TRUE(alice.get("/" + id + "/settings").has("There is no user"));
}

TEST_F(Repos, the_last_admin_cannot_be_removed) {
    harness::Client owner(server.port());
    owner.sign_in("bob");
    auto id = create_repo("solo", false, true, "bob");
    owner.get("/" + id + "/settings");
    owner.post_form("/" + id + "/collaborators/bob/remove", {});
    EXPECT_TRUE(owner.get("/" + id + "/settings").has("needs at least one admin"));
}

TEST_F(Repos, delete_needs_the_id_typed_and_removes_disk_and_row) {
    auto id = create_repo("doomed", false);
    alice.get("/" + id + "/settings");
    alice.post_form("/" + id + "/delete", {{"confirm", "wrong"}});
    EXPECT_TRUE(alice.get("/" + id + "/settings").has("to confirm"));
    auto path = repo_path(id);
    EXPECT_TRUE(std::filesystem::exists(path));
    auto gone = alice.post_form("/" + id + "/delete", {{"confirm", id}});
    EXPECT_EQ(gone.header("location"), "/repos");
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_EQ(alice.get("/" + id).status, 404u);
    EXPECT_EQ(create_repo("doomed", false), "alice/doomed") << "the name is free again";
}

TEST_F(Repos, start_up_undoes_half_created_and_finishes_half_deleted_repositories) {
    auto kept = create_repo("kept", false);
    auto half_deleted = repo_path(create_repo("half-deleted", false));
    auto half_made = dir.path / "data" / "repos" / "half-made.git";
    server.stop();
    {
        // The states a crash can leave between the database and the disk.
        soci::session sql(soci::sqlite3, "db=" + (dir.path / "data" / "workspace.db").string());
        sql << "INSERT INTO repos (id, name, owner_id, state, created_at) VALUES ('half-made', 'half-made', 1, 'creating', 0)";
        sql << "UPDATE repos SET state = 'deleting' WHERE name = 'half-deleted'";
    }
    std::filesystem::create_directories(half_made);
    std::filesystem::create_directories(dir.path / "data" / "repos" / ".tmp-other-1234");
    server.start();
    EXPECT_FALSE(std::filesystem::exists(half_made));
    EXPECT_FALSE(std::filesystem::exists(half_deleted));
    EXPECT_FALSE(std::filesystem::exists(dir.path / "data" / "repos" / ".tmp-other-1234"));
    EXPECT_TRUE(std::filesystem::exists(repo_path(kept)));
    Client admin(server.port());
    admin.sign_in("alice");
    EXPECT_EQ(admin.get("/alice/half-made").status, 404u);
    EXPECT_EQ(admin.get("/alice/half-deleted").status, 404u);
    EXPECT_EQ(create_repo("half-made", false), "alice/half-made") << "nothing of the crashed creation is left in the way";
}

TEST_F(Repos, api_creates_lists_and_deletes) {
    Client api(server.port());
    std::map<std::string, std::string> auth = {{"Authorization", "token " + tokens["bob"]}};
    auto created = api.request("POST", "/api/v1/user/repos",
                               R"({"name":"Api Repo","description":"d","private":true,"auto_init":false})", auth);
    EXPECT_EQ(created.status, 201u);
    EXPECT_EQ(harness::json_field(created.body, "full_name"), "bob/Api-Repo");
    EXPECT_EQ(harness::json_field(created.body, "name"), "Api-Repo");
    EXPECT_EQ(harness::json_field(created.body, "private"), "true");
    EXPECT_EQ(harness::json_field(created.body, "default_branch"), "main");
    EXPECT_NE(harness::json_field(created.body, "clone_url").find("/bob/Api-Repo.git"), std::string::npos);
    EXPECT_TRUE(api.get("/api/v1/user/repos", auth).has("\"full_name\":\"bob/Api-Repo\""));
    EXPECT_EQ(api.request("POST", "/api/v1/user/repos", R"({"name":7})", auth).status, 400u);
    EXPECT_EQ(api.request("POST", "/api/v1/user/repos", R"({"name":"Api Repo"})", auth).status, 409u);
    std::map<std::string, std::string> carol = {{"Authorization", "token " + tokens["carol"]}};
    EXPECT_EQ(api.request("DELETE", "/api/v1/repos/bob/Api-Repo", "", carol).status, 404u);
    EXPECT_EQ(api.request("PUT", "/api/v1/repos/bob/Api-Repo/collaborators/carol", R"({"permission":"read"})", auth).status, 204u);
    EXPECT_EQ(api.request("DELETE", "/api/v1/repos/bob/Api-Repo", "", carol).status, 403u) << "a reader may see, not delete";
    EXPECT_EQ(api.request("PUT", "/api/v1/repos/bob/Api-Repo/collaborators/carol", R"({"permission":"owner"})", auth).status, 400u);
    EXPECT_EQ(api.request("DELETE", "/api/v1/repos/bob/Api-Repo/collaborators/carol", "", auth).status, 204u);
    EXPECT_EQ(api.request("DELETE", "/api/v1/repos/bob/Api-Repo", "", auth).status, 204u);
    EXPECT_EQ(api.get("/api/v1/repos/bob/Api-Repo", auth).status, 404u);
}

}  // namespace

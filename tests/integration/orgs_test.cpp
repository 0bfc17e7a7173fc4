// Organizations, their members and teams, through the API contract GitHub's and Gitea's clients
// use and the pages a person clicks through, and the permission matrix of a private
// organization repository for members of its read, write and admin teams, members of no team,
// outsiders and anonymous visitors, on every surface.
#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;

class Orgs : public GitFixture {
protected:
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
        if (!user.empty()) headers["Authorization"] = "token " + tokens[user];
        return client.request(method, path, body, headers);
    }

    //! acme, owned by bob, with a private acme/private-repo.
    void make_acme() {
        auto org = api("bob", "POST", "/api/v1/orgs", R"({"username":"acme","full_name":"Acme Inc","description":"Things"})");
        ASSERT_EQ(org.status, 201u) << org.body;
        auto repo = api("bob", "POST", "/api/v1/orgs/acme/repos", R"({"name":"private-repo","private":true,"auto_init":true})");
        ASSERT_EQ(repo.status, 201u) << repo.body;
    }

    //! A team of acme with that permission, its one member, and acme/private-repo.
    void team(const std::string& name, const std::string& permission, const std::string& member) {
        auto made = api("bob", "POST", "/api/v1/orgs/acme/teams", R"({"name":")" + name + R"(","permission":")" + permission + "\"}");
        ASSERT_EQ(made.status, 201u) << made.body;
        auto slug = harness::json_field(made.body, "slug");
        ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/teams/" + slug + "/memberships/" + member).status, 200u);
        ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/teams/" + slug + "/repos/acme/private-repo").status, 204u);
    }
};

TEST_F(Orgs, the_api_creates_organizations_their_repositories_and_teams_in_githubs_shapes) {
    auto org = api("bob", "POST", "/api/v1/orgs", R"({"username":"Acme","full_name":"Acme Inc","description":"Things"})");
    ASSERT_EQ(org.status, 201u) << org.body;
    EXPECT_EQ(harness::json_field(org.body, "login"), "acme");
    EXPECT_EQ(harness::json_field(org.body, "type"), "Organization");
    EXPECT_EQ(harness::json_field(org.body, "full_name"), "Acme Inc");
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs", R"({"username":"acme"})").status, 409u) << "taken";
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs", R"({"username":"alice"})").status, 409u) << "users and organizations share names";
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs", R"({"username":"settings"})").status, 400u) << "reserved";
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs", R"({"full_name":"no name"})").status, 400u);

    auto repo = api("bob", "POST", "/api/v1/orgs/acme/repos", R"({"name":"tools","private":true})");
    ASSERT_EQ(repo.status, 201u) << repo.body;
    EXPECT_EQ(harness::json_field(repo.body, "full_name"), "acme/tools");
    EXPECT_TRUE(repo.has(R"("type":"Organization")")) << repo.body;
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs/acme/repos", R"({"name":"mine"})").status, 403u) << "not a member";
    EXPECT_EQ(api("carol", "POST", "/api/v1/user/repos", R"({"name":"tools"})").status, 201u) << "carol/tools is another";

    EXPECT_EQ(harness::json_field(api("carol", "GET", "/api/v1/orgs/acme").body, "description"), "Things");
    EXPECT_EQ(api("carol", "GET", "/api/v1/orgs/alice").status, 404u) << "a user is no organization";
    EXPECT_TRUE(api("carol", "GET", "/api/v1/orgs/acme/members").has(R"("login":"bob")"));
    EXPECT_FALSE(api("carol", "GET", "/api/v1/orgs/acme/repos").has("acme/tools")) << "private to outsiders";
    EXPECT_TRUE(api("bob", "GET", "/api/v1/orgs/acme/repos").has("acme/tools"));
    EXPECT_TRUE(api("bob", "GET", "/api/v1/user/orgs").has(R"("login":"acme")"));

    auto made = api("bob", "POST", "/api/v1/orgs/acme/teams", R"({"name":"Core Devs","permission":"push"})");
    ASSERT_EQ(made.status, 201u) << made.body;
    EXPECT_EQ(harness::json_field(made.body, "slug"), "core-devs");
    EXPECT_EQ(harness::json_field(made.body, "permission"), "push");
    EXPECT_EQ(api("bob", "POST", "/api/v1/orgs/acme/teams", R"({"name":"x","permission":"owner"})").status, 422u);
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs/acme/teams", R"({"name":"Mine"})").status, 403u);
    EXPECT_EQ(api("carol", "GET", "/api/v1/orgs/acme/teams").status, 403u) << "teams are for members";
    auto joined = api("bob", "PUT", "/api/v1/orgs/acme/teams/core-devs/memberships/carol");
    EXPECT_EQ(joined.status, 200u);
    EXPECT_EQ(harness::json_field(joined.body, "state"), "active");
    EXPECT_TRUE(api("bob", "GET", "/api/v1/orgs/acme/members").has(R"("login":"carol")")) << "a team member is a member";
    EXPECT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/teams/core-devs/repos/carol/tools").status, 400u) << "not acme's";
    ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/teams/core-devs/repos/acme/tools", R"({"permission":"push"})").status, 204u);
    auto seen = api("carol", "GET", "/api/v1/repos/acme/tools");
    ASSERT_EQ(seen.status, 200u);
    EXPECT_TRUE(seen.has(R"("push":true)")) << seen.body;
    EXPECT_TRUE(api("carol", "GET", "/api/v1/orgs/acme/teams/core-devs/repos").has("acme/tools"));
    EXPECT_TRUE(api("carol", "GET", "/api/v1/orgs/acme/teams/core-devs/members").has(R"("login":"carol")"));

    // Leaving the organization leaves its teams, and their access with them.
    ASSERT_EQ(api("bob", "DELETE", "/api/v1/orgs/acme/members/carol").status, 204u);
    EXPECT_EQ(api("carol", "GET", "/api/v1/repos/acme/tools").status, 404u);
    EXPECT_EQ(api("bob", "DELETE", "/api/v1/orgs/acme/members/bob").status, 400u) << "the last owner stays";

    // An owner by GitHub's membership role "admin"; then the first can step down.
    auto promoted = api("bob", "PUT", "/api/v1/orgs/acme/memberships/carol", R"({"role":"admin"})");
    ASSERT_EQ(promoted.status, 200u) << promoted.body;
    EXPECT_EQ(harness::json_field(promoted.body, "role"), "admin");
    EXPECT_TRUE(api("carol", "GET", "/api/v1/repos/acme/tools").has(R"("admin":true)")) << "owners administer every repository";
    EXPECT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/memberships/bob", R"({"role":"member"})").status, 200u);

    // An organization never signs in, whatever is typed as its password.
    harness::Client client(server.port());
    EXPECT_EQ(client.get("/api/v1/user", {{"Authorization", harness::basic_auth("acme", "")}}).status, 401u);
    EXPECT_EQ(client.get("/api/v1/user", {{"Authorization", harness::basic_auth("@acme", "x")}}).status, 401u);
}

TEST_F(Orgs, site_admins_may_keep_organization_creation_to_themselves) {
    harness::Client admin(server.port());
    admin.sign_in("alice");
    admin.get("/admin/settings");
    ASSERT_EQ(admin.post_form("/admin/settings", {{"open_signup", "on"}}).status, 303u);
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs", R"({"username":"carols"})").status, 403u);
    EXPECT_EQ(api("alice", "POST", "/api/v1/orgs", R"({"username":"alices"})").status, 201u);
    admin.get("/admin/settings");
    ASSERT_EQ(admin.post_form("/admin/settings", {{"open_signup", "on"}, {"org_creation", "on"}}).status, 303u);
    EXPECT_EQ(api("carol", "POST", "/api/v1/orgs", R"({"username":"carols"})").status, 201u);
}

TEST_F(Orgs, the_pages_create_an_organization_its_members_and_teams) {
    harness::Client bob(server.port());
    bob.sign_in("bob");
    bob.get("/orgs/new");
    auto bad = bob.post_form("/orgs/new", {{"username", "no spaces"}, {"full_name", "Kept"}});
    EXPECT_EQ(bad.status, 400u);
    EXPECT_TRUE(bad.has("value=\"Kept\"")) << "the form keeps what was typed";
    auto made = bob.post_form("/orgs/new", {{"username", "acme"}, {"full_name", "Acme Inc"}, {"description", "Line one\nLine two"}});
    ASSERT_EQ(made.status, 303u) << made.body.substr(0, 2000);
    EXPECT_EQ(made.header("location"), "/acme");
    auto profile = bob.get("/acme");
    EXPECT_TRUE(profile.has("Acme Inc"));
    EXPECT_TRUE(profile.has("Line one\nLine two")) << "the description as typed";
    EXPECT_TRUE(profile.has("/orgs/acme/settings"));

    bob.get("/repos");
    ASSERT_EQ(bob.post_form("/repos/create", {{"owner", "acme"}, {"name", "site"}, {"visibility", "private"}}).header("location"), "/acme/site");
    bob.get("/orgs/acme/people");
    ASSERT_EQ(bob.post_form("/orgs/acme/people", {{"username", "carol"}, {"role", "member"}}).status, 303u);
    auto people = bob.get("/orgs/acme/people");
    EXPECT_TRUE(people.has("data-member=\"carol\""));
    EXPECT_TRUE(people.has("<input type=\"hidden\" name=\"username\" value=\"carol\">")) << "each row's form names its member";
    EXPECT_TRUE(people.has("<option value=\"owner\" selected>owner</option>")) << "and shows their role";
    bob.get("/orgs/acme/teams");
    auto team = bob.post_form("/orgs/acme/teams", {{"name", "Web Team"}, {"permission", "write"}});
    ASSERT_EQ(team.header("location"), "/orgs/acme/teams/web-team");
    bob.get("/orgs/acme/teams/web-team");
    ASSERT_EQ(bob.post_form("/orgs/acme/teams/web-team/members", {{"username", "carol"}}).status, 303u);
    ASSERT_EQ(bob.post_form("/orgs/acme/teams/web-team/repos", {{"repo", "site"}}).status, 303u);
    auto page = bob.get("/orgs/acme/teams/web-team");
    EXPECT_TRUE(page.has("data-repo=\"acme/site\""));
    EXPECT_TRUE(page.has("data-member=\"carol\""));
    EXPECT_TRUE(bob.get("/acme/site/settings").has("data-testid=\"team-acme-web-team\"")) << "the collaborators list shows the team";

    harness::Client carol(server.port());
    carol.sign_in("carol");
    EXPECT_EQ(carol.get("/acme/site").status, 200u) << "through the team";
    EXPECT_EQ(carol.get("/orgs/acme/settings").status, 404u) << "members do not manage";
    EXPECT_TRUE(carol.get("/carol").has("href=\"/acme\"")) << "her profile lists the organization";
    harness::Client stranger(server.port());
    EXPECT_FALSE(stranger.get("/acme").has("acme/site")) << "the private repository stays off the public profile";

    // The new-repository form offers the organizations one belongs to.
    EXPECT_TRUE(carol.get("/repos").has("<option value=\"acme\""));
    EXPECT_TRUE(carol.get("/repos?owner=acme").has("data-repo=\"acme/site\""));
    EXPECT_FALSE(carol.get("/repos?owner=carol").has("data-repo=\"acme/site\"")) << "the owner filter";
    EXPECT_EQ(carol.get("/repos?owner=nobody-here").status, 404u);
    auto dashboard = carol.get("/");
    EXPECT_TRUE(dashboard.has("data-repo=\"acme/site\"")) << "the dashboard lists the repositories she reaches";
    EXPECT_TRUE(dashboard.has("href=\"/acme\"")) << "and her organizations";
    EXPECT_FALSE(carol.get("/?owner=carol").has("data-repo=\"acme/site\"")) << "its owner filter";
}

TEST_F(Orgs, a_repository_that_leaves_its_organization_leaves_its_teams) {
    make_acme();
    team("Writers", "push", "carol");
    ASSERT_EQ(api("carol", "GET", "/api/v1/repos/acme/private-repo").status, 200u);
    ASSERT_EQ(api("bob", "POST", "/api/v1/repos/acme/private-repo/transfer", R"({"new_owner":"bob"})").status, 202u);
    EXPECT_EQ(api("carol", "GET", "/api/v1/repos/bob/private-repo").status, 404u) << "acme's team no longer reaches it";
    EXPECT_FALSE(api("bob", "GET", "/api/v1/orgs/acme/teams/writers/repos").has("private-repo"));
}

TEST_F(Orgs, a_team_page_lists_only_the_repositories_its_viewer_may_read) {
    make_acme();
    ASSERT_EQ(api("bob", "PATCH", "/api/v1/orgs/acme", R"({"default_repository_permission":"none"})").status, 200u);
    ASSERT_EQ(api("bob", "POST", "/api/v1/orgs/acme/teams", R"({"name":"Empty"})").status, 201u);
    ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/teams/empty/repos/acme/private-repo").status, 204u);
    ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/memberships/carol", R"({"role":"member"})").status, 200u);
    harness::Client carol(server.port());
    carol.sign_in("carol");
    auto page = carol.get("/orgs/acme/teams/empty");
    ASSERT_EQ(page.status, 200u);
    EXPECT_FALSE(page.has("private-repo")) << "carol is on no team that reaches it";
    EXPECT_FALSE(api("carol", "GET", "/api/v1/orgs/acme/teams/empty/repos").has("private-repo"));
}

TEST_F(Orgs, a_repository_transfers_into_an_organization_its_admin_belongs_to) {
    make_acme();
    auto mine = create_repo("widget", false, true, "carol");
    EXPECT_EQ(api("carol", "POST", "/api/v1/repos/" + mine + "/transfer", R"({"new_owner":"acme"})").status, 403u) << "not a member";
    ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/memberships/carol", R"({"role":"member"})").status, 200u);
    auto moved = api("carol", "POST", "/api/v1/repos/" + mine + "/transfer", R"({"new_owner":"acme"})");
    ASSERT_EQ(moved.status, 202u) << moved.body;
    EXPECT_EQ(harness::json_field(moved.body, "full_name"), "acme/widget");
    EXPECT_TRUE(api("bob", "GET", "/api/v1/repos/acme/widget").has(R"("admin":true)")) << "acme's owner administers it";
}

// The matrix: a private repository of acme (base permission none), each actor reaching it in
// one way, or not at all.
struct Expect {
    unsigned web, api, clone, push, settings;  // HTTP statuses; settings for signed-in actors
    bool ssh_clone, ssh_push, finds_it;
};

struct Row {
    const char* who;
    const char* user;  // "" for anonymous
    Expect want;
};

const Row kMatrix[] = {
    {"anonymous", "", {404, 401, 401, 401, 0, false, false, false}},
    {"outsider", "carol", {404, 404, 404, 404, 404, false, false, false}},
    {"member of no team", "frank", {404, 404, 404, 404, 404, false, false, false}},
    {"read team", "dave", {200, 200, 200, 403, 403, true, false, true}},
    {"write team", "erin", {200, 200, 200, 200, 403, true, true, true}},
    {"admin team", "gina", {200, 200, 200, 200, 200, true, true, true}},
    {"organization owner", "bob", {200, 200, 200, 200, 200, true, true, true}},
    {"site admin", "alice", {200, 200, 200, 200, 200, true, true, true}},
};

TEST_F(Orgs, teams_decide_access_to_a_private_organization_repository_on_every_surface) {
    for (const char* name : {"dave", "erin", "frank", "gina"}) add_user(name);
    make_acme();
    ASSERT_EQ(api("bob", "PATCH", "/api/v1/orgs/acme", R"({"default_repository_permission":"none"})").status, 200u);
    ASSERT_EQ(api("bob", "PUT", "/api/v1/orgs/acme/memberships/frank", R"({"role":"member"})").status, 200u);
    team("Readers", "pull", "dave");
    team("Writers", "push", "erin");
    team("Admins", "admin", "gina");
    const std::string id = "acme/private-repo";
    // Something to find, mention and run: a file with a rare word, and an issue mentioning everyone.
    auto seed = dir.path / "seed";
    auto pushed = harness::sh("git clone -q " + quote(url(id, "bob")) + " " + quote(seed.string()) + " && cd " + quote(seed.string()) +
                                  " && echo zanzibar_marker > notes.txt && git add notes.txt && git -c user.name=b -c user.email=b@x"
                                  " commit -qm notes && git push -q origin HEAD:main",
                              dir.path);
    ASSERT_EQ(pushed.code, 0) << pushed.output;
    ASSERT_EQ(api("bob", "POST", "/api/v1/repos/" + id + "/issues", R"({"title":"Quarterly plan","body":"@alice @carol @frank @dave @erin @gina"})").status, 201u);
    for (int i = 0; i < 100 && api("bob", "GET", "/api/v1/search/code?q=zanzibar_marker").body.find("notes.txt") == std::string::npos; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));

    for (const auto& row : kMatrix) {
        SCOPED_TRACE(row.who);
        const auto& want = row.want;
        std::string user = row.user;
        harness::Client browser(server.port());
        if (!user.empty()) browser.sign_in(user);
        auto page = browser.get("/" + id);
        EXPECT_EQ(page.status, want.web) << "web page";
        EXPECT_EQ(browser.get("/" + id + "/actions").status, want.web) << "actions";
        EXPECT_EQ(browser.get("/" + id + "/issues/1").status, want.web) << "issue";
        if (!user.empty()) {
            EXPECT_EQ(browser.get("/" + id + "/settings").status, want.settings) << "settings";
            bool notified = want.finds_it && user != "bob";  // bob wrote the issue
            EXPECT_EQ(browser.get("/notifications").has("Quarterly plan"), notified) << "notifications";
            EXPECT_EQ(api(user, "GET", "/api/v1/search/code?q=zanzibar_marker").has("notes.txt"), want.finds_it) << "search";
            EXPECT_EQ(browser.get("/repos").has("data-repo=\"" + id + "\""), want.finds_it) << "repository list";
        }
        EXPECT_EQ(api(user, "GET", "/api/v1/repos/" + id).status, want.api) << "API";
        harness::Client client(server.port());
        std::map<std::string, std::string> creds;
        if (!user.empty()) creds["Authorization"] = harness::basic_auth(user, tokens[user]);
        EXPECT_EQ(client.get("/" + id + ".git/info/refs?service=git-upload-pack", creds).status, want.clone) << "HTTP clone";
        EXPECT_EQ(client.get("/" + id + ".git/info/refs?service=git-receive-pack", creds).status, want.push) << "HTTP push";

        std::string ssh_user = user.empty() ? "stranger" : user;
        auto wc = dir.path / ("ssh-" + ssh_user);
        auto cloned = ssh_git(ssh_user, "clone -q " + quote(ssh_url(id)) + " " + quote(wc.string()));
        EXPECT_EQ(cloned.code == 0, want.ssh_clone) << "SSH clone: " << cloned.output;
        if (cloned.code != 0)
            harness::sh("git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) + " && git commit -q --allow-empty -m start");
        auto pushed_ssh = ssh_git(ssh_user, "-c user.name=x -c user.email=x@x commit -q --allow-empty -m ssh && git push -q " +
                                                 quote(ssh_url(id)) + " HEAD:refs/heads/ssh-" + ssh_user, wc);
        EXPECT_EQ(pushed_ssh.code == 0, want.ssh_push) << "SSH push: " << pushed_ssh.output;
    }

    // The base permission reaches members of no team.
    ASSERT_EQ(api("bob", "PATCH", "/api/v1/orgs/acme", R"({"default_repository_permission":"read"})").status, 200u);
    auto seen = api("frank", "GET", "/api/v1/repos/" + id);
    EXPECT_EQ(seen.status, 200u);
    EXPECT_TRUE(seen.has(R"("push":false)")) << seen.body;
}

}  // namespace

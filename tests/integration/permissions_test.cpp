// The permission matrix: every actor × visibility × surface, through the real interfaces.
// Private repositories answer 404 to whoever may not read them, never 403.
#include "git_fixture.hpp"

namespace {

using harness::quote;

enum Actor { anonymous, outsider, reader, writer, repo_admin, site_admin };
const char* kActorNames[] = {"anonymous", "outsider", "reader", "writer", "repo admin", "site admin"};
// alice signs up first (site admin); bob creates the repositories (their admin).
const char* kUsers[] = {"", "carol", "dave", "erin", "bob", "alice"};

struct Expect {
    unsigned web, api, clone, push;  // HTTP status of the page, the API GET, info/refs for each service
    bool ssh_clone, ssh_push;
};

// Rows: actors in the enum's order. Over SSH an anonymous caller is one whose key is unknown.
const Expect kPublic[] = {
    {200, 401, 200, 401, false, false}, {200, 200, 200, 403, true, false}, {200, 200, 200, 403, true, false},
    {200, 200, 200, 200, true, true},   {200, 200, 200, 200, true, true},  {200, 200, 200, 200, true, true},
};
const Expect kPrivate[] = {
    {404, 401, 401, 401, false, false}, {404, 404, 404, 404, false, false}, {200, 200, 200, 403, true, false},
    {200, 200, 200, 200, true, true},   {200, 200, 200, 200, true, true},   {200, 200, 200, 200, true, true},
};

class Permissions : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        add_user("dave");
        add_user("erin");
        for (int a = outsider; a <= site_admin; ++a) {
            browsers[a] = std::make_unique<harness::Client>(server.port());
            browsers[a]->sign_in(kUsers[a]);
        }
        browsers[anonymous] = std::make_unique<harness::Client>(server.port());
    }

    void add_collaborator(const std::string& id, const std::string& user, const std::string& role) {
        harness::Client api(server.port());
        auto res = api.request("PUT", "/api/v1/repos/" + id + "/collaborators/" + user, R"({"permission":")" + role + "\"}",
                               {{"Authorization", "token " + tokens["bob"]}});
        ASSERT_EQ(res.status, 204u) << res.body;
    }

    std::map<std::string, std::string> creds(int actor) {
        if (actor == anonymous) return {};
        return {{"Authorization", harness::basic_auth(kUsers[actor], tokens[kUsers[actor]])}};
    }

    void check(bool is_private, const Expect (&table)[6]) {
        auto id = create_repo(is_private ? "private-repo" : "public-repo", is_private, true, "bob");
        add_collaborator(id, "dave", "read");
        add_collaborator(id, "erin", "write");
        for (int a = anonymous; a <= site_admin; ++a) {
            SCOPED_TRACE(std::string(kActorNames[a]) + (is_private ? " on private" : " on public"));
            const auto& want = table[a];
            auto page = browsers[a]->get("/" + id);
            EXPECT_EQ(page.status, want.web) << "web page";
            if (want.web == 404) {
                EXPECT_EQ(page.body.find("private-repo"), std::string::npos) << "the name does not leak";
            }

            harness::Client client(server.port());
            auto api_headers = a == anonymous ? std::map<std::string, std::string>{}
                                              : std::map<std::string, std::string>{{"Authorization", "token " + tokens[kUsers[a]]}};
            EXPECT_EQ(client.get("/api/v1/repos/" + id, api_headers).status, want.api) << "API GET";
            EXPECT_EQ(client.get("/" + id + ".git/info/refs?service=git-upload-pack", creds(a)).status, want.clone)
                << "HTTP clone";
            EXPECT_EQ(client.get("/" + id + ".git/info/refs?service=git-receive-pack", creds(a)).status, want.push)
                << "HTTP push";

            // And the real git client agrees.
            std::string remote = url(id, kUsers[a]);
            auto wc = dir.path / (std::string(is_private ? "priv-" : "pub-") + std::to_string(a));
            auto clone = git("clone -q " + quote(remote) + " " + quote(wc.string()));
            EXPECT_EQ(clone.code == 0, want.clone == 200) << "git clone: " << clone.output;
            if (clone.code != 0) harness::sh("git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                             " && git commit -q --allow-empty -m start");
            auto push = in(wc, "git commit -q --allow-empty -m by-" + std::to_string(a) + " && git push -q " + quote(remote) +
                                   " HEAD:refs/heads/from-" + std::to_string(a));
            EXPECT_EQ(push.code == 0, want.push == 200) << "git push: " << push.output;

            std::string ssh_user = a == anonymous ? "stranger" : kUsers[a];
            auto ssh_wc = dir.path / (std::string(is_private ? "ssh-priv-" : "ssh-pub-") + std::to_string(a));
            auto ssh_clone = ssh_git(ssh_user, "clone -q " + quote(ssh_url(id)) + " " + quote(ssh_wc.string()));
            EXPECT_EQ(ssh_clone.code == 0, want.ssh_clone) << "SSH clone: " << ssh_clone.output;
            if (ssh_clone.code != 0) harness::sh("git init -qb main " + quote(ssh_wc.string()) + " && cd " +
                                                 quote(ssh_wc.string()) + " && git commit -q --allow-empty -m start");
            auto ssh_push = ssh_git(ssh_user, "commit -q --allow-empty -m ssh && git push -q " + quote(ssh_url(id)) +
                                                  " HEAD:refs/heads/ssh-" + std::to_string(a), ssh_wc);
            EXPECT_EQ(ssh_push.code == 0, want.ssh_push) << "SSH push: " << ssh_push.output;
            if (a != anonymous && !want.ssh_clone) {
                EXPECT_NE(ssh_clone.output.find("repository not found"), std::string::npos) << "404 over SSH too";
            }
        }
    }

    std::unique_ptr<harness::Client> browsers[6];
};

TEST_F(Permissions, public_repository) { check(false, kPublic); }
TEST_F(Permissions, private_repository) { check(true, kPrivate); }

// Issues, pull requests, reviews, activity and watching go through the same gate: a private
// repository's threads are 404 (401 for the API without a token) to anyone who cannot read it.
TEST_F(Permissions, collaboration_pages_and_api_on_a_private_repository) {
    auto id = create_repo("private-repo", true, true, "bob");
    add_collaborator(id, "dave", "read");
    add_collaborator(id, "erin", "write");
    auto wc = dir.path / "collab";
    auto made = harness::sh("git clone -q " + quote(url(id, "bob")) + " " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                " && git checkout -qb feature && echo x > x.txt && git add x.txt && git commit -qm x && git push -q origin feature",
                            dir.path);
    ASSERT_EQ(made.code, 0) << made.output;
    harness::Client bob(server.port());
    auto bob_api = [&](const std::string& path, const std::string& body) {
        return bob.request("POST", "/api/v1/repos/" + id + path, body, {{"Authorization", "token " + tokens["bob"]}});
    };
    ASSERT_EQ(bob_api("/issues", R"({"title":"Secret bug"})").status, 201u);
    ASSERT_EQ(bob_api("/pulls", R"({"title":"Secret fix","head":"feature","base":"main"})").status, 201u);

    const std::string web = "/" + id, api = "/api/v1/repos/" + id;
    const char* pages[] = {"/issues", "/issues/1", "/pulls", "/pull/2", "/pull/2/files", "/pull/2/commits", "/activity",
                           "/activity/feed", "/labels", "/watch", "/pull/2/line-comments/new?path=x.txt&line=1"};
    const char* calls[] = {"/issues", "/issues/1", "/issues/1/comments", "/pulls", "/pulls/2", "/pulls/2/reviews",
                           "/pulls/2/comments", "/pulls/2/requested_reviewers"};
    for (int a = anonymous; a <= site_admin; ++a) {
        SCOPED_TRACE(kActorNames[a]);
        bool reads = a >= reader;
        for (const char* page : pages) {
            auto res = browsers[a]->get(web + page);
            EXPECT_EQ(res.status, reads ? 200u : 404u) << page;
            if (!reads) {
                EXPECT_EQ(res.body.find("Secret"), std::string::npos) << page;
            }
        }
        harness::Client client(server.port());
        auto headers = a == anonymous ? std::map<std::string, std::string>{} : std::map<std::string, std::string>{{"Authorization", "token " + tokens[kUsers[a]]}};
        for (const char* call : calls)
            EXPECT_EQ(client.get(api + call, headers).status, reads ? 200u : a == anonymous ? 401u : 404u) << call;
        if (a == outsider) {
            browsers[a]->get("/repos");
            EXPECT_EQ(browsers[a]->post_form(web + "/issues/1/comments", {{"body", "let me in"}}).status, 404u);
            EXPECT_EQ(browsers[a]->post_form(web + "/watch", {{"watch", "1"}}).status, 404u);
            EXPECT_EQ(browsers[a]->post_form(web + "/pull/2/line-comments", {{"path", "x.txt"}, {"line", "1"}, {"body", "hi"}}).status, 404u);
            EXPECT_EQ(client.request("POST", api + "/issues/1/comments", R"({"body":"hi"})", headers).status, 404u);
        }
    }
}

}  // namespace

// In-app notifications: mentions, assignments and comments on threads one takes part in, only
// for people who can read the repository, with an unread count that reading clears.
#include "git_fixture.hpp"

namespace {

class Notifications : public GitFixture {
protected:
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, path, body, {{"Authorization", "token " + tokens[user]}, {"Content-Type", "application/json"}});
    }
};

TEST_F(Notifications, mentions_assignments_and_replies_reach_the_people_concerned) {
    auto id = create_repo("proj", false, true);
    ASSERT_EQ(api("alice", "POST", "/api/v1/repos/" + id + "/issues", R"({"title":"Help","body":"@bob please look"})").status, 201u);
    harness::Client alice(server.port()), bob(server.port()), carol(server.port());
    alice.sign_in("alice");
    bob.sign_in("bob");
    carol.sign_in("carol");
    EXPECT_TRUE(bob.get("/notifications/count").has(">1<"));
    EXPECT_FALSE(alice.get("/notifications/count").has("unread-count")) << "not for what you did yourself";
    auto list = bob.get("/notifications");
    EXPECT_TRUE(list.has("alice mentioned you"));
    EXPECT_TRUE(list.has(">Help<"));

    ASSERT_EQ(api("carol", "POST", "/api/v1/repos/" + id + "/issues/1/comments", R"({"body":"Same here"})").status, 201u);
    EXPECT_TRUE(alice.get("/notifications").has("carol commented")) << "the author takes part";

    auto first = bob.get("/notifications");
    auto link = first.body.find("/notifications/1\"");
    ASSERT_NE(link, std::string::npos) << first.body;
    auto open = bob.get("/notifications/1");
    EXPECT_EQ(open.status, 303u);
    EXPECT_EQ(open.header("location"), "/" + id + "/issues/1");
    EXPECT_FALSE(bob.get("/notifications/count").has("unread-count")) << "opening it reads it";
    EXPECT_EQ(alice.get("/notifications/1").status, 404u) << "someone else's notification does not exist";

    ASSERT_EQ(api("alice", "PATCH", "/api/v1/repos/" + id + "/issues/1", R"({"assignees":["carol"]})").status, 200u);
    EXPECT_TRUE(carol.get("/notifications").has("alice assigned you"));
    carol.get("/notifications");
    carol.post_form("/notifications/read-all", {});
    EXPECT_FALSE(carol.get("/notifications/count").has("unread-count"));
}

TEST_F(Notifications, nobody_hears_of_a_private_repository_they_cannot_read) {
    auto id = create_repo("hidden", true, true);
    ASSERT_EQ(api("alice", "POST", "/api/v1/repos/" + id + "/issues", R"({"title":"Secret plan","body":"@bob @carol"})").status, 201u);
    harness::Client bob(server.port());
    bob.sign_in("bob");
    EXPECT_FALSE(bob.get("/notifications/count").has("unread-count"));
    EXPECT_FALSE(bob.get("/notifications").has("Secret plan"));
}

TEST_F(Notifications, losing_access_hides_notifications_from_the_list_the_count_and_the_link) {
    auto id = create_repo("shared", true, true);
    ASSERT_EQ(api("alice", "PUT", "/api/v1/repos/" + id + "/collaborators/bob", R"({"permission":"read"})").status, 204u);
    ASSERT_EQ(api("alice", "POST", "/api/v1/repos/" + id + "/issues", R"({"title":"Launch date","body":"@bob"})").status, 201u);
    auto open_repo = create_repo("open", false, true);
    ASSERT_EQ(api("alice", "POST", "/api/v1/repos/" + open_repo + "/issues", R"({"title":"Public thing","body":"@bob"})").status, 201u);
    harness::Client bob(server.port());
    bob.sign_in("bob");
    ASSERT_TRUE(bob.get("/notifications").has("Launch date"));
    ASSERT_TRUE(bob.get("/notifications/count").has(">2<"));

    ASSERT_EQ(api("alice", "DELETE", "/api/v1/repos/" + id + "/collaborators/bob").status, 204u);
    ASSERT_EQ(api("alice", "PATCH", "/api/v1/repos/" + id + "/issues/1", R"({"title":"Launch on May 4"})").status, 200u);
    auto list = bob.get("/notifications");
    EXPECT_FALSE(list.has("Launch")) << "neither the old title nor the renamed one";
    EXPECT_TRUE(list.has("Public thing")) << "the others stay";
    EXPECT_TRUE(bob.get("/notifications/count").has(">1<")) << "the count leaves it out too";
    EXPECT_EQ(bob.get("/notifications/1").status, 404u) << "its link leads nowhere";

    ASSERT_EQ(api("alice", "PUT", "/api/v1/repos/" + id + "/collaborators/bob", R"({"permission":"read"})").status, 204u);
    EXPECT_TRUE(bob.get("/notifications").has("Launch on May 4")) << "access back, the notification is back";
}

TEST_F(Notifications, watchers_hear_of_new_threads_and_comments_until_they_unwatch) {
    auto id = create_repo("watched", false, true);
    harness::Client alice(server.port()), carol(server.port());
    alice.sign_in("alice");
    carol.sign_in("carol");
    auto button = carol.get("/" + id + "/watch");
    ASSERT_EQ(button.status, 200u);
    EXPECT_TRUE(button.has(">Watch<"));
    EXPECT_TRUE(button.has(">1<")) << "the owner watches what they create";
    EXPECT_EQ(harness::Client(server.port()).get("/" + id + "/watch").status, 401u);
    auto on = carol.post_form("/" + id + "/watch", {{"watch", "1"}}, {{"HX-Request", "true"}});
    ASSERT_EQ(on.status, 200u) << on.body;
    EXPECT_TRUE(on.has(">Unwatch<"));
    EXPECT_TRUE(on.has(">2<"));

    ASSERT_EQ(api("bob", "POST", "/api/v1/repos/" + id + "/issues", R"({"title":"Typo in README"})").status, 201u);
    EXPECT_TRUE(carol.get("/notifications").has("bob opened this"));
    EXPECT_TRUE(alice.get("/notifications").has("bob opened this"));
    carol.post_form("/notifications/read-all", {});
    ASSERT_EQ(api("bob", "POST", "/api/v1/repos/" + id + "/issues/1/comments", R"({"body":"Fixed soon"})").status, 201u);
    EXPECT_TRUE(carol.get("/notifications/count").has(">1<")) << "a comment in a watched repository";

    carol.get("/" + id);
    EXPECT_EQ(carol.post_form("/" + id + "/watch", {{"watch", "0"}}).status, 303u);
    carol.post_form("/notifications/read-all", {});
    ASSERT_EQ(api("bob", "POST", "/api/v1/repos/" + id + "/issues", R"({"title":"Another"})").status, 201u);
    EXPECT_FALSE(carol.get("/notifications/count").has("unread-count")) << "unwatched";

    auto hidden = create_repo("closed", true, true);
    EXPECT_EQ(carol.get("/" + hidden + "/watch").status, 404u) << "nobody watches what they cannot read";

    // The same through GitHub's subscription API.
    auto sub = "/api/v1/repos/" + id + "/subscription";
    EXPECT_EQ(api("carol", "GET", sub).status, 404u) << "not watching";
    auto put = api("carol", "PUT", sub, R"({"subscribed":true})");
    ASSERT_EQ(put.status, 200u) << put.body;
    EXPECT_NE(put.body.find(R"("subscribed":true)"), std::string::npos);
    EXPECT_EQ(api("carol", "GET", sub).status, 200u);
    EXPECT_TRUE(carol.get("/" + id + "/watch").has(">Unwatch<")) << "one watch list for the page and the API";
    EXPECT_EQ(api("carol", "DELETE", sub).status, 204u);
    EXPECT_EQ(api("carol", "GET", sub).status, 404u);
    EXPECT_EQ(api("carol", "PUT", "/api/v1/repos/" + hidden + "/subscription", R"({"subscribed":true})").status, 404u);
}

}  // namespace

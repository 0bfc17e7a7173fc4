// Activity: pushes, issues, comments, merges and reviews, newest first, per repository and on
// the dashboard for the repositories the viewer can read.
#include "git_fixture.hpp"

namespace {

class Activity : public GitFixture {
protected:
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, path, body, {{"Authorization", "token " + tokens[user]}, {"Content-Type", "application/json"}});
    }
};

TEST_F(Activity, the_feed_lists_what_happened_newest_first_and_only_where_you_can_read) {
    auto open = create_repo("open", false, true);
    auto secret = create_repo("secret", true, true);
    ASSERT_EQ(api("alice", "POST", "/api/v1/repos/" + open + "/issues", R"({"title":"Public <b>thing</b>"})").status, 201u);
    ASSERT_EQ(api("bob", "POST", "/api/v1/repos/" + open + "/issues/1/comments", R"({"body":"noted"})").status, 201u);
    ASSERT_EQ(api("alice", "POST", "/api/v1/repos/" + secret + "/issues", R"({"title":"Hidden plan"})").status, 201u);
    auto wc = dir.path / "wc";
    ASSERT_EQ(harness::sh("git clone -q " + harness::quote(url(open)) + " " + harness::quote(wc.string()) + " && cd " +
                              harness::quote(wc.string()) + " && git commit -q --allow-empty -m more && git push -q origin main",
                          dir.path).code,
              0);

    harness::Client visitor(server.port());
    auto feed = visitor.get("/" + open + "/activity/feed");
    ASSERT_EQ(feed.status, 200u);
    EXPECT_TRUE(feed.has("pushed to main"));
    EXPECT_TRUE(feed.has("commented on issue"));
    EXPECT_TRUE(feed.has("#1 Public &lt;b&gt;thing&lt;/b&gt;"));
    EXPECT_LT(feed.body.find("commented on issue"), feed.body.find("opened issue")) << "newest first";
    EXPECT_EQ(visitor.get("/" + secret + "/activity/feed").status, 404u);

    harness::Client carol(server.port()), alice(server.port());
    carol.sign_in("carol");
    alice.sign_in("alice");
    auto mine = carol.get("/activity/feed");
    EXPECT_TRUE(mine.has("Public &lt;b&gt;thing&lt;/b&gt;"));
    EXPECT_FALSE(mine.has("Hidden plan")) << "a private repository's activity stays with its readers";
    EXPECT_TRUE(alice.get("/activity/feed").has("Hidden plan"));
    EXPECT_TRUE(alice.get("/").has("/activity/feed")) << "the dashboard loads it";
}

}  // namespace

// Issues: numbering, the JSON API in GitHub's shapes, the web pages, labels, comments and who
// may do what.
#include <nlohmann/json.hpp>

#include <set>
#include <thread>

#include "git_fixture.hpp"

namespace {

class Issues : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        id = create_repo("tracker", false, true);
    }
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, "/api/v1/repos/" + id + path, body,
                              {{"Authorization", "token " + tokens[user]}, {"Content-Type", "application/json"}});
    }
    std::string id;
};

TEST_F(Issues, the_api_creates_reads_updates_and_comments_in_githubs_shapes) {
    ASSERT_EQ(api("alice", "POST", "/issues", R"({"name":"bug","color":"d73a4a"})").status, 400u) << "a title is required";
    harness::Client alice(server.port());
    alice.sign_in("alice");
    alice.get("/" + id + "/labels");
    ASSERT_EQ(alice.post_form("/" + id + "/labels", {{"name", "bug"}, {"color", "#D73A4A"}}).status, 303u);

    auto created = api("alice", "POST", "/issues", R"({"title":"Crash on start","body":"It **crashes**.","labels":["bug"],"assignees":["bob"]})");
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(harness::json_field(created.body, "number"), "1");
    EXPECT_EQ(harness::json_field(created.body, "state"), "open");
    EXPECT_EQ(harness::json_field(created.body, "title"), "Crash on start");
    EXPECT_NE(created.body.find(R"("labels":[{"color":"d73a4a","description":"","id":)"), std::string::npos) << created.body;
    EXPECT_NE(created.body.find(R"("assignees":[{"login":"bob"}])"), std::string::npos) << created.body;
    EXPECT_NE(created.body.find(R"("user":{"login":"alice"})"), std::string::npos);
    EXPECT_NE(created.body.find(R"("created_at":"20)"), std::string::npos) << "ISO 8601 times";

    EXPECT_EQ(api("alice", "POST", "/issues", R"({"title":"x","labels":["nope"]})").status, 400u) << "unknown labels are refused";
    auto got = api("bob", "GET", "/issues/1");
    EXPECT_EQ(got.status, 200u);
    EXPECT_EQ(harness::json_field(got.body, "body"), "It **crashes**.");

    auto comment = api("bob", "POST", "/issues/1/comments", R"({"body":"Me too"})");
    ASSERT_EQ(comment.status, 201u) << comment.body;
    EXPECT_NE(comment.body.find(R"("user":{"login":"bob"})"), std::string::npos);
    auto comments = api("alice", "GET", "/issues/1/comments");
    EXPECT_NE(comments.body.find("Me too"), std::string::npos);
    EXPECT_EQ(api("alice", "POST", "/issues/1/comments", R"({"body":"   "})").status, 400u);

    auto closed = api("alice", "PATCH", "/issues/1", R"({"state":"closed","state_reason":"not_planned"})");
    ASSERT_EQ(closed.status, 200u) << closed.body;
    EXPECT_EQ(harness::json_field(closed.body, "state"), "closed");
    EXPECT_EQ(harness::json_field(closed.body, "state_reason"), "not_planned");
    EXPECT_EQ(harness::json_field(closed.body, "comments"), "1");
    EXPECT_EQ(api("alice", "GET", "/issues?state=open").body, "[]");
    EXPECT_NE(api("alice", "GET", "/issues?state=closed").body.find("Crash on start"), std::string::npos);
    EXPECT_EQ(api("alice", "GET", "/issues/99").status, 404u);
    EXPECT_EQ(api("alice", "GET", "/issues/abc").status, 404u);
}

TEST_F(Issues, twenty_concurrent_creates_get_numbers_one_to_twenty) {
    std::vector<std::thread> threads;
    std::vector<std::string> numbers(20);
    for (int i = 0; i < 20; ++i)
        threads.emplace_back([&, i] {
            auto res = api(i % 2 ? "bob" : "alice", "POST", "/issues", R"({"title":"Issue )" + std::to_string(i) + R"("})");
            numbers[i] = res.status == 201 ? harness::json_field(res.body, "number") : "status " + std::to_string(res.status);
        });
    for (auto& t : threads) t.join();
    std::set<int> seen;
    for (const auto& n : numbers) {
        ASSERT_EQ(n.find("status"), std::string::npos) << n;
        seen.insert(std::stoi(n));
    }
    EXPECT_EQ(seen.size(), 20u) << "no duplicates";
    EXPECT_EQ(*seen.begin(), 1);
    EXPECT_EQ(*seen.rbegin(), 20) << "no gaps";
}

TEST_F(Issues, readers_open_and_comment_authors_close_their_own_and_writers_triage) {
    auto bobs = api("bob", "POST", "/issues", R"({"title":"From bob","labels":["whatever"]})");
    ASSERT_EQ(bobs.status, 201u) << "a reader's labels are ignored, not an error: " << bobs.body;
    EXPECT_NE(bobs.body.find(R"("labels":[])"), std::string::npos);
    auto alices = api("alice", "POST", "/issues", R"({"title":"From alice"})");
    ASSERT_EQ(alices.status, 201u);
    EXPECT_EQ(api("bob", "PATCH", "/issues/2", R"({"state":"closed"})").status, 403u) << "not bob's issue";
    EXPECT_EQ(api("bob", "PATCH", "/issues/1", R"({"assignees":["bob"]})").status, 403u) << "readers do not triage";
    EXPECT_EQ(api("bob", "PATCH", "/issues/1", R"({"title":"From bob, renamed","state":"closed"})").status, 200u);
    EXPECT_EQ(api("alice", "PATCH", "/issues/1", R"({"state":"open"})").status, 200u) << "writers reopen anyone's";

    auto secret = create_repo("secret", true, true);
    harness::Client client(server.port());
    auto outsider = client.request("POST", "/api/v1/repos/" + secret + "/issues", R"({"title":"hi"})",
                                   {{"Authorization", "token " + tokens["carol"]}});
    EXPECT_EQ(outsider.status, 404u) << "a private repository's issues do not exist for outsiders";
    EXPECT_EQ(client.get("/" + secret + "/issues").status, 404u);
    EXPECT_EQ(client.get("/" + secret + "/issues/1").status, 404u);
}

TEST_F(Issues, the_web_pages_create_show_comment_and_filter_without_xss) {
    harness::Client alice(server.port()), bob(server.port()), visitor(server.port());
    alice.sign_in("alice");
    bob.sign_in("bob");
    EXPECT_EQ(visitor.get("/" + id + "/issues/new").status, 303u) << "anonymous visitors are sent to sign in";
    bob.get("/" + id + "/issues/new");
    auto empty = bob.post_form("/" + id + "/issues/create", {{"title", "  "}, {"body", "x"}});
    EXPECT_EQ(empty.status, 400u);
    EXPECT_TRUE(empty.has("An issue needs a title."));
    EXPECT_TRUE(empty.has(">\nx</textarea>")) << "what was typed is kept";

    auto created = bob.post_form("/" + id + "/issues/create",
                                 {{"title", "<script>alert(1)</script> title"}, {"body", "Steps:\n\n1. run\n\n<img src=x onerror=alert(1)>"}});
    ASSERT_EQ(created.status, 303u) << created.body;
    EXPECT_EQ(created.header("location"), "/" + id + "/issues/1");
    auto page = visitor.get("/" + id + "/issues/1");
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("&lt;script&gt;alert(1)&lt;/script&gt; title"));
    EXPECT_FALSE(page.has("<script>alert(1)"));
    EXPECT_TRUE(page.has("<ol>"));
    EXPECT_FALSE(page.has("onerror"));
    EXPECT_TRUE(page.has("to comment.")) << "visitors are invited to sign in";

    alice.get("/" + id + "/issues/1");
    auto fragment = alice.post_form("/" + id + "/issues/1/comments", {{"body", "Looking *into* it"}}, {{"HX-Request", "true"}});
    EXPECT_EQ(fragment.status, 201u);
    EXPECT_TRUE(fragment.has("<em>into</em>"));
    EXPECT_TRUE(fragment.has("data-testid=\"comment\""));
    EXPECT_FALSE(fragment.has("<html")) << "a fragment, not a page";
    EXPECT_TRUE(fragment.has("aria-label=\"Edit comment\"")) << "authors may edit their comment";
    auto comment_id = fragment.body.substr(fragment.body.find("id=\"comment-") + 12);
    comment_id = comment_id.substr(0, comment_id.find('"'));
    bob.get("/" + id + "/issues/1");
    EXPECT_EQ(bob.post_form("/" + id + "/issues/1/comments/" + comment_id + "/edit", {{"body", "hijacked"}}).status, 303u);
    EXPECT_FALSE(visitor.get("/" + id + "/issues/1").has("hijacked")) << "only its author edits a comment";
    alice.get("/" + id + "/issues/1");
    alice.post_form("/" + id + "/issues/1/comments/" + comment_id + "/edit", {{"body", "Looking *into* it, edited"}});
    EXPECT_TRUE(visitor.get("/" + id + "/issues/1").has("it, edited"));
    alice.get("/" + id + "/issues/1");
    EXPECT_EQ(alice.post_form("/" + id + "/issues/1/comments", {{"body", "A reply"}, {"parent_id", comment_id}}).status, 303u);
    EXPECT_TRUE(visitor.get("/" + id + "/issues/1").has("href=\"#comment-" + comment_id + "\">in reply"));

    alice.get("/" + id + "/labels");
    alice.post_form("/" + id + "/labels", {{"name", "ui"}, {"color", "0e8a16"}});
    EXPECT_EQ(bob.post_form("/" + id + "/labels", {{"name", "bobs"}, {"color", "0e8a16"}}).status, 403u);
    alice.get("/" + id + "/issues/1");
    EXPECT_EQ(alice.post_form("/" + id + "/issues/1/triage", {{"labels", "ui"}, {"assignees", "bob"}}).status, 303u);
    alice.get("/" + id + "/issues/1");
    EXPECT_EQ(alice.post_form("/" + id + "/issues/1/state", {{"state", "closed"}, {"reason", "completed"}}).status, 303u);
    auto timeline = visitor.get("/" + id + "/issues/1");
    EXPECT_TRUE(timeline.has("added the label ui"));
    EXPECT_TRUE(timeline.has("assigned bob"));
    EXPECT_TRUE(timeline.has("closed this as completed"));
    EXPECT_LT(timeline.body.find("Looking"), timeline.body.find("closed this as completed")) << "in the order it happened";

    alice.get("/" + id + "/issues/new");
    alice.post_form("/" + id + "/issues/create", {{"title", "Second"}, {"body", "plain"}});
    auto open = visitor.get("/" + id + "/issues");
    EXPECT_TRUE(open.has("1 Open"));
    EXPECT_TRUE(open.has("1 Closed"));
    EXPECT_TRUE(open.has(">Second<"));
    EXPECT_FALSE(open.has("alert(1)&lt;/script&gt; title<"));
    EXPECT_TRUE(visitor.get("/" + id + "/issues?state=closed&label=ui").has("&lt;script&gt;alert(1)&lt;/script&gt; title"));
    EXPECT_TRUE(visitor.get("/" + id + "/issues?state=open&q=Secon").has(">Second<"));
    EXPECT_TRUE(visitor.get("/" + id + "/issues?state=open&q=nothing%25like").has("No issues match."));
}

// What a textarea shows, as the browser reads it: the one newline after the tag dropped, the
// entities decoded.
std::string textarea(const std::string& page, const std::string& label) {
    auto open = page.find("aria-label=\"" + label + "\"");
    if (open == std::string::npos) return "<none>";
    auto start = page.find('>', open) + 1;
    auto text = page.substr(start, page.find("</textarea>", start) - start);
    if (text.starts_with("\n")) text.erase(0, 1);
    for (auto [entity, c] : std::initializer_list<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
        for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) text.replace(at, entity.size(), c);
    return text;
}

TEST_F(Issues, editing_keeps_markdown_exactly_as_written) {
    const std::string body = "\nSteps:\r\n\r\n1. run `make`\n\n\tindented <code> & \"quotes\" ünïcödé 🚀\n\n\n- last";
    harness::Client alice(server.port());
    alice.sign_in("alice");
    alice.get("/" + id + "/issues/new");
    auto refused = alice.post_form("/" + id + "/issues/create", {{"title", ""}, {"body", body}});
    EXPECT_EQ(textarea(refused.body, "Description"), body) << "the form shown again keeps every line";
    ASSERT_EQ(alice.post_form("/" + id + "/issues/create", {{"title", "Multi-line"}, {"body", body}}).status, 303u);
    auto page = alice.get("/" + id + "/issues/1");
    EXPECT_EQ(textarea(page.body, "Description"), body) << "the edit form shows the Markdown as it was written";
    ASSERT_EQ(alice.post_form("/" + id + "/issues/1/edit", {{"title", "Multi-line"}, {"body", textarea(page.body, "Description")}}).status, 303u);
    auto stored = nlohmann::json::parse(api("alice", "GET", "/issues/1").body);
    EXPECT_EQ(stored["body"], body) << "saving the edit form unchanged changes nothing";

    alice.get("/" + id + "/issues/1");
    auto comment = alice.post_form("/" + id + "/issues/1/comments", {{"body", body}}, {{"HX-Request", "true"}});
    ASSERT_EQ(comment.status, 201u);
    EXPECT_EQ(textarea(comment.body, "Edit comment"), body) << "a comment's edit form too";
}

}  // namespace

namespace {

TEST_F(Issues, fixes_in_a_commit_on_the_default_branch_or_a_merged_pull_closes_the_issue) {
    for (const char* title : {"One", "Two", "Three"}) ASSERT_EQ(api("alice", "POST", "/issues", std::string(R"({"title":")") + title + "\"}").status, 201u);
    auto wc = dir.path / "wc";
    auto made = harness::sh("git clone -q " + harness::quote(url(id)) + " " + harness::quote(wc.string()) + " && cd " + harness::quote(wc.string()) +
                                " && git checkout -qb side && git commit -q --allow-empty -m 'Fixes #2 on a side branch' && git push -q origin side"
                                " && git checkout -q main && git commit -q --allow-empty -m 'Repair the thing' -m 'Fixes #1' && git push -q origin main"
                                " && git checkout -qb feature && echo x > x.txt && git add x.txt && git commit -qm feature && git push -q origin feature",
                            dir.path);
    ASSERT_EQ(made.code, 0) << made.output;
    auto state = [&](int n) { return harness::json_field(api("alice", "GET", "/issues/" + std::to_string(n)).body, "state"); };
    for (int i = 0; i < 60 && state(1) != "closed"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(state(1), "closed") << "closed by the pushed commit";
    EXPECT_EQ(state(2), "open") << "only the default branch closes issues";
    harness::Client visitor(server.port());
    EXPECT_TRUE(visitor.get("/" + id + "/issues/1").has(R"(closed this in <a class="link" href="/)" + id + "/commit/"));
    auto two = visitor.get("/" + id + "/issues/2");
    EXPECT_TRUE(two.has("referenced this in commit <a")) << "a commit on any branch that names #2 shows on its timeline";

    auto pull = api("alice", "POST", "/pulls", R"({"title":"Feature","head":"feature","base":"main","body":"Closes #3"})");
    ASSERT_EQ(pull.status, 201u) << pull.body;
    ASSERT_EQ(api("alice", "PUT", "/pulls/" + harness::json_field(pull.body, "number") + "/merge", R"({"merge_method":"squash"})").status, 200u);
    EXPECT_EQ(state(3), "closed") << "closed by merging the pull request";
    // The merge closes it, or the merged commit's own push event does, whichever comes first.
    auto closed = visitor.get("/" + id + "/issues/3");
    EXPECT_TRUE(closed.has(R"(href="/)" + id + R"(/pull/4">pull request #4</a>)") || closed.has(R"(closed this in <a class="link" href="/)" + id + "/commit/"))
        << closed.body;
}

TEST_F(Issues, an_issue_that_names_another_shows_on_its_timeline_once) {
    ASSERT_EQ(api("alice", "POST", "/issues", R"({"title":"Slow start"})").status, 201u);
    ASSERT_EQ(api("bob", "POST", "/issues", R"({"title":"Related","body":"Like #1, and not &#1 or a#1 or #999"})").status, 201u);
    ASSERT_EQ(api("bob", "POST", "/issues/2/comments", R"({"body":"Still #1"})").status, 201u);
    ASSERT_EQ(api("carol", "POST", "/issues/1/comments", R"({"body":"Mentions itself: #1"})").status, 201u);
    harness::Client visitor(server.port());
    auto one = visitor.get("/" + id + "/issues/1");
    auto mention = std::string(R"(mentioned this in <a class="link" href="/)") + id + R"(/issues/2">#2</a>)";
    ASSERT_TRUE(one.has(mention)) << one.body;
    EXPECT_EQ(one.body.find(mention), one.body.rfind(mention)) << "named twice from #2, shown once";
    EXPECT_FALSE(one.has("mentioned this in <a class=\"link\" href=\"/" + id + "/issues/1\"")) << "not by itself";
}

}  // namespace

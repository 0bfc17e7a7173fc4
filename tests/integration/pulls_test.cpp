// Pull requests: opening, mergeability, the three merge styles, conflicts, racing merges,
// moved heads, pushes that update an open pull request, and the web pages.
#include <set>
#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;

class Pulls : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        id = create_repo("app", false, false);
        wc = dir.path / "wc";
        // main: a.txt (1..10); f1, f2, f3 each add two commits on files of their own; clash
        // changes line 5 of a.txt, which main then changes differently.
        auto made = harness::sh(
            "git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                " && seq 1 10 > a.txt && git add -A && git commit -qm base"
                " && for b in f1 f2 f3; do git checkout -qb $b main && echo one > $b.txt && git add -A && git commit -qm \"$b one\""
                " && echo two >> $b.txt && git commit -qam \"$b two\"; done"
                " && git checkout -qb clash main && sed -i 's/^5$/five/' a.txt && git commit -qam clash"
                " && git checkout -q main && sed -i 's/^5$/FIVE/' a.txt && git commit -qam 'main five'"
                " && git push -q " + quote(url(id)) + " main f1 f2 f3 clash",
            dir.path);
        ASSERT_EQ(made.code, 0) << made.output;
    }
    harness::Response api(const std::string& user, const std::string& method, const std::string& path, const std::string& body = "") {
        harness::Client client(server.port());
        return client.request(method, "/api/v1/repos/" + id + path, body,
                              {{"Authorization", "token " + tokens[user]}, {"Content-Type", "application/json"}});
    }
    std::string open(const std::string& head) {
        auto res = api("alice", "POST", "/pulls", R"({"title":"Merge )" + head + R"(","head":")" + head + R"(","base":"main","body":"Please"})");
        EXPECT_EQ(res.status, 201u) << res.body;
        return harness::json_field(res.body, "number");
    }
    std::string remote(const std::string& args) {
        auto clone = dir.path / "check";
        if (!std::filesystem::exists(clone)) harness::sh("git clone -q --bare " + quote(url(id)) + " " + quote(clone.string()));
        harness::sh("cd " + quote(clone.string()) + " && git fetch -q origin '+refs/heads/*:refs/heads/*'");
        auto out = harness::sh("cd " + quote(clone.string()) + " && " + args).output;
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }
    std::string id;
    std::filesystem::path wc;
};

TEST_F(Pulls, open_shows_mergeability_and_conflicts_refuse_to_merge) {
    auto f1 = api("bob", "POST", "/pulls", R"({"title":"From bob","head":"f1","base":"main"})");
    ASSERT_EQ(f1.status, 201u) << "readers may open pull requests: " << f1.body;
    EXPECT_EQ(harness::json_field(f1.body, "number"), "1");
    EXPECT_EQ(harness::json_field(f1.body, "mergeable"), "true");
    EXPECT_NE(f1.body.find(R"("head":{"label":"alice:f1","ref":"f1")"), std::string::npos) << f1.body;
    EXPECT_EQ(api("alice", "POST", "/pulls", R"({"title":"Again","head":"f1","base":"main"})").status, 409u) << "one open pull per pair";
    EXPECT_EQ(api("alice", "POST", "/pulls", R"({"title":"x","head":"nope","base":"main"})").status, 400u);
    EXPECT_EQ(api("alice", "POST", "/pulls", R"({"title":"x","head":"main","base":"f1"})").status, 201u) << "main has a commit f1 lacks";
    EXPECT_EQ(api("alice", "POST", "/issues", R"({"title":"An issue"})").body.find(R"("number":3)") != std::string::npos, true)
        << "issues and pull requests share numbers";

    auto clash = api("alice", "POST", "/pulls", R"({"title":"Clash","head":"clash","base":"main"})");
    ASSERT_EQ(clash.status, 201u);
    EXPECT_EQ(harness::json_field(clash.body, "mergeable"), "false");
    EXPECT_EQ(harness::json_field(clash.body, "mergeable_state"), "dirty");
    auto before = remote("git rev-parse main");
    auto refused = api("alice", "PUT", "/pulls/4/merge", R"({"merge_method":"merge"})");
    EXPECT_EQ(refused.status, 405u) << refused.body;
    EXPECT_EQ(remote("git rev-parse main"), before) << "nothing was written";
    EXPECT_EQ(api("bob", "PUT", "/pulls/1/merge", "{}").status, 403u) << "readers do not merge";

    harness::Client alice(server.port());
    alice.sign_in("alice");
    auto page = alice.get("/" + id + "/pull/4");
    ASSERT_EQ(page.status, 200u) << page.body.substr(0, 2000);
    EXPECT_TRUE(page.has("conflicts with main"));
    EXPECT_TRUE(page.has("<li>a.txt</li>"));
}

TEST_F(Pulls, each_merge_style_writes_the_history_it_promises) {
    auto n1 = open("f1"), n2 = open("f2"), n3 = open("f3");
    auto merged = api("alice", "PUT", "/pulls/" + n1 + "/merge", R"({"merge_method":"merge"})");
    ASSERT_EQ(merged.status, 200u) << merged.body;
    auto sha = harness::json_field(merged.body, "sha");
    EXPECT_EQ(remote("git rev-parse main"), sha);
    EXPECT_EQ(remote("git rev-list --parents -1 main | wc -w"), "3") << "a merge commit has two parents";
    EXPECT_EQ(remote("git log -1 --format=%s main"), "Merge pull request #" + n1 + " from f1");

    auto squashed = api("alice", "PUT", "/pulls/" + n2 + "/merge", R"({"merge_method":"squash"})");
    ASSERT_EQ(squashed.status, 200u) << squashed.body;
    EXPECT_EQ(remote("git rev-list --parents -1 main | wc -w"), "2") << "one commit, one parent";
    EXPECT_EQ(remote("git log -1 --format=%s main"), "Merge f2 (#" + n2 + ")");
    EXPECT_EQ(remote("git show main:f2.txt"), "one\ntwo");

    auto rebased = api("alice", "PUT", "/pulls/" + n3 + "/merge", R"({"merge_method":"rebase","delete_branch":true})");
    ASSERT_EQ(rebased.status, 200u) << rebased.body;
    EXPECT_EQ(remote("git log -2 --format=%s main"), "f3 two\nf3 one") << "the commits replayed, in order";
    EXPECT_EQ(remote("git rev-list --parents -1 main | wc -w"), "2");
    EXPECT_EQ(remote("git rev-list --count main"), "8") << "base, main five, f1 x2 + merge, squash, f3 x2";
    EXPECT_EQ(git("ls-remote " + quote(url(id)) + " refs/heads/f3").output, "") << "the head branch was deleted";

    auto pull = api("bob", "GET", "/pulls/" + n1);
    EXPECT_EQ(harness::json_field(pull.body, "merged"), "true");
    EXPECT_EQ(harness::json_field(pull.body, "state"), "closed");
    EXPECT_EQ(harness::json_field(pull.body, "merge_commit_sha"), sha);
    EXPECT_EQ(api("alice", "PUT", "/pulls/" + n1 + "/merge", "{}").status, 405u) << "already merged";
}

TEST_F(Pulls, racing_merges_never_lose_a_ref_and_a_moved_head_is_refused) {
    auto n1 = open("f1"), n2 = open("f2");
    auto stale = api("alice", "PUT", "/pulls/" + n1 + "/merge", R"({"merge_method":"merge","sha":")" + std::string(40, 'a') + R"("})");
    EXPECT_EQ(stale.status, 409u) << stale.body;

    std::vector<unsigned> statuses(2);
    std::vector<std::string> shas(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&, i] {
            auto res = api("alice", "PUT", "/pulls/" + (i ? n2 : n1) + "/merge", R"({"merge_method":"merge"})");
            statuses[i] = res.status;
            shas[i] = harness::json_field(res.body, "sha");
        });
    for (auto& t : threads) t.join();
    int won = 0;
    for (int i = 0; i < 2; ++i) {
        EXPECT_TRUE(statuses[i] == 200u || statuses[i] == 409u) << statuses[i];
        if (statuses[i] != 200u) continue;
        ++won;
        EXPECT_EQ(harness::sh("cd " + quote(wc.string()) + " && git fetch -q " + quote(url(id)) + " main && git merge-base --is-ancestor " +
                              shas[i] + " FETCH_HEAD").code,
                  0)
            << "a merge that answered 200 is in main";
    }
    EXPECT_GE(won, 1);
}

TEST_F(Pulls, a_push_to_the_head_updates_the_pull_request) {
    auto n = open("f1");
    auto pushed = harness::sh("cd " + quote(wc.string()) + " && git checkout -q f1 && echo three >> f1.txt && git commit -qam 'f1 three'"
                              " && git push -q " + quote(url(id)) + " f1 && git rev-parse HEAD",
                              dir.path);
    ASSERT_EQ(pushed.code, 0) << pushed.output;
    auto head = pushed.output.substr(pushed.output.size() - 41, 40);
    EXPECT_NE(api("alice", "GET", "/pulls/" + n).body.find(R"("sha":")" + head + "\""), std::string::npos);
    harness::Client visitor(server.port());
    bool seen = false;
    for (int i = 0; i < 50 && !seen; ++i) {
        seen = visitor.get("/" + id + "/pull/" + n).has("pushed " + head.substr(0, 10));
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(seen) << "the timeline shows the push";
    auto commits = visitor.get("/" + id + "/pull/" + n + "/commits");
    EXPECT_TRUE(commits.has("f1 three"));
    EXPECT_TRUE(visitor.get("/" + id + "/pull/" + n + "/files").has("f1.txt"));
}

TEST_F(Pulls, the_compare_page_opens_one_and_writers_merge_from_the_page) {
    harness::Client alice(server.port());
    alice.sign_in("alice");
    auto compare = alice.get("/" + id + "/compare/main...f2");
    ASSERT_TRUE(compare.has("data-testid=\"open-pr\""));
    auto created = alice.post_form("/" + id + "/pulls/create", {{"base", "main"}, {"head", "f2"}, {"title", "<b>f2</b>"}, {"body", "Adds f2"}});
    ASSERT_EQ(created.status, 303u) << created.body;
    EXPECT_EQ(created.header("location"), "/" + id + "/pull/1");
    auto page = alice.get("/" + id + "/pull/1");
    EXPECT_TRUE(page.has("&lt;b&gt;f2&lt;/b&gt;"));
    EXPECT_TRUE(page.has("No conflicts with main."));
    EXPECT_TRUE(alice.get("/" + id + "/pulls").has("&lt;b&gt;f2&lt;/b&gt;"));
    EXPECT_EQ(alice.get("/" + id + "/issues/1").header("location"), "/" + id + "/pull/1");
    alice.get("/" + id + "/pull/1");
    auto merged = alice.post_form("/" + id + "/pull/1/merge", {{"method", "squash"}});
    EXPECT_EQ(merged.status, 303u);
    auto after = alice.get("/" + id + "/pull/1");
    EXPECT_TRUE(after.has("Pull request merged."));
    EXPECT_TRUE(after.has("data-testid=\"merged\""));
}

}  // namespace

namespace {

TEST_F(Pulls, reviews_and_line_comments_that_go_outdated_when_the_line_changes) {
    auto n = open("f1");
    auto path = "/pulls/" + n;
    EXPECT_EQ(api("alice", "POST", path + "/reviews", R"({"event":"APPROVE"})").status, 400u) << "not on your own pull request";
    EXPECT_EQ(api("bob", "POST", path + "/reviews", R"({"event":"APPROVE"})").status, 403u) << "readers only comment";
    // carol gets write access to review alice's pull request.
    harness::Client alice(server.port());
    alice.sign_in("alice");
    alice.get("/" + id + "/settings");
    ASSERT_EQ(alice.post_form("/" + id + "/collaborators", {{"username", "carol"}, {"role", "write"}}).status, 303u);

    auto review = api("carol", "POST", path + "/reviews",
                      R"({"event":"REQUEST_CHANGES","body":"Almost","comments":[{"path":"f1.txt","line":2,"body":"Say three?"}]})");
    ASSERT_EQ(review.status, 200u) << review.body;
    EXPECT_EQ(harness::json_field(review.body, "state"), "CHANGES_REQUESTED");
    EXPECT_EQ(api("carol", "POST", path + "/reviews", R"({"event":"COMMENT","comments":[{"path":"f1.txt","line":9,"body":"x"}]})").status, 400u)
        << "no line 9 to comment on";

    auto comments = api("bob", "GET", path + "/comments");
    ASSERT_NE(comments.body.find(R"("path":"f1.txt")"), std::string::npos) << comments.body;
    EXPECT_NE(comments.body.find(R"("outdated":false)"), std::string::npos);
    auto first = harness::json_field(comments.body.substr(1), "id");
    auto reply = api("bob", "POST", path + "/comments", R"({"body":"Agreed","in_reply_to":)" + first + "}");
    ASSERT_EQ(reply.status, 201u) << reply.body;
    EXPECT_EQ(harness::json_field(reply.body, "in_reply_to_id"), first);
    EXPECT_EQ(harness::json_field(reply.body, "line"), "2");

    // The author changes that line: the comments are now outdated.
    auto pushed = harness::sh("cd " + quote(wc.string()) + " && git checkout -q f1 && printf 'one\\nthree\\n' > f1.txt && git commit -qam 'f1 fix'"
                              " && git push -q " + quote(url(id)) + " f1", dir.path);
    ASSERT_EQ(pushed.code, 0) << pushed.output;
    auto after = api("bob", "GET", path + "/comments");
    EXPECT_EQ(after.body.find(R"("outdated":false)"), std::string::npos) << after.body;
    ASSERT_EQ(api("carol", "POST", path + "/reviews", R"({"event":"APPROVE","body":"Thanks"})").status, 200u);
    auto list = api("alice", "GET", path + "/reviews");
    EXPECT_NE(list.body.find("CHANGES_REQUESTED"), std::string::npos);
    EXPECT_NE(list.body.find("APPROVED"), std::string::npos);

    auto page = alice.get("/" + id + "/pull/" + n);
    EXPECT_TRUE(page.has("requested changes"));
    EXPECT_TRUE(page.has("approved these changes"));
    EXPECT_TRUE(page.has("Say three?"));
    EXPECT_TRUE(page.has(">outdated<"));
}

TEST_F(Pulls, line_comments_start_from_the_diff_and_answer_with_their_thread) {
    auto n = open("f1");
    harness::Client bob(server.port());
    bob.sign_in("bob");
    auto here = "/" + id + "/pull/" + n;
    auto files = bob.get(here + "/files");
    ASSERT_EQ(files.status, 200u);
    EXPECT_TRUE(files.has("line-comments/new?path=f1.txt&amp;side=new&amp;line=2")) << "line numbers open a comment form";
    std::map<std::string, std::string> htmx{{"HX-Request", "true"}};

    auto form = bob.get(here + "/line-comments/new?path=f1.txt&side=new&line=2", htmx);
    ASSERT_EQ(form.status, 200u) << form.body;
    EXPECT_TRUE(form.body.starts_with("\n<tr data-note") || form.body.starts_with("<tr data-note")) << form.body;
    EXPECT_TRUE(form.has(R"(name="line" value="2")"));
    EXPECT_EQ(harness::Client(server.port()).get(here + "/line-comments/new?path=f1.txt&side=new&line=2", htmx).status, 401u);

    auto row = bob.post_form(here + "/line-comments", {{"path", "f1.txt"}, {"side", "new"}, {"line", "2"}, {"body", "Why **two**?"}, {"fragment", "row"}}, htmx);
    ASSERT_EQ(row.status, 201u) << row.body;
    EXPECT_TRUE(row.has("<tr data-note")) << "the form's row becomes the thread's";
    EXPECT_TRUE(row.has("<strong>two</strong>"));
    auto thread_id = row.body.substr(row.body.find("line-comment-") + 13);
    thread_id = thread_id.substr(0, thread_id.find('"'));
    auto reply = bob.post_form(here + "/line-comments", {{"in_reply_to", thread_id}, {"body", "Because <script>x</script>"}}, htmx);
    ASSERT_EQ(reply.status, 201u) << reply.body;
    EXPECT_FALSE(reply.has("<tr")) << "a reply answers with the thread alone";
    EXPECT_TRUE(reply.has("Why <strong>two</strong>?"));
    EXPECT_TRUE(reply.has("Because"));
    EXPECT_FALSE(reply.has("<script>x"));
    EXPECT_EQ(bob.post_form(here + "/line-comments", {{"path", "f1.txt"}, {"line", "7"}, {"body", "x"}, {"fragment", "row"}}, htmx).status, 400u)
        << "f1.txt has two lines";

    auto shown = bob.get(here + "/files");
    auto note = shown.body.find("<tr data-note>");
    ASSERT_NE(note, std::string::npos) << "the thread sits in the diff, below its line";
    EXPECT_NE(shown.body.find("Because", note), std::string::npos);

    // A removed line is anchored to the commit the diff starts from: the merge base, where line 5
    // of a.txt reads "5" (main has since made it "FIVE").
    auto clash = api("alice", "POST", "/pulls", R"({"title":"Clash","head":"clash","base":"main"})");
    ASSERT_EQ(clash.status, 201u);
    auto clash_here = "/" + id + "/pull/" + harness::json_field(clash.body, "number");
    EXPECT_TRUE(bob.get(clash_here + "/files").has("side=old&amp;line=5"));
    auto old_side = bob.post_form(clash_here + "/line-comments", {{"path", "a.txt"}, {"side", "old"}, {"line", "5"}, {"body", "Gone?"}, {"fragment", "row"}}, htmx);
    ASSERT_EQ(old_side.status, 201u) << old_side.body;
    EXPECT_TRUE(old_side.has(">5</pre>")) << old_side.body;
}

TEST_F(Pulls, review_requests_notify_the_reviewer_and_a_review_answers_them) {
    auto n = open("f1");
    auto here = "/" + id + "/pull/" + n;
    harness::Client alice(server.port()), bob(server.port()), carol(server.port());
    alice.sign_in("alice");
    bob.sign_in("bob");
    carol.sign_in("carol");
    ASSERT_TRUE(alice.get(here).has("Request review"));
    EXPECT_FALSE(bob.get(here).has("Request review")) << "readers do not ask others to review";
    EXPECT_EQ(bob.post_form(here + "/reviewers", {{"reviewers", "carol"}}).status, 303u);
    EXPECT_FALSE(carol.get("/notifications").has("requested your review")) << "bob was refused";

    auto asked = alice.post_form(here + "/reviewers", {{"reviewers", "bob, nobody"}});
    EXPECT_TRUE(alice.get(here).has("There is no user")) << "an unknown user refuses the whole request";
    EXPECT_FALSE(bob.get("/notifications").has("requested your review"));
    alice.post_form(here + "/reviewers", {{"reviewers", "alice"}});
    EXPECT_TRUE(alice.get(here).has("cannot review it"));

    ASSERT_EQ(alice.post_form(here + "/reviewers", {{"reviewers", "bob"}}).status, 303u);
    auto asked_api = api("alice", "POST", "/pulls/" + n + "/requested_reviewers", R"({"reviewers":["carol","bob"]})");
    ASSERT_EQ(asked_api.status, 201u) << asked_api.body;
    EXPECT_NE(asked_api.body.find(R"("requested_reviewers":[{"login":"bob"},{"login":"carol"}])"), std::string::npos) << asked_api.body;
    EXPECT_EQ(api("bob", "POST", "/pulls/" + n + "/requested_reviewers", R"({"reviewers":["carol"]})").status, 403u);
    EXPECT_EQ(api("alice", "POST", "/pulls/" + n + "/requested_reviewers", R"({"reviewers":"carol"})").status, 400u);
    auto page = alice.get(here);
    EXPECT_TRUE(page.has("requested a review from bob"));
    EXPECT_TRUE(page.has(R"(<span class="badge badge-outline badge-sm">carol</span>)"));
    EXPECT_TRUE(bob.get("/notifications").has("alice requested your review"));

    ASSERT_EQ(api("bob", "POST", "/pulls/" + n + "/reviews", R"({"event":"COMMENT","body":"Looks fine"})").status, 200u);
    page = alice.get(here);
    EXPECT_FALSE(page.has(R"(<span class="badge badge-outline badge-sm">bob</span>)")) << "bob answered";
    EXPECT_TRUE(page.has(R"(<span class="badge badge-outline badge-sm">carol</span>)"));
    EXPECT_TRUE(alice.get("/notifications").has("bob reviewed")) << "the author hears of the review";
    EXPECT_EQ(api("alice", "GET", "/pulls/" + n + "/requested_reviewers").body, R"({"teams":[],"users":[{"login":"carol"}]})");
    EXPECT_EQ(api("alice", "DELETE", "/pulls/" + n + "/requested_reviewers", R"({"reviewers":["carol"]})").status, 200u);
    EXPECT_EQ(api("alice", "GET", "/pulls/" + n + "/requested_reviewers").body, R"({"teams":[],"users":[]})");
}

}  // namespace

namespace {

TEST_F(Pulls, drafts_wait_for_ready_and_pull_requests_close_and_reopen) {
    auto draft = api("alice", "POST", "/pulls", R"({"title":"WIP","head":"f1","base":"main","draft":true})");
    ASSERT_EQ(draft.status, 201u);
    EXPECT_EQ(harness::json_field(draft.body, "draft"), "true");
    EXPECT_EQ(api("alice", "PUT", "/pulls/1/merge", "{}").status, 405u) << "drafts do not merge";
    harness::Client alice(server.port()), bob(server.port());
    alice.sign_in("alice");
    bob.sign_in("bob");
    bob.get("/" + id + "/pull/1");
    EXPECT_EQ(bob.post_form("/" + id + "/pull/1/ready", {}).status, 303u);
    EXPECT_EQ(harness::json_field(api("alice", "GET", "/pulls/1").body, "draft"), "true") << "bob is neither author nor writer";
    alice.get("/" + id + "/pull/1");
    EXPECT_EQ(alice.post_form("/" + id + "/pull/1/ready", {}).status, 303u);
    EXPECT_EQ(harness::json_field(api("alice", "GET", "/pulls/1").body, "draft"), "false");
    EXPECT_TRUE(alice.get("/" + id + "/pull/1").has("marked this ready for review"));

    alice.get("/" + id + "/pull/1");
    EXPECT_EQ(alice.post_form("/" + id + "/issues/1/state", {{"state", "closed"}, {"reason", "not_planned"}}).status, 303u);
    EXPECT_EQ(harness::json_field(api("alice", "GET", "/pulls/1").body, "state"), "closed");
    EXPECT_FALSE(alice.get("/" + id + "/pull/1").has("data-testid=\"merge-box\"")) << "closed pull requests do not merge";
    EXPECT_EQ(api("alice", "PUT", "/pulls/1/merge", "{}").status, 405u);
    alice.get("/" + id + "/pull/1");
    EXPECT_EQ(alice.post_form("/" + id + "/issues/1/state", {{"state", "open"}}).status, 303u);
    EXPECT_EQ(api("alice", "PUT", "/pulls/1/merge", "{}").status, 200u);
}

}  // namespace

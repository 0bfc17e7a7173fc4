// The commit page: message, per-file changes against the first parent, renames, binaries, limits.
#include "git_fixture.hpp"

namespace {

using harness::quote;

class CommitPage : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        id = create_repo("changes", false, false);
        wc = dir.path / "wc";
        auto made = harness::sh(
            "git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                " && seq 1 50 > numbers.txt && echo old > gone.txt && seq 1 30 > moved.txt"
                " && git add -A && git commit -qm root"
                " && sed -i 's/^7$/seven/' numbers.txt && git rm -q gone.txt && git mv moved.txt renamed.txt"
                " && echo 31 >> renamed.txt && printf '\\0binary' > blob.bin && head -c 500 /dev/urandom >> blob.bin && git add -A"
                " && git commit -qm 'Change <b>things</b>' -m 'Body with <script>alert(1)</script>'"
                " && mkdir many && for i in $(seq 1 320); do echo $i > many/f$i.txt; done && git add -A && git commit -qm many"
                " && seq 1 25000 > long.txt && git add -A && git commit -qm long"
                " && git push -q " + quote(url(id)) + " main",
            dir.path);
        ASSERT_EQ(made.code, 0) << made.output;
    }
    std::string rev(const std::string& spec) {
        return harness::sh("cd " + quote(wc.string()) + " && git rev-parse " + spec).output.substr(0, 40);
    }
    std::string id;
    std::filesystem::path wc;
    harness::Client visitor{server.port()};
};

TEST_F(CommitPage, shows_message_files_and_counts_as_git_does) {
    auto sha = rev("main~2");
    auto page = visitor.get("/" + id + "/commit/" + sha);
    ASSERT_EQ(page.status, 200u) << page.body;
    EXPECT_TRUE(page.has("Change &lt;b&gt;things&lt;/b&gt;"));
    EXPECT_TRUE(page.has("Body with &lt;script&gt;"));
    EXPECT_FALSE(page.has("<script>alert(1)"));
    auto numstat = harness::sh("cd " + quote(wc.string()) + " && git show --numstat --format= -M " + sha +
                               " | awk '$1 != \"-\" { a += $1; d += $2 } END { print a, d }'").output;
    int additions = 0, deletions = 0;
    std::sscanf(numstat.c_str(), "%d %d", &additions, &deletions);
    EXPECT_TRUE(page.has("4 files changed")) << page.body.substr(page.body.find("diff-stats"), 200);
    EXPECT_TRUE(page.has("+" + std::to_string(additions) + "<")) << numstat;
    EXPECT_TRUE(page.has("−" + std::to_string(deletions) + "<")) << numstat;
    EXPECT_TRUE(page.has("moved.txt → renamed.txt")) << "renames are shown as renames";
    EXPECT_TRUE(page.has(">renamed<"));
    EXPECT_TRUE(page.has(">deleted<"));
    EXPECT_TRUE(page.has(">binary<"));
    EXPECT_TRUE(page.has("-7")) << "the removed line";
    EXPECT_TRUE(page.has("+seven"));
    EXPECT_FALSE(page.has("data-testid=\"truncated\""));
}

TEST_F(CommitPage, a_root_commit_and_short_ids_work) {
    auto root = rev("main~3");
    auto page = visitor.get("/" + id + "/commit/" + root.substr(0, 8));
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("3 files changed"));
    EXPECT_FALSE(page.has("parent "));
    EXPECT_TRUE(visitor.get("/" + id + "/commit/" + rev("main~2")).has("/alice/changes/commit/" + root));
}

TEST_F(CommitPage, huge_commits_are_summarised_not_hung_on) {
    auto many = visitor.get("/" + id + "/commit/" + rev("main~1"));
    EXPECT_EQ(many.status, 200u);
    EXPECT_TRUE(many.has("320 files changed"));
    EXPECT_TRUE(many.has("data-testid=\"truncated\""));
    auto long_one = visitor.get("/" + id + "/commit/" + rev("main"));
    EXPECT_TRUE(long_one.has("+25000<"));
    EXPECT_TRUE(long_one.has("data-testid=\"truncated\""));
    EXPECT_LT(long_one.body.size(), 200000u) << "25,000 lines are not rendered";
}

TEST_F(CommitPage, unknown_and_malformed_ids_are_404s) {
    EXPECT_EQ(visitor.get("/" + id + "/commit/0123456789abcdef0123456789abcdef01234567").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/commit/main").status, 404u) << "a commit id, not a ref";
    EXPECT_EQ(visitor.get("/" + id + "/commit/--help").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/commit/zz").status, 404u);
}

}  // namespace

TEST_F(CommitPage, the_split_view_puts_a_changed_line_beside_its_replacement) {
    auto sha = rev("main~2");
    auto unified = visitor.get("/" + id + "/commit/" + sha);
    EXPECT_TRUE(unified.has("href=\"/alice/changes/commit/" + sha + "?diff=split\""));
    EXPECT_FALSE(unified.has("data-testid=\"split\""));
    auto split = visitor.get("/" + id + "/commit/" + sha + "?diff=split");
    ASSERT_EQ(split.status, 200u);
    EXPECT_TRUE(split.has("data-testid=\"split\""));
    auto row_of = [&](const std::string& cell) {
        auto at = split.body.find(cell);
        if (at == std::string::npos) return std::string();
        auto start = split.body.rfind("<tr", at);
        return split.body.substr(start, split.body.find("</tr>", at) - start);
    };
    auto changed = row_of(">seven</td>");
    ASSERT_FALSE(changed.empty());
    EXPECT_NE(changed.find(">7</td>"), std::string::npos) << "the old line faces its replacement: " << changed;
    EXPECT_NE(changed.find("bg-error/15"), std::string::npos);
    EXPECT_NE(changed.find("bg-success/15"), std::string::npos);
    auto context = row_of(">8</td><td class=\"pr-4 whitespace-pre w-1/2 border-r");
    EXPECT_FALSE(context.empty()) << "context lines show on both sides";
    auto deleted = row_of(">old</td>");
    EXPECT_NE(deleted.find("bg-base-200"), std::string::npos) << "a deleted file's lines face nothing: " << deleted;
}

TEST_F(CommitPage, pages_addressed_by_a_commit_id_revalidate_with_an_etag) {
    auto sha = rev("main~2");
    auto first = visitor.get("/" + id + "/commit/" + sha);
    auto tag = first.header("etag");
    ASSERT_FALSE(tag.empty());
    EXPECT_EQ(first.header("cache-control"), "private, no-cache");
    auto again = visitor.get("/" + id + "/commit/" + sha, {{"If-None-Match", tag}});
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    auto file = visitor.get("/" + id + "/tree/" + sha + "/numbers.txt");
    ASSERT_FALSE(file.header("etag").empty());
    EXPECT_EQ(visitor.get("/" + id + "/tree/" + sha + "/numbers.txt", {{"If-None-Match", file.header("etag")}}).status, 304u);

    harness::Client alice(server.port());
    alice.sign_in("alice");
    EXPECT_EQ(alice.get("/" + id + "/commit/" + sha, {{"If-None-Match", tag}}).status, 200u)
        << "another viewer's page (navbar, CSRF token) is not theirs";
    EXPECT_TRUE(visitor.get("/" + id + "/tree/main/numbers.txt").header("etag").empty())
        << "a branch moves: its pages are not kept";
    EXPECT_EQ(visitor.get("/" + id + "/tree/main/numbers.txt").header("cache-control"), "no-store");
}

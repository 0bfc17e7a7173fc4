// Commit history: pages of 50, grouped by day, filtered by path the way git log is.
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <regex>

#include "git_fixture.hpp"

namespace {

using harness::quote;

class History : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        id = create_repo("hist", false, false);
        wc = dir.path / "wc";
        // 120 commits alternating a.txt and b.txt, a branch merged back, a hostile message.
        auto made = harness::sh(
            "git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                " && for i in $(seq 1 120); do f=$([ $((i % 2)) = 0 ] && echo a || echo b); echo $i >> $f.txt;"
                " git add $f.txt; git commit -qm \"change $i\"; done"
                " && git checkout -qb feature/x && echo f >> a.txt && git commit -qam 'on the branch'"
                " && git checkout -q main && echo m >> b.txt && git commit -qam 'on main'"
                " && git merge -q --no-edit feature/x && git commit -q --allow-empty -m '<script>alert(1)</script>'"
                " && git push -q " + quote(url(id)) + " main feature/x",
            dir.path);
        ASSERT_EQ(made.code, 0) << made.output;
    }
    int count_commits(const std::string& body) {
        int n = 0;
        for (auto pos = body.find("data-sha="); pos != std::string::npos; pos = body.find("data-sha=", pos + 1)) ++n;
        return n;
    }
    std::string id;
    std::filesystem::path wc;
    harness::Client visitor{server.port()};
};

TEST_F(History, pages_of_fifty_newest_first) {
    int total = std::stoi(harness::sh("cd " + quote(wc.string()) + " && git rev-list --count main").output);
    auto first = visitor.get("/" + id + "/commits");
    ASSERT_EQ(first.status, 200u);
    EXPECT_EQ(count_commits(first.body), 50);
    EXPECT_TRUE(first.has("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(first.has("<script>alert(1)"));
    EXPECT_LT(first.body.find("&lt;script&gt;"), first.body.find("change 120")) << "newest first";
    EXPECT_TRUE(first.has("Commits on "));
    EXPECT_TRUE(first.has("page=2"));
    int seen = 0;
    for (int page = 1; page <= 4; ++page)
        seen += count_commits(visitor.get("/" + id + "/commits/main?page=" + std::to_string(page)).body);
    EXPECT_EQ(seen, total) << "every commit exactly once across the pages";
    EXPECT_TRUE(visitor.get("/" + id + "/commits/main?page=9").has("No commits."));
}

TEST_F(History, a_path_filter_counts_what_git_log_counts) {
    for (std::string path : {"a.txt", "b.txt"}) {
        int expected = std::stoi(harness::sh("cd " + quote(wc.string()) + " && git rev-list --count main -- " + path).output);
        int seen = 0;
        for (int page = 1; page <= 3; ++page)
            seen += count_commits(visitor.get("/" + id + "/commits/main?path=" + path + "&page=" + std::to_string(page)).body);
        EXPECT_EQ(seen, expected) << path;
    }
    EXPECT_EQ(count_commits(visitor.get("/" + id + "/commits/main?path=missing.txt").body), 0);
}

TEST_F(History, branches_with_slashes_and_bad_input) {
    auto branch = visitor.get("/" + id + "/commits/feature/x");
    EXPECT_EQ(branch.status, 200u);
    EXPECT_TRUE(branch.has("on the branch"));
    EXPECT_FALSE(branch.has("on main"));
    EXPECT_EQ(visitor.get("/" + id + "/commits/nope").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/commits/main?path=../etc").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/commits/main?page=-3").status, 200u) << "a bad page number means page 1";
}

TEST_F(History, branches_list_default_first_with_ahead_and_behind_and_tags_list_newest_first) {
    auto expected = harness::sh("cd " + quote(wc.string()) + " && git rev-list --left-right --count main...feature/x").output;
    int behind = 0, ahead = 0;
    std::sscanf(expected.c_str(), "%d %d", &behind, &ahead);
    auto page = visitor.get("/" + id + "/branches");
    ASSERT_EQ(page.status, 200u);
    EXPECT_LT(page.body.find("data-ref=\"main\""), page.body.find("data-ref=\"feature/x\"")) << "default first";
    EXPECT_TRUE(page.has(std::to_string(behind) + " behind · " + std::to_string(ahead) + " ahead")) << expected;
    EXPECT_TRUE(page.has("href=\"/alice/hist/tree/feature/x\""));
    auto none = visitor.get("/" + id + "/tags");
    EXPECT_TRUE(none.has("No tags yet."));
    ASSERT_EQ(harness::sh("cd " + quote(wc.string()) + " && git checkout -q main~5 && "
                          "git commit -q --allow-empty --date=2001-01-01T00:00:00 -m 'from 2001' && git tag z-old && "
                          "git checkout -q main && git tag -a v2 -m release main && git push -q " +
                          quote(url(id)) + " z-old v2").code, 0);
    auto tags = visitor.get("/" + id + "/tags");
    EXPECT_LT(tags.body.find("data-ref=\"v2\""), tags.body.find("data-ref=\"z-old\"")) << "newest first, annotated peeled";
}

TEST_F(History, blame_names_the_commit_that_last_changed_each_line) {
    auto page = visitor.get("/" + id + "/blame/main/a.txt");
    ASSERT_EQ(page.status, 200u) << page.body.substr(0, 300);
    // git's own answer for the first and last lines of a.txt.
    for (std::string line : {"1", "30", "61"}) {
        auto expected = harness::sh("cd " + quote(wc.string()) + " && git blame -l -L " + line + "," + line +
                                    " main -- a.txt | cut -c1-40").output.substr(0, 40);
        auto row = page.body.find("id=\"L" + line + "\"");
        ASSERT_NE(row, std::string::npos) << line;
        auto hunk_start = page.body.rfind("<tbody", row);
        auto commit_link = page.body.find("/commit/", hunk_start);
        EXPECT_EQ(page.body.substr(commit_link + 8, 40), expected) << "line " << line;
    }
    auto lines = std::stoi(harness::sh("cd " + quote(wc.string()) + " && wc -l < a.txt").output);
    EXPECT_NE(page.body.find("id=\"L" + std::to_string(lines) + "\""), std::string::npos);
    EXPECT_EQ(page.body.find("id=\"L" + std::to_string(lines + 1) + "\""), std::string::npos);
    EXPECT_EQ(visitor.get("/" + id + "/blame/main").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/blame/main/missing.txt").status, 404u);
}

TEST_F(History, compare_lists_what_head_adds_and_the_changes_since_the_merge_base) {
    auto git_count = std::stoi(harness::sh("cd " + quote(wc.string()) + " && git rev-list --count feature/x..main").output);
    auto numstat = harness::sh("cd " + quote(wc.string()) +
                               " && git diff --numstat feature/x...main | awk '{ a += $1; d += $2 } END { print a, d }'").output;
    int additions = 0, deletions = 0;
    std::sscanf(numstat.c_str(), "%d %d", &additions, &deletions);
    auto page = visitor.get("/" + id + "/compare/feature/x...main");
    ASSERT_EQ(page.status, 200u) << page.body.substr(0, 300);
    EXPECT_EQ(count_commits(page.body), git_count);
    EXPECT_TRUE(page.has(std::to_string(git_count) + " commits"));
    EXPECT_TRUE(page.has("+" + std::to_string(additions) + "<")) << numstat;
    EXPECT_TRUE(page.has("−" + std::to_string(deletions) + "<")) << numstat;
    EXPECT_LT(page.body.find("on main"), page.body.find("&lt;script&gt;")) << "oldest first";
    auto same = visitor.get("/" + id + "/compare/main...feature/x");
    EXPECT_TRUE(same.has("data-testid=\"identical\"")) << "main already holds the branch";
    EXPECT_EQ(visitor.get("/" + id + "/compare/main...nope").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/compare/main").status, 404u);
    EXPECT_EQ(visitor.get("/" + id + "/compare/...main").status, 404u);
}

}  // namespace

namespace {

// Each "entry -> commit id" pair of a file list, in page order.
std::vector<std::pair<std::string, std::string>> last_commits(const std::string& body) {
    static const std::regex row(R"re(href="/alice/hist/(?:tree|blob)/main/([^"]+)">[^<]*</a></td>\s*<td[^>]*data-testid="last-commit"><a class="link link-hover" href="/alice/hist/commit/([0-9a-f]{40})")re");
    std::vector<std::pair<std::string, std::string>> out;
    for (std::sregex_iterator it(body.begin(), body.end(), row), end; it != end; ++it) out.emplace_back((*it)[1], (*it)[2]);
    return out;
}

}  // namespace

TEST_F(History, the_file_list_names_the_commit_that_last_changed_each_entry_as_git_log_does) {
    auto check = [&](const char* when) {
        auto rows = last_commits(visitor.get("/" + id + "/tree/main").body);
        ASSERT_EQ(rows.size(), 2u) << when;
        for (const auto& [name, sha] : rows)
            EXPECT_EQ(sha, harness::sh("cd " + quote(wc.string()) + " && git log -1 --format=%H main -- " + name).output.substr(0, 40))
                << name << " " << when;
    };
    check("after the first push");  // a.txt's last change is on the merged branch, not the merge
    auto pushed = harness::sh(
        "cd " + quote(wc.string()) + " && echo new >> a.txt && git commit -qam 'one more' && git push -q " + quote(url(id)) + " main",
        dir.path);
    ASSERT_EQ(pushed.code, 0) << pushed.output;
    check("after a push on top (answered from the parent's list)");
    auto count = harness::sh("cd " + quote(wc.string()) + " && git rev-list --count main").output;
    count.pop_back();
    EXPECT_TRUE(visitor.get("/" + id).has(">" + count + " commits<")) << count;
}

TEST_F(History, writers_delete_branches_but_never_the_default_or_one_pushed_to_since) {
    auto remote = [&](const std::string& ref) { return git("ls-remote " + quote(url(id)) + " " + ref).output; };
    auto tip = remote("refs/heads/feature/x").substr(0, 40);
    harness::Client alice(server.port()), bob(server.port());
    alice.sign_in("alice");
    bob.sign_in("bob");
    auto page = alice.get("/" + id + "/branches");
    EXPECT_TRUE(page.has("aria-label=\"Delete feature/x\""));
    EXPECT_FALSE(page.has("aria-label=\"Delete main\"")) << "the default branch offers no delete";
    EXPECT_FALSE(bob.get("/" + id + "/branches").has("aria-label=\"Delete")) << "readers see no delete";

    EXPECT_EQ(bob.post_form("/" + id + "/branches/delete", {{"branch", "feature/x"}, {"sha", tip}}).status, 403u);
    EXPECT_EQ(alice.post_form("/" + id + "/branches/delete", {{"branch", "main"}}).status, 400u);
    EXPECT_EQ(alice.post_form("/" + id + "/branches/delete", {{"branch", "nope"}}).status, 404u);
    auto stale = alice.post_form("/" + id + "/branches/delete", {{"branch", "feature/x"}, {"sha", std::string(40, 'a')}});
    EXPECT_EQ(stale.status, 409u) << "the branch moved since the page showed it";
    EXPECT_NE(remote("refs/heads/feature/x"), "");
    EXPECT_FALSE(remote("refs/heads/main").empty());

    auto done = alice.post_form("/" + id + "/branches/delete", {{"branch", "feature/x"}, {"sha", tip}});
    EXPECT_EQ(done.status, 303u);
    EXPECT_EQ(remote("refs/heads/feature/x"), "");
    auto after = alice.get("/" + id + "/branches");
    EXPECT_TRUE(after.has("Branch feature/x deleted")) << "a flash says what happened";
    EXPECT_FALSE(after.has("data-ref=\"feature/x\""));
    soci::session sql(soci::sqlite3, "db=" + (dir.path / "data" / "workspace.db").string());
    std::string new_sha;
    sql << "SELECT new_sha FROM events WHERE ref = 'refs/heads/feature/x' ORDER BY id DESC LIMIT 1", soci::into(new_sha);
    EXPECT_EQ(new_sha, std::string(40, '0')) << "recorded like a push that deletes";
}

// The Actions tab: the workflows of the default branch as read from GitHub Actions files, and
// the errors of those that cannot be read, with file and line.
#include "git_fixture.hpp"

namespace {

using harness::quote;

class Actions : public GitFixture {};

TEST_F(Actions, the_tab_lists_workflows_in_run_order_and_shows_errors_with_their_line) {
    auto id = create_repo("ci", true, false);
    harness::Client alice(server.port()), bob(server.port());
    alice.sign_in("alice");
    bob.sign_in("bob");
    EXPECT_TRUE(alice.get("/" + id + "/actions").has("No workflows yet"));

    auto wc = dir.path / "wc";
    auto made = harness::sh("git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                R"SH( && mkdir -p .github/workflows .skyscape/workflows
cat > .github/workflows/ci.yml <<'YML'
name: Build <and> test
on:
  push:
    branches: [main]
  workflow_dispatch:
jobs:
  test:
    runs-on: ubuntu-latest
    needs: build
    strategy:
      matrix:
        n: [1, 2]
        m: [a, b]
    steps:
      - run: echo ${{ matrix.n }}
  build:
    runs-on: ubuntu-latest
    container: localhost/skyscape/busybox:latest
    steps:
      - run: make
YML
printf 'on: push\njobs:\n  a: {runs-on: x, needs: b, steps: [{run: t}]}\n  b: {runs-on: x, needs: a, steps: [{run: t}]}\n' > .skyscape/workflows/bad.yml
echo 'not a workflow' > .github/workflows/README.md
git add -A && git commit -qm ci && git push -q )SH" + quote(url(id)) + " main",
                            dir.path);
    ASSERT_EQ(made.code, 0) << made.output;

    auto page = alice.get("/" + id + "/actions");
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("Build &lt;and&gt; test")) << "names are escaped";
    EXPECT_TRUE(page.has(".skyscape/workflows/bad.yml:3: The needs of jobs a, b form a cycle.")) << page.body;
    EXPECT_FALSE(page.has("README.md")) << "only .yml and .yaml files are workflows";

    auto link = page.body.find("\" data-testid=\"action-link\"");
    ASSERT_NE(link, std::string::npos);
    auto href = page.body.rfind("href=\"", link) + 6;
    auto action = alice.get(page.body.substr(href, link - href));
    ASSERT_EQ(action.status, 200u) << page.body.substr(href, link - href);
    EXPECT_TRUE(action.has("push (main), manual")) << action.body;
    auto build = action.body.find(">build <span");
    auto test = action.body.find(">test <span");
    ASSERT_NE(build, std::string::npos) << action.body;
    ASSERT_NE(test, std::string::npos);
    EXPECT_LT(build, test) << "jobs in the order they run";
    EXPECT_TRUE(action.has("on localhost/skyscape/busybox:latest"));
    EXPECT_TRUE(action.has("× 4"));
    EXPECT_TRUE(action.has("after build"));
    EXPECT_TRUE(action.has("data-testid=\"run-form\"")) << "workflow_dispatch gives a Run button";
    EXPECT_EQ(bob.get("/" + id + "/actions").status, 404u) << "a private repository's workflows stay private";
}

}  // namespace

// Workflow files in GitHub Actions syntax: triggers and filters, jobs in needs order, matrix
// expansion as GitHub does it, and errors that name the file and line.
#include <gtest/gtest.h>

#include "actions/workflow.hpp"

namespace actions {
namespace {

Workflow parsed(const std::string& text) {
    auto wf = parse_workflow("ci.yml", text);
    EXPECT_TRUE(wf) << (wf ? "" : wf.error().text());
    return wf ? *wf : Workflow{};
}

ParseError failed(const std::string& text) {
    auto wf = parse_workflow("ci.yml", text);
    EXPECT_FALSE(wf) << "accepted:\n" << text;
    return wf ? ParseError{} : wf.error();
}

TEST(Workflow, reads_triggers_env_jobs_and_steps) {
    auto wf = parsed(R"(
name: CI
on:
  push:
    branches: [main, 'release/**', '!release/old']
    paths-ignore: ['docs/**']
  pull_request:
  schedule:
    - cron: '0 3 * * 1'
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [low, high]
        default: low
env:
  GREETING: hello
defaults:
  run:
    shell: bash
jobs:
  build:
    runs-on: ubuntu-latest
    container: localhost/skyscape/busybox:latest
    timeout-minutes: 10
    outputs:
      version: ${{ steps.v.outputs.version }}
    steps:
      - uses: actions/checkout@v4
      - id: v
        name: Version
        run: echo "version=1.2" >> "$GITHUB_OUTPUT"
        env: {DEBUG: 1}
        continue-on-error: true
)");
    EXPECT_EQ(wf.name, "CI");
    ASSERT_TRUE(wf.on.push);
    EXPECT_TRUE(wf.on.push->branches.passes("main"));
    EXPECT_TRUE(wf.on.push->branches.passes("release/2.0/rc"));
    EXPECT_FALSE(wf.on.push->branches.passes("release/old")) << "a later ! excludes";
    EXPECT_FALSE(wf.on.push->branches.passes("feature"));
    EXPECT_FALSE(wf.on.push->tags.present);
    EXPECT_FALSE(wf.on.push->paths.passes("docs/guide.md"));
    EXPECT_TRUE(wf.on.push->paths.passes("src/main.c"));
    EXPECT_TRUE(wf.on.pull_request);
    EXPECT_EQ(wf.on.schedules, std::vector<std::string>{"0 3 * * 1"});
    ASSERT_TRUE(wf.on.workflow_dispatch);
    EXPECT_EQ((*wf.on.workflow_dispatch)[0].options, (std::vector<std::string>{"low", "high"}));
    EXPECT_EQ(wf.env.at("GREETING"), "hello");
    EXPECT_EQ(wf.default_shell, "bash");
    ASSERT_EQ(wf.jobs.size(), 1u);
    const auto& job = wf.jobs[0];
    EXPECT_EQ(job.image, "localhost/skyscape/busybox:latest");
    EXPECT_EQ(job.timeout_minutes, 10);
    EXPECT_EQ(job.outputs.at("version"), "${{ steps.v.outputs.version }}");
    ASSERT_EQ(job.steps.size(), 2u);
    EXPECT_EQ(job.steps[0].uses, "actions/checkout@v4");
    EXPECT_EQ(job.steps[1].id, "v");
    EXPECT_EQ(job.steps[1].env.at("DEBUG"), "1");
    EXPECT_EQ(job.steps[1].continue_on_error, "true");
    EXPECT_EQ(job.steps[1].line, 30);
}

TEST(Workflow, pushes_and_pull_requests_start_it_as_on_github) {
    auto branches = parsed("on:\n  push:\n    branches: [main]\n    paths: ['src/**', '!src/vendor/**']\njobs: {a: {runs-on: x, steps: [{run: t}]}}");
    EXPECT_TRUE(branches.on.runs_on_push("refs/heads/main", {"README.md", "src/a.c"}));
    EXPECT_FALSE(branches.on.runs_on_push("refs/heads/main", {"README.md"})) << "no changed path passes";
    EXPECT_FALSE(branches.on.runs_on_push("refs/heads/main", {"src/vendor/z.c"})) << "excluded by the later !";
    EXPECT_FALSE(branches.on.runs_on_push("refs/heads/dev", {"src/a.c"}));
    EXPECT_FALSE(branches.on.runs_on_push("refs/tags/v1", {})) << "a branch filter alone leaves tags out";
    auto tags = parsed("on:\n  push:\n    tags: ['v*']\njobs: {a: {runs-on: x, steps: [{run: t}]}}");
    EXPECT_TRUE(tags.on.runs_on_push("refs/tags/v1.2", {}));
    EXPECT_FALSE(tags.on.runs_on_push("refs/tags/release", {}));
    EXPECT_FALSE(tags.on.runs_on_push("refs/heads/main", {"a"})) << "a tag filter alone leaves branches out";
    auto any = parsed("on: [push, pull_request]\njobs: {a: {runs-on: x, steps: [{run: t}]}}");
    EXPECT_TRUE(any.on.runs_on_push("refs/heads/anything", {}));
    EXPECT_TRUE(any.on.runs_on_push("refs/tags/anything", {}));
    EXPECT_TRUE(any.on.runs_on_pull_request("main", {"x"}));
    auto ignored = parsed("on:\n  pull_request:\n    branches-ignore: ['wip/*']\n    paths-ignore: ['docs/**']\njobs: {a: {runs-on: x, steps: [{run: t}]}}");
    EXPECT_TRUE(ignored.on.runs_on_pull_request("main", {"docs/a.md", "src/b.c"}));
    EXPECT_FALSE(ignored.on.runs_on_pull_request("main", {"docs/a.md"})) << "every change is ignored";
    EXPECT_FALSE(ignored.on.runs_on_pull_request("wip/x", {"src/b.c"}));
    EXPECT_FALSE(ignored.on.runs_on_push("refs/heads/main", {"src/b.c"})) << "no push trigger";
}

TEST(Workflow, short_trigger_forms) {
    EXPECT_TRUE(parsed("on: push\njobs: {a: {runs-on: x, steps: [{run: 'true'}]}}").on.push);
    auto list = parsed("on: [push, workflow_dispatch, release]\njobs: {a: {runs-on: x, steps: [{run: 'true'}]}}");
    EXPECT_TRUE(list.on.push);
    EXPECT_TRUE(list.on.workflow_dispatch) << "release is not run here, and is no error";
}

TEST(Workflow, jobs_come_after_the_jobs_they_need) {
    auto wf = parsed(R"(
on: push
jobs:
  deploy: {runs-on: x, needs: [test, lint], steps: [{run: d}]}
  test: {runs-on: x, needs: build, steps: [{run: t}]}
  build: {runs-on: x, steps: [{run: b}]}
  lint: {runs-on: x, steps: [{run: l}]}
)");
    std::vector<std::string> order;
    for (const auto& j : wf.jobs) order.push_back(j.id);
    EXPECT_EQ(order, (std::vector<std::string>{"build", "lint", "test", "deploy"}));
}

TEST(Workflow, matrix_expands_as_github_does) {
    auto wf = parsed(R"(
on: push
jobs:
  test:
    runs-on: x
    strategy:
      fail-fast: false
      max-parallel: 2
      matrix:
        os: [linux, mac]
        node: [14, 16]
        exclude:
          - os: mac
            node: 14
        include:
          - os: linux
            experimental: true
          - os: windows
            node: 16
    steps: [{run: t}]
)");
    const auto& s = *wf.jobs[0].strategy;
    EXPECT_FALSE(s.fail_fast);
    EXPECT_EQ(s.max_parallel, 2);
    ASSERT_EQ(s.cells.size(), 4u);
    EXPECT_EQ(s.cells[0], (MatrixCell{{"os", "\"linux\""}, {"node", "14"}, {"experimental", "true"}}));
    EXPECT_EQ(s.cells[1], (MatrixCell{{"os", "\"linux\""}, {"node", "16"}, {"experimental", "true"}}));
    EXPECT_EQ(s.cells[2], (MatrixCell{{"os", "\"mac\""}, {"node", "16"}}));
    EXPECT_EQ(s.cells[3], (MatrixCell{{"os", "\"windows\""}, {"node", "16"}})) << "an include that fits none is its own job";
}

TEST(Workflow, errors_name_the_file_line_and_problem) {
    auto yaml = failed("on: push\njobs:\n  a: [unclosed\n");
    EXPECT_NE(yaml.message.find("Not valid YAML"), std::string::npos);
    EXPECT_GT(yaml.line, 0);
    EXPECT_EQ(failed("jobs: {a: {runs-on: x, steps: [{run: t}]}}").message, "The workflow has no `on:` saying when it runs.");
    EXPECT_NE(failed("on: release\njobs: {a: {runs-on: x, steps: [{run: t}]}}").message.find("None of the events"), std::string::npos);
    auto no_steps = failed("on: push\njobs:\n  build:\n    runs-on: x\n");
    EXPECT_EQ(no_steps.text(), "ci.yml:4: Job build has no steps.");
    EXPECT_NE(failed("on: push\njobs:\n  a:\n    steps: [{run: t}]\n").message.find("runs-on"), std::string::npos);
    auto both = failed("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: t\n        uses: actions/checkout@v4\n");
    EXPECT_EQ(both.line, 6);
    EXPECT_NE(both.message.find("not both"), std::string::npos);
    auto cycle = failed("on: push\njobs:\n  a: {runs-on: x, needs: b, steps: [{run: t}]}\n  b: {runs-on: x, needs: a, steps: [{run: t}]}\n");
    EXPECT_NE(cycle.message.find("form a cycle"), std::string::npos);
    EXPECT_EQ(cycle.line, 3);
    EXPECT_NE(failed("on: push\njobs:\n  a: {runs-on: x, needs: nope, steps: [{run: t}]}\n").message.find("not a job"), std::string::npos);
    EXPECT_NE(failed("on: push\njobs:\n  a:\n    runs-on: x\n    strategy: {matrix: {n: [1], exclude: [{n: 1}]}}\n    steps: [{run: t}]\n")
                  .message.find("no job"), std::string::npos);
    EXPECT_NE(failed("on: push\njobs:\n  a:\n    runs-on: x\n    strategy: {matrix: {a: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17], b: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}}\n    steps: [{run: t}]\n")
                  .message.find("256"), std::string::npos);
    EXPECT_NE(failed("on: push\njobs:\n  a: {runs-on: x, timeout-minutes: -1, steps: [{run: t}]}\n").message.find("positive"), std::string::npos);
    auto cron = failed("on:\n  schedule:\n    - cron: '61 * * * *'\njobs: {a: {runs-on: x, steps: [{run: t}]}}\n");
    EXPECT_EQ(cron.line, 3);
    EXPECT_NE(cron.message.find("minute"), std::string::npos);
    EXPECT_NE(failed("on:\n  push:\n    branches: [a]\n    branches-ignore: [b]\njobs: {a: {runs-on: x, steps: [{run: t}]}}\n").message.find("cannot both"),
              std::string::npos);
}

TEST(Workflow, numbers_out_of_range_are_the_files_error) {
    for (const char* value : {"99999999999999999999", "1e999", "-99999999999999999999", "7201", "nan"}) {
        auto e = failed(std::string("on: push\njobs:\n  a:\n    runs-on: x\n    timeout-minutes: ") + value + "\n    steps: [{run: t}]\n");
        EXPECT_EQ(e.line, 5) << value;
        EXPECT_NE(e.message.find("at most 7200"), std::string::npos) << value << ": " << e.message;
    }
    auto step = failed("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: t\n        timeout-minutes: 123456789012345678901234567890\n");
    EXPECT_EQ(step.line, 7);
    auto parallel = failed("on: push\njobs:\n  a:\n    runs-on: x\n    strategy: {max-parallel: 99999999999999999999999, matrix: {n: [1, 2]}}\n    steps: [{run: t}]\n");
    EXPECT_NE(parallel.message.find("whole number"), std::string::npos) << "past 64 bits it is a float";
    auto big = parsed("on: push\njobs:\n  a:\n    runs-on: x\n    strategy: {max-parallel: 4000000000, matrix: {n: [1, 2]}}\n    steps: [{run: t}]\n");
    EXPECT_EQ(big.jobs[0].strategy->max_parallel, 256);
    EXPECT_EQ(parsed("on: push\nenv: {BIG: 99999999999999999999}\njobs: {a: {runs-on: x, steps: [{run: t}]}}\n").env["BIG"],
              "99999999999999999999") << "text stays as written";
}

TEST(Workflow, alias_bombs_are_refused_before_they_expand) {
    // Nine levels of nine aliases: 9^9 copies of "lol" if expanded.
    std::string bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
        std::string prev(1, static_cast<char>(c - 1));
        bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" +
                prev + ", *" + prev + ", *" + prev + "]\n";
    }
    for (const std::string& where : {std::string("    strategy:\n      matrix:\n        n: *i\n"), std::string("    env:\n      X: *i\n")}) {
        auto e = failed(bomb + "on: push\njobs:\n  a:\n    runs-on: x\n" + where + "    steps: [{run: t}]\n");
        EXPECT_NE(e.message.find("through its aliases"), std::string::npos) << e.message;
    }
    for (const char* cycle : {"env: &e {A: *e}\non: push\njobs: {a: {runs-on: x, steps: [{run: t}]}}\n",
                              "on: push\njobs:\n  a: &a {runs-on: x, needs: [*a], steps: [{run: t}]}\n"}) {
        auto e = failed(cycle);
        EXPECT_NE(e.message.find("refers to the node that holds it"), std::string::npos) << e.message;
    }
    auto fine = parsed("base: &env {A: '1', B: '2'}\non: push\njobs:\n  a:\n    runs-on: x\n    env: *env\n    steps: [{run: t}]\n  b:\n    runs-on: x\n    env: *env\n    steps: [{run: t}]\n");
    EXPECT_EQ(fine.jobs[1].env.at("B"), "2") << "a few aliases are fine";
}

TEST(Workflow, a_run_holds_at_most_256_jobs_matrix_cells_included) {
    std::string text = "on: push\njobs:\n";
    for (int i = 0; i < 3; ++i)
        text += "  j" + std::to_string(i) + ":\n    runs-on: x\n    strategy: {matrix: {a: [1,2,3,4,5,6,7,8,9,10], b: [1,2,3,4,5,6,7,8,9,10]}}\n    steps: [{run: t}]\n";
    auto e = failed(text);
    EXPECT_NE(e.message.find("more than 256 jobs, matrix cells included"), std::string::npos) << e.message;
    EXPECT_EQ(e.line, 11) << "at the job that goes past it";
    std::string many = "on: push\njobs:\n";
    for (int i = 0; i < 300; ++i) many += "  j" + std::to_string(i) + ": {runs-on: x, steps: [{run: t}]}\n";
    EXPECT_NE(failed(many).message.find("more than 256 jobs"), std::string::npos);
}

TEST(Workflow, expressions_are_checked_when_the_file_is_read) {
    std::string nots(300000, '!');
    auto deep = failed("on: push\njobs:\n  a:\n    runs-on: x\n    if: '" + nots + "true'\n    steps: [{run: t}]\n");
    EXPECT_EQ(deep.line, 5);
    EXPECT_NE(deep.message.find("longer than 21000"), std::string::npos) << deep.text();
    auto parens = failed("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ " + std::string(60, '(') + "1" +
                         std::string(60, ')') + " }}\n");
    EXPECT_EQ(parens.line, 6);
    EXPECT_NE(parens.message.find("levels deep"), std::string::npos) << parens.message;
    auto broken = failed("on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: t\n        env: {X: '${{ github. }}'}\n");
    EXPECT_EQ(broken.line, 7);
    EXPECT_NE(failed("on: push\nenv: {X: '${{ 1 +'}\njobs: {a: {runs-on: x, steps: [{run: t}]}}\n").message.find("not closed"), std::string::npos);
    parsed("on: push\njobs:\n  a:\n    runs-on: x\n    if: github.ref == 'refs/heads/main' && !cancelled()\n    steps: [{run: 'echo ${{ matrix.x }}'}]\n");
}

}  // namespace
}  // namespace actions

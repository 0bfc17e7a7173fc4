// Code search through the real server: results equal `git grep` on the same commit for a table
// of queries, the index follows pushes (changes, additions, deletions, renames, force-pushes),
// private repositories stay invisible, and bad queries get clear errors.
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;
using nlohmann::json;

class Search : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        id = create_repo("code", false, false);
        wc = dir.path / "wc";
        auto made = harness::sh("git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) + R"SH( && mkdir -p src/util tests docs
printf '#include <stdio.h>\n#include "util.h"\n\nstatic int counter = 0;\n\nint main(void) {\n\tprintf("Hello World\\n");\n\tprintf("hello world %%d\\n", counter);\n\treturn 0; // a+b=c foo(bar)\n}\n' > src/main.c
printf 'static int helper(int x) {\n  return x * 2; /* HELLO again */\n}\nint count123 = 45678;\n' > src/util/strings.c
printf '# Project\n\nSay hello to the naïve café and Ünïcode.\nC++ [brackets] $var\n' > README.md
printf 'def greet():\n    print("hello")\n    return counter\n' > tests/test_main.py
printf 'A guide. It never says the magic word.\nWorld peace, not hello.\n' > docs/guide.md
printf 'hello\0binary hello\n' > src/blob.bin
python3 -c "print('hello ' * 200000 + 'hugeword')" > docs/huge.txt
git add -A && git commit -qm start && git push -q )SH" + quote(url(id)) + " main", dir.path);
        ASSERT_EQ(made.code, 0) << made.output;
        wait_indexed(id);
    }

    // Waits until the index of repo holds its default branch's tip.
    void wait_indexed(const std::string& repo) {
        auto tip = harness::sh("git ls-remote " + quote(url(repo)) + " refs/heads/main", dir.path).output.substr(0, 10);
        harness::Client alice(server.port());
        alice.sign_in("alice");
        for (int i = 0; i < 200; ++i) {
            if (alice.get("/" + repo + "/search/status").has(">" + tip + "<")) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL() << "the index of " << repo << " did not reach " << tip;
    }

    json search(const std::string& user, const std::string& q, int page = 1) {
        harness::Client client(server.port());
        auto res = client.get("/api/v1/search/code?q=" + harness::url_encode(q) + "&page=" + std::to_string(page),
                              {{"Authorization", "token " + tokens[user]}});
        auto body = json::parse(res.body, nullptr, false);
        body["status"] = res.status;
        return body;
    }

    // Every "path:line" the search finds, over all pages.
    std::set<std::string> found(const std::string& q) {
        std::set<std::string> out;
        for (int page = 1; page < 50; ++page) {
            auto body = search("alice", q, page);
            EXPECT_EQ(body["status"], 200) << q << ": " << body.dump();
            if (!body.contains("items") || body["items"].empty()) break;
            for (const auto& item : body["items"])
                for (const auto& line : item["lines"]) out.insert(item["path"].get<std::string>() + ":" + std::to_string(line["number"].get<int>()));
        }
        return out;
    }

    // Every "path:line" git grep finds on the pushed commit (but in the file over 1 MB, which the
    // index leaves out).
    std::set<std::string> grep(const std::string& args, const std::string& paths = ".") {
        auto res = harness::sh("cd " + quote(wc.string()) + " && git grep -n -I " + args + " HEAD -- " + paths + " ':!docs/huge.txt'", dir.path);
        std::set<std::string> out;
        std::istringstream lines(res.output);
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with("HEAD:")) continue;
            auto path_end = line.find(':', 5);
            auto number_end = line.find(':', path_end + 1);
            out.insert(line.substr(5, number_end - 5));
        }
        return out;
    }

    std::string id;
    std::filesystem::path wc;
};

TEST_F(Search, results_are_the_lines_git_grep_finds) {
    struct Case {
        const char* query;
        const char* grep;
        const char* paths = ".";
    };
    const Case cases[] = {
        {"Hello", "-i -F -e Hello"},
        {"Hello case:yes", "-F -e Hello"},
        {"\"static int\"", "-i -F -e 'static int'"},
        {"hello world", "-i -F --all-match -e hello -e world"},
        {"/print[a-z]*\\(/", "-i -P -e 'print[a-z]*\\('"},
        {"/^#include/ case:yes", "-P -e '^#include'"},
        {"/\\d{3,}/", "-i -P -e '\\d{3,}'"},
        {"/r.t.rn/", "-i -P -e 'r.t.rn'"},
        {"/(counter|helper)/", "-i -P -e '(counter|helper)'"},
        {"café case:yes", "-F -e 'café'"},
        {"a+b=c", "-i -F -e 'a+b=c'"},
        {"foo(bar)", "-i -F -e 'foo(bar)'"},
        {"[brackets]", "-i -F -e '[brackets]'"},
        {"$var", "-i -F -e '$var'"},
        {"\"World\\n\"", "-i -F -e 'World\\n'"},
        {"path:src/*.c counter", "-i -F -e counter", "':(glob)src/*.c'"},
        {"path:src/**.c hello", "-i -F -e hello", "':(glob)src/**/*.c' ':(glob)src/*.c'"},
        {"counter -path:tests", "-i -F -e counter", ". ':!tests'"},
        {"lang:python hello", "-i -F -e hello", "'*.py'"},
        {"path:/\\.md$/ hello", "-i -F -e hello", "'*.md'"},
        {"repo:code counter", "-i -F -e counter"},
    };
    for (const auto& c : cases) {
        auto want = grep(c.grep, c.paths);
        EXPECT_FALSE(want.empty()) << c.query << " should find something";
        EXPECT_EQ(found(c.query), want) << c.query << " vs git grep " << c.grep;
    }
    // -term leaves out files holding it: counter without "static" is the Python file alone.
    EXPECT_EQ(found("counter -static"), grep("-i -F -e counter", "tests"));
    EXPECT_TRUE(found("hugeword").empty()) << "files over 1 MB are not indexed";
    EXPECT_TRUE(found("binary").empty()) << "binary files are not indexed";
    EXPECT_TRUE(found("repo:elsewhere counter").empty());

    auto hit = search("bob", "Hello case:yes");
    ASSERT_EQ(hit["items"].size(), 1u) << hit.dump();
    EXPECT_EQ(hit["total_count"], 1);
    EXPECT_EQ(hit["items"][0]["lines"][0]["matches"], json::parse("[[9,14]]")) << "where the match is, in bytes";
}

TEST_F(Search, the_pages_show_highlighted_lines_with_context_and_update_as_you_type) {
    harness::Client visitor(server.port());
    auto page = visitor.get("/search?q=" + harness::url_encode("counter case:yes"));
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has(R"(<mark class="bg-warning/60 text-base-content rounded-sm">counter</mark>)")) << page.body;
    EXPECT_TRUE(page.has("href=\"/alice/code/blob/")) << "links to the file at the indexed commit";
    EXPECT_TRUE(page.has("#L4\">4</a>"));
    EXPECT_TRUE(page.has("#L3\">3</a>")) << "a line of context before";
    EXPECT_TRUE(page.has("2 files in 3 lines")) << page.body.substr(page.body.find("search-summary"), 200);

    auto counted = visitor.get("/search/count?q=" + harness::url_encode("counter case:yes"), {{"HX-Request", "true"}});
    EXPECT_TRUE(counted.has("2 files in 3 lines")) << counted.body;
    EXPECT_FALSE(counted.has("At least"));
    auto fragment = visitor.get("/search?q=counter", {{"HX-Request", "true"}});
    EXPECT_FALSE(fragment.has("<html")) << "htmx gets the results alone";
    auto boosted = visitor.get("/search?q=counter", {{"HX-Request", "true"}, {"HX-Boosted", "true"}});
    EXPECT_TRUE(boosted.has("<html")) << "Enter in the navbar box (a boosted form) gets the whole page";
    EXPECT_TRUE(boosted.has("data-testid=\"search-hit\""));
    EXPECT_TRUE(visitor.get("/search?q=counter", {{"HX-Request", "true"}, {"HX-History-Restore-Request", "true"}}).has("<html"));
    EXPECT_TRUE(fragment.has("data-testid=\"search-hit\""));
    auto scoped = visitor.get("/" + id + "/search?q=counter");
    EXPECT_TRUE(scoped.has("data-testid=\"search-hit\""));
    auto xss = visitor.get("/search?q=" + harness::url_encode("<script>alert(1)</script>"));
    EXPECT_FALSE(xss.has("<script>alert(1)")) << "the query is escaped";
}

TEST_F(Search, pushes_update_the_index_and_a_force_push_removes_what_it_dropped) {
    auto pushed = in(wc, "echo 'int fresh_symbol = 1;' >> src/main.c && echo 'brand_new_file here' > src/new.c"
                         " && git rm -q docs/guide.md && git mv tests/test_main.py tests/test_greet.py"
                         " && git add -A && git commit -qm change && git push -q " + quote(url(id)) + " main");
    ASSERT_EQ(pushed.code, 0) << pushed.output;
    wait_indexed(id);
    EXPECT_EQ(found("fresh_symbol"), grep("-i -F -e fresh_symbol"));
    EXPECT_EQ(found("brand_new_file"), std::set<std::string>{"src/new.c:1"});
    EXPECT_TRUE(found("magic word").empty()) << "the deleted file is gone";
    EXPECT_EQ(found("greet"), std::set<std::string>{"tests/test_greet.py:1"}) << "the renamed file under its new name";

    auto reset = in(wc, "git reset -q --hard HEAD~1 && git push -q -f " + quote(url(id)) + " main");
    ASSERT_EQ(reset.code, 0) << reset.output;
    wait_indexed(id);
    EXPECT_TRUE(found("fresh_symbol").empty()) << "a force-push removes the content of the commits it dropped";
    EXPECT_EQ(found("magic word").size(), 1u);
}

TEST_F(Search, private_repositories_stay_invisible_to_those_who_cannot_read_them) {
    auto secret = create_repo("secret", true, false);
    auto made = in(wc, "git checkout -q --orphan hidden && git rm -rqf . && echo 'classified_token inside' > plan.txt && git add plan.txt"
                       " && git commit -qm plan && git push -q " + quote(url(secret)) + " hidden:main");
    ASSERT_EQ(made.code, 0) << made.output;
    wait_indexed(secret);
    EXPECT_EQ(search("alice", "classified_token")["total_count"], 1) << "the owner finds it";
    auto outsider = search("bob", "classified_token");
    EXPECT_EQ(outsider["status"], 200);
    EXPECT_EQ(outsider["total_count"], 0);
    EXPECT_EQ(outsider["total_lines"], 0);
    EXPECT_EQ(search("bob", "/classif\\w+/")["total_count"], 0) << "nor by regex";
    EXPECT_EQ(search("bob", "classified_token repo:secret")["total_count"], 0);
    harness::Client anonymous(server.port());
    EXPECT_EQ(anonymous.get("/api/v1/search/code?q=classified_token").status, 401u);
    auto page = anonymous.get("/search?q=classified_token");
    EXPECT_TRUE(page.has("0 files")) << page.body.substr(0, 3000);
    EXPECT_FALSE(page.has("plan.txt"));
    EXPECT_EQ(anonymous.get("/" + secret + "/search?q=classified_token").status, 404u);
}

TEST_F(Search, a_repository_created_with_a_readme_is_searchable_at_once) {
    harness::Client api(server.port());
    auto made = api.request("POST", "/api/v1/user/repos", R"({"name":"fresh","auto_init":true,"description":"quokka_marker here"})",
                            {{"Authorization", "token " + tokens["alice"]}});
    ASSERT_EQ(made.status, 201u) << made.body;
    wait_indexed("alice/fresh");
    EXPECT_EQ(search("alice", "quokka_marker")["total_count"], 1) << "its first commit counts as a push";
}

TEST_F(Search, concurrent_searches_all_answer) {
    std::vector<std::thread> threads;
    std::atomic<int> answered{0};
    for (int t = 0; t < 16; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 5; ++i)
                if (search("alice", i % 2 ? "/hel+o/" : "hello")["status"] == 200) ++answered;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(answered.load(), 80) << "searches on every worker thread at once (shared connections, per-thread buffers)";
}

TEST_F(Search, the_command_line_rebuilds_an_index_while_the_server_runs) {
    auto data = (dir.path / "data").string();
    auto rebuilt = harness::sh("DATA_DIR=" + quote(data) + " " + WORKSPACE_BINARY + " search reindex alice/code", dir.path);
    ASSERT_EQ(rebuilt.code, 0) << rebuilt.output;
    EXPECT_NE(rebuilt.output.find("alice/code: 5 files at "), std::string::npos) << rebuilt.output;
    EXPECT_EQ(found("counter case:yes"), grep("-F -e counter")) << "the server searches the rebuilt index";
    auto unknown = harness::sh("DATA_DIR=" + quote(data) + " " + WORKSPACE_BINARY + " search reindex nothing-here", dir.path);
    EXPECT_EQ(unknown.code, 1);
    EXPECT_NE(unknown.output.find("there is no repository nothing-here"), std::string::npos) << unknown.output;
}

TEST_F(Search, bad_queries_get_a_clear_message_in_bounded_time) {
    auto unbalanced = search("alice", "/foo(/");
    EXPECT_EQ(unbalanced["status"], 400);
    EXPECT_NE(unbalanced["message"].get<std::string>().find("not valid"), std::string::npos) << unbalanced.dump();
    EXPECT_EQ(search("alice", "")["status"], 400);
    EXPECT_EQ(search("alice", "   ")["status"], 400);
    auto huge = search("alice", std::string(10240, 'a'));
    EXPECT_EQ(huge["status"], 400);
    EXPECT_NE(huge["message"].get<std::string>().find("too long"), std::string::npos);
    EXPECT_EQ(search("alice", "\"unclosed")["status"], 400);
    EXPECT_EQ(search("alice", "/(x{1000}){1000}/")["status"], 400) << "a regex too big to compile";
    EXPECT_EQ(search("alice", "-hello")["status"], 400) << "only what to leave out";
    // RE2 runs in linear time, so a pattern that backtracking engines choke on is just a query.
    EXPECT_EQ(search("alice", "/(a+)+$/")["status"], 200);
    EXPECT_EQ(search("alice", "/(.*)*x/")["status"], 200);

    harness::Client visitor(server.port());
    auto page = visitor.get("/search?q=" + harness::url_encode("/foo(/"));
    EXPECT_EQ(page.status, 400u);
    EXPECT_TRUE(page.has("data-testid=\"search-error\""));
}

}  // namespace

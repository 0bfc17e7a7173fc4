// Browsing files: trees, files and raw bytes, on a repository built by the test with real git.
#include <fstream>
#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;

class Browse : public GitFixture {
protected:
    void SetUp() override {
        GitFixture::SetUp();
        id = create_repo("site", false, false);
        auto wc = dir.path / "wc";
        auto made = harness::sh(
            "git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                " && mkdir -p src/deep docs && echo 'int main() { return 1 < 2; }' > src/main.cpp"
                " && printf 'one\\ntwo\\nthree\\n' > src/deep/lines.txt"
                " && printf '# Sources\\n\\nSee [the lines](deep/lines.txt).\\n' > src/README.md"
                " && echo '<script>alert(1)</script>' > page.html"
                " && echo '<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>' > logo.svg"
                " && printf '\\x89PNG\\r\\n\\x1a\\n\\0\\0\\0\\rIHDR' > pixel.png"
                " && printf '\\0' > data.bin && head -c 2999 /dev/urandom >> data.bin && head -c 2097152 /dev/zero | tr '\\0' 'a' > big.txt"
                " && printf '# Site\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n\\n[guide](src/deep/lines.txt) ![px](pixel.png) <script>alert(1)</script> [bad](javascript:alert(1)) <b onclick=alert(2)>bold</b>\\n' > README.md"
                " && printf 'caf\\xe9\\n' > latin1.txt && echo x > '<img src=x onerror=alert(1)>.md'"
                " && git add -A && git commit -qm first && git tag v1.0"
                " && git checkout -qb feature/x && echo feature > src/feature.txt && git add -A && git commit -qm feature"
                " && git push -q " + quote(url(id)) + " main feature/x v1.0",
            dir.path);
        ASSERT_EQ(made.code, 0) << made.output;
        alice.sign_in("alice");
    }
    std::string id;
    harness::Client alice{server.port()};
};

TEST_F(Browse, the_root_lists_folders_first_with_links) {
    auto page = alice.get("/" + id + "/tree");
    ASSERT_EQ(page.status, 200u) << page.body;
    auto docs = page.body.find(">src<"), file = page.body.find(">big.txt<");
    ASSERT_NE(docs, std::string::npos);
    ASSERT_NE(file, std::string::npos);
    EXPECT_LT(docs, file) << "folders come before files";
    EXPECT_TRUE(page.has("href=\"/alice/site/tree/main/src\""));
    EXPECT_TRUE(page.has("&lt;img src=x onerror=alert(1)&gt;.md")) << "hostile names are escaped";
    EXPECT_FALSE(page.has("<img src=x onerror"));
    EXPECT_TRUE(page.has("href=\"/alice/site/blob/main/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.md\""));
}

TEST_F(Browse, the_home_page_shows_the_latest_commit_the_root_and_the_readme) {
    auto home = alice.get("/" + id);
    ASSERT_EQ(home.status, 200u);
    EXPECT_TRUE(home.has("data-testid=\"latest-commit\""));
    EXPECT_TRUE(home.has(">first<")) << "the default branch's latest commit";
    EXPECT_TRUE(home.has("2 branches"));
    EXPECT_TRUE(home.has("href=\"/alice/site/tree/main/src\""));
    EXPECT_TRUE(home.has("<table>")) << "the README is rendered";
    EXPECT_TRUE(home.has("<h1>Site</h1>"));
    EXPECT_TRUE(home.has("href=\"/alice/site/tree/main/src/deep/lines.txt\""));
    EXPECT_TRUE(home.has("src=\"/alice/site/raw/main/pixel.png\""));
    EXPECT_FALSE(home.has("<script>alert(1)"));
    EXPECT_FALSE(home.has("javascript:alert"));
    EXPECT_TRUE(home.has("<b>bold</b>")) << "raw HTML is sanitized, not dropped";
    EXPECT_FALSE(home.has("onclick"));
    EXPECT_FALSE(home.has("&lt;table&gt;")) << "rendered HTML is not escaped a second time";
}

TEST_F(Browse, a_folder_shows_its_own_readme_with_links_from_that_folder) {
    auto src = alice.get("/" + id + "/tree/main/src");
    ASSERT_EQ(src.status, 200u);
    EXPECT_TRUE(src.has("data-testid=\"readme\""));
    EXPECT_TRUE(src.has("<h1>Sources</h1>"));
    EXPECT_TRUE(src.has("href=\"/alice/site/tree/main/src/deep/lines.txt\""));
    EXPECT_FALSE(alice.get("/" + id + "/tree/main/src/deep").has("data-testid=\"readme\""));
}

TEST_F(Browse, a_branch_with_a_slash_a_tag_and_a_commit_id_all_resolve) {
    auto feature = alice.get("/" + id + "/tree/feature/x/src");
    ASSERT_EQ(feature.status, 200u);
    EXPECT_TRUE(feature.has(">feature.txt<"));
    EXPECT_TRUE(feature.has(">feature/x<")) << "the ref badge names the branch";
    auto tag = alice.get("/" + id + "/tree/v1.0/src");
    EXPECT_EQ(tag.status, 200u);
    EXPECT_FALSE(tag.has(">feature.txt<"));
    auto head = git("ls-remote " + quote(url(id)) + " refs/tags/v1.0").output.substr(0, 40);
    EXPECT_EQ(alice.get("/" + id + "/tree/" + head.substr(0, 12) + "/src/main.cpp").status, 200u);
}

TEST_F(Browse, a_text_file_has_numbered_anchored_escaped_lines) {
    auto page = alice.get("/" + id + "/tree/main/src/main.cpp");
    ASSERT_EQ(page.status, 200u);
    EXPECT_TRUE(page.has("id=\"L1\""));
    EXPECT_TRUE(page.has("href=\"#L1\""));
    EXPECT_TRUE(page.has("return 1 &lt; 2;"));
    auto lines = alice.get("/" + id + "/tree/main/src/deep/lines.txt");
    EXPECT_TRUE(lines.has("3 lines"));
    EXPECT_TRUE(lines.has("id=\"L3\""));
    EXPECT_FALSE(lines.has("id=\"L4\"")) << "no phantom line after the final newline";
    auto html = alice.get("/" + id + "/tree/main/page.html");
    EXPECT_TRUE(html.has("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(html.has("<script>alert(1)"));
    EXPECT_EQ(alice.get("/" + id + "/tree/main/latin1.txt").status, 200u) << "not UTF-8 is still shown";
}

TEST_F(Browse, code_names_its_language_and_markdown_is_rendered_with_the_source_a_click_away) {
    EXPECT_TRUE(alice.get("/" + id + "/tree/main/src/main.cpp").has("data-language=\"cpp\""));
    EXPECT_TRUE(alice.get("/" + id + "/tree/main/src/deep/lines.txt").has("data-language=\"\""));
    auto rendered = alice.get("/" + id + "/tree/main/README.md");
    ASSERT_EQ(rendered.status, 200u);
    EXPECT_TRUE(rendered.has("data-testid=\"rendered\""));
    EXPECT_TRUE(rendered.has("<h1>Site</h1>"));
    EXPECT_TRUE(rendered.has("href=\"/alice/site/tree/main/src/deep/lines.txt\"")) << "relative links resolve from the file's folder";
    EXPECT_FALSE(rendered.has("<script>alert(1)"));
    EXPECT_FALSE(rendered.has("data-testid=\"code\""));
    EXPECT_TRUE(rendered.has("href=\"/alice/site/blob/main/README.md?plain=1\""));
    auto source = alice.get("/" + id + "/tree/main/README.md?plain=1");
    EXPECT_TRUE(source.has("data-language=\"markdown\""));
    EXPECT_TRUE(source.has("# Site"));
    EXPECT_TRUE(source.has("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_TRUE(source.has("data-testid=\"show-preview\""));
    auto hostile = alice.get("/" + id + "/tree/main/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.md");
    EXPECT_EQ(hostile.status, 200u);
    EXPECT_FALSE(hostile.has("<img src=x onerror"));
}

TEST_F(Browse, binary_large_and_image_files_are_offered_not_dumped) {
    auto binary = alice.get("/" + id + "/tree/main/data.bin");
    EXPECT_TRUE(binary.has("Binary file."));
    auto big = alice.get("/" + id + "/tree/main/big.txt");
    EXPECT_TRUE(big.has("too large to show"));
    EXPECT_LT(big.body.size(), 100000u);
    auto image = alice.get("/" + id + "/tree/main/pixel.png");
    EXPECT_TRUE(image.has("<img src=\"/alice/site/raw/main/pixel.png\""));
}

TEST_F(Browse, raw_files_can_never_run_in_our_origin) {
    auto html = alice.get("/" + id + "/raw/main/page.html");
    EXPECT_EQ(html.status, 200u);
    EXPECT_EQ(html.header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(html.header("x-content-type-options"), "nosniff");
    EXPECT_NE(html.header("content-security-policy").find("sandbox"), std::string::npos);
    EXPECT_EQ(html.body, "<script>alert(1)</script>\n");
    EXPECT_EQ(alice.get("/" + id + "/raw/main/logo.svg").header("content-type"), "text/plain; charset=utf-8");
    EXPECT_EQ(alice.get("/" + id + "/raw/main/pixel.png").header("content-type"), "image/png");
    auto bin = alice.get("/" + id + "/raw/main/data.bin");
    EXPECT_EQ(bin.header("content-type"), "application/octet-stream");
    EXPECT_NE(bin.header("content-disposition").find("attachment"), std::string::npos);
    EXPECT_EQ(bin.body.size(), 3000u);
    auto etag = html.header("etag");
    EXPECT_EQ(alice.get("/" + id + "/raw/main/page.html", {{"If-None-Match", etag}}).status, 304u);
}

TEST_F(Browse, large_raw_files_stream_from_git_without_the_server_holding_them) {
    auto wc = dir.path / "wc";
    ASSERT_EQ(in(wc, "git checkout -q main && head -c 41943040 /dev/urandom > huge.bin && git add huge.bin && git commit -qm huge && git push -q " +
                         quote(url(id)) + " main")
                  .code,
              0);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // the search indexer has seen the push
    auto before = harness::reset_peak_memory(server.pid());
    auto huge = alice.get("/" + id + "/raw/main/huge.bin");
    auto grew = harness::peak_memory_kb(server.pid()) - before;
    RecordProperty("memory_growth_kb", std::to_string(grew));
    ASSERT_EQ(huge.status, 200u);
    EXPECT_EQ(huge.header("content-length"), "41943040");
    EXPECT_EQ(huge.header("content-type"), "application/octet-stream");
    EXPECT_EQ(huge.header("content-disposition"), "attachment; filename=\"huge.bin\"; filename*=UTF-8''huge.bin");
    EXPECT_EQ(huge.body, harness::sh("cat " + quote((wc / "huge.bin").string())).output.substr(0, 41943040));
    EXPECT_LT(grew, 20 * 1024) << "the server's memory grew by " << grew << " kB for a 40 MB file";
    auto text = alice.get("/" + id + "/raw/main/big.txt");
    EXPECT_EQ(text.header("content-type"), "text/plain; charset=utf-8") << "text past the in-memory size is still text";
    EXPECT_EQ(text.body, std::string(2097152, 'a'));
    EXPECT_EQ(alice.get("/" + id + "/raw/main/huge.bin", {{"If-None-Match", huge.header("etag")}}).status, 304u);
    // HEAD reads no body, and git's unread output blocks no server thread: more of them than the
    // server has threads, then a page still answers.
    for (int i = 0; i < 6; ++i) {
        auto head = harness::raw_exchange(server.port(), "HEAD /" + id + "/raw/main/huge.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                          std::chrono::milliseconds(2000));
        ASSERT_NE(head.find("Content-Length: 41943040"), std::string::npos) << head;
        EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "headers only, no body: " << head.size() << " bytes";
    }
    EXPECT_EQ(alice.get("/health").status, 200u);
}

TEST_F(Browse, a_folder_url_may_end_in_a_slash) {
    for (const auto& path : {"/tree/main/", "/tree/main/src/", "/commits/main/"}) {
        auto page = alice.get("/" + id + path);
        EXPECT_EQ(page.status, 200u) << path;
    }
    EXPECT_TRUE(alice.get("/" + id + "/tree/main/src/").has(">deep<"));
}

TEST_F(Browse, bad_refs_and_paths_are_404s_that_say_why) {
    auto ref = alice.get("/" + id + "/tree/nope/src");
    EXPECT_EQ(ref.status, 404u);
    EXPECT_TRUE(ref.has("No branch, tag or commit is called"));
    auto path = alice.get("/" + id + "/tree/main/src/missing.c");
    EXPECT_EQ(path.status, 404u);
    EXPECT_TRUE(path.has("There is no src/missing.c in main."));
    for (std::string bad : {"/tree/main/../main/src", "/tree/main/%2e%2e/src", "/tree/main/src/%2e%2e/%2e%2e/x",
                            "/tree/main//src", "/raw/main/../../../etc/passwd", "/raw/main/%2fetc%2fpasswd",
                            "/tree/main/./src"}) {
        auto res = alice.get("/" + id + bad);
        EXPECT_TRUE(res.status == 404u || res.status == 400u) << bad << " → " << res.status;
        EXPECT_EQ(res.body.find("root:"), std::string::npos) << bad;
    }
    EXPECT_EQ(alice.get("/" + id + "/raw/main/a%00b").status, 400u);
}

TEST_F(Browse, archives_stream_the_tree_of_a_ref) {
    auto tarball = alice.get("/" + id + "/archive/feature/x.tar.gz");
    ASSERT_EQ(tarball.status, 200u);
    EXPECT_EQ(tarball.header("content-type"), "application/gzip");
    EXPECT_EQ(tarball.header("content-disposition"), "attachment; filename=\"site-feature-x.tar.gz\"; filename*=UTF-8''site-feature-x.tar.gz");
    std::ofstream(dir.path / "x.tar.gz", std::ios::binary) << tarball.body;
    auto listing = harness::sh("tar tzf " + quote((dir.path / "x.tar.gz").string()));
    EXPECT_EQ(listing.code, 0) << listing.output;
    EXPECT_NE(listing.output.find("site-feature-x/src/feature.txt"), std::string::npos) << listing.output;
    auto zip = alice.get("/" + id + "/archive/v1.0.zip");
    EXPECT_EQ(zip.status, 200u);
    EXPECT_EQ(zip.body.substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_EQ(alice.get("/" + id + "/archive/nope.tar.gz").status, 404u);
    EXPECT_EQ(alice.get("/" + id + "/archive/main.rar").status, 404u);
    EXPECT_EQ(alice.get("/" + id + "/archive/main/src.tar.gz").status, 404u) << "a ref, not a path";
    EXPECT_TRUE(alice.get("/" + id + "/tree").has("/alice/site/archive/main.tar.gz"));
}

TEST_F(Browse, private_files_are_invisible_to_outsiders) {
    auto secret = create_repo("secret", true);
    harness::Client carol(server.port());
    carol.sign_in("carol");
    EXPECT_EQ(carol.get("/" + secret + "/tree").status, 404u);
    EXPECT_EQ(carol.get("/" + secret + "/tree/main/README.md").status, 404u);
    EXPECT_EQ(carol.get("/" + secret + "/raw/main/README.md").status, 404u);
    EXPECT_EQ(harness::Client(server.port()).get("/" + secret + "/raw/main/README.md").status, 404u);
    EXPECT_EQ(carol.get("/" + secret + "/archive/main.tar.gz").status, 404u);
    EXPECT_EQ(alice.get("/" + secret + "/raw/main/README.md").body, "# secret\n");
}

}  // namespace

TEST_F(Browse, a_repository_deleted_and_created_again_never_shows_the_old_files) {
    EXPECT_TRUE(alice.get("/" + id + "/tree/main/src/main.cpp").has("return 1 &lt; 2;"));  // its handle is kept open
    EXPECT_EQ(alice.post_form("/" + id + "/delete", {{"confirm", id}}).status, 303u);
    ASSERT_EQ(create_repo("site", false, false), id);
    auto wc = dir.path / "again";
    auto made = harness::sh("git init -qb main " + quote(wc.string()) + " && cd " + quote(wc.string()) +
                                " && mkdir src && echo 'int main() { return 0; }' > src/main.cpp && git add -A && git commit -qm again"
                                " && git push -q " + quote(url(id)) + " main",
                            dir.path);
    ASSERT_EQ(made.code, 0) << made.output;
    auto page = alice.get("/" + id + "/tree/main/src/main.cpp");
    EXPECT_TRUE(page.has("return 0;"));
    EXPECT_FALSE(page.has("return 1 &lt; 2;"));
    EXPECT_EQ(alice.get("/" + id + "/tree/main/big.txt").status, 404u);
}

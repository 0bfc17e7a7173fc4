// git over smart HTTP with the real git client.
#include <signal.h>

#include <fstream>

#include <thread>

#include "git_fixture.hpp"

namespace {

using harness::quote;

class GitHttp : public GitFixture {};

TEST_F(GitHttp, clone_push_fetch_with_protocol_v2_and_v0) {
    auto id = create_repo("Project", false);
    EXPECT_EQ(id, "alice/Project");
    auto a = dir.path / "a", b = dir.path / "b";
    auto clone = git("-c protocol.version=2 clone " + quote(url(id)) + " " + quote(a.string()));
    ASSERT_EQ(clone.code, 0) << clone.output;
    EXPECT_TRUE(std::filesystem::exists(a / "README.md"));
    auto v0 = git("-c protocol.version=0 clone " + quote(url(id)) + " " + quote(b.string()));
    ASSERT_EQ(v0.code, 0) << v0.output;

    ASSERT_EQ(in(a, "echo one > one.txt && git add one.txt && git commit -qm one && git push -q origin main").code, 0);
    auto fetch = in(b, "git -c protocol.version=0 pull -q origin main && cat one.txt");
    EXPECT_EQ(fetch.code, 0) << fetch.output;
    EXPECT_EQ(fetch.output, "one\n");

    // New branches and tags, deleting a branch, and a force-push.
    ASSERT_EQ(in(a, "git checkout -qb feature/x && echo two > two.txt && git add two.txt && git commit -qm two && "
                    "git tag v1.0 && git push -q origin feature/x v1.0").code, 0);
    auto refs = git("ls-remote " + quote(url(id)));
    EXPECT_NE(refs.output.find("refs/heads/feature/x"), std::string::npos) << refs.output;
    EXPECT_NE(refs.output.find("refs/tags/v1.0"), std::string::npos);
    ASSERT_EQ(in(a, "git push -q origin --delete feature/x").code, 0);
    EXPECT_EQ(git("ls-remote " + quote(url(id))).output.find("refs/heads/feature/x"), std::string::npos);
    auto rewind = in(a, "git checkout -q main && git reset -q --hard HEAD~1 && git push -q --force origin main && git rev-parse HEAD");
    ASSERT_EQ(rewind.code, 0) << rewind.output;
    EXPECT_NE(git("ls-remote " + quote(url(id)) + " refs/heads/main").output.find(rewind.output.substr(0, 40)),
              std::string::npos);
}

TEST_F(GitHttp, shallow_clone_and_push_to_an_empty_repository) {
    auto id = create_repo("empty", true, false);
    auto a = dir.path / "a";
    ASSERT_EQ(harness::sh("git init -qb main " + quote(a.string())).code, 0);
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(in(a, "git commit -q --allow-empty -m c" + std::to_string(i)).code, 0);
    auto push = in(a, "git push -q " + quote(url(id)) + " main");
    ASSERT_EQ(push.code, 0) << push.output;
    auto shallow = dir.path / "shallow";
    ASSERT_EQ(git("clone -q --depth 1 " + quote(url(id)) + " " + quote(shallow.string())).code, 0);
    EXPECT_EQ(in(shallow, "git rev-list --count HEAD").output, "1\n");
}

TEST_F(GitHttp, the_first_push_of_another_branch_becomes_the_default_branch) {
    auto id = create_repo("trunk", false, false);
    auto a = dir.path / "a";
    ASSERT_EQ(harness::sh("git init -qb trunk " + quote(a.string())).code, 0);
    ASSERT_EQ(in(a, "echo x > x && git add x && git commit -qm x && git push -q " + quote(url(id)) + " trunk").code, 0);
    auto repo = harness::Client(server.port()).get("/api/v1/repos/" + id, {{"Authorization", "token " + tokens["alice"]}});
    EXPECT_EQ(harness::json_field(repo.body, "default_branch"), "trunk") << repo.body;
    auto clone = dir.path / "clone";
    ASSERT_EQ(git("clone -q " + quote(url(id)) + " " + quote(clone.string())).code, 0);
    EXPECT_EQ(in(clone, "git symbolic-ref --short HEAD").output, "trunk\n") << "HEAD follows, so clones check it out";
}

TEST_F(GitHttp, push_records_an_event_that_updates_the_repository) {
    auto id = create_repo("events", false);
    auto a = dir.path / "a";
    ASSERT_EQ(git("clone -q " + quote(url(id)) + " " + quote(a.string())).code, 0);
    ASSERT_EQ(in(a, "echo x > x && git add x && git commit -qm x && git push -q origin main").code, 0);
    harness::Client api(server.port());
    std::string pushed;
    for (int i = 0; i < 50 && (pushed.empty() || pushed == "null"); ++i) {
        pushed = harness::json_field(api.get("/api/v1/repos/" + id, {{"Authorization", "token " + tokens["alice"]}}).body, "pushed_at");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_NE(pushed, "null") << "the push event reached the repository subscriber";
    EXPECT_FALSE(pushed.empty());
}

TEST_F(GitHttp, concurrent_pushes_to_different_branches_all_land) {
    auto id = create_repo("busy", false);
    auto base = dir.path / "base";
    ASSERT_EQ(git("clone -q " + quote(url(id)) + " " + quote(base.string())).code, 0);
    std::vector<std::thread> pushers;
    std::vector<int> codes(10, -1);
    for (int i = 0; i < 10; ++i) {
        auto wc = dir.path / ("wc" + std::to_string(i));
        ASSERT_EQ(harness::sh("cp -r " + quote(base.string()) + " " + quote(wc.string())).code, 0);
        pushers.emplace_back([&, i, wc] {
            codes[i] = in(wc, "git checkout -qb b" + std::to_string(i) + " && echo " + std::to_string(i) +
                                  " > f && git add f && git commit -qm c && git push -q origin b" + std::to_string(i)).code;
        });
    }
    for (auto& t : pushers) t.join();
    auto refs = git("ls-remote --heads " + quote(url(id))).output;
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(codes[i], 0) << "push " << i;
        EXPECT_NE(refs.find("refs/heads/b" + std::to_string(i) + "\n"), std::string::npos) << refs;
    }
}

TEST_F(GitHttp, a_truncated_pack_is_rejected_and_changes_nothing) {
    auto id = create_repo("solid", false);
    auto a = dir.path / "a";
    ASSERT_EQ(git("clone -q " + quote(url(id)) + " " + quote(a.string())).code, 0);
    auto before = git("ls-remote " + quote(url(id))).output;
    // Build a receive-pack request by hand: one ref update and a pack cut in half.
    auto made = in(a, "head -c 200000 /dev/urandom > big && git add big && git commit -qm big && "
                      "old=$(git rev-parse HEAD~1) new=$(git rev-parse HEAD) && "
                      "line=\"$old $new refs/heads/main\"; printf '%04x%s\\0report-status\\n' $((${#line} + 19)) \"$line\" > req && "
                      "printf 0000 >> req && printf '%s\\n^%s\\n' $new $old | git pack-objects -q --stdout --revs > pack && "
                      "head -c $(( $(stat -c %s pack) / 2 )) pack >> req");
    ASSERT_EQ(made.code, 0) << made.output;
    harness::Client client(server.port());
    std::ifstream body_file(a / "req", std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(body_file)), std::istreambuf_iterator<char>());
    auto res = client.request("POST", "/" + id + ".git/git-receive-pack", body,
                              {{"Content-Type", "application/x-git-receive-pack-request"},
                               {"Authorization", harness::basic_auth("alice", tokens["alice"])}});
    EXPECT_NE(res.body.find("unpack"), std::string::npos) << res.body;
    EXPECT_EQ(res.body.find("unpack ok"), std::string::npos) << res.body;
    EXPECT_EQ(git("ls-remote " + quote(url(id))).output, before);
    auto fsck = harness::sh("git --git-dir=" + quote(repo_path(id).string()) + " fsck --no-progress");
    EXPECT_EQ(fsck.code, 0) << fsck.output;
}

TEST_F(GitHttp, large_pushes_stream_without_buffering_in_the_server) {
    auto id = create_repo("large", false);
    auto a = dir.path / "a";
    ASSERT_EQ(git("clone -q " + quote(url(id)) + " " + quote(a.string())).code, 0);
    ASSERT_EQ(in(a, "head -c 52428800 /dev/urandom > blob.bin && git add blob.bin && git commit -qm blob").code, 0);
    // Sign-ups hashed passwords with argon2id (64 MiB each); start the peak from here.
    std::ofstream("/proc/" + std::to_string(server.pid()) + "/clear_refs") << "5";
    auto push = in(a, "git push -q origin main");
    ASSERT_EQ(push.code, 0) << push.output;
    auto clone = git("clone -q " + quote(url(id)) + " " + quote((dir.path / "b").string()));
    ASSERT_EQ(clone.code, 0) << clone.output;
    EXPECT_EQ(std::filesystem::file_size(dir.path / "b" / "blob.bin"), 52428800u);
    std::ifstream status("/proc/" + std::to_string(server.pid()) + "/status");
    std::string line;
    long peak_kb = 0;
    while (std::getline(status, line))
        if (line.starts_with("VmHWM:")) peak_kb = std::stol(line.substr(6));
    EXPECT_GT(peak_kb, 0);
    EXPECT_LT(peak_kb, 40 * 1024) << "peak RSS while moving 50 MB each way; the stated bound is 40 MB";
    RecordProperty("peak_rss_kb", std::to_string(peak_kb));
}

TEST_F(GitHttp, kill_9_during_a_push_leaves_repository_and_database_consistent) {
    auto id = create_repo("crash", false);
    auto a = dir.path / "a";
    ASSERT_EQ(git("clone -q " + quote(url(id)) + " " + quote(a.string())).code, 0);
    ASSERT_EQ(in(a, "head -c 30000000 /dev/urandom > blob.bin && git add blob.bin && git commit -qm blob").code, 0);
    std::thread pusher([&] { in(a, "git push -q origin main"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    server.stop(SIGKILL);
    pusher.join();
    server.start();
    auto fsck = harness::sh("git --git-dir=" + quote(repo_path(id).string()) + " fsck --no-progress --connectivity-only");
    EXPECT_EQ(fsck.code, 0) << fsck.output;
    harness::Client api(server.port());
    EXPECT_EQ(api.get("/api/v1/repos/" + id, {{"Authorization", "token " + tokens["alice"]}}).status, 200u);
    auto again = in(a, "git push -q " + quote(url(id)) + " main");
    EXPECT_EQ(again.code, 0) << "the push can simply be retried: " << again.output;
}

TEST_F(GitHttp, gzip_encoded_requests_are_decoded) {
    auto id = create_repo("zipped", false);
    auto head = git("ls-remote " + quote(url(id)) + " refs/heads/main").output.substr(0, 40);
    // A protocol v0 fetch request: want the tip, done; gzipped as git does for large ones.
    auto made = harness::sh("cd " + quote(dir.path.string()) + " && printf '0032want " + head + "\\n00000009done\\n' | gzip -c > req.gz");
    ASSERT_EQ(made.code, 0) << made.output;
    std::ifstream in(dir.path / "req.gz", std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    harness::Client client(server.port());
    auto res = client.request("POST", "/" + id + ".git/git-upload-pack", body,
                              {{"Content-Type", "application/x-git-upload-pack-request"}, {"Content-Encoding", "gzip"}});
    EXPECT_EQ(res.status, 200u);
    EXPECT_EQ(res.body.substr(0, 8), "0008NAK\n");
    EXPECT_NE(res.body.find("PACK"), std::string::npos) << "a pack follows the NAK";
    auto corrupt = client.request("POST", "/" + id + ".git/git-upload-pack", "not gzip at all",
                                  {{"Content-Type", "application/x-git-upload-pack-request"}, {"Content-Encoding", "gzip"}});
    EXPECT_EQ(corrupt.status, 400u) << corrupt.body;
    auto empty = client.request("POST", "/" + id + ".git/git-upload-pack", "garbage",
                                {{"Content-Type", "application/x-git-upload-pack-request"}});
    EXPECT_EQ(empty.status, 400u) << empty.body;
}

TEST_F(GitHttp, bad_requests_get_clear_errors_and_never_reach_git_as_options) {
    auto id = create_repo("target", false);
    harness::Client client(server.port());
    auto unknown = client.get("/" + id + ".git/info/refs?service=git-upload-archive");
    EXPECT_EQ(unknown.status, 403u);
    EXPECT_NE(unknown.body.find("Unsupported service"), std::string::npos);
    EXPECT_EQ(client.get("/" + id + ".git/info/refs").status, 403u) << "dumb HTTP is not served";
    for (std::string target : {"/repo/..%2f..%2fetc.git/info/refs?service=git-upload-pack",
                               "/repo/%2e%2e/info/refs?service=git-upload-pack",
                               "/repo/-h/info/refs?service=git-upload-pack",
                               "/repo/--upload-pack=touch%20%2ftmp%2fpwned/info/refs?service=git-upload-pack"}) {
        auto res = client.get(target);
        EXPECT_TRUE(res.status == 404u || res.status == 401u) << target << " → " << res.status;
    }
    EXPECT_FALSE(std::filesystem::exists("/tmp/pwned"));
    auto bogus = client.get("/" + id + ".git/info/refs?service=git-upload-pack", {{"Authorization", "Basic !!!"}});
    EXPECT_EQ(bogus.status, 401u);
    auto protocol = client.get("/" + id + ".git/info/refs?service=git-upload-pack", {{"Git-Protocol", "version=2 --x"}});
    EXPECT_EQ(protocol.status, 400u);
    auto wrong_type = client.request("POST", "/" + id + ".git/git-upload-pack", "0000", {{"Content-Type", "text/plain"}});
    EXPECT_EQ(wrong_type.status, 415u);
    auto option_ref = harness::sh("git init -qb main x && cd x && git commit -q --allow-empty -m c && "
                                  "git push " + quote(url(id)) + " HEAD:refs/heads/--force", dir.path);
    EXPECT_EQ(git("ls-remote " + quote(url(id))).output.find("--force"), std::string::npos) << option_ref.output;
}

}  // namespace

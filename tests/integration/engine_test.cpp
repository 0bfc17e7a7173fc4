// The Docker Engine API client against a real engine (`../shared/tools/container-engine up`,
// which `make test` starts): a job's container is made, given files, run, waited for, read and
// removed; it has no network; a timeout kills it.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "actions/engine.hpp"
#include "harness.hpp"

namespace actions {
namespace {

constexpr const char* kImage = "localhost/skyscape/busybox:latest";

class EngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto found = Engine::from_env();
        ASSERT_TRUE(found) << "DOCKER_HOST must name the container engine's unix socket: run the tests through `make test`, "
                              "which starts ../shared/tools/container-engine";
        engine.emplace(*found);
        auto version = engine->version();
        ASSERT_TRUE(version) << version.error().message;
    }
    std::string run(const std::string& script, Limits limits = {}) {
        auto id = engine->create({kImage, {"/bin/sh", "-c", script}, {"GREETING=hello"}, "/", limits, {{"skyscape.test", "1"}}});
        EXPECT_TRUE(id) << (id ? "" : id.error().message);
        return id ? *id : "";
    }
    std::optional<Engine> engine;
};

TEST_F(EngineTest, a_container_gets_files_runs_and_is_removed) {
    harness::TempDir dir;
    auto tar = harness::sh("mkdir -p " + (dir.path / "src").string() + " && echo 'checked out' > " + (dir.path / "src/hello.txt").string() +
                           " && tar -C " + (dir.path / "src").string() + " -cf - .");
    ASSERT_EQ(tar.code, 0);
    auto id = run("echo out; echo err >&2; cat /tmp/hello.txt; echo $GREETING; ls /sys/class/net; exit 3");
    ASSERT_FALSE(id.empty());
    std::istringstream archive(tar.output);
    ASSERT_TRUE(engine->put_archive(id, "/tmp", archive));
    ASSERT_TRUE(engine->start(id));
    auto exit = engine->wait(id, std::chrono::seconds(30));
    ASSERT_TRUE(exit) << exit.error().message;
    EXPECT_EQ(exit->code, 3);
    EXPECT_FALSE(exit->timed_out);
    auto logs = engine->logs(id);
    ASSERT_TRUE(logs);
    // stdout and stderr come through separate pipes, so only each one's own order is certain
    // (the job agent sends both through one).
    auto err = logs->find("err\n");
    ASSERT_NE(err, std::string::npos) << *logs;
    auto out = logs->substr(0, err) + logs->substr(err + 4);
    EXPECT_EQ(out, "out\nchecked out\nhello\nlo\n") << "stdout as written; no network but loopback";
    EXPECT_TRUE(engine->remove(id));
    EXPECT_FALSE(engine->logs(id)) << "it is gone";
}

TEST_F(EngineTest, the_timeout_kills_a_container) {
    auto id = run("echo started; sleep 60");
    ASSERT_TRUE(engine->start(id));
    auto started = std::chrono::steady_clock::now();
    auto exit = engine->wait(id, std::chrono::milliseconds(1500));
    ASSERT_TRUE(exit) << exit.error().message;
    EXPECT_TRUE(exit->timed_out);
    EXPECT_NE(exit->code, 0);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)) << "not the sleep's 60 s";
    EXPECT_TRUE(engine->remove(id));
}

TEST_F(EngineTest, a_missing_image_is_a_clear_error) {
    auto id = engine->create({"localhost/skyscape/no-such-image:1", {"true"}, {}, "", {}, {}});
    ASSERT_FALSE(id);
    EXPECT_NE(id.error().message.find("no image localhost/skyscape/no-such-image:1"), std::string::npos) << id.error().message;
    auto has = engine->has_image(kImage);
    ASSERT_TRUE(has);
    EXPECT_TRUE(*has);
    EXPECT_FALSE(*engine->has_image("localhost/skyscape/no-such-image:1"));
}

}  // namespace
}  // namespace actions

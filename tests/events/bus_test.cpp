// The event bus on a real SQLite database: one subscriber that fails on an event neither stops
// the others nor retries that event forever.
#include "events/bus.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "core/embedded.hpp"

namespace events {
namespace {

class BusTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "skyscape-bus-XXXXXX").string();
        root = mkdtemp(pattern.data());
        pool = db::Pool::open_sqlite(root / "test.db", 2);
        soci::session sql(pool->get());
        ASSERT_TRUE(db::migrate(sql, embedded::migrations()));
        sql << "INSERT INTO users (username, email, password_hash, created_at) VALUES ('a', 'a@x', '-', 0)";
        sql << "INSERT INTO repos (id, name, owner_id, created_at) VALUES ('r', 'r', 1, 0)";
    }
    void TearDown() override { std::filesystem::remove_all(root); }

    void add_event(const std::string& ref) {
        soci::session sql(pool->get());
        sql << "INSERT INTO events (repo_id, kind, actor_id, ref, old_sha, new_sha, created_at) VALUES ('r', 'push', 1, :ref, 'a', 'b', 0)",
            soci::use(ref);
    }

    //! Waits (nudging the bus) until done holds, at most 20 s.
    void wait_until(Bus& bus, const std::function<bool()>& done) {
        for (int i = 0; i < 400 && !done(); ++i) {
            bus.notify();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    std::filesystem::path root;
    std::unique_ptr<db::Pool> pool;
};

TEST_F(BusTest, a_subscriber_that_fails_on_an_event_gives_up_on_it_records_why_and_holds_back_no_one) {
    add_event("refs/heads/poison");
    add_event("refs/heads/fine");
    std::mutex mutex;
    std::vector<std::string> good_saw, bad_saw;
    std::atomic<int> bad_tries{0};
    Bus bus(*pool);
    bus.subscribe("bad", [&](const store::Event& e) {
        if (e.ref == "refs/heads/poison") {
            ++bad_tries;
            throw std::out_of_range("stoll");
        }
        std::lock_guard lock(mutex);
        bad_saw.push_back(e.ref);
    });
    bus.subscribe("good", [&](const store::Event& e) {
        std::lock_guard lock(mutex);
        good_saw.push_back(e.ref);
    });
    bus.start();
    wait_until(bus, [&] {
        std::lock_guard lock(mutex);
        return good_saw.size() == 2 && bad_saw.size() == 1;
    });
    bus.stop();
    EXPECT_EQ(good_saw, (std::vector<std::string>{"refs/heads/poison", "refs/heads/fine"})) << "the other subscriber gets every event";
    EXPECT_EQ(bad_saw, (std::vector<std::string>{"refs/heads/fine"})) << "the failing one moves on";
    EXPECT_EQ(bad_tries.load(), Bus::kTries);
    auto failures = store::failures(*pool, 10);
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0].subscriber, "bad");
    EXPECT_EQ(failures[0].tries, Bus::kTries);
    EXPECT_EQ(failures[0].error, "stoll");
}

TEST_F(BusTest, a_failure_that_passes_is_retried_and_nothing_is_recorded) {
    add_event("refs/heads/main");
    std::atomic<int> calls{0};
    Bus bus(*pool);
    bus.subscribe("flaky", [&](const store::Event&) {
        if (++calls == 1) throw std::runtime_error("database is locked");
    });
    bus.start();
    wait_until(bus, [&] { return calls.load() >= 2; });
    bus.stop();
    EXPECT_EQ(calls.load(), 2);
    EXPECT_TRUE(store::failures(*pool, 10).empty());
}

}  // namespace
}  // namespace events

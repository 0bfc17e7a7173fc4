#include <gtest/gtest.h>

#include "db/pool.hpp"

namespace {

class Migrations : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "skyscape-db-XXXXXX").string();
        root = mkdtemp(pattern.data());
        pool = db::Pool::open_sqlite(root / "test.db", 2);
    }
    void TearDown() override { std::filesystem::remove_all(root); }
    int count(const std::string& query) {
        soci::session sql(pool->get());
        int n = 0;
        sql << query, soci::into(n);
        return n;
    }
    std::filesystem::path root;
    std::unique_ptr<db::Pool> pool;
};

TEST_F(Migrations, the_shipped_migrations_apply_once) {
    soci::session sql(pool->get());
    ASSERT_TRUE(db::migrate(sql, embedded::migrations()));
    ASSERT_TRUE(db::migrate(sql, embedded::migrations())) << "a second start changes nothing";
    EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), static_cast<int>(embedded::migrations().size()));
    EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 0);
}

TEST_F(Migrations, each_runs_in_order_and_a_failing_one_leaves_nothing_behind) {
    const core::EmbeddedFile good[] = {{"001_one.sql", "CREATE TABLE one (id INTEGER);\nINSERT INTO one VALUES (1);\n"}};
    const core::EmbeddedFile bad[] = {
        {"001_one.sql", good[0].data},
        {"002_two.sql", "CREATE TABLE two (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n"}};
    soci::session sql(pool->get());
    ASSERT_TRUE(db::migrate(sql, good));
    EXPECT_THROW((void)db::migrate(sql, bad), soci::soci_error);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'two'"), 0) << "rolled back whole";
    EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM one"), 1);
}

TEST_F(Migrations, connections_use_wal_and_foreign_keys) {
    soci::session sql(pool->get());
    std::string mode;
    int fk = 0;
    sql << "PRAGMA journal_mode", soci::into(mode);
    sql << "PRAGMA foreign_keys", soci::into(fk);
    EXPECT_EQ(mode, "wal");
    EXPECT_EQ(fk, 1);
}

}  // namespace

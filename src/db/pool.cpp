#include "db/pool.hpp"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <string>
#include <vector>

namespace db {

std::unique_ptr<Pool> Pool::open_sqlite(const std::filesystem::path& file, std::size_t size) {
    std::unique_ptr<Pool> pool(new Pool(size));
    for (std::size_t i = 0; i < size; ++i) {
        auto& sql = pool->pool_.at(i);
        sql.open(soci::sqlite3, "db=" + file.string() + " timeout=5");
        sql << "PRAGMA journal_mode=WAL";
        sql << "PRAGMA synchronous=NORMAL";
        sql << "PRAGMA foreign_keys=ON";
    }
    return pool;
}

Transaction::Transaction(soci::session& sql) : sql_(sql) {
    sql_ << (sql_.get_backend_name() == "sqlite3" ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!open_) return;
    // A destructor cannot throw; a failed rollback leaves nothing more to undo here (the
    // connection drops the transaction when it is reused or closed).
    try {
        sql_ << "ROLLBACK";
    } catch (const std::exception& e) {
        spdlog::error("rollback: {}", describe(e));
    }
}

void Transaction::commit() {
    sql_ << "COMMIT";
    open_ = false;
}

namespace {

std::vector<std::string> split_statements(std::string_view script) {
    std::vector<std::string> out;
    std::string current;
    std::size_t start = 0;
    while (start < script.size()) {
        auto end = script.find('\n', start);
        if (end == std::string_view::npos) end = script.size();
        std::string_view line = script.substr(start, end - start);
        start = end + 1;
        if (line.starts_with("--")) continue;
        current.append(line).push_back('\n');
        auto last = line.find_last_not_of(" \t\r");
        if (last != std::string_view::npos && line[last] == ';') {
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(std::move(current));
    return out;
}

}  // namespace

core::Status migrate(soci::session& sql, std::span<const core::EmbeddedFile> migrations) {
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    for (const auto& file : migrations) {
        int version = std::atoi(std::string(file.name.substr(0, file.name.find('_'))).c_str());
        if (version <= 0) return core::fail(core::Errc::internal, "migration without a version: " + std::string(file.name));
        int applied = 0;
        sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version), soci::into(applied);
        if (applied) continue;
        Transaction tx(sql);
        for (const auto& statement : split_statements(file.data)) sql << statement;
        std::string name(file.name);
        auto at = now();
        sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(version),
            soci::use(name), soci::use(at);
        tx.commit();
        spdlog::info("applied migration {}", file.name);
    }
    return {};
}

bool ping(Pool& pool) {
    try {
        soci::session sql(pool.get());
        int one = 0;
        sql << "SELECT 1", soci::into(one);
        return one == 1;
    } catch (const std::exception& e) {
        spdlog::error("database ping: {}", e.what());
        return false;
    }
}

std::string describe(const std::exception& error) {
    if (const auto* db_error = dynamic_cast<const soci::soci_error*>(&error)) return db_error->get_error_message();
    return error.what();
}

std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace db

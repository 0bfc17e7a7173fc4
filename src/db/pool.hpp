#pragma once

#include <soci/soci.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "core/embedded.hpp"
#include "core/result.hpp"

namespace db {

//! A fixed set of open connections. Lease one per unit of work with `soci::session sql(pool.get())`;
//! it returns to the pool when the session is destroyed.
class Pool {
public:
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    //! Opens `size` connections to an SQLite file: WAL journal, 5 s busy timeout, foreign keys on.
    static std::unique_ptr<Pool> open_sqlite(const std::filesystem::path& file, std::size_t size);

    soci::connection_pool& get() { return pool_; }

private:
    explicit Pool(std::size_t size) : pool_(size) {}
    soci::connection_pool pool_;
};

//! A transaction that writes. On SQLite it begins IMMEDIATE, taking the write lock at once and
//! waiting for it up to the busy timeout: a deferred BEGIN that reads first fails "database is
//! locked" at its first write, without waiting, when another writer got in between. Rolled back
//! unless committed.
class Transaction {
public:
    explicit Transaction(soci::session& sql);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    soci::session& sql_;
    bool open_ = true;
};

//! Applies each migration whose version (the NNN of NNN_name.sql) is not yet recorded, each in
//! its own transaction, in order. Statements in a file are separated by a ';' that ends a line.
core::Status migrate(soci::session& sql, std::span<const core::EmbeddedFile> migrations);

//! True when the database answers a trivial query.
bool ping(Pool& pool);

//! What went wrong, fit for a log line: a database error's own message (what() would add the
//! statement's bound values, which may be secrets), anything else's what().
std::string describe(const std::exception& error);

//! Current time as Unix seconds, the only time format stored in the database.
std::int64_t now();

}  // namespace db

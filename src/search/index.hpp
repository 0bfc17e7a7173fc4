#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"

//! Code search: the index (this file), the query language (query.hpp), matching a file's text
//! (matcher.hpp), the search itself (service.hpp), the background indexer (indexer.hpp).
namespace search {

//! What one repository's index holds.
struct RepoState {
    std::string ref;         //!< the branch indexed (the default branch)
    std::string commit;      //!< the commit the index was built from; "" for an empty repository
    std::int64_t files = 0;  //!< text files indexed
    std::int64_t bytes = 0;  //!< their size
    std::int64_t indexed_at = 0;
};

//! One indexed file: where a document (a blob) appears.
struct File {
    std::string repo_id;
    std::string path;
};

//! The trigram index in DATA_DIR/search.db. Documents are blobs, stored once (by object id)
//! however many repositories and paths hold them: their text for checking matches (kept plain:
//! decompressing was most of a search's time), and an FTS5 trigram table (detail=none) that
//! says which documents hold a trigram.
class Index {
public:
    //! Opens (creating and migrating) the index database. Throws soci::soci_error.
    static std::unique_ptr<Index> open(const std::filesystem::path& file, std::size_t connections);

    //! Brings repo_id's index to the tip of `branch` in the git repository at git_dir: only the
    //! files that changed since the commit it was built from (a tree diff), or every file when
    //! it holds no commit or one that is gone (a force-push). Binary files (a NUL in the first
    //! 8000 bytes, as git decides) and files over max_file_size are left out. Work is committed
    //! in batches and the state last, so an interrupted sync is finished by the next one.
    core::Result<RepoState> sync(const std::string& repo_id, const std::filesystem::path& git_dir, const std::string& branch,
                                 std::int64_t max_file_size);
    //! Forgets a repository (and the documents only it held).
    void drop(const std::string& repo_id);
    std::optional<RepoState> state(const std::string& repo_id);
    std::vector<std::string> repos();
    //! The database's size on disk.
    std::int64_t size_bytes();

    //! Up to `limit` documents after `after` that satisfy an FTS5 expression of trigrams
    //! ("abc" AND "bcd" …), ascending.
    std::vector<std::int64_t> docs_matching(const std::string& fts_expression, std::int64_t after, std::size_t limit);
    //! Every document of these repositories, ascending (a scan when nothing narrows a query).
    std::vector<std::int64_t> docs_of(const std::vector<std::string>& repo_ids);

    //! A document and the files that hold it.
    struct Doc {
        std::int64_t id = 0;
        std::vector<File> files;  //!< by repository and path
    };
    //! These documents (those that still exist and are held by some file), in ascending order:
    //! one statement for them all.
    std::vector<Doc> docs(const std::vector<std::int64_t>& ids);

    //! Reads documents' text for one search: one connection and one open blob handle moved
    //! from row to row (SQLite's incremental I/O, past SOCI: the text is copied once, from the
    //! mapped file into a reused buffer, with no statement to prepare).
    class Reader {
    public:
        explicit Reader(Index& index);
        ~Reader();
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;
        //! The document's text into out; false when it is gone.
        bool read(std::int64_t doc_id, std::string& out);

    private:
        soci::session sql_;
        void* blob_ = nullptr;  //!< an sqlite3_blob (SOCI's header keeps SQLite's types in a namespace)
    };

private:
    explicit Index(std::unique_ptr<db::Pool> pool) : pool_(std::move(pool)) {}
    std::unique_ptr<db::Pool> pool_;
};

}  // namespace search

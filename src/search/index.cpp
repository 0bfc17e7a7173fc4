#include "search/index.hpp"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <map>
#include <set>

#include "browse/store.hpp"
#include "core/embedded.hpp"
#include "git/handles.hpp"

namespace search {
namespace {

using core::Errc;
using core::fail;

constexpr std::size_t kBatch = 500;       // file changes per transaction
constexpr std::size_t kBinaryProbe = 8000;  // git's buffer_is_binary looks this far for a NUL

bool is_text_blob(git_filemode_t mode) { return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE; }

// A change to one path of the indexed branch: the blob it holds now, or none (removed).
struct Change {
    std::string path;
    std::optional<git_oid> blob;
};

// The changes from old_tree (null: nothing indexed yet) to new_tree, paths only: blobs are not read.
core::Result<std::vector<Change>> diff_trees(git_repository* repo, git_tree* old_tree, git_tree* new_tree) {
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.flags = GIT_DIFF_SKIP_BINARY_CHECK;
    git_diff* raw = nullptr;
    if (git_diff_tree_to_tree(&raw, repo, old_tree, new_tree, &opts) < 0)
        return fail(Errc::internal, "Could not compare trees: " + std::string(git_error_last() ? git_error_last()->message : ""));
    git::Owned<git_diff, git_diff_free> diff(raw);
    std::vector<Change> out;
    for (std::size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        if (d->old_file.mode != 0 && d->status != GIT_DELTA_ADDED) out.push_back({d->old_file.path, std::nullopt});
        if (d->status != GIT_DELTA_DELETED && is_text_blob(static_cast<git_filemode_t>(d->new_file.mode)))
            out.push_back({d->new_file.path, d->new_file.id});
    }
    return out;
}

// The documents among `ids` that no file holds any more go, from the FTS table too (a
// contentless table forgets a row given the text it was indexed with).
void collect_garbage(soci::session& sql, const std::set<std::int64_t>& ids) {
    for (auto id : ids) {
        int used = 0;
        sql << "SELECT COUNT(*) FROM files WHERE doc_id = :d", soci::use(id), soci::into(used);
        if (used) continue;
        std::string content;
        sql << "SELECT content FROM docs WHERE id = :d", soci::use(id), soci::into(content);
        if (!sql.got_data()) continue;
        sql << "INSERT INTO trigrams (trigrams, rowid, text) VALUES ('delete', :d, :t)", soci::use(id), soci::use(content);
        sql << "DELETE FROM docs WHERE id = :d", soci::use(id);
    }
}

}  // namespace

std::unique_ptr<Index> Index::open(const std::filesystem::path& file, std::size_t connections) {
    auto pool = db::Pool::open_sqlite(file, connections);
    // Every connection reads the index through one shared mapping of the file (the page cache)
    // rather than warming a private cache of its own with read() calls.
    for (std::size_t i = 0; i < connections; ++i) pool->get().at(i) << "PRAGMA mmap_size = 4294967296";
    soci::session sql(pool->get());
    if (auto migrated = db::migrate(sql, embedded::search_migrations()); !migrated)
        throw soci::soci_error("search index: " + migrated.error().message);
    return std::unique_ptr<Index>(new Index(std::move(pool)));
}

core::Result<RepoState> Index::sync(const std::string& repo_id, const std::filesystem::path& git_dir, const std::string& branch,
                                    std::int64_t max_file_size) {
    auto repo = browse::store::Repository::open(git_dir);
    if (!repo) return tl::unexpected(repo.error());
    git_repository* r = repo->get();
    auto before = state(repo_id);

    git_oid tip;
    std::string tip_hex;
    git::Tree new_tree;
    if (git_reference_name_to_id(&tip, r, ("refs/heads/" + branch).c_str()) == 0) {
        tip_hex = git::hex(&tip);
        if (before && before->commit == tip_hex && before->ref == branch) return *before;
        auto commit = git::lookup_commit(r, tip_hex);
        git_tree* tree = nullptr;
        if (!commit || git_commit_tree(&tree, commit.get()) < 0) return fail(Errc::internal, "Could not read " + branch + " of " + repo_id + ".");
        new_tree.reset(tree);
    }

    // From the commit indexed before when it is still there; otherwise from nothing, removing
    // every path indexed before that the new tree lacks.
    git::Tree old_tree;
    if (before && !before->commit.empty() && before->ref == branch)
        if (auto old_commit = git::lookup_commit(r, before->commit)) {
            git_tree* tree = nullptr;
            if (git_commit_tree(&tree, old_commit.get()) == 0) old_tree.reset(tree);
        }
    std::vector<Change> changes;
    if (new_tree) {
        auto diff = diff_trees(r, old_tree.get(), new_tree.get());
        if (!diff) return tl::unexpected(diff.error());
        changes = std::move(*diff);
    }
    if (!old_tree) {
        std::set<std::string> present;
        for (const auto& c : changes) present.insert(c.path);
        soci::session sql(pool_->get());
        std::string path;
        soci::statement st = (sql.prepare << "SELECT path FROM files WHERE repo_id = :r", soci::use(repo_id), soci::into(path));
        st.execute();
        while (st.fetch())
            if (!present.count(path)) changes.push_back({path, std::nullopt});
    }

    git_odb* odb_raw = nullptr;
    // Without it no file would count as text, and every changed file would leave the index.
    if (git_repository_odb(&odb_raw, r) < 0)
        return fail(Errc::internal, "Could not open the objects of " + repo_id + ": " + std::string(git_error_last() ? git_error_last()->message : ""));
    git::Owned<git_odb, git_odb_free> odb(odb_raw);
    soci::session sql(pool_->get());
    for (std::size_t start = 0; start < changes.size(); start += kBatch) {
        std::set<std::int64_t> released;
        db::Transaction tx(sql);
        for (std::size_t i = start; i < std::min(changes.size(), start + kBatch); ++i) {
            const auto& change = changes[i];
            std::int64_t old_doc = 0;
            soci::indicator ind = soci::i_null;
            sql << "SELECT doc_id FROM files WHERE repo_id = :r AND path = :p", soci::use(repo_id), soci::use(change.path),
                soci::into(old_doc, ind);
            if (sql.got_data() && ind == soci::i_ok) released.insert(old_doc);
            if (!change.blob) {
                sql << "DELETE FROM files WHERE repo_id = :r AND path = :p", soci::use(repo_id), soci::use(change.path);
                continue;
            }
            auto oid = git::hex(&*change.blob);
            std::int64_t doc = 0;
            sql << "SELECT id FROM docs WHERE oid = :o", soci::use(oid), soci::into(doc);
            if (!sql.got_data()) {
                git_blob* raw = nullptr;
                bool text = false;
                std::string_view content;
                // The size first, from the object's header: a large file is never read into memory.
                std::size_t header_size = 0;
                git_object_t type = GIT_OBJECT_INVALID;
                bool small = odb && git_odb_read_header(&header_size, &type, odb.get(), &*change.blob) == 0 &&
                             static_cast<std::int64_t>(header_size) <= max_file_size;
                if (small && git_blob_lookup(&raw, r, &*change.blob) == 0) {
                    auto size = static_cast<std::size_t>(git_blob_rawsize(raw));
                    content = {static_cast<const char*>(git_blob_rawcontent(raw)), size};
                    text = static_cast<std::int64_t>(size) <= max_file_size &&
                           !std::memchr(content.data(), 0, std::min(size, kBinaryProbe));
                }
                git::Blob blob(raw);
                if (!text) {
                    sql << "DELETE FROM files WHERE repo_id = :r AND path = :p", soci::use(repo_id), soci::use(change.path);
                    continue;
                }
                std::string copy(content);
                auto size = static_cast<std::int64_t>(content.size());
                sql << "INSERT INTO docs (oid, size, content) VALUES (:o, :s, :c)", soci::use(oid), soci::use(size), soci::use(copy);
                sql << "SELECT id FROM docs WHERE oid = :o", soci::use(oid), soci::into(doc);
                sql << "INSERT INTO trigrams (rowid, text) VALUES (:d, :t)", soci::use(doc), soci::use(copy);
            }
            sql << "INSERT INTO files (repo_id, path, doc_id) VALUES (:r, :p, :d) "
                   "ON CONFLICT (repo_id, path) DO UPDATE SET doc_id = excluded.doc_id",
                soci::use(repo_id), soci::use(change.path), soci::use(doc);
            released.erase(doc);
        }
        collect_garbage(sql, released);
        tx.commit();
    }

    RepoState now{branch, tip_hex, 0, 0, db::now()};
    soci::indicator ind = soci::i_null;
    sql << "SELECT COUNT(*), SUM(d.size) FROM files f JOIN docs d ON d.id = f.doc_id WHERE f.repo_id = :r", soci::use(repo_id),
        soci::into(now.files), soci::into(now.bytes, ind);
    if (ind != soci::i_ok) now.bytes = 0;
    sql << "INSERT INTO indexed (repo_id, ref, commit_sha, files, bytes, indexed_at) VALUES (:r, :b, :c, :f, :s, :t) "
           "ON CONFLICT (repo_id) DO UPDATE SET ref = excluded.ref, commit_sha = excluded.commit_sha, files = excluded.files, "
           "bytes = excluded.bytes, indexed_at = excluded.indexed_at",
        soci::use(repo_id), soci::use(now.ref), soci::use(now.commit), soci::use(now.files), soci::use(now.bytes), soci::use(now.indexed_at);
    return now;
}

void Index::drop(const std::string& repo_id) {
    soci::session sql(pool_->get());
    db::Transaction tx(sql);
    std::set<std::int64_t> released;
    std::int64_t doc = 0;
    {
        soci::statement st = (sql.prepare << "SELECT DISTINCT doc_id FROM files WHERE repo_id = :r", soci::use(repo_id), soci::into(doc));
        st.execute();
        while (st.fetch()) released.insert(doc);
    }
    sql << "DELETE FROM files WHERE repo_id = :r", soci::use(repo_id);
    sql << "DELETE FROM indexed WHERE repo_id = :r", soci::use(repo_id);
    collect_garbage(sql, released);
    tx.commit();
}

std::optional<RepoState> Index::state(const std::string& repo_id) {
    soci::session sql(pool_->get());
    RepoState s;
    sql << "SELECT ref, commit_sha, files, bytes, indexed_at FROM indexed WHERE repo_id = :r", soci::use(repo_id), soci::into(s.ref),
        soci::into(s.commit), soci::into(s.files), soci::into(s.bytes), soci::into(s.indexed_at);
    if (!sql.got_data()) return std::nullopt;
    return s;
}

std::vector<std::string> Index::repos() {
    soci::session sql(pool_->get());
    std::string id;
    soci::statement st = (sql.prepare << "SELECT repo_id FROM indexed ORDER BY repo_id", soci::into(id));
    st.execute();
    std::vector<std::string> out;
    while (st.fetch()) out.push_back(id);
    return out;
}

std::int64_t Index::size_bytes() {
    soci::session sql(pool_->get());
    std::int64_t pages = 0, page_size = 0;
    sql << "PRAGMA page_count", soci::into(pages);
    sql << "PRAGMA page_size", soci::into(page_size);
    return pages * page_size;
}

std::vector<std::int64_t> Index::docs_matching(const std::string& fts_expression, std::int64_t after, std::size_t limit) {
    soci::session sql(pool_->get());
    std::int64_t id = 0, max = static_cast<std::int64_t>(limit);
    soci::statement st = (sql.prepare << "SELECT rowid FROM trigrams WHERE trigrams MATCH :q AND rowid > :a ORDER BY rowid LIMIT :l",
                          soci::use(fts_expression), soci::use(after), soci::use(max), soci::into(id));
    st.execute();
    std::vector<std::int64_t> out;
    while (st.fetch()) out.push_back(id);
    return out;
}

std::vector<std::int64_t> Index::docs_of(const std::vector<std::string>& repo_ids) {
    soci::session sql(pool_->get());
    std::set<std::int64_t> ids;
    std::int64_t id = 0;
    std::string repo;
    soci::statement st = (sql.prepare << "SELECT doc_id FROM files WHERE repo_id = :r", soci::use(repo), soci::into(id));
    for (const auto& r : repo_ids) {
        repo = r;
        st.execute();
        while (st.fetch()) ids.insert(id);
    }
    return {ids.begin(), ids.end()};
}

std::vector<Index::Doc> Index::docs(const std::vector<std::int64_t>& ids) {
    std::vector<Doc> out;
    if (ids.empty()) return out;
    std::string list = "[";
    for (auto id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
    list += "]";
    soci::session sql(pool_->get());
    std::int64_t id = 0;
    File f;
    soci::statement st = (sql.prepare << "SELECT f.doc_id, f.repo_id, f.path FROM files f "
                                         "WHERE f.doc_id IN (SELECT value FROM json_each(:ids)) ORDER BY f.doc_id, f.repo_id, f.path",
                          soci::use(list), soci::into(id), soci::into(f.repo_id), soci::into(f.path));
    st.execute();
    while (st.fetch()) {
        if (out.empty() || out.back().id != id) out.push_back({id, {}});
        out.back().files.push_back(f);
    }
    return out;
}

Index::Reader::Reader(Index& index) : sql_(index.pool_->get()) {}

Index::Reader::~Reader() {
    if (blob_) sqlite_api::sqlite3_blob_close(static_cast<sqlite_api::sqlite3_blob*>(blob_));
}

bool Index::Reader::read(std::int64_t doc_id, std::string& out) {
    using namespace sqlite_api;
    auto* db = static_cast<soci::sqlite3_session_backend*>(sql_.get_backend())->conn_;
    auto* blob = static_cast<sqlite3_blob*>(blob_);
    int rc = blob ? sqlite3_blob_reopen(blob, doc_id) : sqlite3_blob_open(db, "main", "docs", "content", doc_id, 0, &blob);
    blob_ = blob;
    if (rc != SQLITE_OK) {
        if (blob) sqlite3_blob_close(blob);
        blob_ = nullptr;
        return false;
    }
    out.resize(static_cast<std::size_t>(sqlite3_blob_bytes(blob)));
    return sqlite3_blob_read(blob, out.data(), static_cast<int>(out.size()), 0) == SQLITE_OK;
}

}  // namespace search

#include "actions/artifacts.hpp"

#include <fstream>
#include <sstream>

#include "core/files.hpp"

namespace actions {
namespace {

constexpr const char* kColumns = "SELECT id, run_id, name, version, size, files, created_at, expires_at FROM action_artifacts ";

struct Row {
    Artifacts::Info info;
    void bind(soci::statement& st) {
        st.exchange(soci::into(info.id));
        st.exchange(soci::into(info.run_id));
        st.exchange(soci::into(info.name));
        st.exchange(soci::into(info.version));
        st.exchange(soci::into(info.size));
        st.exchange(soci::into(info.files));
        st.exchange(soci::into(info.created_at));
        st.exchange(soci::into(info.expires_at));
    }
};

std::vector<Artifacts::Info> select(db::Pool& pool, const std::string& where, std::int64_t a, const std::string& b = "") {
    soci::session sql(pool.get());
    Row row;
    soci::statement st(sql);
    st.alloc();
    st.prepare(kColumns + where);
    st.exchange(soci::use(a));
    if (!b.empty()) st.exchange(soci::use(b));
    row.bind(st);
    st.define_and_bind();
    st.execute();
    std::vector<Artifacts::Info> out;
    while (st.fetch()) out.push_back(row.info);
    return out;
}

}  // namespace

std::filesystem::path Artifacts::file(const Info& info) const {
    return root_ / std::to_string(info.run_id) / (std::to_string(info.id) + ".tar.gz");
}

namespace {

// A path an artifact may hold: relative, with no way out of it.
bool inside(const std::string& path) {
    if (path.empty() || path.front() == '/') return false;
    std::stringstream parts(path);
    for (std::string part; std::getline(parts, part, '/');)
        if (part == "..") return false;
    return true;
}

}  // namespace

core::Result<Artifacts::Info> Artifacts::add(std::int64_t run_id, std::int64_t job_id, const std::string& name,
                                             const std::filesystem::path& tar, int retention_days) {
    using core::Errc;
    if (auto valid = check_artifact_name(name); !valid) return tl::unexpected(valid.error());
    Info info;
    info.run_id = run_id;
    info.name = name;
    info.created_at = db::now();
    int days = retention_days > 0 ? std::min(retention_days, retention_days_) : retention_days_;
    info.expires_at = info.created_at + std::int64_t(days) * 86400;
    // Packed beside where it will be, before the row: the database is not held while it is gzipped.
    auto folder = root_ / std::to_string(run_id);
    core::TempFile packed(folder);
    {
        std::ifstream in(tar, std::ios::binary);
        if (!in || packed.path().empty()) return core::fail(Errc::internal, "The artifact could not be stored: the disk refused it.");
        GzipOut gz(packed.path());
        std::ostream out(&gz);
        TarReader reader(in);
        TarWriter writer(out);
        for (;;) {
            auto entry = reader.next();
            if (!entry) return core::fail(Errc::invalid, "The artifact is not a tar archive: " + entry.error().message);
            if (!*entry) break;
            const auto& e = **entry;
            if (e.kind != TarHeader::Kind::file) continue;
            if (!inside(e.path)) return core::fail(Errc::invalid, "The artifact holds a path outside itself: " + e.path);
            info.size += static_cast<std::int64_t>(e.size);
            if (static_cast<std::uint64_t>(info.size) > kArtifactLimit)
                return core::fail(Errc::too_large, "The artifact is over " + std::to_string(kArtifactLimit >> 20) + " MB.");
            ++info.files;
            writer.file(e.path, e.size, e.mode ? e.mode : 0644, [&reader](char* data, std::size_t size) { return reader.read(data, size); });
        }
        writer.finish();
        if (!gz.close()) return core::fail(Errc::internal, "The artifact could not be stored: the disk refused it.");
    }
    soci::session sql(pool_.get());
    db::Transaction tx(sql);
    int version = 0;
    soci::indicator ind;
    sql << "SELECT MAX(version) FROM action_artifacts WHERE run_id = :r AND name = :n", soci::use(run_id), soci::use(name),
        soci::into(version, ind);
    info.version = ind == soci::i_ok ? version + 1 : 1;
    sql << "INSERT INTO action_artifacts (run_id, job_id, name, version, size, files, created_at, expires_at) "
           "VALUES (:r, :j, :n, :v, :s, :f, :c, :e)",
        soci::use(run_id), soci::use(job_id), soci::use(name), soci::use(info.version), soci::use(info.size), soci::use(info.files),
        soci::use(info.created_at), soci::use(info.expires_at);
    sql << "SELECT id FROM action_artifacts WHERE run_id = :r AND name = :n AND version = :v", soci::use(run_id), soci::use(name),
        soci::use(info.version), soci::into(info.id);
    // The file first, then the row: a crash in between leaves a file no row names, never a row without its file.
    std::error_code ec;
    std::filesystem::rename(packed.path(), file(info), ec);
    if (ec) return core::fail(Errc::internal, "The artifact could not be stored: " + ec.message());
    tx.commit();
    return info;
}

std::vector<Artifacts::Info> Artifacts::of_run(std::int64_t run_id) {
    return select(pool_, "WHERE run_id = :r ORDER BY name, version DESC", run_id);
}

std::optional<Artifacts::Info> Artifacts::find(std::int64_t artifact_id) {
    auto found = select(pool_, "WHERE id = :i", artifact_id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<Artifacts::Info> Artifacts::latest(std::int64_t run_id, const std::string& name) {
    auto found = select(pool_, "WHERE run_id = :r AND name = :n ORDER BY version DESC LIMIT 1", run_id, name);
    if (found.empty()) return std::nullopt;
    return found.front();
}

core::Result<std::size_t> Artifacts::copy(const Info& info, const std::string& prefix, TarWriter& out, std::set<std::string>& folders) const {
    GzipIn gz(file(info));
    if (!gz.is_open()) return core::fail(core::Errc::not_found, "The files of artifact '" + info.name + "' are gone.");
    std::istream in(&gz);
    TarReader reader(in);
    auto copied = copy_files(reader, out, prefix, folders);
    if (!copied) return core::fail(core::Errc::internal, "Artifact '" + info.name + "' is damaged: " + copied.error().message);
    return copied;
}

int Artifacts::remove_expired(std::int64_t now) {
    auto expired = select(pool_, "WHERE expires_at <= :t", now);
    soci::session sql(pool_.get());
    for (const auto& info : expired) {
        sql << "DELETE FROM action_artifacts WHERE id = :i", soci::use(info.id);
        std::error_code ec;
        std::filesystem::remove(file(info), ec);
    }
    return static_cast<int>(expired.size());
}

void Artifacts::remove_run(std::int64_t run_id) const {
    std::error_code ec;
    std::filesystem::remove_all(root_ / std::to_string(run_id), ec);
}

RunArtifacts::RunArtifacts(Artifacts& artifacts, std::int64_t run_id, std::int64_t job_id) : artifacts_(artifacts), run_id_(run_id), job_id_(job_id) {}

core::Result<std::string> RunArtifacts::upload(const std::string& name, const std::filesystem::path& tar, int retention_days) {
    auto added = artifacts_.add(run_id_, job_id_, name, tar, retention_days);
    if (!added) return tl::unexpected(added.error());
    return "Uploaded artifact '" + name + "' version " + std::to_string(added->version) + ": " + std::to_string(added->files) + " files, " +
           std::to_string(added->size) + " bytes.";
}

core::Result<std::size_t> RunArtifacts::download(const std::string& name, const std::string& prefix, TarWriter& out) {
    std::set<std::string> folders;
    if (!name.empty()) {
        auto found = artifacts_.latest(run_id_, name);
        if (!found) return core::fail(core::Errc::not_found, "This run has no artifact '" + name + "'.");
        return artifacts_.copy(*found, prefix, out, folders);
    }
    std::size_t count = 0;
    std::string last;
    for (const auto& info : artifacts_.of_run(run_id_)) {
        if (info.name == last) continue;  // an older version
        last = info.name;
        auto copied = artifacts_.copy(info, prefix.empty() ? info.name : prefix + "/" + info.name, out, folders);
        if (!copied) return copied;
        count += *copied;
    }
    return count;
}

}  // namespace actions

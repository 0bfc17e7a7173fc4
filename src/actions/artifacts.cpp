#include "actions/artifacts.hpp"

#include <fstream>
#include <sstream>

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

core::Result<Artifacts::Info> Artifacts::add(std::int64_t run_id, std::int64_t job_id, const std::string& name,
                                             const std::vector<TarEntry>& files, int retention_days) {
    if (auto valid = check_artifact_name(name); !valid) return tl::unexpected(valid.error());
    Info info;
    info.run_id = run_id;
    info.name = name;
    info.created_at = db::now();
    int days = retention_days > 0 ? std::min(retention_days, retention_days_) : retention_days_;
    info.expires_at = info.created_at + std::int64_t(days) * 86400;
    for (const auto& f : files)
        if (!f.folder) {
            info.size += static_cast<std::int64_t>(f.content.size());
            ++info.files;
        }
    auto packed = gzip(make_tar(files));
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
    auto path = file(info);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(packed.data(), static_cast<std::streamsize>(packed.size()));
    out.close();
    if (!out) return core::fail(core::Errc::invalid, "The artifact could not be stored: the disk refused it.");
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

std::string Artifacts::archive(const Info& info) const {
    std::ifstream in(file(info), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<TarEntry> Artifacts::files(const Info& info) const {
    auto tar = gunzip(archive(info));
    auto entries = tar ? read_tar(*tar) : std::nullopt;
    return entries ? *entries : std::vector<TarEntry>{};
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

core::Result<std::string> RunArtifacts::upload(const std::string& name, const std::vector<TarEntry>& files, int retention_days) {
    auto added = artifacts_.add(run_id_, job_id_, name, files, retention_days);
    if (!added) return tl::unexpected(added.error());
    return "Uploaded artifact '" + name + "' version " + std::to_string(added->version) + ": " + std::to_string(added->files) + " files, " +
           std::to_string(added->size) + " bytes.";
}

core::Result<std::vector<TarEntry>> RunArtifacts::download(const std::string& name) {
    if (!name.empty()) {
        auto found = artifacts_.latest(run_id_, name);
        if (!found) return core::fail(core::Errc::not_found, "This run has no artifact '" + name + "'.");
        return artifacts_.files(*found);
    }
    std::vector<TarEntry> all;
    std::string last;
    for (const auto& info : artifacts_.of_run(run_id_)) {
        if (info.name == last) continue;  // an older version
        last = info.name;
        for (auto& f : artifacts_.files(info)) all.push_back({info.name + "/" + f.path, std::move(f.content), f.folder, f.mode});
    }
    return all;
}

}  // namespace actions

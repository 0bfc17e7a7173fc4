#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "actions/runner.hpp"
#include "actions/tar.hpp"
#include "core/result.hpp"
#include "db/pool.hpp"

namespace actions {

//! The artifacts jobs upload: a row per version (run, name, version) and the files as a
//! gzipped tar under DATA_DIR/actions/artifacts/{run}/{id}.tar.gz, kept for their retention.
class Artifacts {
public:
    Artifacts(db::Pool& pool, std::filesystem::path root, int retention_days)
        : pool_(pool), root_(std::move(root)), retention_days_(retention_days) {}

    struct Info {
        std::int64_t id = 0, run_id = 0;
        std::string name;
        int version = 0;
        std::int64_t size = 0;
        int files = 0;
        std::int64_t created_at = 0, expires_at = 0;
    };

    //! A new version of name in the run, of the files of a tar archive (paths relative to the
    //! artifact, none leading out of it); retention_days 0 means the site's default (never
    //! more). Over kArtifactLimit is too_large. Streams: nothing is held whole.
    core::Result<Info> add(std::int64_t run_id, std::int64_t job_id, const std::string& name, const std::filesystem::path& tar,
                           int retention_days);
    //! Every artifact of the run, in name order, the newest version of a name first.
    std::vector<Info> of_run(std::int64_t run_id);
    std::optional<Info> find(std::int64_t artifact_id);
    //! The newest version of name in the run.
    std::optional<Info> latest(std::int64_t run_id, const std::string& name);
    //! The stored archive (a gzipped tar), for a download to stream.
    std::filesystem::path file(const Info& info) const;
    //! Writes the artifact's files to out below prefix, with each folder on the way that is not
    //! in `folders` yet (which remembers them across artifacts); how many files.
    core::Result<std::size_t> copy(const Info& info, const std::string& prefix, TarWriter& out, std::set<std::string>& folders) const;
    //! Expired artifacts go, rows and files; how many.
    int remove_expired(std::int64_t now);
    //! The files of a run that is gone.
    void remove_run(std::int64_t run_id) const;

private:
    db::Pool& pool_;
    std::filesystem::path root_;
    int retention_days_;
};

//! A run's artifacts as its jobs' upload-artifact and download-artifact steps see them, here
//! or, through the runner API, on a remote runner.
class RunArtifacts : public ArtifactStore {
public:
    RunArtifacts(Artifacts& artifacts, std::int64_t run_id, std::int64_t job_id);
    core::Result<std::string> upload(const std::string& name, const std::filesystem::path& tar, int retention_days) override;
    core::Result<std::size_t> download(const std::string& name, const std::string& prefix, TarWriter& out) override;

private:
    Artifacts& artifacts_;
    std::int64_t run_id_, job_id_;
};

}  // namespace actions

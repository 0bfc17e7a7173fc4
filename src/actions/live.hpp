#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "actions/store.hpp"

namespace actions {

class Logs;

//! What the live event streams of runs share, so that many viewers of one run cost about what
//! one does: the run's jobs and steps as last read (read again only when a job's log version
//! moved, or after a second), and log chunks as last rendered.
class LiveRuns {
public:
    LiveRuns(db::Pool& pool, Logs& logs) : pool_(pool), logs_(logs) {}

    struct Snapshot {
        std::optional<store::Run> run;
        std::vector<store::Job> jobs;
        std::map<std::int64_t, std::vector<store::Step>> steps;  //!< of running and ended jobs
        std::uint64_t version = 0;  //!< the sum of the jobs' log versions when read
    };
    std::shared_ptr<const Snapshot> snapshot(const store::Run& run);
    //! The sum of the run's jobs' log versions now: a viewer looks again when it moves.
    std::uint64_t version(const Snapshot& snapshot) const;

    struct Chunk {
        std::uint64_t next = 0;  //!< where the chunk's whole lines end
        std::string html;        //!< rendered; empty when there is no whole new line
    };
    Chunk chunk(std::int64_t run_id, std::int64_t job_id, int step, std::uint64_t from);

private:
    db::Pool& pool_;
    Logs& logs_;
    std::mutex mutex_;
    struct Cached {
        std::shared_ptr<const Snapshot> snapshot;
        std::int64_t read_at_ms = 0;
    };
    std::map<std::int64_t, Cached> runs_;
    std::map<std::tuple<std::int64_t, int, std::uint64_t>, std::pair<std::uint64_t, Chunk>> chunks_;  // (job, step, from) → (size, chunk)
};

}  // namespace actions

#include "actions/live.hpp"

#include <chrono>

#include "actions/logs.hpp"

namespace actions {
namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::uint64_t LiveRuns::version(const Snapshot& snapshot) const {
    std::uint64_t sum = 0;
    for (const auto& job : snapshot.jobs) sum += logs_.version(job.id);
    return sum;
}

std::shared_ptr<const LiveRuns::Snapshot> LiveRuns::snapshot(const store::Run& run) {
    {
        std::lock_guard lock(mutex_);
        auto it = runs_.find(run.id);
        if (it != runs_.end() && now_ms() - it->second.read_at_ms < 1000 && version(*it->second.snapshot) == it->second.snapshot->version)
            return it->second.snapshot;
    }
    auto fresh = std::make_shared<Snapshot>();
    fresh->jobs = store::jobs_of(pool_, run.id);
    fresh->version = version(*fresh);  // before reading, so a change during the read is seen next time
    fresh->run = store::find_run(pool_, run.repo_id, run.id);
    for (const auto& job : fresh->jobs)
        if (job.status != "waiting" && job.status != "queued") fresh->steps[job.id] = store::steps_of(pool_, job.id);
    std::lock_guard lock(mutex_);
    if (runs_.size() > 1000) runs_.clear();
    runs_[run.id] = {fresh, now_ms()};
    return fresh;
}

LiveRuns::Chunk LiveRuns::chunk(std::int64_t run_id, std::int64_t job_id, int step, std::uint64_t from) {
    auto size = logs_.size(run_id, job_id, step);
    auto key = std::make_tuple(job_id, step, from);
    {
        std::lock_guard lock(mutex_);
        auto it = chunks_.find(key);
        if (it != chunks_.end() && it->second.first == size) return it->second.second;
    }
    Chunk out{from, ""};
    if (size > from) {
        auto text = logs_.read(run_id, job_id, step, from);
        auto complete = text.rfind('\n');
        if (complete != std::string::npos) {
            text.resize(complete + 1);
            out = {from + text.size(), render_log(text)};
        }
    }
    std::lock_guard lock(mutex_);
    if (chunks_.size() > 4096) chunks_.clear();
    chunks_[key] = {size, out};
    return out;
}

}  // namespace actions

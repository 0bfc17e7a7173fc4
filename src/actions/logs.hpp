#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace actions {

//! What a stored line carries in front of its text: "2026-11-26T13:23:32.123Z ".
constexpr std::size_t kStampBytes = 25;

//! Job logs on disk, one file per step: DATA_DIR/actions/logs/{run}/{job}/{step}.log. Each line
//! is stored after the UTC time it was written ("2026-11-26T13:23:32.123Z "), as GitHub's raw
//! logs are. Alongside, a change counter per job that live viewers watch instead of the disk.
class Logs {
public:
    explicit Logs(std::filesystem::path root) : root_(std::move(root)) {}

    std::filesystem::path step_file(std::int64_t run_id, std::int64_t job_id, int step) const;
    //! A step's log from byte `from`; "" when there is none.
    std::string read(std::int64_t run_id, std::int64_t job_id, int step, std::uint64_t from = 0) const;
    std::uint64_t size(std::int64_t run_id, std::int64_t job_id, int step) const;
    //! Every log of a run goes (a re-run of its jobs, or the run deleted).
    void remove_job(std::int64_t run_id, std::int64_t job_id) const;
    void remove_run(std::int64_t run_id) const;

    //! Something of the job changed (a line, a step, its end): viewers look again.
    void touch(std::int64_t job_id);
    std::uint64_t version(std::int64_t job_id) const;

private:
    std::filesystem::path root_;
    mutable std::mutex mutex_;
    std::map<std::int64_t, std::uint64_t> versions_;
};

//! Writes one job's steps' logs as the job runs.
class LogWriter {
public:
    LogWriter(Logs& logs, std::int64_t run_id, std::int64_t job_id) : logs_(logs), run_id_(run_id), job_id_(job_id) {}
    void line(int step, std::string_view text);

private:
    Logs& logs_;
    std::int64_t run_id_, job_id_;
    int step_ = 0;
    std::ofstream out_;
};

//! One stored log line as HTML: its time apart, ANSI colours (SGR 30–37, 90–97, 40–47, 1, 3, 4)
//! as spans with ansi-* classes, other escape sequences dropped, everything else escaped. A
//! carriage return keeps what follows it, as a terminal shows a progress line.
struct LogLine {
    std::string stamp;  //!< "2026-11-26T13:23:32.123Z", as stored
    std::string time;   //!< "13:23:32"
    std::string html;
};
LogLine render_line(std::string_view stored);
//! Stored log lines rendered, one <div class="log-line"> each (numbered by the stylesheet).
std::string render_log(std::string_view stored);

}  // namespace actions

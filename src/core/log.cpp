#include "core/log.hpp"

#include <spdlog/cfg/env.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <ctime>

namespace core::log {
namespace {

// spdlog's own stderr sinks hold one mutex across every format and write, which serialises
// the HTTP workers on each access-log line.
class StderrSink final : public spdlog::sinks::sink {
public:
    void log(const spdlog::details::log_msg& msg) override {
        auto since_epoch = msg.time.time_since_epoch();
        std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
        auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
        std::tm tm{};
        gmtime_r(&seconds, &tm);
        spdlog::memory_buf_t line;
        fmt::format_to(std::back_inserter(line), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z {} ", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis,
                       spdlog::level::to_string_view(msg.level));
        line.append(msg.payload.begin(), msg.payload.end());
        line.push_back('\n');
        for (const char* p = line.data(), *end = p + line.size(); p < end;) {
            auto n = ::write(STDERR_FILENO, p, static_cast<std::size_t>(end - p));
            if (n <= 0) break;
            p += n;
        }
    }
    void flush() override {}
    void set_pattern(const std::string&) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter>) override {}
};

}  // namespace

void init() {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("workspace", std::make_shared<StderrSink>()));
    spdlog::cfg::load_env_levels();
}

}  // namespace core::log

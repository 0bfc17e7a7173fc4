#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace core {

//! Counts events per key in a sliding window; thread-safe. Memory is bounded by pruning keys
//! whose events have all expired whenever the map grows past kPruneAt entries.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(std::size_t max_events, Clock::duration window) : max_(max_events), window_(window) {}

    //! True when the key already has max_events inside the window.
    bool limited(const std::string& key, Clock::time_point now = Clock::now());
    void record(const std::string& key, Clock::time_point now = Clock::now());
    void clear(const std::string& key);

private:
    static constexpr std::size_t kPruneAt = 10000;
    void expire(std::deque<Clock::time_point>& events, Clock::time_point now) const;

    std::size_t max_;
    Clock::duration window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> events_;
};

}  // namespace core

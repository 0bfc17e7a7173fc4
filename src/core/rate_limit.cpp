#include "core/rate_limit.hpp"

namespace core {

void RateLimiter::expire(std::deque<Clock::time_point>& events, Clock::time_point now) const {
    while (!events.empty() && now - events.front() >= window_) events.pop_front();
}

bool RateLimiter::limited(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = events_.find(key);
    if (it == events_.end()) return false;
    expire(it->second, now);
    return it->second.size() >= max_;
}

void RateLimiter::record(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (events_.size() >= kPruneAt) {
        for (auto it = events_.begin(); it != events_.end();) {
            expire(it->second, now);
            it = it->second.empty() ? events_.erase(it) : std::next(it);
        }
    }
    auto& events = events_[key];
    expire(events, now);
    events.push_back(now);
    if (events.size() > max_) events.pop_front();
}

void RateLimiter::clear(const std::string& key) {
    std::lock_guard lock(mutex_);
    events_.erase(key);
}

}  // namespace core

#include "core/rate_limit.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, limits_after_max_events_in_the_window_then_forgets) {
    core::RateLimiter limiter(3, 10min);
    auto t0 = core::RateLimiter::Clock::now();
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(limiter.limited("ip:1", t0));
        limiter.record("ip:1", t0 + std::chrono::seconds(i));
    }
    EXPECT_TRUE(limiter.limited("ip:1", t0 + 1min));
    EXPECT_FALSE(limiter.limited("ip:2", t0 + 1min)) << "keys are independent";
    EXPECT_FALSE(limiter.limited("ip:1", t0 + 11min)) << "old events expire";
}

TEST(RateLimiter, clear_resets_a_key) {
    core::RateLimiter limiter(1, 10min);
    limiter.record("account:alice");
    EXPECT_TRUE(limiter.limited("account:alice"));
    limiter.clear("account:alice");
    EXPECT_FALSE(limiter.limited("account:alice"));
}

}  // namespace

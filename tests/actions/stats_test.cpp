// The statistics page's numbers: success rate, nearest-rank percentiles, runs per day.
#include <gtest/gtest.h>

#include "actions/stats.hpp"

namespace actions {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'800'000'000 - 1'800'000'000 % kDay + 3600;  // 01:00 on some day

TEST(Stats, rates_and_percentiles_cover_the_period) {
    std::vector<store::Ended> runs;
    for (int i = 1; i <= 20; ++i) runs.push_back({"CI", i <= 15 ? "success" : "failure", kNow - 60, i * 10});
    runs.push_back({"Deploy", "cancelled", kNow - 2 * kDay, 5});
    auto stats = summarize(runs, {{"CI / build", "success", kNow, 100}, {"CI / test", "success", kNow, 300}}, kNow, 7);
    EXPECT_EQ(stats.all.runs, 21);
    EXPECT_EQ(stats.all.succeeded, 15);
    EXPECT_EQ(stats.all.failed, 5) << "a cancelled run is neither";
    ASSERT_EQ(stats.actions.size(), 2u);
    EXPECT_EQ(stats.actions[0].name, "CI");
    EXPECT_EQ(stats.actions[0].p50, 100);
    EXPECT_EQ(stats.actions[0].p95, 190);
    ASSERT_EQ(stats.slowest.size(), 2u);
    EXPECT_EQ(stats.slowest[0].name, "CI / test");
    ASSERT_EQ(stats.days.size(), 7u);
    EXPECT_EQ(stats.days.back().succeeded, 15);
    EXPECT_EQ(stats.days.back().failed, 5);
    EXPECT_EQ(stats.days[4].other, 1);
}

TEST(Stats, the_chart_escapes_and_draws_a_bar_per_day) {
    auto stats = summarize({{"CI", "success", kNow, 1}}, {}, kNow, 30);
    auto svg = days_chart(stats.days);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    std::size_t titles = 0;
    for (auto at = svg.find("<title>"); at != std::string::npos; at = svg.find("<title>", at + 1)) ++titles;
    EXPECT_EQ(titles, 30u);
    EXPECT_NE(svg.find("1 succeeded, 0 failed"), std::string::npos);
    EXPECT_NE(svg.find("class=\"chart-success\""), std::string::npos);
}

}  // namespace
}  // namespace actions

// Cron schedules in UTC: fields, names, steps, the day-of-month / weekday rule, and the due time
// a scheduler runs once after downtime.
#include <gtest/gtest.h>

#include "actions/cron.hpp"
#include "actions/service.hpp"

namespace actions {
namespace {

// 2026-11-26 (a Thursday) at hh:mm UTC.
std::int64_t at(int day, int hh, int mm) { return 1795651200 + (day - 26) * 86400LL + hh * 3600 + mm * 60; }

TEST(Cron, reads_fields_names_ranges_and_steps) {
    auto c = Cron::parse("*/15 9-17 * * mon-fri");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_TRUE(c->due(at(26, 9, 0)));
    EXPECT_TRUE(c->due(at(26, 17, 45)));
    EXPECT_FALSE(c->due(at(26, 17, 50)));
    EXPECT_FALSE(c->due(at(26, 18, 0)));
    EXPECT_FALSE(c->due(at(28, 9, 0))) << "Saturday";
    auto sunday = Cron::parse("0 0 * * 7");
    ASSERT_TRUE(sunday);
    EXPECT_TRUE(sunday->due(at(29, 0, 0))) << "7 is Sunday too";
    auto either = Cron::parse("0 12 1 * thu");
    ASSERT_TRUE(either);
    EXPECT_TRUE(either->due(at(26, 12, 0))) << "a Thursday, though not the 1st: either day field will do";
    auto month = Cron::parse("30 4 26 NOV *");
    ASSERT_TRUE(month);
    EXPECT_TRUE(month->due(at(26, 4, 30)));
    EXPECT_FALSE(month->due(at(27, 4, 30)));
}

TEST(Cron, refuses_what_is_not_a_schedule) {
    for (const char* bad : {"", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *",
                            "a * * * *", "* * * * * *"}) {
        auto c = Cron::parse(bad);
        EXPECT_FALSE(c) << "accepted: " << bad;
    }
}

TEST(Cron, after_downtime_the_last_due_time_runs_once) {
    auto hourly = Cron::parse("0 * * * *");
    ASSERT_TRUE(hourly);
    // Down from 09:10 to 12:20: 10:00, 11:00 and 12:00 were missed; only 12:00 is due now.
    EXPECT_EQ(hourly->last_due(at(26, 12, 20)), at(26, 12, 0));
    EXPECT_EQ(hourly->last_due(at(26, 12, 0)), at(26, 12, 0)) << "on the minute itself";
    EXPECT_EQ(hourly->next_due(at(26, 12, 0)), at(26, 13, 0));
    auto yearly = Cron::parse("0 0 1 1 *");
    ASSERT_TRUE(yearly);
    EXPECT_EQ(yearly->next_due(at(26, 0, 0)), 1798761600) << "2027-01-01 00:00 UTC";
    EXPECT_FALSE(yearly->last_due(at(26, 0, 0), 30)) << "nothing due within the window looked at";
}

}  // namespace
}  // namespace actions

namespace actions {
namespace {

constexpr std::int64_t kThursday10 = 1795687200 + 30;  // 2026-11-26 10:00:30 UTC

TEST(Schedules, a_due_time_runs_once_and_downtime_runs_only_the_latest) {
    std::vector<std::string> hourly = {"0 * * * *"}, both = {"0 * * * *", "30 9 * * *"};
    auto last = kThursday10 - 30 - 3600;  // the 09:00 run
    EXPECT_EQ(schedule_due(hourly, last, kThursday10), kThursday10 - 30) << "10:00 is due";
    EXPECT_EQ(schedule_due(hourly, kThursday10 - 30, kThursday10 + 600), std::nullopt) << "and runs once";
    EXPECT_EQ(schedule_due(hourly, last - 86400 * 3, kThursday10), kThursday10 - 30) << "three days down: one run, the latest";
    EXPECT_EQ(schedule_due(both, last, kThursday10 - 60), kThursday10 - 30 - 1800) << "09:30 of the second schedule";
    EXPECT_EQ(schedule_due({"not cron"}, last, kThursday10), std::nullopt);
}

}  // namespace
}  // namespace actions

#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace actions {

//! A POSIX cron schedule in UTC, as `on.schedule` uses them: minute hour day-of-month month
//! day-of-week, each `*`, a number, a range `a-b`, a list `a,b` and a step `/n`; months and
//! weekdays also by name (JAN, MON); 0 and 7 are Sunday. When both day fields are restricted, a
//! day matching either is due, as cron does.
class Cron {
public:
    static core::Result<Cron> parse(const std::string& text);

    //! Whether the minute holding this Unix time is due.
    bool due(std::int64_t unix_seconds) const;
    //! The last due minute at or before `at` (Unix seconds, on a minute), looking back at most
    //! `days`: what a scheduler coming back from downtime runs once, rather than every time it
    //! missed.
    std::optional<std::int64_t> last_due(std::int64_t at, int days = 400) const;
    //! The first due minute after `at`.
    std::optional<std::int64_t> next_due(std::int64_t at, int days = 400) const;

private:
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_;  // 1..31
    std::bitset<13> months_;  // 1..12
    std::bitset<7> weekdays_;  // 0 = Sunday
    bool any_day_ = true, any_weekday_ = true;
    bool day_matches(int day, int month, int weekday) const;
};

}  // namespace actions

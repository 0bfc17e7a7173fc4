#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actions/store.hpp"

namespace actions {

//! What the statistics page shows for a period: success rate, durations and runs per day.
struct Stats {
    struct Group {
        std::string name;
        int runs = 0, succeeded = 0, failed = 0;
        std::int64_t p50 = 0, p95 = 0, mean = 0;  //!< seconds
    };
    struct Day {
        std::int64_t start = 0;  //!< Unix seconds of its midnight, UTC
        int succeeded = 0, failed = 0, other = 0;
    };
    Group all;
    std::vector<Group> actions;  //!< by name
    std::vector<Group> slowest;  //!< jobs by mean duration, slowest first, at most 10
    std::vector<Day> days;       //!< oldest first, one per day of the period
};

//! Sums up the ended runs and jobs of `days` days before `now`.
Stats summarize(const std::vector<store::Ended>& runs, const std::vector<store::Ended>& jobs, std::int64_t now, int days);

//! The runs per day as an SVG bar chart: successes and failures stacked, a title per bar.
std::string days_chart(const std::vector<Stats::Day>& days);

}  // namespace actions

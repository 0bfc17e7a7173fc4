#include "actions/cron.hpp"

#include <ctime>
#include <span>
#include <sstream>
#include <vector>

namespace actions {
namespace {

using core::Errc;
using core::fail;

constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kWeekdays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::optional<int> value_of(std::string text, int min, std::span<const char* const> names, int name_base) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < names.size(); ++i)
        if (text == names[i]) return static_cast<int>(i) + name_base;
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 2) return std::nullopt;
    int v = std::stoi(text);
    return v >= min ? std::optional(v) : std::nullopt;
}

// One field into its set of values: "*", "5", "1-5", "*/15", "1-30/2", "mon,wed", …
template <std::size_t N>
core::Status field(const std::string& text, int min, int max, std::span<const char* const> names, int name_base, const char* what,
                   std::bitset<N>& out, bool& any) {
    any = text == "*" || text == "?";
    std::stringstream parts(text);
    for (std::string part; std::getline(parts, part, ',');) {
        int step = 1;
        if (auto slash = part.find('/'); slash != std::string::npos) {
            auto s = value_of(part.substr(slash + 1), 1, {}, 0);
            if (!s) return fail(Errc::invalid, std::string("The ") + what + " step in \"" + text + "\" is not a number from 1.");
            step = *s;
            part = part.substr(0, slash);
        }
        int from = min, to = max;
        if (part != "*" && part != "?") {
            auto dash = part.find('-');
            auto a = value_of(part.substr(0, dash), min, names, name_base);
            auto b = dash == std::string::npos ? a : value_of(part.substr(dash + 1), min, names, name_base);
            if (!a || !b || *a > max || *b > max || *a > *b)
                return fail(Errc::invalid, std::string("The ") + what + " field \"" + text + "\" must hold values from " + std::to_string(min) +
                                               " to " + std::to_string(max) + ".");
            from = *a;
            to = dash == std::string::npos && step > 1 ? max : *b;
        }
        for (int v = from; v <= to; v += step) out.set(static_cast<std::size_t>(v));
    }
    return {};
}

std::tm utc(std::int64_t t) {
    std::time_t tt = t;
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return tm;
}

}  // namespace

core::Result<Cron> Cron::parse(const std::string& text) {
    std::stringstream in(text);
    std::vector<std::string> fields;
    for (std::string f; in >> f;) fields.push_back(f);
    if (fields.size() != 5) return fail(Errc::invalid, "A cron schedule has five fields (minute hour day month weekday): \"" + text + "\".");
    Cron c;
    bool unused = false;
    std::bitset<8> weekdays;
    if (auto ok = field(fields[0], 0, 59, {}, 0, "minute", c.minutes_, unused); !ok) return tl::unexpected(ok.error());
    if (auto ok = field(fields[1], 0, 23, {}, 0, "hour", c.hours_, unused); !ok) return tl::unexpected(ok.error());
    if (auto ok = field(fields[2], 1, 31, {}, 0, "day-of-month", c.days_, c.any_day_); !ok) return tl::unexpected(ok.error());
    if (auto ok = field(fields[3], 1, 12, kMonths, 1, "month", c.months_, unused); !ok) return tl::unexpected(ok.error());
    if (auto ok = field(fields[4], 0, 7, kWeekdays, 0, "weekday", weekdays, c.any_weekday_); !ok) return tl::unexpected(ok.error());
    for (int d = 0; d < 7; ++d) c.weekdays_[d] = weekdays[d] || (d == 0 && weekdays[7]);
    return c;
}

bool Cron::day_matches(int day, int month, int weekday) const {
    if (!months_[month]) return false;
    if (!any_day_ && !any_weekday_) return days_[day] || weekdays_[weekday];
    return days_[day] && weekdays_[weekday];
}

bool Cron::due(std::int64_t t) const {
    auto tm = utc(t);
    return minutes_[tm.tm_min] && hours_[tm.tm_hour] && day_matches(tm.tm_mday, tm.tm_mon + 1, tm.tm_wday);
}

std::optional<std::int64_t> Cron::last_due(std::int64_t at, int days) const {
    at -= ((at % 60) + 60) % 60;
    auto tm = utc(at);
    std::int64_t day_start = at - tm.tm_hour * 3600 - tm.tm_min * 60;
    for (int back = 0; back <= days; ++back, day_start -= 86400) {
        auto d = utc(day_start);
        if (!day_matches(d.tm_mday, d.tm_mon + 1, d.tm_wday)) continue;
        for (int h = 23; h >= 0; --h) {
            if (!hours_[h]) continue;
            for (int m = 59; m >= 0; --m) {
                std::int64_t t = day_start + h * 3600 + m * 60;
                if (minutes_[m] && t <= at) return t;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> Cron::next_due(std::int64_t at, int days) const {
    at -= ((at % 60) + 60) % 60;
    auto tm = utc(at);
    std::int64_t day_start = at - tm.tm_hour * 3600 - tm.tm_min * 60;
    for (int ahead = 0; ahead <= days; ++ahead, day_start += 86400) {
        auto d = utc(day_start);
        if (!day_matches(d.tm_mday, d.tm_mon + 1, d.tm_wday)) continue;
        for (int h = 0; h < 24; ++h) {
            if (!hours_[h]) continue;
            for (int m = 0; m < 60; ++m) {
                std::int64_t t = day_start + h * 3600 + m * 60;
                if (minutes_[m] && t > at) return t;
            }
        }
    }
    return std::nullopt;
}

}  // namespace actions

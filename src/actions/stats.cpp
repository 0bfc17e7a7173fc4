#include "actions/stats.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "http/render.hpp"

namespace actions {
namespace {

// p is 0–100; nearest rank, as CI dashboards report it.
std::int64_t percentile(std::vector<std::int64_t> sorted, int p) {
    if (sorted.empty()) return 0;
    auto rank = (sorted.size() * static_cast<std::size_t>(p) + 99) / 100;
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

bool succeeded(const std::string& s) { return s == "success" || s == "skipped"; }
bool failed(const std::string& s) { return s == "failure" || s == "timed_out"; }

Stats::Group group(const std::string& name, const std::vector<const store::Ended*>& items) {
    Stats::Group g;
    g.name = name;
    std::vector<std::int64_t> seconds;
    std::int64_t total = 0;
    for (const auto* e : items) {
        ++g.runs;
        g.succeeded += succeeded(e->status);
        g.failed += failed(e->status);
        seconds.push_back(e->seconds);
        total += e->seconds;
    }
    std::sort(seconds.begin(), seconds.end());
    g.p50 = percentile(seconds, 50);
    g.p95 = percentile(seconds, 95);
    g.mean = g.runs ? total / g.runs : 0;
    return g;
}

std::string day_label(std::int64_t start) { return core::utc(start, "%b %d"); }

}  // namespace

Stats summarize(const std::vector<store::Ended>& runs, const std::vector<store::Ended>& jobs, std::int64_t now, int days) {
    Stats stats;
    std::vector<const store::Ended*> all;
    std::map<std::string, std::vector<const store::Ended*>> by_action, by_job;
    for (const auto& r : runs) {
        all.push_back(&r);
        by_action[r.action].push_back(&r);
    }
    for (const auto& j : jobs) by_job[j.action].push_back(&j);
    stats.all = group("all", all);
    for (const auto& [name, items] : by_action) stats.actions.push_back(group(name, items));
    for (const auto& [name, items] : by_job) stats.slowest.push_back(group(name, items));
    std::sort(stats.slowest.begin(), stats.slowest.end(), [](const auto& a, const auto& b) { return a.mean > b.mean; });
    if (stats.slowest.size() > 10) stats.slowest.resize(10);
    std::int64_t today = now - now % 86400;
    for (int d = days - 1; d >= 0; --d) stats.days.push_back({today - std::int64_t(d) * 86400});
    for (const auto& r : runs) {
        auto index = (r.created_at - stats.days.front().start) / 86400;
        if (index < 0 || index >= static_cast<std::int64_t>(stats.days.size())) continue;
        auto& day = stats.days[static_cast<std::size_t>(index)];
        if (succeeded(r.status)) ++day.succeeded;
        else if (failed(r.status)) ++day.failed;
        else ++day.other;
    }
    return stats;
}

std::string days_chart(const std::vector<Stats::Day>& days) {
    constexpr int kHeight = 120, kBar = 14, kGap = 4, kLabels = 18;
    int most = 1;
    for (const auto& d : days) most = std::max(most, d.succeeded + d.failed + d.other);
    int width = static_cast<int>(days.size()) * (kBar + kGap);
    std::string svg = "<svg role=\"img\" aria-label=\"Runs per day\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(kHeight + kLabels) + "\" class=\"w-full h-40\" data-testid=\"runs-per-day\">";
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto& d = days[i];
        int x = static_cast<int>(i) * (kBar + kGap), y = kHeight;
        auto bar = [&](int count, const char* css) {
            if (count == 0) return;
            int h = std::max(2, count * kHeight / most);
            y -= h;
            svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(kBar) + "\" height=\"" +
                   std::to_string(h) + "\" class=\"" + css + "\"/>";
        };
        svg += "<g><title>";
        http::append_escaped(svg, day_label(d.start) + ": " + std::to_string(d.succeeded) + " succeeded, " + std::to_string(d.failed) +
                                      " failed, " + std::to_string(d.other) + " other");
        svg += "</title>";
        bar(d.succeeded, "chart-success");
        bar(d.failed, "chart-failure");
        bar(d.other, "chart-other");
        svg += "<rect x=\"" + std::to_string(x) + "\" y=\"0\" width=\"" + std::to_string(kBar) + "\" height=\"" + std::to_string(kHeight) +
               "\" fill=\"transparent\"/></g>";
        bool last = i + 1 == days.size();
        if (last || (i % 7 == days.size() % 7 && i + 4 < days.size())) {  // weekly, and today at the right edge
            svg += "<text x=\"" + std::to_string(last ? x + kBar : x) + "\" y=\"" + std::to_string(kHeight + 14) + "\" class=\"chart-label\"" +
                   (last ? " text-anchor=\"end\"" : "") + ">";
            http::append_escaped(svg, day_label(d.start));
            svg += "</text>";
        }
    }
    return svg + "</svg>";
}

}  // namespace actions

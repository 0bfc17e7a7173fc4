#include "actions/logs.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

#include "http/escape.hpp"

namespace actions {
namespace {

std::string utc_now() {
    auto now = std::chrono::system_clock::now();
    auto seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char out[64];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec, static_cast<int>(millis));
    return out;
}

// The SGR state of a line: which classes the open span carries.
struct Style {
    int fg = -1, bg = -1;
    bool bold = false, italic = false, underline = false;

    std::string classes() const {
        std::string c;
        auto add = [&c](const std::string& name) { c += (c.empty() ? "" : " ") + name; };
        if (fg >= 0) add("ansi-fg-" + std::to_string(fg));
        if (bg >= 0) add("ansi-bg-" + std::to_string(bg));
        if (bold) add("ansi-bold");
        if (italic) add("ansi-italic");
        if (underline) add("ansi-underline");
        return c;
    }
    void apply(int code) {
        if (code == 0) *this = Style{};
        else if (code == 1) bold = true;
        else if (code == 3) italic = true;
        else if (code == 4) underline = true;
        else if (code == 22) bold = false;
        else if (code == 23) italic = false;
        else if (code == 24) underline = false;
        else if (code >= 30 && code <= 37) fg = code - 30;
        else if (code >= 90 && code <= 97) fg = code - 90 + 8;
        else if (code == 39) fg = -1;
        else if (code >= 40 && code <= 47) bg = code - 40;
        else if (code >= 100 && code <= 107) bg = code - 100 + 8;
        else if (code == 49) bg = -1;
    }
};

}  // namespace

std::filesystem::path Logs::step_file(std::int64_t run_id, std::int64_t job_id, int step) const {
    return root_ / std::to_string(run_id) / std::to_string(job_id) / (std::to_string(step) + ".log");
}

std::string Logs::read(std::int64_t run_id, std::int64_t job_id, int step, std::uint64_t from) const {
    std::ifstream in(step_file(run_id, job_id, step), std::ios::binary);
    if (!in) return "";
    in.seekg(static_cast<std::streamoff>(from));
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::uint64_t Logs::size(std::int64_t run_id, std::int64_t job_id, int step) const {
    std::error_code ec;
    auto n = std::filesystem::file_size(step_file(run_id, job_id, step), ec);
    return ec ? 0 : n;
}

void Logs::remove_job(std::int64_t run_id, std::int64_t job_id) const {
    std::error_code ec;
    std::filesystem::remove_all(root_ / std::to_string(run_id) / std::to_string(job_id), ec);
}

void Logs::remove_run(std::int64_t run_id) const {
    std::error_code ec;
    std::filesystem::remove_all(root_ / std::to_string(run_id), ec);
}

void Logs::touch(std::int64_t job_id) {
    std::lock_guard lock(mutex_);
    ++versions_[job_id];
}

std::uint64_t Logs::version(std::int64_t job_id) const {
    std::lock_guard lock(mutex_);
    auto it = versions_.find(job_id);
    return it == versions_.end() ? 0 : it->second;
}

void LogWriter::line(int step, std::string_view text) {
    if (step != step_ || !out_.is_open()) {
        out_.close();
        auto file = logs_.step_file(run_id_, job_id_, step);
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        out_.open(file, std::ios::binary | std::ios::app);
        step_ = step;
    }
    // A line from a runner may hold newlines: each part is a line of its own, with our time in
    // front, so none can pass for a stored line's time.
    auto stamp = utc_now();
    for (std::size_t start = 0;;) {
        auto newline = text.find('\n', start);
        out_ << stamp << ' ' << text.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start) << '\n';
        if (newline == std::string_view::npos) break;
        start = newline + 1;
    }
    out_.flush();  // live viewers read the file
    logs_.touch(job_id_);
}

namespace {

// "2026-11-26T13:23:32.123Z", as utc_now() writes it.
bool is_stamp(std::string_view text) {
    static constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
    if (text.size() != kShape.size()) return false;
    for (std::size_t i = 0; i < kShape.size(); ++i)
        if (kShape[i] == '0' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != kShape[i]) return false;
    return true;
}

}  // namespace

LogLine render_line(std::string_view stored) {
    LogLine out;
    if (stored.size() > 25 && is_stamp(stored.substr(0, 24)) && stored[24] == ' ') {
        out.stamp = std::string(stored.substr(0, 24));
        out.time = std::string(stored.substr(11, 8));
        stored.remove_prefix(25);
    }
    if (auto cr = stored.rfind('\r'); cr != std::string_view::npos) {
        // "progress 10%\rprogress 20%\r\n": the last full rewrite of the line is what shows.
        auto rest = stored.substr(cr + 1);
        if (rest.empty()) {
            auto before = stored.substr(0, cr);
            auto prev = before.rfind('\r');
            stored = prev == std::string_view::npos ? before : before.substr(prev + 1);
        } else {
            stored = rest;
        }
    }
    Style style;
    bool open = false;
    auto restyle = [&](const Style& next) {
        if (open) out.html += "</span>";
        auto classes = next.classes();
        open = !classes.empty();
        if (open) out.html += "<span class=\"" + classes + "\">";
    };
    std::size_t i = 0;
    std::size_t plain = 0;
    auto flush = [&](std::size_t end) {
        if (end > plain) http::append_escaped(out.html, stored.substr(plain, end - plain));
    };
    while (i < stored.size()) {
        if (stored[i] != '\x1b') {
            ++i;
            continue;
        }
        flush(i);
        std::size_t j = i + 1;
        if (j < stored.size() && stored[j] == '[') {
            ++j;
            std::size_t params = j;
            while (j < stored.size() && (std::isdigit(static_cast<unsigned char>(stored[j])) || stored[j] == ';')) ++j;
            if (j < stored.size() && stored[j] == 'm') {
                Style next = style;
                std::string_view list = stored.substr(params, j - params);
                if (list.empty()) next.apply(0);
                for (std::size_t at = 0; at <= list.size();) {
                    auto semi = list.find(';', at);
                    if (semi == std::string_view::npos) semi = list.size();
                    auto part = list.substr(at, semi - at);
                    int code = 0;
                    for (char c : part) code = code * 10 + (c - '0');
                    if (part.size() <= 3) next.apply(part.empty() ? 0 : code);
                    at = semi + 1;
                }
                style = next;
                restyle(style);
            } else {  // another CSI sequence (cursor, erase): skip to its final byte
                while (j < stored.size() && !(stored[j] >= '@' && stored[j] <= '~')) ++j;
            }
            i = j < stored.size() ? j + 1 : j;
        } else {
            i = j;
        }
        plain = i;
    }
    flush(stored.size());
    if (open) out.html += "</span>";
    return out;
}

std::string render_log(std::string_view stored) {
    std::string html;
    for (std::size_t start = 0; start < stored.size();) {
        auto end = stored.find('\n', start);
        if (end == std::string_view::npos) end = stored.size();
        auto line = render_line(stored.substr(start, end - start));
        html += "<div class=\"log-line\"><time class=\"log-t\" datetime=\"";
        http::append_escaped(html, line.stamp);
        html += "\">";
        http::append_escaped(html, line.time);
        html += "</time><span>" + line.html + "</span></div>";
        start = end + 1;
    }
    return html;
}

}  // namespace actions

#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <string>

namespace core {

//! The text with ASCII letters lowercased (other bytes, UTF-8 included, as they are).
inline std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

//! A Unix time in UTC through strftime's format ("%b %e, %Y" → "Nov 26, 2026").
inline std::string utc(std::int64_t unix_seconds, const char* format) {
    std::time_t t = unix_seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[64];
    return std::string(out, std::strftime(out, sizeof out, format, &tm));
}

}  // namespace core

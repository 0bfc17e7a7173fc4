#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace core {

//! The text with ASCII letters lowercased (other bytes, UTF-8 included, as they are).
inline std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace core

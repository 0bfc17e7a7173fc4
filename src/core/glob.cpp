#include "core/glob.hpp"

#include <re2/re2.h>

namespace core {

std::string glob_regex(std::string_view glob) {
    std::string out;
    for (std::size_t i = 0; i < glob.size(); ++i) {
        char c = glob[i];
        if (c == '*' && i + 1 < glob.size() && glob[i + 1] == '*') {
            ++i;
            if (i + 1 < glob.size() && glob[i + 1] == '/') {
                out += "(?:.*/)?";
                ++i;
            } else {
                out += ".*";
            }
        } else if (c == '*') {
            out += "[^/]*";
        } else if (c == '?') {
            out += "[^/]";
        } else {
            out += RE2::QuoteMeta(std::string(1, c));
        }
    }
    return out;
}

}  // namespace core

#include "actions/tar.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace actions {
namespace {

void octal(char* field, std::size_t width, unsigned long long value) { std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value); }

}  // namespace

std::string make_tar(const std::vector<TarEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        char header[512] = {};
        std::string name = e.path + (e.folder ? "/" : ""), prefix;
        if (name.size() > 100) {
            auto cut = name.rfind('/', name.size() - 2);
            while (cut != std::string::npos && name.size() - cut - 1 > 100) cut = name.rfind('/', cut - 1);
            if (cut == std::string::npos || cut > 155) throw std::invalid_argument("path too long for a tar archive: " + e.path);
            prefix = name.substr(0, cut);
            name = name.substr(cut + 1);
        }
        std::memcpy(header, name.data(), name.size());
        octal(header + 100, 8, e.folder ? 0755 : e.mode);
        octal(header + 108, 8, 0);
        octal(header + 116, 8, 0);
        octal(header + 124, 12, e.folder ? 0 : e.content.size());
        octal(header + 136, 12, 0);
        std::memset(header + 148, ' ', 8);
        header[156] = e.folder ? '5' : '0';
        std::memcpy(header + 257, "ustar", 6);
        std::memcpy(header + 263, "00", 2);
        std::memcpy(header + 345, prefix.data(), prefix.size());
        unsigned sum = 0;
        for (unsigned char c : header) sum += c;
        std::snprintf(header + 148, 8, "%06o", sum);
        out.append(header, 512);
        if (e.folder) continue;
        out += e.content;
        out.append((512 - e.content.size() % 512) % 512, '\0');
    }
    out.append(1024, '\0');
    return out;
}

}  // namespace actions

#include "actions/tar.hpp"

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <zlib.h>

namespace actions {
namespace {

void octal(char* field, std::size_t width, unsigned long long value) { std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value); }

unsigned long long read_octal(std::string_view field) {
    unsigned long long value = 0;
    for (char c : field) {
        if (c == ' ' && value == 0) continue;
        if (c < '0' || c > '7') break;
        value = value * 8 + static_cast<unsigned>(c - '0');
    }
    return value;
}

std::string field(const char* data, std::size_t size) { return std::string(data, strnlen(data, size)); }

}  // namespace

std::optional<std::vector<TarEntry>> read_tar(std::string_view tar) {
    std::vector<TarEntry> out;
    std::string long_name;
    for (std::size_t at = 0; at + 512 <= tar.size();) {
        const char* header = tar.data() + at;
        if (header[0] == '\0') break;  // the end
        auto size = read_octal(std::string_view(header + 124, 12));
        char type = header[156];
        at += 512;
        if (at + size > tar.size()) return std::nullopt;
        std::string_view content = tar.substr(at, size);
        at += (size + 511) / 512 * 512;
        if (type == 'L') {  // GNU: the next entry's name
            long_name = std::string(content.substr(0, content.find('\0')));
            continue;
        }
        if (type == 'x') {  // PAX: records "len key=value\n"; only path matters here
            for (std::size_t r = 0; r < content.size();) {
                auto space = content.find(' ', r);
                if (space == std::string_view::npos) break;
                auto len = std::strtoull(std::string(content.substr(r, space - r)).c_str(), nullptr, 10);
                if (len == 0 || r + len > content.size()) break;
                auto record = content.substr(space + 1, r + len - space - 2);
                if (record.starts_with("path=")) long_name = std::string(record.substr(5));
                r += len;
            }
            continue;
        }
        if (type == 'g') continue;
        std::string name = field(header, 100), prefix = field(header + 345, 155);
        std::string path = !long_name.empty() ? long_name : prefix.empty() ? name : prefix + "/" + name;
        long_name.clear();
        while (path.ends_with('/')) path.pop_back();
        if (path.empty()) continue;
        if (type == '5') out.push_back({path, "", true});
        else if (type == '0' || type == '\0' || type == '7')
            out.push_back({path, std::string(content), false, static_cast<unsigned>(read_octal(std::string_view(header + 100, 8)) & 0777)});
    }
    return out;
}

std::string gzip(std::string_view data) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, data.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::optional<std::string> gunzip(std::string_view data) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
    std::string out;
    char buffer[64 * 1024];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

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

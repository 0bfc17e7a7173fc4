#include "actions/tar.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <sstream>

namespace actions {
namespace {

using core::Errc;
using core::fail;

constexpr std::size_t kBlock = 512;
// PAX and GNU long-name records are read whole: a name is never longer than this.
constexpr std::uint64_t kMaxRecord = 64 * 1024;
// The largest size ustar's 11 octal digits hold.
constexpr std::uint64_t kMaxUstarSize = (std::uint64_t(1) << 33) - 1;

void octal(char* field, std::size_t width, unsigned long long value) {
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value);
}

std::uint64_t read_number(const char* field, std::size_t width) {
    // GNU's base-256 form, for sizes past ustar's 8 GiB: the first byte's high bit set.
    if (static_cast<unsigned char>(field[0]) & 0x80) {
        std::uint64_t value = static_cast<unsigned char>(field[0]) & 0x7f;
        for (std::size_t i = 1; i < width; ++i) value = value << 8 | static_cast<unsigned char>(field[i]);
        return value;
    }
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        char c = field[i];
        if (c == ' ' && value == 0) continue;
        if (c < '0' || c > '7') break;
        value = value * 8 + static_cast<unsigned>(c - '0');
    }
    return value;
}

std::string field(const char* data, std::size_t size) { return std::string(data, strnlen(data, size)); }

bool checksum_holds(const char* header) {
    unsigned expected = static_cast<unsigned>(read_number(header + 148, 8));
    unsigned sum = 0;
    int signed_sum = 0;  // some old writers summed signed chars
    for (std::size_t i = 0; i < kBlock; ++i) {
        bool in_field = i >= 148 && i < 156;
        sum += in_field ? ' ' : static_cast<unsigned char>(header[i]);
        signed_sum += in_field ? ' ' : static_cast<signed char>(header[i]);
    }
    return expected == sum || static_cast<int>(expected) == signed_sum;
}

// What a PAX extended header sets for the next entry: records "len key=value\n".
struct Pax {
    std::optional<std::string> path;
    std::optional<std::uint64_t> size;  // past ustar's 8 GiB
};

Pax pax_records(std::string_view records) {
    Pax out;
    for (std::size_t at = 0; at < records.size();) {
        auto space = records.find(' ', at);
        if (space == std::string_view::npos) break;
        std::uint64_t len = 0;
        for (char c : records.substr(at, space - at)) {
            if (c < '0' || c > '9' || len > records.size()) return out;
            len = len * 10 + static_cast<unsigned>(c - '0');
        }
        if (len <= space - at + 1 || at + len > records.size()) break;
        auto record = records.substr(space + 1, at + len - space - 2);
        if (record.starts_with("path=")) out.path = std::string(record.substr(5));
        if (record.starts_with("size=")) {
            std::uint64_t size = 0;
            auto digits = record.substr(5);
            if (std::from_chars(digits.data(), digits.data() + digits.size(), size).ec == std::errc{}) out.size = size;
        }
        at += len;
    }
    return out;
}

std::string pax_record(const std::string& key, const std::string& value) {
    auto body = " " + key + "=" + value + "\n";
    auto len = body.size() + 1;
    while (std::to_string(len).size() + body.size() != len) ++len;
    return std::to_string(len) + body;
}

}  // namespace

core::Status TarReader::skip(std::uint64_t bytes) {
    if (bytes == 0) return {};
    in_.ignore(static_cast<std::streamsize>(bytes));
    if (static_cast<std::uint64_t>(in_.gcount()) != bytes) return fail(Errc::invalid, "The archive is cut short.");
    return {};
}

core::Result<std::optional<TarHeader>> TarReader::next() {
    if (cut_) return fail(Errc::invalid, "The archive is cut short.");
    if (auto skipped = skip(left_ + padding_); !skipped) return tl::unexpected(skipped.error());
    left_ = padding_ = 0;
    std::optional<std::string> long_name;
    std::uint64_t long_size = 0;  // a PAX size=, for an entry past ustar's 8 GiB
    bool has_long_size = false;
    for (;;) {
        char header[kBlock];
        in_.read(header, kBlock);
        auto got = static_cast<std::size_t>(in_.gcount());
        if (got == 0 && in_.eof()) return std::nullopt;  // an archive without its end blocks
        if (got != kBlock) return fail(Errc::invalid, "The archive is cut short.");
        if (std::all_of(header, header + kBlock, [](char c) { return c == '\0'; })) return std::nullopt;
        if (!checksum_holds(header)) return fail(Errc::invalid, "Not a tar archive.");
        auto size = read_number(header + 124, 12);
        std::uint64_t padding = (kBlock - size % kBlock) % kBlock;
        char type = header[156];
        if (type == 'L' || type == 'x' || type == 'g') {
            if (size > kMaxRecord) return fail(Errc::invalid, "The archive holds a name record over 64 KB.");
            std::string record(size, '\0');
            in_.read(record.data(), static_cast<std::streamsize>(size));
            if (static_cast<std::uint64_t>(in_.gcount()) != size) return fail(Errc::invalid, "The archive is cut short.");
            if (auto skipped = skip(padding); !skipped) return tl::unexpected(skipped.error());
            if (type == 'L') long_name = record.substr(0, record.find('\0'));
            if (type == 'x') {
                auto pax = pax_records(record);
                if (pax.path) long_name = std::move(pax.path);
                if (pax.size) long_size = *pax.size, has_long_size = true;
            }
            continue;
        }
        TarHeader out;
        std::string name = field(header, 100), prefix = field(header + 345, 155);
        out.path = long_name ? *long_name : prefix.empty() ? name : prefix + "/" + name;
        while (out.path.ends_with('/')) out.path.pop_back();
        while (out.path.starts_with("./")) out.path.erase(0, 2);
        out.kind = type == '5' ? TarHeader::Kind::folder
                   : (type == '0' || type == '\0' || type == '7') ? TarHeader::Kind::file
                                                                  : TarHeader::Kind::other;
        if (has_long_size) {
            size = long_size;
            padding = (kBlock - size % kBlock) % kBlock;
        }
        out.size = size;
        out.mode = static_cast<unsigned>(read_number(header + 100, 8) & 0777);
        left_ = size;
        padding_ = padding;
        if (out.path.empty() || out.path == ".") {
            if (auto skipped = skip(left_ + padding_); !skipped) return tl::unexpected(skipped.error());
            left_ = padding_ = 0;
            long_name.reset();
            has_long_size = false;
            continue;
        }
        return out;
    }
}

std::size_t TarReader::read(char* data, std::size_t size) {
    auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size, left_));
    if (want == 0) return 0;
    in_.read(data, static_cast<std::streamsize>(want));
    auto got = static_cast<std::size_t>(in_.gcount());
    left_ -= got;
    if (got < want) left_ = padding_ = 0, cut_ = true;  // next() says so
    return got;
}

void TarWriter::header(const std::string& path, char type, std::uint64_t size, unsigned mode) {
    std::string name = path, prefix;
    bool fits = name.size() <= 100 && size <= kMaxUstarSize;
    if (name.size() > 100) {
        auto cut = name.rfind('/', name.size() - 2);
        while (cut != std::string::npos && cut > 0 && name.size() - cut - 1 > 100) cut = name.rfind('/', cut - 1);
        if (cut != std::string::npos && cut <= 155 && name.size() - cut - 1 <= 100 && size <= kMaxUstarSize) {
            prefix = name.substr(0, cut);
            name = name.substr(cut + 1);
            fits = true;
        }
    }
    if (!fits) {  // a PAX record carries what ustar cannot
        std::string records = pax_record("path", path);
        if (size > kMaxUstarSize) records += pax_record("size", std::to_string(size));
        header("PaxHeaders/" + path.substr(path.size() > 80 ? path.size() - 80 : 0), 'x', records.size(), 0644);
        out_.write(records.data(), static_cast<std::streamsize>(records.size()));
        out_.write(std::string((kBlock - records.size() % kBlock) % kBlock, '\0').data(),
                   static_cast<std::streamsize>((kBlock - records.size() % kBlock) % kBlock));
        name = path.substr(0, 100);
        prefix.clear();
    }
    char block[kBlock] = {};
    std::memcpy(block, name.data(), std::min<std::size_t>(name.size(), 100));
    octal(block + 100, 8, mode & 07777);
    octal(block + 108, 8, 0);
    octal(block + 116, 8, 0);
    octal(block + 124, 12, std::min(size, kMaxUstarSize));
    octal(block + 136, 12, 0);
    std::memset(block + 148, ' ', 8);
    block[156] = type;
    std::memcpy(block + 257, "ustar", 6);
    std::memcpy(block + 263, "00", 2);
    std::memcpy(block + 345, prefix.data(), std::min<std::size_t>(prefix.size(), 155));
    unsigned sum = 0;
    for (unsigned char c : block) sum += c;
    std::snprintf(block + 148, 8, "%06o", sum);
    out_.write(block, kBlock);
}

void TarWriter::folder(const std::string& path, unsigned mode) { header(path + "/", '5', 0, mode); }

void TarWriter::file(const std::string& path, std::string_view content, unsigned mode) {
    std::size_t at = 0;
    file(path, content.size(), mode, [&](char* data, std::size_t size) {
        auto n = std::min(size, content.size() - at);
        std::memcpy(data, content.data() + at, n);
        at += n;
        return n;
    });
}

void TarWriter::file(const std::string& path, std::uint64_t size, unsigned mode, const TarSource& source) {
    header(path, '0', size, mode);
    char buffer[64 * 1024];
    for (std::uint64_t left = size; left > 0 && out_;) {
        auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, sizeof buffer));
        auto n = source(buffer, want);
        if (n == 0) std::memset(buffer, 0, want), n = want;  // the file shrank while it was read
        out_.write(buffer, static_cast<std::streamsize>(n));
        left -= n;
    }
    static const char zeros[kBlock] = {};
    out_.write(zeros, static_cast<std::streamsize>((kBlock - size % kBlock) % kBlock));
}

void TarWriter::finish() {
    static const char zeros[2 * kBlock] = {};
    out_.write(zeros, sizeof zeros);
    out_.flush();
}

core::Result<std::size_t> copy_files(TarReader& from, TarWriter& to, const std::string& prefix, std::set<std::string>& folders) {
    std::size_t count = 0;
    for (;;) {
        auto entry = from.next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) return count;
        if ((*entry)->kind != TarHeader::Kind::file) continue;
        auto path = prefix + "/" + (*entry)->path;
        for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
            if (folders.insert(path.substr(0, slash)).second) to.folder(path.substr(0, slash));
        to.file(path, (*entry)->size, (*entry)->mode, [&from](char* data, std::size_t size) { return from.read(data, size); });
        ++count;
    }
}

std::string make_tar(const std::vector<TarEntry>& entries) {
    std::ostringstream out;
    TarWriter tar(out);
    for (const auto& e : entries) {
        if (e.folder) tar.folder(e.path);
        else tar.file(e.path, e.content, e.mode);
    }
    tar.finish();
    return std::move(out).str();
}

GzipOut::GzipOut(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0 && !(file_ = gzdopen(fd, "wb"))) ::close(fd);
    failed_ = file_ == nullptr;
}

GzipOut::~GzipOut() {
    if (file_) gzclose(file_);
}

GzipOut::int_type GzipOut::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
}

std::streamsize GzipOut::xsputn(const char* data, std::streamsize size) {
    if (failed_) return 0;
    for (std::streamsize at = 0; at < size;) {
        auto chunk = static_cast<unsigned>(std::min<std::streamsize>(size - at, 1 << 20));
        if (gzwrite(file_, data + at, chunk) != static_cast<int>(chunk)) {
            failed_ = true;
            return at;
        }
        at += chunk;
    }
    return size;
}

bool GzipOut::close() {
    if (!file_) return false;
    bool closed = gzclose(file_) == Z_OK;
    file_ = nullptr;
    return closed && !failed_;
}

GzipIn::GzipIn(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && !(file_ = gzdopen(fd, "rb"))) ::close(fd);
}

GzipIn::~GzipIn() {
    if (file_) gzclose(file_);
}

GzipIn::int_type GzipIn::underflow() {
    if (!file_) return traits_type::eof();
    int n = gzread(file_, buffer_, sizeof buffer_);
    if (n <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(buffer_[0]);
}

JoinedIn::int_type JoinedIn::underflow() {
    tail_.read(buffer_, sizeof buffer_);
    auto n = tail_.gcount();
    if (n <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(buffer_[0]);
}

}  // namespace actions

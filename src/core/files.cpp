#include "core/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace core {

Status write_private_file(const std::filesystem::path& path, std::string_view content) {
    auto tmp = path;
    tmp += ".tmp";
    auto failed = [&](const char* what) {
        auto message = "cannot " + std::string(what) + " " + tmp.string() + ": " + std::strerror(errno);
        ::unlink(tmp.c_str());
        return fail(Errc::internal, message);
    };
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return fail(Errc::internal, "cannot create " + tmp.string() + ": " + std::strerror(errno));
    // A file left by an earlier try keeps its mode through O_CREAT.
    bool written = ::fchmod(fd, 0600) == 0;
    for (std::size_t at = 0; written && at < content.size();) {
        auto n = ::write(fd, content.data() + at, content.size() - at);
        if (n < 0 && errno == EINTR) continue;
        written = n > 0;
        if (written) at += static_cast<std::size_t>(n);
    }
    written = written && ::fsync(fd) == 0;
    if (::close(fd) != 0 || !written) return failed("write");
    if (::rename(tmp.c_str(), path.c_str()) != 0) return failed("rename");
    return {};
}

TempFile::TempFile(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    std::string pattern = (folder / "tmp-XXXXXX").string();
    int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) return;
    ::close(fd);
    path_ = pattern;
}

TempFile::~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace core

#pragma once

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <set>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

//! Tar archives, as the container engine's archive API takes and gives them and as artifacts
//! are kept: read and written as streams, so that no archive is ever held whole in memory.
namespace actions {

//! A file or folder of a small archive built in memory (a step's files for the agent).
struct TarEntry {
    std::string path;     //!< relative, "/"-separated; folders end without a slash
    std::string content;  //!< empty for a folder
    bool folder = false;
    unsigned mode = 0644;
};

//! One entry of an archive as TarReader reads it.
struct TarHeader {
    enum class Kind { file, folder, other };  //!< other: links, devices and the like, whose content is skipped
    std::string path;                         //!< relative, "/"-separated, without a trailing slash
    Kind kind = Kind::file;
    std::uint64_t size = 0;
    unsigned mode = 0644;
};

//! Reads an archive (ustar, with GNU and PAX long names) entry by entry, holding one block at a
//! time. Hostile input gives an error, never a crash or a huge allocation.
class TarReader {
public:
    explicit TarReader(std::istream& in) : in_(in) {}
    //! The next entry (the rest of the current one's content is skipped), nullopt at the end of
    //! the archive; invalid when it is broken or cut short.
    core::Result<std::optional<TarHeader>> next();
    //! Up to size bytes of the current entry's content; 0 at its end.
    std::size_t read(char* data, std::size_t size);

private:
    core::Status skip(std::uint64_t bytes);

    std::istream& in_;
    std::uint64_t left_ = 0, padding_ = 0;  // of the current entry's content
    bool cut_ = false;                       // a read found the archive ended inside an entry
};

//! Where the content of a file being written comes from: fills up to size bytes, 0 at its end.
using TarSource = std::function<std::size_t(char* data, std::size_t size)>;

//! Writes an archive to a stream: ustar headers, and a PAX record before an entry whose path
//! does not fit ustar's 100 + 155 bytes.
class TarWriter {
public:
    explicit TarWriter(std::ostream& out) : out_(out) {}
    void folder(const std::string& path, unsigned mode = 0755);
    void file(const std::string& path, std::string_view content, unsigned mode = 0644);
    //! A file of exactly size bytes from source; what the source does not give is written as zeros.
    void file(const std::string& path, std::uint64_t size, unsigned mode, const TarSource& source);
    //! The two zero blocks that end an archive. An archive not finished can be joined by another.
    void finish();
    //! False once the stream refused a write.
    bool ok() const { return static_cast<bool>(out_); }

private:
    void header(const std::string& path, char type, std::uint64_t size, unsigned mode);

    std::ostream& out_;
};

//! Copies the files of the archive `from` reads into `to`, each below prefix/, with every folder
//! on the way that `folders` does not hold yet (it remembers them across calls); how many files.
//! Invalid when `from` is not an archive.
core::Result<std::size_t> copy_files(TarReader& from, TarWriter& to, const std::string& prefix, std::set<std::string>& folders);

//! A small archive in memory, finished.
std::string make_tar(const std::vector<TarEntry>& entries);

//! A gzip file written through an std::ostream: `GzipOut file(path); std::ostream out(&file);`.
class GzipOut : public std::streambuf {
public:
    explicit GzipOut(const std::filesystem::path& path);
    ~GzipOut() override;
    GzipOut(const GzipOut&) = delete;
    GzipOut& operator=(const GzipOut&) = delete;
    //! Flushes and closes the file; false when anything could not be written.
    bool close();

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;

private:
    gzFile file_ = nullptr;
    bool failed_ = false;
};

//! A gzip file read through an std::istream.
class GzipIn : public std::streambuf {
public:
    explicit GzipIn(const std::filesystem::path& path);
    ~GzipIn() override;
    GzipIn(const GzipIn&) = delete;
    GzipIn& operator=(const GzipIn&) = delete;
    bool is_open() const { return file_ != nullptr; }

protected:
    int_type underflow() override;

private:
    gzFile file_ = nullptr;
    char buffer_[64 * 1024];
};

//! Reads `head`, then what `tail` holds: two archives sent as one (the first not finished).
class JoinedIn : public std::streambuf {
public:
    JoinedIn(std::string head, std::istream& tail) : head_(std::move(head)), tail_(tail) {
        setg(head_.data(), head_.data(), head_.data() + head_.size());
    }

protected:
    int_type underflow() override;

private:
    std::string head_;
    std::istream& tail_;
    char buffer_[64 * 1024];
};

}  // namespace actions

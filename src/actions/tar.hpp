#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actions {

//! A file or folder for a tar archive.
struct TarEntry {
    std::string path;     //!< relative, "/"-separated; folders end without a slash
    std::string content;  //!< empty for a folder
    bool folder = false;
    unsigned mode = 0644;
};

//! A POSIX (ustar) archive of the entries, for the container engine's archive upload. Paths
//! longer than 100 bytes are split into ustar's prefix and name (at most 255 in all).
std::string make_tar(const std::vector<TarEntry>& entries);

//! The files and folders of a tar archive (ustar, with GNU and PAX long names), as the
//! container engine's archive download writes it; nullopt when it is not one. Links and other
//! special entries are left out.
std::optional<std::vector<TarEntry>> read_tar(std::string_view tar);

//! gzip compression of data, and back (nullopt for what is not gzip).
std::string gzip(std::string_view data);
std::optional<std::string> gunzip(std::string_view data);

}  // namespace actions

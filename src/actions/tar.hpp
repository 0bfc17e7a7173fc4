#pragma once

#include <string>
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

}  // namespace actions

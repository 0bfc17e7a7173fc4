#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace core {

//! Writes a file only its owner may read (0600 from the moment it exists, never readable by
//! others for an instant), whole or not at all: through path.tmp, synced, then renamed over path.
Status write_private_file(const std::filesystem::path& path, std::string_view content);

//! A new empty file of its own in folder (made if missing), removed when the object goes: where
//! an archive too large to hold passes through.
class TempFile {
public:
    explicit TempFile(const std::filesystem::path& folder);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    //! Empty when the file could not be made.
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace core

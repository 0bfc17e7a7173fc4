#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace core {

//! Writes a file only its owner may read (0600 from the moment it exists, never readable by
//! others for an instant), whole or not at all: through path.tmp, synced, then renamed over path.
Status write_private_file(const std::filesystem::path& path, std::string_view content);

}  // namespace core

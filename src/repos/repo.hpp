#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace repos {

struct Repo {
    std::string id;  //!< URL-safe slug, unique across the site; the directory is DATA_DIR/repos/{id}.git
    std::string name;
    std::string description;
    std::int64_t owner_id = 0;
    bool is_private = false;
    std::string default_branch = "main";
    std::int64_t size_bytes = 0;
    std::optional<std::int64_t> pushed_at;
    std::int64_t created_at = 0;
};

}  // namespace repos

#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace repos {

struct Repo {
    std::string id;     //!< the key, never shown or changed; the directory is DATA_DIR/repos/{id}.git
    std::string owner;  //!< the owner's name: the repository is {owner}/{name}
    std::string name;   //!< unique per owner whatever its case: [A-Za-z0-9._-], at most 100
    std::string description;
    std::int64_t owner_id = 0;
    bool is_private = false;
    std::string default_branch = "main";
    std::int64_t size_bytes = 0;
    std::optional<std::int64_t> pushed_at;
    std::int64_t created_at = 0;
    std::int64_t stars = 0;  //!< how many users starred it
    bool owner_is_org = false;
    std::string fork_of;     //!< the id of the repository it was forked from, "" for none
    std::int64_t forks = 0;  //!< how many forks it has
    std::string public_parent;  //!< owner/name of the repository it was forked from when that one is public

    //! "owner/name", as GitHub's full_name.
    std::string full_name() const { return owner + "/" + name; }
};

}  // namespace repos

#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"

namespace actions {

//! A repository's secrets, encrypted at rest with libsodium's secretbox under a key derived
//! from AUTH_SECRET (so a copy of the database alone reveals nothing). Values are write-only:
//! the UI and API list names; only a job of the same repository receives the values.
class Secrets {
public:
    Secrets(db::Pool& pool, const std::string& auth_secret);

    struct Entry {
        std::string name;
        std::int64_t updated_at = 0;
    };
    std::vector<Entry> list(const std::string& repo_id);
    //! Names as GitHub takes them: letters, digits and _, not starting with a digit or GITHUB_.
    core::Status put(const std::string& repo_id, const std::string& name, const std::string& value);
    bool remove(const std::string& repo_id, const std::string& name);
    //! Every secret of the repository, decrypted, for a job.
    std::map<std::string, std::string> values(const std::string& repo_id);

private:
    db::Pool& pool_;
    std::array<unsigned char, 32> key_{};
};

}  // namespace actions

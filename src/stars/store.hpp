#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/pool.hpp"

//! SQL for stars: who starred which repository.
namespace stars::store {

//! Starring twice is starring once; unstarring what is not starred changes nothing.
void set_starred(db::Pool& pool, const std::string& repo_id, std::int64_t user_id, bool starred);
bool starred(db::Pool& pool, const std::string& repo_id, std::int64_t user_id);
std::int64_t count(db::Pool& pool, const std::string& repo_id);
//! The ids of the repositories the user starred, newest star first.
std::vector<std::string> starred_by(db::Pool& pool, std::int64_t user_id);
//! Who starred the repository, first star first.
std::vector<std::string> stargazers(db::Pool& pool, const std::string& repo_id);

}  // namespace stars::store

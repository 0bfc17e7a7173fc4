#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace core {

//! How deep JSON from outside (request bodies, runners, fromJSON) may nest. nlohmann's parser
//! does not recurse, but dump(), comparison and our own walks do.
constexpr int kMaxJsonDepth = 64;

//! JSON text as a value, or a discarded value (is_discarded()) when it is malformed or nests
//! deeper than max_depth.
nlohmann::json parse_json(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace core

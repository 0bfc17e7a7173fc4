#include "core/json.hpp"

namespace core {

nlohmann::json parse_json(std::string_view text, int max_depth) {
    bool too_deep = false;
    // The callback sees each value's depth as it is read; what lies deeper is dropped as it comes,
    // so a hostile text never becomes a deep tree.
    auto value = nlohmann::json::parse(
        text,
        [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
            if (depth <= max_depth) return true;
            too_deep = true;
            return false;
        },
        false);
    if (too_deep) return nlohmann::json(nlohmann::json::value_t::discarded);
    return value;
}

}  // namespace core

// libFuzzer: JSON request bodies as the API and the runner API read them: bounded in depth, so
// that writing them back (dump() recurses) and comparing them are safe.
#include <cstdint>
#include <string_view>

#include "core/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto value = core::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (value.is_discarded()) return 0;
    auto text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto again = core::parse_json(text);
    if (again.is_discarded()) __builtin_trap();  // what we write, we can read
    return 0;
}

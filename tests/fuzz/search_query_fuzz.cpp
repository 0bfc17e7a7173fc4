// libFuzzer: code search queries (words, phrases, /regex/, filters), and path filters applied.
#include <cstdint>
#include <string_view>

#include "search/query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto query = search::parse(text);
    if (query) {
        (void)search::path_passes(*query, "src/main.cpp");
        (void)search::path_passes(*query, std::string(text.substr(0, 200)));
    }
    return 0;
}

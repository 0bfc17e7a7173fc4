// libFuzzer: tar archives from a container engine, a sandbox or a remote runner, read entry by
// entry as the artifact store and bubblewrap read them.
#include <cstdint>
#include <sstream>
#include <string>

#include "actions/tar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    actions::TarReader tar(in);
    char buffer[4096];
    for (int entries = 0; entries < 10000; ++entries) {
        auto entry = tar.next();
        if (!entry || !*entry) break;
        if ((*entry)->path.empty()) __builtin_trap();
        while (tar.read(buffer, sizeof buffer) > 0) {
        }
    }
    return 0;
}

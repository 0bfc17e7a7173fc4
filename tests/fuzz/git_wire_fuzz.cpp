// libFuzzer: what the server itself reads of git's wire (git parses the protocol's pkt-lines;
// the server passes them through): the command an SSH client asks to run, the Git-Protocol
// header, and gzip-encoded request bodies, inflated in bounded pieces.
#include <cstdint>
#include <string>
#include <string_view>

#include "git/inflate.hpp"
#include "git/process.hpp"
#include "ssh/command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)ssh::parse_command(text);
    (void)git::valid_git_protocol(text);
    // The body in two pieces, as it may arrive; each drained 64 KB at a time, as pump_in does.
    git::Inflater inflater;
    std::string out;
    std::size_t total = 0;
    for (auto piece : {text.substr(0, size / 2), text.substr(size / 2)}) {
        inflater.feed(piece);
        while (inflater.drain(out, 64 * 1024) && !out.empty()) {
            if (out.size() > 64 * 1024) __builtin_trap();
            total += out.size();
            if (total > (64u << 20)) return 0;  // a bomb streams on; enough of it is seen
        }
    }
    return 0;
}

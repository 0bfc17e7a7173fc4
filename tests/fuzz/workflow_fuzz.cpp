// libFuzzer: workflow files as YAML. A hostile file is the file's error: never a crash, an
// exception past parse_workflow, or an expansion that eats memory.
#include <cstdint>
#include <string>

#include "actions/workflow.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)actions::parse_workflow(".github/workflows/fuzz.yml", std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}

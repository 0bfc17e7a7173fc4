// libFuzzer: GitHub Actions expressions, evaluated, interpolated and read as conditions, against
// contexts like a job's. Nothing may crash, hang or recurse past the parser's limits.
#include <cstdint>
#include <string_view>

#include "actions/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const auto context = [] {
        actions::expr::Context c;
        c.values = actions::expr::json::parse(R"({"github": {"ref": "refs/heads/main", "event": {"labels": [{"name": "bug"}]}},
            "env": {"A": "1"}, "matrix": {"os": ["linux", "mac"]}, "steps": {"s": {"outputs": {"json": "[[1,2],{\"a\":[3]}]"}}},
            "needs": {"build": {"result": "success"}}, "inputs": {"n": 3}})");
        c.hash_files = [](const std::vector<std::string>& p) { return std::string(p.empty() ? "" : "h"); };
        return c;
    }();
    (void)actions::expr::evaluate(text, context);
    (void)actions::expr::interpolate(text, context);
    (void)actions::expr::condition(text, context);
    (void)actions::expr::check(text);
    return 0;
}

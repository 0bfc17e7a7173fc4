// Build-time helper: turns files into a C++ source so that build/workspace carries its
// templates, static assets and migrations and runs from any directory.
//
//   embed OUT.cpp FUNCTION NAME=PATH...
//
// writes `std::span<const core::EmbeddedFile> embedded::FUNCTION()` listing each file as NAME.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: embed OUT.cpp FUNCTION NAME=PATH...\n";
        return 2;
    }
    std::string out_path = argv[1];
    std::string function = argv[2];
    std::string code = "#include \"core/embedded.hpp\"\n\nnamespace {\n";
    std::vector<std::pair<std::string, std::size_t>> entries;
    for (int i = 3; i < argc; ++i) {
        std::string arg = argv[i];
        auto eq = arg.find('=');
        if (eq == std::string::npos) {
            std::cerr << "embed: expected NAME=PATH, got " << arg << "\n";
            return 2;
        }
        std::ifstream in(arg.substr(eq + 1), std::ios::binary);
        if (!in) {
            std::cerr << "embed: cannot read " << arg.substr(eq + 1) << "\n";
            return 1;
        }
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        code += "const unsigned char f" + std::to_string(entries.size()) + "[] = {";
        char hex[8];
        for (std::size_t j = 0; j < bytes.size(); ++j) {
            std::snprintf(hex, sizeof hex, "%s%u", j % 32 ? "," : ",\n", static_cast<unsigned char>(bytes[j]));
            code += j == 0 ? hex + 1 : hex;
        }
        code += bytes.empty() ? "0};\n" : "};\n";
        entries.emplace_back(arg.substr(0, eq), bytes.size());
    }
    code += "const core::EmbeddedFile files[] = {\n";
    for (std::size_t i = 0; i < entries.size(); ++i)
        code += "    {\"" + entries[i].first + "\", {reinterpret_cast<const char*>(f" + std::to_string(i) +
                "), " + std::to_string(entries[i].second) + "}},\n";
    if (entries.empty()) code += "    {\"\", {}},\n";
    code += "};\n}  // namespace\n\nnamespace embedded {\nstd::span<const core::EmbeddedFile> " + function +
            "() { return {files, " + std::to_string(entries.size()) + "}; }\n}  // namespace embedded\n";
    std::ofstream out(out_path, std::ios::binary);
    out << code;
    return out ? 0 : 1;
}

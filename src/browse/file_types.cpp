#include "browse/file_types.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/text.hpp"

namespace browse::file_types {
namespace {

using core::lowercase;

std::string base_name(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string extension(const std::string& path) {
    auto name = base_name(path);
    auto dot = name.rfind('.');
    return dot == std::string::npos ? "" : lowercase(name.substr(dot + 1));
}

const char* image_type(const std::string& path) {
    auto ext = extension(path);
    if (ext == "png") return "image/png";
    if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
    if (ext == "gif") return "image/gif";
    if (ext == "webp") return "image/webp";
    if (ext == "ico") return "image/x-icon";
    if (ext == "bmp") return "image/bmp";
    return nullptr;
}

std::string language(const std::string& path) {
    // The grammars bundled into prism.js (CMakeLists.txt, PRISM_LANGUAGES).
    static const std::unordered_map<std::string_view, std::string_view> by_extension = {
        {"c", "c"}, {"h", "c"}, {"cc", "cpp"}, {"cpp", "cpp"}, {"cxx", "cpp"}, {"hpp", "cpp"}, {"hh", "cpp"},
        {"hxx", "cpp"}, {"ipp", "cpp"}, {"cs", "csharp"}, {"java", "java"}, {"kt", "kotlin"}, {"kts", "kotlin"},
        {"go", "go"}, {"rs", "rust"}, {"swift", "swift"}, {"py", "python"}, {"pyi", "python"}, {"rb", "ruby"},
        {"php", "php"}, {"pl", "perl"}, {"pm", "perl"}, {"lua", "lua"}, {"sh", "bash"}, {"bash", "bash"},
        {"zsh", "bash"}, {"ps1", "powershell"}, {"sql", "sql"}, {"json", "json"}, {"yml", "yaml"},
        {"yaml", "yaml"}, {"toml", "toml"}, {"ini", "ini"}, {"cfg", "ini"}, {"cmake", "cmake"}, {"mk", "makefile"},
        {"md", "markdown"}, {"markdown", "markdown"}, {"diff", "diff"}, {"patch", "diff"}, {"js", "javascript"},
        {"mjs", "javascript"}, {"cjs", "javascript"}, {"ts", "typescript"}, {"mts", "typescript"},
        {"scala", "scala"}, {"hs", "haskell"}, {"ex", "elixir"}, {"exs", "elixir"}, {"erl", "erlang"}, {"r", "r"},
        {"dart", "dart"}, {"proto", "protobuf"}, {"tex", "latex"}, {"html", "markup"}, {"htm", "markup"},
        {"xml", "markup"}, {"svg", "markup"}, {"tpl", "markup"}, {"css", "css"},
    };
    auto name = base_name(path);
    if (name == "Makefile" || name == "GNUmakefile" || name == "makefile") return "makefile";
    if (name == "Dockerfile" || name.starts_with("Dockerfile.") || extension(name) == "dockerfile") return "docker";
    if (name == "CMakeLists.txt") return "cmake";
    if (name == "nginx.conf") return "nginx";
    auto it = by_extension.find(extension(name));
    return it == by_extension.end() ? "" : std::string(it->second);
}

bool is_markdown(const std::string& path) {
    auto ext = extension(path);
    return ext == "md" || ext == "markdown";
}

}  // namespace browse::file_types

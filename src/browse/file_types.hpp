#pragma once

#include <string>

//! What a file's name says about how to show it.
namespace browse::file_types {

//! The lowercase extension after the last dot of the last segment, "" when there is none.
std::string extension(const std::string& path);

//! The type of images that browsers show in <img> and that cannot run script (SVG is
//! deliberately absent), or nullptr.
const char* image_type(const std::string& path);

//! Prism's name for the file's language ("cpp", "python", …), or "" when it has none bundled.
std::string language(const std::string& path);

//! README.md, notes.markdown: shown rendered, with the source a click away.
bool is_markdown(const std::string& path);

}  // namespace browse::file_types

#pragma once

#include <string>
#include <string_view>

namespace core {

//! A path glob as an RE2 pattern (unanchored text; wrap it as needed): `*` and `?` within a
//! folder, `**` across folders, `**/` also no folder at all, as git's `:(glob)` and
//! minimatch read them; everything else literal.
std::string glob_regex(std::string_view glob);

}  // namespace core

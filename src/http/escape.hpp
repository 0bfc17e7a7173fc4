#pragma once

#include <string>
#include <string_view>

//! HTML escaping in one place, for the few views that build markup in code (logs, code rows,
//! charts, the Markdown sanitizer); templates escape on their own.
namespace http {

//! Appends text to out with & < > " ' written as entities: safe in element content and in
//! quoted attribute values.
void append_escaped(std::string& out, std::string_view text);

}  // namespace http

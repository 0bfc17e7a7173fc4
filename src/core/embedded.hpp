#pragma once

#include <span>
#include <string_view>

namespace core {

//! A file compiled into the binary by tools/embed.cpp; both views live for the whole program.
struct EmbeddedFile {
    std::string_view name;
    std::string_view data;
};

}  // namespace core

namespace embedded {
std::span<const core::EmbeddedFile> templates();   //!< templates/**.tpl, named "auth/signin.tpl"
std::span<const core::EmbeddedFile> assets();      //!< files served under /static/
std::span<const core::EmbeddedFile> migrations();  //!< src/db/migrations/NNN_name.sql, in order
std::span<const core::EmbeddedFile> search_migrations();  //!< src/search/migrations/NNN_name.sql, in order
}  // namespace embedded

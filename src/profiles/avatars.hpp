#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "auth/store.hpp"
#include "core/result.hpp"

namespace db {
class Pool;
}

namespace profiles {

//! An uploaded avatar is at most this large.
constexpr std::size_t kAvatarLimit = 1 << 20;

//! The type of an image from its first bytes — image/png, image/jpeg, image/gif or image/webp —
//! and nothing else: an avatar is served with exactly this type, never what its uploader said.
std::optional<std::string> image_type(std::string_view bytes);

//! GitHub's identicon as SVG: a 5×5 grid mirrored about its middle column, cells and colour
//! drawn from the SHA-256 of the name, so each account has its own and keeps it.
std::string identicon(std::string_view name);

//! Uploaded avatars, a file each in DATA_DIR/avatars named by the account's id; the account's
//! avatar column keeps the file's type.
class Avatars {
public:
    Avatars(db::Pool& pool, std::filesystem::path dir);

    //! bytes are the image itself, or base64 of it (a data: URL's too, as browsers read files);
    //! invalid for anything that is not a PNG, JPEG, GIF or WebP, too_large past kAvatarLimit.
    core::Status upload(const auth::store::User& account, std::string_view bytes);
    void remove(const auth::store::User& account);
    //! The uploaded picture and its type, if the account has one.
    std::optional<std::pair<std::string, std::string>> read(const auth::store::User& account) const;

private:
    db::Pool& pool_;
    std::filesystem::path dir_;
};

}  // namespace profiles

#include "profiles/avatars.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iterator>

#include "core/crypto.hpp"
#include "core/files.hpp"

namespace profiles {
namespace {

using core::Errc;
using core::fail;

bool starts(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

}  // namespace

std::optional<std::string> image_type(std::string_view bytes) {
    if (starts(bytes, "\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts(bytes, "\xff\xd8\xff")) return "image/jpeg";
    if (starts(bytes, "GIF87a") || starts(bytes, "GIF89a")) return "image/gif";
    if (bytes.size() >= 12 && starts(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP") return "image/webp";
    return std::nullopt;
}

std::string identicon(std::string_view name) {
    auto hash = core::crypto::sha256(name);
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(hash[i % hash.size()]); };
    // Hue from the hash, saturation and lightness kept where it reads on light and dark themes.
    int hue = (byte(0) << 8 | byte(1)) % 360;
    std::string colour = "hsl(" + std::to_string(hue) + " 55% 50%)";
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-35 -35 490 490\" width=\"420\" height=\"420\">"
                      "<rect x=\"-35\" y=\"-35\" width=\"490\" height=\"490\" fill=\"#f0f0f0\"/><g fill=\"" + colour + "\">";
    auto cell = [&](int row, int col) {
        svg += "<rect x=\"" + std::to_string(col * 84) + "\" y=\"" + std::to_string(row * 84) + "\" width=\"84\" height=\"84\"/>";
    };
    for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 3; ++col) {
            if (!(byte(2 + row * 3 + col) & 1)) continue;
            cell(row, col);
            if (col != 2) cell(row, 4 - col);
        }
    return svg + "</g></svg>";
}

Avatars::Avatars(db::Pool& pool, std::filesystem::path dir) : pool_(pool), dir_(std::move(dir)) {}

core::Status Avatars::upload(const auth::store::User& account, std::string_view bytes) {
    std::string decoded;
    if (!image_type(bytes)) {
        auto text = bytes;
        if (text.starts_with("data:")) text.remove_prefix(std::min(text.size(), text.find(',') + 1));
        auto raw = text.size() <= kAvatarLimit * 4 / 3 + 8 ? core::crypto::base64_decode(text) : std::nullopt;
        if (!raw && text.size() > kAvatarLimit * 4 / 3 + 8) return fail(Errc::too_large, "Avatars can be at most 1 MiB.");
        if (raw) decoded = std::move(*raw);
        bytes = decoded;
    }
    if (bytes.size() > kAvatarLimit) return fail(Errc::too_large, "Avatars can be at most 1 MiB.");
    auto type = image_type(bytes);
    if (!type) return fail(Errc::invalid, "An avatar must be a PNG, JPEG, GIF or WebP image.");
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (auto written = core::write_private_file(dir_ / std::to_string(account.id), bytes); !written) {
        spdlog::error("saving the avatar of {}: {}", account.username, written.error().message);
        return fail(Errc::internal, "The avatar could not be saved; the error is in the server log.");
    }
    auth::store::set_avatar(pool_, account.id, *type);
    return {};
}

void Avatars::remove(const auth::store::User& account) {
    auth::store::set_avatar(pool_, account.id, "");
    std::error_code ec;
    std::filesystem::remove(dir_ / std::to_string(account.id), ec);
}

std::optional<std::pair<std::string, std::string>> Avatars::read(const auth::store::User& account) const {
    if (account.avatar.empty()) return std::nullopt;
    std::ifstream in(dir_ / std::to_string(account.id), std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.eof() && !in.good()) return std::nullopt;
    if (bytes.empty() || bytes.size() > kAvatarLimit) return std::nullopt;
    return std::pair{std::move(bytes), account.avatar};
}

}  // namespace profiles

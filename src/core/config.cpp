#include "core/config.hpp"

#include <sys/stat.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include "core/crypto.hpp"
#include "core/files.hpp"

namespace core {
namespace {

constexpr std::array kThemes = {
    "light",  "dark",    "cupcake", "bumblebee", "emerald",   "corporate", "synthwave", "retro",    "cyberpunk",
    "valentine", "halloween", "garden", "forest", "aqua",     "lofi",      "pastel",    "fantasy",  "wireframe",
    "black",  "luxury",  "dracula", "cmyk",      "autumn",    "business",  "acid",      "lemonade", "night",
    "coffee", "winter",  "dim",     "nord",      "sunset",    "caramellatte", "abyss",  "silk",
};

Result<std::uint16_t> parse_port(const char* name, std::string_view text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > 65535)
        return fail(Errc::invalid, std::string(name) + " must be a number from 0 to 65535, got \"" + std::string(text) + "\"");
    return static_cast<std::uint16_t>(value);
}

Result<std::string> parse_prefix(std::string text) {
    while (!text.empty() && text.back() == '/') text.pop_back();
    if (text.empty()) return text;
    if (text.front() != '/') text.insert(text.begin(), '/');
    for (char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~'))
            return fail(Errc::invalid, "PREFIX may hold only letters, digits and / - _ . ~, got \"" + text + "\"");
    if (text.find("//") != std::string::npos || text.find("/.") != std::string::npos)
        return fail(Errc::invalid, "PREFIX must be a plain path such as /git, got \"" + text + "\"");
    return text;
}

Result<bool> parse_bool(const char* name, std::string_view text) {
    if (text.empty() || text == "false" || text == "0" || text == "no") return false;
    if (text == "true" || text == "1" || text == "yes") return true;
    return fail(Errc::invalid, std::string(name) + " must be true or false, got \"" + std::string(text) + "\"");
}

}  // namespace

bool is_theme(std::string_view name) {
    for (auto theme : kThemes)
        if (name == theme) return true;
    return false;
}

Result<Config> config_from_env(const Getenv& getenv) {
    auto env = [&](const char* name) -> std::string {
        const char* value = getenv(name);
        return value ? value : "";
    };
    Config config;
    config.auth_secret = env("AUTH_SECRET");
    if (auto host = env("HOST"); !host.empty()) config.host = host;
    if (auto port = env("PORT"); !port.empty()) {
        auto parsed = parse_port("PORT", port);
        if (!parsed) return tl::unexpected(parsed.error());
        config.port = *parsed;
    }
    if (auto port = env("SSH_PORT"); !port.empty()) {
        auto parsed = parse_port("SSH_PORT", port);
        if (!parsed) return tl::unexpected(parsed.error());
        config.ssh_port = *parsed;
    }
    config.ssh_domain = env("SSH_DOMAIN");
    auto prefix = parse_prefix(env("PREFIX"));
    if (!prefix) return tl::unexpected(prefix.error());
    config.prefix = *prefix;
    if (auto theme = env("THEME"); !theme.empty()) {
        if (!is_theme(theme)) return fail(Errc::invalid, "THEME must be a DaisyUI theme name, got \"" + theme + "\"");
        config.theme = theme;
    }
    if (auto dir = env("DATA_DIR"); !dir.empty()) {
        config.data_dir = dir;
    } else if (auto home = env("HOME"); !home.empty()) {
        config.data_dir = std::filesystem::path(home) / ".skyscape";
    } else {
        return fail(Errc::invalid, "DATA_DIR is unset and so is HOME; set DATA_DIR");
    }
    config.smtp_url = env("SMTP_URL");
    if (!config.smtp_url.empty() && !config.smtp_url.starts_with("smtp://") && !config.smtp_url.starts_with("smtps://"))
        return fail(Errc::invalid, "SMTP_URL must start with smtp:// or smtps://");
    if (auto from = env("SMTP_FROM"); !from.empty()) {
        if (from.find_first_of("\r\n<>") != std::string::npos || from.find('@') == std::string::npos)
            return fail(Errc::invalid, "SMTP_FROM must be one plain address like ci@example.com");
        config.smtp_from = from;
    }
    config.public_url = env("PUBLIC_URL");
    while (config.public_url.ends_with('/')) config.public_url.pop_back();
    config.public_url_set = !config.public_url.empty();
    if (config.public_url.empty()) config.public_url = "http://localhost:" + std::to_string(config.port) + config.prefix;
    if (auto max = env("SEARCH_MAX_FILE_SIZE"); !max.empty()) {
        std::int64_t bytes = 0;
        auto [end, ec] = std::from_chars(max.data(), max.data() + max.size(), bytes);
        if (ec != std::errc() || end != max.data() + max.size() || bytes < 1)
            return fail(Errc::invalid, "SEARCH_MAX_FILE_SIZE must be a number of bytes, like 1048576");
        config.search_max_file_size = bytes;
    }
    auto positive = [&env](const char* name, auto& out, const char* example) -> Status {
        auto text = env(name);
        if (text.empty()) return {};
        std::int64_t value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value < 1)
            return fail(Errc::invalid, std::string(name) + " must be a positive number, like " + example);
        out = static_cast<std::remove_reference_t<decltype(out)>>(value);
        return {};
    };
    if (auto ok = positive("ACTIONS_CONCURRENCY", config.actions_concurrency, "4"); !ok) return tl::unexpected(ok.error());
    if (auto ok = positive("ACTIONS_LOG_LIMIT", config.actions_log_limit, "16777216"); !ok) return tl::unexpected(ok.error());
    if (auto ok = positive("ACTIONS_RETENTION_DAYS", config.actions_retention_days, "90"); !ok) return tl::unexpected(ok.error());
    if (auto image = env("ACTIONS_IMAGE"); !image.empty()) config.actions_image = image;
    config.workspaces_port = config.port == 0 ? 0 : static_cast<std::uint16_t>(config.port + 1);
    if (auto port = env("WORKSPACES_PORT"); !port.empty()) {
        auto parsed = parse_port("WORKSPACES_PORT", port);
        if (!parsed) return tl::unexpected(parsed.error());
        config.workspaces_port = *parsed;
    }
    config.workspaces_domain = env("WORKSPACES_DOMAIN");
    if (config.workspaces_domain.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-:") != std::string::npos)
        return fail(Errc::invalid, "WORKSPACES_DOMAIN must be a lowercase host name like ws.example.com");
    config.code_server = env("CODE_SERVER");
    if (auto idle = env("WORKSPACE_IDLE_MINUTES"); !idle.empty()) {
        char* end = nullptr;
        double minutes = std::strtod(idle.c_str(), &end);
        if (end != idle.c_str() + idle.size() || !(minutes > 0) || minutes > 10080)
            return fail(Errc::invalid, "WORKSPACE_IDLE_MINUTES must be a number of minutes, like 30");
        config.workspace_idle_minutes = minutes;
    }
    if (auto ok = positive("WORKSPACE_MAX_HOURS", config.workspace_max_hours, "12"); !ok) return tl::unexpected(ok.error());
    if (auto ok = positive("WORKSPACES_PER_USER", config.workspaces_per_user, "10"); !ok) return tl::unexpected(ok.error());
    if (auto ok = positive("WORKSPACES_RUNNING_PER_USER", config.workspaces_running_per_user, "2"); !ok) return tl::unexpected(ok.error());
    if (auto ok = positive("WORKSPACE_DISK_MB", config.workspace_disk_mb, "10240"); !ok) return tl::unexpected(ok.error());
    auto ai = parse_bool("AI_ENABLED", env("AI_ENABLED"));
    if (!ai) return tl::unexpected(ai.error());
    config.ai_enabled = *ai;
    return config;
}

Status prepare_data_dir(Config& config) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) return fail(Errc::internal, "DATA_DIR " + config.data_dir.string() + " cannot be created: " + ec.message());
    ::chmod(config.data_dir.c_str(), 0700);
    auto probe = config.data_dir / ".write-test";
    if (!std::ofstream(probe) || !std::filesystem::remove(probe, ec))
        return fail(Errc::internal, "DATA_DIR " + config.data_dir.string() + " is not writable");

    if (!config.auth_secret.empty()) return {};
    auto path = config.data_dir / "auth_secret";
    if (std::ifstream in{path}; in) {
        std::getline(in, config.auth_secret);
        if (config.auth_secret.size() >= 32) return {};
        return fail(Errc::internal, path.string() + " is damaged; delete it to make a new secret (signs everyone out)");
    }
    config.auth_secret = crypto::random_hex(32);
    return write_private_file(path, config.auth_secret + "\n");
}

}  // namespace core

#include "ssh/command.hpp"

#include <algorithm>
#include <cctype>

namespace ssh {

core::Result<GitCommand> parse_command(std::string_view command) {
    auto invalid = [] {
        return core::fail(core::Errc::invalid,
                          "Skyscape serves git only: git-upload-pack, git-receive-pack or git-upload-archive "
                          "with a repository, e.g. git clone ssh://git@host/owner/repo.git");
    };
    auto space = command.find(' ');
    if (space == std::string_view::npos) return invalid();
    std::string_view verb = command.substr(0, space);
    std::string_view arg = command.substr(space + 1);
    if (verb == "git") {
        space = arg.find(' ');
        if (space == std::string_view::npos) return invalid();
        verb = arg.substr(0, space);
        arg = arg.substr(space + 1);
    } else if (verb.starts_with("git-")) {
        verb.remove_prefix(4);
    } else {
        return invalid();
    }
    GitCommand out;
    if (verb == "upload-pack")
        out.service = git::Service::upload_pack;
    else if (verb == "receive-pack")
        out.service = git::Service::receive_pack;
    else if (verb == "upload-archive")
        out.service = git::Service::upload_archive;
    else
        return invalid();

    if (arg.size() >= 2 && arg.front() == '\'' && arg.back() == '\'') arg = arg.substr(1, arg.size() - 2);
    if (arg.starts_with('/')) arg.remove_prefix(1);
    if (arg.ends_with(".git")) arg.remove_suffix(4);
    auto slash = arg.find('/');
    if (slash != std::string_view::npos) {
        out.owner = std::string(arg.substr(0, slash));
        arg.remove_prefix(slash + 1);
    }
    if (arg.empty() || arg.front() == '-' || arg.front() == '.' || (slash != std::string_view::npos && out.owner.empty())) return invalid();
    auto safe = [](std::string_view text) {
        return std::all_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'; });
    };
    if (!safe(out.owner) || !safe(arg) || out.owner.starts_with('.') || out.owner.starts_with('-'))
        return core::fail(core::Errc::not_found, "repository not found");
    out.name = std::string(arg);
    return out;
}

}  // namespace ssh

#include "ssh/command.hpp"

namespace ssh {

core::Result<GitCommand> parse_command(std::string_view command) {
    auto invalid = [] {
        return core::fail(core::Errc::invalid,
                          "Skyscape serves git only: git-upload-pack, git-receive-pack or git-upload-archive "
                          "with a repository, e.g. git clone ssh://git@host/repo.git");
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
    if (arg.empty() || arg.front() == '-' || arg.front() == '.') return invalid();
    for (char c : arg)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return core::fail(core::Errc::not_found, "repository not found");
    out.repo_id = std::string(arg);
    return out;
}

}  // namespace ssh

#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/permission.hpp"
#include "auth/store.hpp"
#include "core/result.hpp"
#include "orgs/org.hpp"
#include "repos/repo.hpp"
#include "repos/store.hpp"

namespace core {
struct Config;
}
namespace db {
class Pool;
}
namespace auth {
class Accounts;
}
namespace http {
struct Request;
}

namespace repos {

//! A repository together with what the caller may do with it (never Role::none).
struct Access {
    Repo repo;
    auth::Role role;
};

struct NewRepo {
    std::string name;
    std::string description;
    bool is_private = false;
    bool init_readme = false;
    std::string owner;  //!< a user or organization name; "" for the caller
};

//! A repository's name from what was typed, as GitHub makes it: [A-Za-z0-9._-] kept with their
//! case, runs of anything else as one '-', trimmed, without ".git", at most 100 characters;
//! invalid when nothing usable is left.
core::Result<std::string> repo_name(std::string_view typed);

//! The repository's page: PREFIX/{owner}/{name}.
std::string url(const http::Request& req, const Repo& repo);
//! The HTTPS clone URL of a repository as the client addressed this server.
std::string clone_url(const http::Request& req, const Repo& repo);
//! The SSH clone URL (SSH_DOMAIN, or the host the client used), or "" when SSH is off.
std::string ssh_url(const http::Request& req, const Repo& repo);

class Service {
public:
    Service(db::Pool& pool, const core::Config& config, auth::Accounts& accounts);

    //! At start-up: finishes deletions and undoes creations that a stopped process left half
    //! done, and writes the git hooks that report pushes.
    void recover();

    std::filesystem::path path(const std::string& id) const;
    std::filesystem::path hooks_path() const;

    //! Row first (hidden, 'creating'), then the directory built aside and renamed into place,
    //! then the row made visible: a crash anywhere leaves nothing that recover() cannot undo.
    //! The caller creates repositories for themself and for organizations they are a member
    //! of (site admins: any organization), and becomes the new repository's admin.
    core::Result<Repo> create(const auth::Actor& actor, const NewRepo& spec);
    //! A fork of origin for the caller or an organization of theirs (owner_name, "" for the
    //! caller), of the same name and visibility, sharing the origin's objects instead of copying
    //! them; the caller becomes its admin. An owner has one fork of a repository: asking again
    //! answers the one it has.
    core::Result<Repo> fork(const auth::Actor& actor, const Access& origin, const std::string& owner_name);
    //! The forks of a repository the caller may read.
    std::vector<Repo> forks(const auth::Actor& actor, const Repo& origin);
    //! confirm must repeat the full name (owner/name). Its forks get their own copy of the
    //! objects they borrowed first. The row is hidden, the directory moved
    //! aside, the row deleted, the directory removed.
    core::Status remove(const auth::Actor& actor, const std::string& id, const std::string& confirm);

    //! The repository if the caller may do `need` with it: not_found when they may not read it
    //! (private repositories stay invisible), forbidden when they may read but not more.
    core::Result<Access> access(const auth::Actor& actor, const std::string& id, auth::Role need = auth::Role::read);
    //! The same for the repository {owner}/{name}, as URLs address it (any case).
    core::Result<Access> access(const auth::Actor& actor, const std::string& owner, const std::string& name, auth::Role need);
    //! Of one owner unless owner_id is 0.
    std::vector<Repo> readable(const auth::Actor& actor, std::int64_t owner_id = 0);
    //! The repository whatever the caller: for background work acting on the server's behalf.
    std::optional<Repo> find(const std::string& id);
    std::optional<Repo> find(const std::string& owner, const std::string& name);
    //! owner/name of the repository with this id, "" when it is gone.
    std::string full_name(const std::string& id);
    //! Every repository's id, whoever may read it: for background work.
    std::vector<std::string> ids();
    //! Repositories the actor is a collaborator of.
    std::vector<Repo> collaborating(const auth::Actor& actor);

    //! A fork of a private repository cannot be made public; a public repository made private
    //! stops being the parent of its forks, which get their own copy of its objects first.
    core::Status update(const Access& access, const std::string& description, bool is_private,
                        const std::string& default_branch);
    //! Admins rename; the old name redirects to the repository until another takes it.
    core::Result<Repo> rename(const Access& access, const std::string& typed);
    //! Admins give the repository to another user, who becomes its admin, or to an organization
    //! they may create repositories in; the old owner/name redirects to it, and its
    //! collaborators (the old owner among them) keep their roles.
    core::Result<Repo> transfer(const auth::Actor& actor, const Access& access, const std::string& new_owner);
    //! The repository that owner/name was, before a rename or a transfer.
    std::optional<Repo> moved_from(const std::string& owner, const std::string& name);
    std::vector<store::Collaborator> collaborators(const Access& access);
    //! The teams of its organization that reach it.
    std::vector<orgs::RepoTeam> teams(const Access& access);
    //! The owners the caller may create repositories for: themself first, then their organizations.
    std::vector<std::string> creatable_owners(const auth::Actor& actor);
    //! The user or organization of that name.
    std::optional<auth::store::User> owner(const std::string& name);
    core::Status set_collaborator(const Access& access, const std::string& username, const std::string& role);
    core::Status remove_collaborator(const Access& access, const std::string& username);
    std::vector<std::string> branches(const Repo& repo);

    //! After a push into a repository whose default branch does not exist (its first push, or
    //! the branch was deleted): the default becomes "main", "master" or else the first branch
    //! by name, as GitHub and Gitea adopt the first pushed branch.
    void adopt_default_branch(const std::string& id);

    //! Called with the branch and commit a repository created with a README starts with, so
    //! that it is recorded as a push (search indexes it, the activity shows it).
    using InitialCommit = std::function<void(const Repo& repo, const auth::Actor& actor, const std::string& ref, const std::string& sha)>;
    void on_initial_commit(InitialCommit listener) { initial_commit_ = std::move(listener); }

    //! Keeps size and last push time current after a push.
    void record_push(const std::string& id, std::int64_t at);

private:
    core::Result<Repo> moved_repo(const std::string& id);
    //! Row first (hidden, 'creating'), then make(staging) builds the directory aside and it is
    //! renamed into place, then the row is made visible.
    core::Result<Repo> build(const auth::Actor& actor, Repo repo, const std::function<core::Status(const std::filesystem::path&)>& make);
    //! The owner the caller may create repositories for: themself, or an organization.
    core::Result<auth::store::User> creatable_owner(const auth::Actor& actor, const std::string& name);
    bool last_admin(const Repo& repo);
    core::Status dissociate_descendants(const Repo& repo);

    db::Pool& pool_;
    const core::Config& config_;
    auth::Accounts& accounts_;
    InitialCommit initial_commit_;
};

}  // namespace repos

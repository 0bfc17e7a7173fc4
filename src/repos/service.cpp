#include "repos/service.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>

#include "auth/service.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "git/process.hpp"
#include "http/request.hpp"
#include "orgs/store.hpp"
#include "repos/disk.hpp"

namespace repos {
namespace {

using core::Errc;
using core::fail;

std::string self_executable() {
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? "workspace" : path.string();
}

// The hook reports a push to the database; it is a tiny shell script so that repositories keep
// working when the binary moves (start-up rewrites it).
void write_hook(const std::filesystem::path& dir, const std::string& name) {
    std::string quoted = self_executable();
    for (std::size_t i = 0; (i = quoted.find('\'', i)) != std::string::npos; i += 4) quoted.replace(i, 1, "'\\''");
    auto path = dir / name;
    auto tmp = dir / (name + ".tmp");
    std::ofstream(tmp) << "#!/bin/sh\nexec '" << quoted << "' hook " << name << "\n";
    ::chmod(tmp.c_str(), 0755);
    std::filesystem::rename(tmp, path);
}

void remove_dir(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec) spdlog::error("removing {}: {}", path.string(), ec.message());
}

}  // namespace

core::Result<std::string> repo_name(std::string_view typed) {
    std::string out;
    for (unsigned char c : typed) {
        if (std::isalnum(c) || c == '.' || c == '_' || c == '-') {
            out.push_back(static_cast<char>(c));
        } else if (!out.empty() && out.back() != '-') {
            out.push_back('-');
        }
    }
    while (out.size() >= 4 && std::equal(out.end() - 4, out.end(), ".git", [](char a, char b) { return std::tolower(a) == b; }))
        out.resize(out.size() - 4);
    while (!out.empty() && (out.front() == '-' || out.front() == '.' || out.front() == '_')) out.erase(out.begin());
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    if (out.size() > 100) out.resize(100);
    if (out.empty()) return fail(Errc::invalid, "Repository names need at least one letter or digit.");
    if (out.find("..") != std::string::npos) return fail(Errc::invalid, "Repository names cannot contain \"..\".");
    return out;
}

std::string url(const http::Request& req, const Repo& repo) { return req.config->prefix + "/" + repo.full_name(); }

std::string clone_url(const http::Request& req, const Repo& repo) { return http::site_url(req) + "/" + repo.full_name() + ".git"; }

std::string ssh_url(const http::Request& req, const Repo& repo) {
    const auto& config = *req.config;
    if (config.ssh_port == 0) return "";
    std::string host = config.ssh_domain;
    if (host.empty()) {
        host = std::string(req.header("Host"));
        // Drop the HTTP port: "example.com:5000" or "[::1]:5000".
        if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']', colon) == std::string::npos)
            host.resize(colon);
        if (host.empty()) host = "localhost";
    }
    if (config.ssh_port == 22) return "git@" + host + ":" + repo.full_name() + ".git";
    return "ssh://git@" + host + ":" + std::to_string(config.ssh_port) + "/" + repo.full_name() + ".git";
}

Service::Service(db::Pool& pool, const core::Config& config, auth::Accounts& accounts)
    : pool_(pool), config_(config), accounts_(accounts) {}

std::filesystem::path Service::path(const std::string& id) const { return config_.data_dir / "repos" / (id + ".git"); }

std::filesystem::path Service::hooks_path() const { return config_.data_dir / "hooks"; }

void Service::recover() {
    std::filesystem::create_directories(config_.data_dir / "repos");
    std::filesystem::create_directories(hooks_path());
    write_hook(hooks_path(), "pre-receive");
    for (const auto& id : store::ids_in_state(pool_, "creating")) {
        spdlog::warn("repository {} was being created when the server stopped; undoing", id);
        remove_dir(path(id));
        store::remove(pool_, id);
    }
    for (const auto& id : store::ids_in_state(pool_, "deleting")) {
        spdlog::warn("repository {} was being deleted when the server stopped; finishing", id);
        remove_dir(path(id));
        store::remove(pool_, id);
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(config_.data_dir / "repos", ec)) {
        auto name = entry.path().filename().string();
        if (name.starts_with(".tmp-") || name.starts_with(".trash-")) remove_dir(entry.path());
    }
}

core::Result<Repo> Service::create(const auth::Actor& actor, const NewRepo& spec) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to create repositories.");
    auto name = repo_name(spec.name);
    if (!name) return tl::unexpected(name.error());
    if (spec.description.size() > 1000) return fail(Errc::invalid, "Descriptions can be at most 1000 characters.");
    auto owner = creatable_owner(actor, spec.owner.empty() ? actor.username : spec.owner);
    if (!owner) return tl::unexpected(owner.error());
    Repo repo;
    repo.id = core::crypto::random_hex(8);
    repo.owner = owner->username;
    repo.name = *name;
    repo.description = spec.description;
    repo.owner_id = owner->id;
    repo.owner_is_org = owner->is_org;
    repo.is_private = spec.is_private;
    repo.created_at = db::now();
    disk::InitOptions options;
    options.default_branch = repo.default_branch;
    options.hooks_path = hooks_path();
    if (spec.init_readme) {
        auto user = accounts_.user(actor.user_id);
        options.readme = "# " + repo.name + "\n" + (repo.description.empty() ? "" : "\n" + repo.description + "\n");
        options.author_name = actor.username;
        options.author_email = user ? user->email : actor.username + "@localhost";
    }
    auto created = build(actor, repo, [&](const std::filesystem::path& staging) { return disk::init_bare(staging, options); });
    if (created && options.readme && initial_commit_) {
        auto ref = "refs/heads/" + created->default_branch;
        if (auto sha = disk::ref_target(path(created->id), ref)) initial_commit_(*created, actor, ref, *sha);
    }
    return created;
}

core::Result<Repo> Service::build(const auth::Actor& actor, Repo repo, const std::function<core::Status(const std::filesystem::path&)>& make) {
    if (auto inserted = store::insert_creating(pool_, repo, actor.user_id); !inserted) return tl::unexpected(inserted.error());
    auto staging = config_.data_dir / "repos" / (".tmp-" + repo.id + "-" + core::crypto::random_hex(4));
    auto made = make(staging);
    std::error_code ec;
    if (made) std::filesystem::rename(staging, path(repo.id), ec);
    if (!made || ec) {
        spdlog::error("creating repository {}: {}", repo.id, made ? ec.message() : made.error().message);
        remove_dir(staging);
        store::remove(pool_, repo.id);
        return fail(Errc::internal, "The repository could not be created on disk; the error is in the server log.");
    }
    store::set_state(pool_, repo.id, "ready");
    return moved_repo(repo.id);
}

core::Result<Repo> Service::fork(const auth::Actor& actor, const Access& origin, const std::string& owner_name) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to fork repositories.");
    auto owner = creatable_owner(actor, owner_name.empty() ? actor.username : owner_name);
    if (!owner) return tl::unexpected(owner.error());
    if (owner->id == origin.repo.owner_id) return fail(Errc::invalid, owner->username + " owns " + origin.repo.full_name() + " already.");
    // An owner has one fork of a repository: asking again answers it, as GitHub does.
    for (auto& existing : store::forks_of(pool_, origin.repo.id)) {
        if (existing.owner_id != owner->id) continue;
        if (access(actor, existing.id)) return existing;
        return fail(Errc::conflict, owner->username + " has a fork of " + origin.repo.full_name() + " already.");
    }
    Repo repo;
    repo.id = core::crypto::random_hex(8);
    repo.owner = owner->username;
    repo.name = origin.repo.name;
    repo.description = origin.repo.description;
    repo.owner_id = owner->id;
    repo.is_private = origin.repo.is_private;
    repo.default_branch = origin.repo.default_branch;
    repo.fork_of = origin.repo.id;
    repo.created_at = db::now();
    disk::InitOptions options;
    options.hooks_path = hooks_path();
    return build(actor, repo, [&](const std::filesystem::path& staging) { return disk::init_fork(staging, path(origin.repo.id), options); });
}

std::vector<Repo> Service::forks(const auth::Actor& actor, const Repo& origin) {
    std::vector<Repo> out;
    for (auto& fork : store::forks_of(pool_, origin.id))
        if (access(actor, fork.id)) out.push_back(std::move(fork));
    return out;
}

core::Result<auth::store::User> Service::creatable_owner(const auth::Actor& actor, const std::string& name) {
    auto owner = accounts_.user_by_username(name);
    bool may = owner && !owner->disabled &&
               (owner->id == actor.user_id ||
                (owner->is_org && (actor.is_admin || orgs::store::member_role(pool_, owner->id, actor.user_id))));
    if (!may) return fail(Errc::forbidden, "You cannot create repositories for \"" + name + "\": only for yourself and your organizations.");
    return *owner;
}

core::Status Service::remove(const auth::Actor& actor, const std::string& id, const std::string& confirm) {
    auto found = access(actor, id, auth::Role::admin);
    if (!found) return tl::unexpected(found.error());
    if (confirm != found->repo.full_name())
        return fail(Errc::invalid, "Type the repository's name \"" + found->repo.full_name() + "\" to confirm.");
    if (auto copied = dissociate_descendants(found->repo); !copied) return copied;
    store::set_state(pool_, id, "deleting");
    auto trash = config_.data_dir / "repos" / (".trash-" + id + "-" + core::crypto::random_hex(4));
    std::error_code ec;
    std::filesystem::rename(path(id), trash, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        store::set_state(pool_, id, "ready");
        spdlog::error("deleting repository {}: {}", id, ec.message());
        return fail(Errc::internal, "The repository could not be deleted; the error is in the server log.");
    }
    store::remove(pool_, id);
    remove_dir(trash);
    return {};
}

core::Result<Access> Service::access(const auth::Actor& actor, const std::string& id, auth::Role need) {
    if (!actor.repo_scope.empty() && actor.repo_scope != id) return fail(Errc::not_found, "Repository not found.");
    auto repo = store::find(pool_, id);
    auto grant = repo ? store::grant(pool_, id, actor.user_id) : std::nullopt;
    if (!grant) return fail(Errc::not_found, "Repository not found.");
    auto role = auth::can(actor, *grant);
    if (role == auth::Role::none) return fail(Errc::not_found, "Repository not found.");
    if (role < need)
        return fail(Errc::forbidden, "You have " + std::string(auth::role_name(role)) + " access to " + repo->full_name() +
                                         "; this needs " + std::string(auth::role_name(need)) + ".");
    return Access{std::move(*repo), role};
}

core::Result<Access> Service::access(const auth::Actor& actor, const std::string& owner, const std::string& name, auth::Role need) {
    auto repo = store::find_by_name(pool_, owner, name);
    if (!repo) return fail(Errc::not_found, "Repository not found.");
    return access(actor, repo->id, need);
}

std::optional<Repo> Service::find(const std::string& owner, const std::string& name) { return store::find_by_name(pool_, owner, name); }

std::string Service::full_name(const std::string& id) {
    auto repo = store::find(pool_, id);
    return repo ? repo->full_name() : "";
}

std::vector<Repo> Service::readable(const auth::Actor& actor, std::int64_t owner_id) {
    return store::list_readable(pool_, actor.user_id, actor.signed_in() && actor.is_admin, owner_id);
}

std::vector<std::string> Service::ids() { return store::ids_in_state(pool_, "ready"); }

std::vector<Repo> Service::collaborating(const auth::Actor& actor) {
    return store::list_collaborating(pool_, actor.user_id);
}

// Every repository that borrows its objects (forks, their forks, …) gets a copy of its own,
// while the chain is whole; on the first failure nothing further changes.
core::Status Service::dissociate_descendants(const Repo& repo) {
    for (const auto& fork : store::descendants(pool_, repo.id)) {
        if (!disk::borrows_objects(path(fork.id))) continue;
        if (auto copied = git::dissociate(path(fork.id), disk::alternates_file(path(fork.id))); !copied) {
            spdlog::error("repository {}: giving its fork {} its own objects: {}", repo.id, fork.id, copied.error().message);
            return fail(Errc::internal, "Its fork " + fork.full_name() + " could not be given its own copy; " + repo.full_name() + " is unchanged.");
        }
    }
    return {};
}

core::Status Service::update(const Access& access, const std::string& description, bool is_private,
                             const std::string& default_branch) {
    if (access.role < auth::Role::admin) return fail(Errc::forbidden, "Only repository admins can change settings.");
    // A fork of a private repository stays private: making it public would publish the other.
    if (!is_private && access.repo.is_private && !access.repo.fork_of.empty())
        if (auto parent = store::find(pool_, access.repo.fork_of); parent && parent->is_private)
            return fail(Errc::invalid, "A fork of the private " + parent->full_name() + " stays private.");
    // Going private parts it from its forks, which would otherwise keep reading what is pushed
    // to it from now on through the objects they borrow.
    if (is_private && !access.repo.is_private) {
        if (auto copied = dissociate_descendants(access.repo); !copied) return copied;
        for (const auto& fork : store::forks_of(pool_, access.repo.id)) store::detach(pool_, fork.id);
    }
    if (description.size() > 1000) return fail(Errc::invalid, "Descriptions can be at most 1000 characters.");
    if (!disk::valid_branch_name(default_branch))
        return fail(Errc::invalid, "\"" + default_branch + "\" is not a valid branch name.");
    if (default_branch != access.repo.default_branch) {
        if (auto head = disk::set_head(path(access.repo.id), default_branch); !head) return head;
    }
    store::update_settings(pool_, access.repo.id, description, is_private, default_branch);
    return {};
}

// The repository as a rename or a transfer left it (deleted meanwhile: not found).
core::Result<Repo> Service::moved_repo(const std::string& id) {
    auto repo = store::find(pool_, id);
    if (!repo) return fail(Errc::not_found, "Repository not found.");
    return *repo;
}

core::Result<Repo> Service::rename(const Access& access, const std::string& typed) {
    if (access.role < auth::Role::admin) return fail(Errc::forbidden, "Only repository admins can rename it.");
    auto name = repo_name(typed);
    if (!name) return tl::unexpected(name.error());
    if (auto moved = store::move(pool_, access.repo, access.repo.owner_id, *name); !moved) return tl::unexpected(moved.error());
    return moved_repo(access.repo.id);
}

core::Result<Repo> Service::transfer(const auth::Actor& actor, const Access& access, const std::string& new_owner) {
    if (access.role < auth::Role::admin) return fail(Errc::forbidden, "Only repository admins can transfer it.");
    auto owner = accounts_.user_by_username(new_owner);
    if (!owner || owner->disabled) return fail(Errc::invalid, "There is no user or organization \"" + new_owner + "\" to transfer to.");
    if (owner->id == access.repo.owner_id) return fail(Errc::invalid, access.repo.owner + " owns it already.");
    if (owner->is_org)
        if (auto allowed = creatable_owner(actor, owner->username); !allowed) return tl::unexpected(allowed.error());
    if (auto moved = store::move(pool_, access.repo, owner->id, access.repo.name); !moved) return tl::unexpected(moved.error());
    if (!owner->is_org) store::set_collaborator(pool_, access.repo.id, owner->id, auth::Role::admin);
    return moved_repo(access.repo.id);
}

std::optional<Repo> Service::moved_from(const std::string& owner, const std::string& name) {
    auto id = store::redirected(pool_, owner, name);
    return id ? store::find(pool_, *id) : std::nullopt;
}

std::vector<store::Collaborator> Service::collaborators(const Access& access) {
    return store::collaborators(pool_, access.repo.id);
}

std::vector<orgs::RepoTeam> Service::teams(const Access& access) { return orgs::store::repo_teams(pool_, access.repo.id); }

std::vector<std::string> Service::creatable_owners(const auth::Actor& actor) {
    std::vector<std::string> out{actor.username};
    for (auto& name : orgs::store::orgs_of(pool_, actor.user_id)) out.push_back(std::move(name));
    return out;
}

std::optional<auth::store::User> Service::owner(const std::string& name) { return accounts_.user_by_username(name); }

core::Status Service::set_collaborator(const Access& access, const std::string& username, const std::string& role) {
    if (access.role < auth::Role::admin) return fail(Errc::forbidden, "Only repository admins can manage collaborators.");
    auto parsed = auth::parse_role(role);
    if (!parsed) return fail(Errc::invalid, "The role must be read, write or admin.");
    auto user = accounts_.user_by_username(username);
    if (!user || user->is_org) return fail(Errc::not_found, "There is no user \"" + username + "\".");
    auto current = store::collaborator_role(pool_, access.repo.id, user->id);
    if (current == auth::Role::admin && *parsed != auth::Role::admin && last_admin(access.repo))
        return fail(Errc::invalid, "A repository needs at least one admin.");
    store::set_collaborator(pool_, access.repo.id, user->id, *parsed);
    return {};
}

core::Status Service::remove_collaborator(const Access& access, const std::string& username) {
    if (access.role < auth::Role::admin) return fail(Errc::forbidden, "Only repository admins can manage collaborators.");
    auto user = accounts_.user_by_username(username);
    if (!user) return fail(Errc::not_found, "There is no user \"" + username + "\".");
    auto current = store::collaborator_role(pool_, access.repo.id, user->id);
    if (!current) return fail(Errc::not_found, username + " is not a collaborator.");
    if (current == auth::Role::admin && last_admin(access.repo))
        return fail(Errc::invalid, "A repository needs at least one admin.");
    store::remove_collaborator(pool_, access.repo.id, user->id);
    return {};
}

// A person's repository keeps one admin collaborator; an organization's has its owners.
bool Service::last_admin(const Repo& repo) {
    auto owner = accounts_.user(repo.owner_id);
    return !(owner && owner->is_org) && store::count_admins(pool_, repo.id) <= 1;
}

std::vector<std::string> Service::branches(const Repo& repo) { return disk::branches(path(repo.id)); }

std::optional<Repo> Service::find(const std::string& id) { return store::find(pool_, id); }

void Service::adopt_default_branch(const std::string& id) {
    auto repo = store::find(pool_, id);
    if (!repo || disk::ref_target(path(id), "refs/heads/" + repo->default_branch)) return;
    auto names = disk::branches(path(id));
    if (names.empty()) return;
    std::string chosen = names.front();
    for (const char* preferred : {"master", "main"})
        if (std::find(names.begin(), names.end(), preferred) != names.end()) chosen = preferred;
    if (!disk::set_head(path(id), chosen)) return;
    store::update_settings(pool_, id, repo->description, repo->is_private, chosen);
}

void Service::record_push(const std::string& id, std::int64_t at) {
    store::record_push(pool_, id, disk::size_on_disk(path(id)), at);
}

}  // namespace repos

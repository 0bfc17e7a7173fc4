#include "orgs/service.hpp"

#include <algorithm>

#include "auth/service.hpp"
#include "orgs/store.hpp"
#include "repos/service.hpp"

namespace orgs {
namespace {

using auth::store::User;
using core::Errc;
using core::fail;

constexpr const char* kAnyoneCreatesKey = "org_creation_open";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// Everything but reading an organization's public face is for its owners.
core::Status must_manage(Service& service, const auth::Actor& actor, const User& org) {
    if (!service.manages(actor, org)) return fail(Errc::forbidden, "Only owners of " + org.username + " can do that.");
    return {};
}

}  // namespace

core::Result<std::string> team_slug(std::string_view name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c)) {
            out.push_back(static_cast<char>(std::tolower(c)));
        } else if (!out.empty() && out.back() != '-') {
            out.push_back('-');
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.empty()) return fail(Errc::invalid, "Team names need at least one letter or digit.");
    if (out.size() > 100 || name.size() > 255) return fail(Errc::invalid, "Team names can be at most 100 characters.");
    return out;
}

std::optional<auth::Role> parse_permission(std::string_view word) {
    if (word == "pull" || word == "read" || word == "triage") return auth::Role::read;
    if (word == "push" || word == "write" || word == "maintain") return auth::Role::write;
    if (word == "admin") return auth::Role::admin;
    return std::nullopt;
}

std::string_view permission_name(auth::Role role) {
    switch (role) {
        case auth::Role::admin: return "admin";
        case auth::Role::write: return "push";
        default: return "pull";
    }
}

Service::Service(db::Pool& pool, auth::Accounts& accounts, repos::Service& repos) : pool_(pool), accounts_(accounts), repos_(repos) {}

core::Result<User> Service::create(const auth::Actor& actor, const std::string& name, const std::string& full_name,
                                   const std::string& description) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to create organizations.");
    if (!actor.is_admin && !anyone_may_create())
        return fail(Errc::forbidden, "On this site only administrators create organizations.");
    auto login = lower(name);
    if (auto ok = auth::validate_username(login); !ok) {
        auto why = ok.error().message;  // "Usernames …" or "The username "x" is reserved."
        if (why.starts_with("Usernames")) return fail(Errc::invalid, "Organization names" + why.substr(9));
        return fail(Errc::invalid, "The name \"" + login + "\" is reserved.");
    }
    if (auto ok = auth::validate_profile(full_name, description, ""); !ok) return tl::unexpected(ok.error());
    auto id = store::insert_org(pool_, login, full_name, description, actor.user_id);
    if (!id) return tl::unexpected(id.error());
    return *accounts_.user(*id);
}

bool Service::anyone_may_create() { return auth::store::get_setting(pool_, kAnyoneCreatesKey).value_or("1") == "1"; }

void Service::set_anyone_may_create(bool anyone) { auth::store::set_setting(pool_, kAnyoneCreatesKey, anyone ? "1" : "0"); }

std::optional<User> Service::find(const std::string& name) {
    auto org = accounts_.user_by_username(name);
    if (!org || !org->is_org) return std::nullopt;
    return org;
}

std::optional<MemberRole> Service::role(const auth::Actor& actor, const User& org) {
    if (!actor.signed_in()) return std::nullopt;
    return store::member_role(pool_, org.id, actor.user_id);
}

bool Service::manages(const auth::Actor& actor, const User& org) {
    return actor.signed_in() && (actor.is_admin || role(actor, org) == MemberRole::owner);
}

bool Service::sees_teams(const auth::Actor& actor, const User& org) { return manages(actor, org) || role(actor, org).has_value(); }

std::string Service::base_role(const User& org) { return store::base_role(pool_, org.id); }

core::Status Service::update(const auth::Actor& actor, const User& org, const std::string& full_name, const std::string& description,
                             const std::string& website, const std::string& base_role) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    if (base_role != "none" && !auth::parse_role(base_role)) return fail(Errc::invalid, "The base permission must be none, read, write or admin.");
    if (auto ok = accounts_.set_profile(org.id, full_name, description, website); !ok) return ok;
    store::set_base_role(pool_, org.id, base_role);
    return {};
}

std::vector<Member> Service::members(const User& org) { return store::members(pool_, org.id); }

core::Result<User> Service::person(const std::string& username) {
    auto user = accounts_.user_by_username(username);
    if (!user || user->is_org || user->disabled) return fail(Errc::not_found, "There is no user \"" + username + "\".");
    return *user;
}

core::Status Service::set_member(const auth::Actor& actor, const User& org, const std::string& username, MemberRole role) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    auto user = person(username);
    if (!user) return tl::unexpected(user.error());
    if (role == MemberRole::member && store::member_role(pool_, org.id, user->id) == MemberRole::owner && store::count_owners(pool_, org.id) <= 1)
        return fail(Errc::invalid, "An organization needs at least one owner.");
    store::set_member(pool_, org.id, user->id, role);
    return {};
}

core::Status Service::remove_member(const auth::Actor& actor, const User& org, const std::string& username) {
    auto user = person(username);
    if (!user) return tl::unexpected(user.error());
    if (user->id != actor.user_id)
        if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    auto current = store::member_role(pool_, org.id, user->id);
    if (!current) return fail(Errc::not_found, username + " is not a member of " + org.username + ".");
    if (current == MemberRole::owner && store::count_owners(pool_, org.id) <= 1)
        return fail(Errc::invalid, "An organization needs at least one owner.");
    store::remove_member(pool_, org.id, user->id);
    return {};
}

std::vector<std::string> Service::orgs_of(std::int64_t user_id) { return store::orgs_of(pool_, user_id); }

std::vector<Team> Service::teams(const User& org) { return store::teams(pool_, org.id); }

core::Result<Team> Service::create_team(const auth::Actor& actor, const User& org, const std::string& name, auth::Role permission,
                                        const std::string& description) {
    if (auto ok = must_manage(*this, actor, org); !ok) return tl::unexpected(ok.error());
    auto slug = team_slug(name);
    if (!slug) return tl::unexpected(slug.error());
    if (description.size() > 1000) return fail(Errc::invalid, "Descriptions can be at most 1000 characters.");
    Team team;
    team.org_id = org.id;
    team.name = name;
    team.slug = *slug;
    team.description = description;
    team.permission = permission;
    return store::insert_team(pool_, team);
}

core::Result<Team> Service::team(const auth::Actor& actor, const User& org, const std::string& slug) {
    auto found = sees_teams(actor, org) ? store::find_team(pool_, org.id, lower(slug)) : std::nullopt;
    if (!found) return fail(Errc::not_found, "There is no team \"" + slug + "\" in " + org.username + ".");
    return *found;
}

core::Status Service::delete_team(const auth::Actor& actor, const User& org, const Team& team) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    store::remove_team(pool_, team.id);
    return {};
}

std::vector<Member> Service::team_members(const Team& team) { return store::team_members(pool_, team.id); }

std::vector<TeamRepo> Service::team_repos(const auth::Actor& actor, const Team& team) {
    std::vector<TeamRepo> out;
    for (auto& reached : store::team_repos(pool_, team.id))
        if (repos_.access(actor, reached.repo_id)) out.push_back(std::move(reached));
    return out;
}

core::Status Service::add_team_member(const auth::Actor& actor, const User& org, const Team& team, const std::string& username) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    auto user = person(username);
    if (!user) return tl::unexpected(user.error());
    store::add_team_member(pool_, team, user->id);
    return {};
}

core::Status Service::remove_team_member(const auth::Actor& actor, const User& org, const Team& team, const std::string& username) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    auto user = person(username);
    if (!user) return tl::unexpected(user.error());
    if (!store::remove_team_member(pool_, team.id, user->id)) return fail(Errc::not_found, username + " is not on " + team.name + ".");
    return {};
}

core::Status Service::set_team_repo(const auth::Actor& actor, const User& org, const Team& team, const std::string& owner,
                                    const std::string& name, std::optional<auth::Role> role) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    auto repo = repos_.find(owner, name);
    if (!repo || repo->owner_id != org.id)
        return fail(Errc::invalid, "Teams reach repositories of " + org.username + " only; there is no " + owner + "/" + name + ".");
    store::set_team_repo(pool_, team.id, repo->id, role.value_or(team.permission));
    return {};
}

core::Status Service::remove_team_repo(const auth::Actor& actor, const User& org, const Team& team, const std::string& owner,
                                       const std::string& name) {
    if (auto ok = must_manage(*this, actor, org); !ok) return ok;
    auto repo = repos_.find(owner, name);
    if (!repo || !store::remove_team_repo(pool_, team.id, repo->id))
        return fail(Errc::not_found, team.name + " does not reach " + owner + "/" + name + ".");
    return {};
}

std::vector<RepoTeam> Service::repo_teams(const std::string& repo_id) { return store::repo_teams(pool_, repo_id); }

}  // namespace orgs

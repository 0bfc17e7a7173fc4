#include "orgs/routes.hpp"

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "orgs/service.hpp"

namespace orgs {
namespace {

using auth::Need;
using auth::store::User;

// What a failed form shows: the page again with the error, at the error's status.
struct Failure {
    std::string message;
    unsigned status = 200;
};

void nav(http::Request& req, Service& orgs, http::Page& page, const User& org, const char* tab) {
    auto& dict = page.dict();
    dict.SetValue("ORG", org.username);
    auto* nav = dict.AddIncludeDictionary("NAV");
    nav->SetFilename("orgs/nav.tpl");
    nav->SetValue("ORG", org.username);
    http::show_if(*nav, tab, true);
    bool manages = orgs.manages(req.actor, org);
    http::show_if(*nav, "CAN_MANAGE", manages);
    http::show_if(*nav, "SEES_TEAMS", orgs.sees_teams(req.actor, org));
    http::show_if(dict, "CAN_MANAGE", manages);
}

void show_error(ctemplate::TemplateDictionary& dict, const Failure& failure) {
    if (!failure.message.empty()) dict.SetValueAndShowSection("ERROR", failure.message, "HAS_ERROR");
}

Failure failure_of(const http::Request& req, const core::Error& error) { return {http::explain(req, error), http::status_of(error.code)}; }

http::Response new_page(http::Request& req, const Failure& failure = {}) {
    http::Page page("orgs/new.tpl", "New organization");
    auto& dict = page.dict();
    dict.SetValue("FORM_USERNAME", req.form_or("username"));
    dict.SetValue("FORM_FULL_NAME", req.form_or("full_name"));
    dict.SetValue("FORM_DESCRIPTION", req.form_or("description"));
    show_error(dict, failure);
    return http::render(req, page, failure.status);
}

http::Response people_page(http::Request& req, Service& orgs, const User& org, const Failure& failure = {}) {
    http::Page page("orgs/people.tpl", org.username + " · People");
    nav(req, orgs, page, org, "TAB_PEOPLE");
    auto& dict = page.dict();
    bool manages = orgs.manages(req.actor, org);
    for (const auto& member : orgs.members(org)) {
        auto* row = dict.AddSectionDictionary("MEMBER");
        row->SetValue("USERNAME", member.username);
        bool owner = member.role == MemberRole::owner;
        row->SetValue("ROLE", owner ? "owner" : "member");
        http::show_if(*row, owner ? "IS_OWNER" : "IS_MEMBER", true);
        bool self = member.user_id == req.actor.user_id;
        http::show_if(*row, "CAN_MANAGE", manages);
        http::show_if(*row, "CAN_REMOVE", manages || self);
        row->SetValue("REMOVE_LABEL", self ? "Leave" : "Remove");
    }
    show_error(dict, failure);
    return http::render(req, page, failure.status);
}

http::Response teams_page(http::Request& req, Service& orgs, const User& org, const Failure& failure = {}) {
    http::Page page("orgs/teams.tpl", org.username + " · Teams");
    nav(req, orgs, page, org, "TAB_TEAMS");
    auto& dict = page.dict();
    auto teams = orgs.teams(org);
    for (const auto& team : teams) {
        auto* row = dict.AddSectionDictionary("TEAM");
        row->SetValue("NAME", team.name);
        row->SetValue("SLUG", team.slug);
        if (!team.description.empty()) row->SetValueAndShowSection("DESCRIPTION", team.description, "HAS_DESCRIPTION");
        row->SetValue("PERMISSION", std::string(auth::role_name(team.permission)));
        row->SetValue("MEMBERS", team.members == 1 ? "1 member" : std::to_string(team.members) + " members");
        row->SetValue("REPOS", team.repos == 1 ? "1 repository" : std::to_string(team.repos) + " repositories");
    }
    http::show_if(dict, teams.empty() ? "NO_TEAMS" : "HAS_TEAMS", true);
    show_error(dict, failure);
    return http::render(req, page, failure.status);
}

http::Response team_page(http::Request& req, Service& orgs, const User& org, const Team& team, const Failure& failure = {}) {
    http::Page page("orgs/team.tpl", team.name + " · " + org.username);
    nav(req, orgs, page, org, "TAB_TEAMS");
    auto& dict = page.dict();
    dict.SetValue("NAME", team.name);
    dict.SetValue("SLUG", team.slug);
    if (!team.description.empty()) dict.SetValueAndShowSection("DESCRIPTION", team.description, "HAS_DESCRIPTION");
    dict.SetValue("PERMISSION", std::string(auth::role_name(team.permission)));
    // Sections shown on the page are shown in each row too, with the page's values: each row
    // says for itself what its viewer may do.
    bool manages = orgs.manages(req.actor, org);
    auto members = orgs.team_members(team);
    for (const auto& member : members) {
        auto* row = dict.AddSectionDictionary("MEMBER");
        row->SetValue("USERNAME", member.username);
        http::show_if(*row, "CAN_MANAGE", manages);
    }
    http::show_if(dict, "NO_MEMBERS", members.empty());
    auto repos = orgs.team_repos(req.actor, team);
    for (const auto& repo : repos) {
        auto* row = dict.AddSectionDictionary("TEAM_REPO");
        row->SetValue("FULL_NAME", repo.full_name);
        row->SetValue("REPO_NAME", repo.full_name.substr(repo.full_name.find('/') + 1));
        row->SetValue("ROLE", std::string(auth::role_name(repo.role)));
        http::show_if(*row, "CAN_MANAGE", manages);
    }
    http::show_if(dict, "NO_REPOS", repos.empty());
    show_error(dict, failure);
    return http::render(req, page, failure.status);
}

http::Response settings_page(http::Request& req, Service& orgs, const User& org, const Failure& failure = {}) {
    http::Page page("orgs/settings.tpl", org.username + " · Settings");
    nav(req, orgs, page, org, "TAB_SETTINGS");
    auto& dict = page.dict();
    dict.SetValue("FULL_NAME", org.full_name);
    dict.SetValue("DESCRIPTION", org.bio);
    dict.SetValue("WEBSITE", org.website);
    auto base = orgs.base_role(org);
    for (const char* value : {"none", "read", "write", "admin"}) {
        auto* option = dict.AddSectionDictionary("BASE_OPTION");
        option->SetValue("VALUE", value);
        http::show_if(*option, "SELECTED", base == value);
    }
    auto* avatar = dict.AddIncludeDictionary("AVATAR_FORM");
    avatar->SetFilename("profiles/avatar_form.tpl");
    // A new address each time: a page swapped in by htmx would otherwise show the picture the
    // browser holds in memory, whatever the server says of it.
    avatar->SetValue("VERSION", core::crypto::random_hex(4));
    avatar->SetValue("LOGIN", org.username);
    avatar->SetValue("AVATAR_URL", req.config->prefix + "/orgs/" + org.username + "/settings/avatar");
    http::show_if(*avatar, "HAS_AVATAR", !org.avatar.empty());
    show_error(dict, failure);
    return http::render(req, page, failure.status);
}

http::Response back(http::Request& req, const std::string& path, const std::string& message) {
    auto res = http::redirect(req, path);
    http::flash(res, req, "success", message);
    return res;
}

// Runs fn(org) for a route under /orgs/{org}: 404 for a name that is no organization.
template <class Fn>
http::Response with_org(Service& orgs, http::Request& req, Fn fn) {
    auto org = orgs.find(req.params.at("org"));
    if (!org) return http::error_page(req, 404, "There is no organization \"" + req.params.at("org") + "\".");
    return fn(*org);
}

// ... and fn(org, team) under /orgs/{org}/teams/{team_slug}, for those who see its teams.
template <class Fn>
http::Response with_team(Service& orgs, http::Request& req, Fn fn) {
    return with_org(orgs, req, [&](const User& org) {
        auto team = orgs.team(req.actor, org, req.params.at("team_slug"));
        if (!team) return http::error_page(req, team.error());
        return fn(org, *team);
    });
}

http::Response new_org(Service&, http::Request& req) { return new_page(req); }

http::Response create(Service& orgs, http::Request& req) {
    auto org = orgs.create(req.actor, req.form_or("username"), req.form_or("full_name"), req.form_or("description"));
    if (!org) return new_page(req, failure_of(req, org.error()));
    return back(req, "/" + org->username, "Organization " + org->username + " created.");
}

http::Response people(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) { return people_page(req, orgs, org); });
}

http::Response set_member(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) {
        auto username = req.form_or("username");
        auto role = req.form_or("role") == "owner" ? MemberRole::owner : MemberRole::member;
        auto done = orgs.set_member(req.actor, org, username, role);
        if (!done) return people_page(req, orgs, org, failure_of(req, done.error()));
        return back(req, "/orgs/" + org.username + "/people", username + " is now " + (role == MemberRole::owner ? "an owner" : "a member") + " of " + org.username + ".");
    });
}

http::Response remove_member(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) {
        auto username = req.params.at("username");
        auto done = orgs.remove_member(req.actor, org, username);
        if (!done) return people_page(req, orgs, org, failure_of(req, done.error()));
        if (username == req.actor.username) return back(req, "/" + org.username, "You left " + org.username + ".");
        return back(req, "/orgs/" + org.username + "/people", username + " is no longer a member of " + org.username + ".");
    });
}

http::Response teams(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) {
        if (!orgs.sees_teams(req.actor, org)) return http::error_page(req, 404, "There is no such page.");
        return teams_page(req, orgs, org);
    });
}

http::Response create_team(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) {
        auto permission = auth::parse_role(req.form_or("permission", "read"));
        if (!permission) return teams_page(req, orgs, org, {"The permission must be read, write or admin.", 400});
        auto team = orgs.create_team(req.actor, org, req.form_or("name"), *permission, req.form_or("description"));
        if (!team) return teams_page(req, orgs, org, failure_of(req, team.error()));
        return back(req, "/orgs/" + org.username + "/teams/" + team->slug, "Team " + team->name + " created.");
    });
}

http::Response team(Service& orgs, http::Request& req) {
    return with_team(orgs, req, [&](const User& org, const Team& team) { return team_page(req, orgs, org, team); });
}

std::string team_path(const User& org, const Team& team) { return "/orgs/" + org.username + "/teams/" + team.slug; }

http::Response add_team_member(Service& orgs, http::Request& req) {
    return with_team(orgs, req, [&](const User& org, const Team& team) {
        auto done = orgs.add_team_member(req.actor, org, team, req.form_or("username"));
        if (!done) return team_page(req, orgs, org, team, failure_of(req, done.error()));
        return back(req, team_path(org, team), req.form_or("username") + " joined " + team.name + ".");
    });
}

http::Response remove_team_member(Service& orgs, http::Request& req) {
    return with_team(orgs, req, [&](const User& org, const Team& team) {
        auto done = orgs.remove_team_member(req.actor, org, team, req.params.at("username"));
        if (!done) return team_page(req, orgs, org, team, failure_of(req, done.error()));
        return back(req, team_path(org, team), req.params.at("username") + " left " + team.name + ".");
    });
}

http::Response add_team_repo(Service& orgs, http::Request& req) {
    return with_team(orgs, req, [&](const User& org, const Team& team) {
        auto word = req.form_or("permission");
        auto role = word.empty() ? std::nullopt : auth::parse_role(word);
        if (!word.empty() && !role) return team_page(req, orgs, org, team, {"The role must be read, write or admin.", 400});
        auto name = req.form_or("repo");
        if (auto slash = name.find('/'); slash != std::string::npos) name = name.substr(slash + 1);
        auto done = orgs.set_team_repo(req.actor, org, team, org.username, name, role);
        if (!done) return team_page(req, orgs, org, team, failure_of(req, done.error()));
        return back(req, team_path(org, team), team.name + " now reaches " + org.username + "/" + name + ".");
    });
}

http::Response remove_team_repo(Service& orgs, http::Request& req) {
    return with_team(orgs, req, [&](const User& org, const Team& team) {
        auto done = orgs.remove_team_repo(req.actor, org, team, org.username, req.params.at("repo"));
        if (!done) return team_page(req, orgs, org, team, failure_of(req, done.error()));
        return back(req, team_path(org, team), team.name + " no longer reaches " + org.username + "/" + req.params.at("repo") + ".");
    });
}

http::Response delete_team(Service& orgs, http::Request& req) {
    return with_team(orgs, req, [&](const User& org, const Team& team) {
        auto done = orgs.delete_team(req.actor, org, team);
        if (!done) return team_page(req, orgs, org, team, failure_of(req, done.error()));
        return back(req, "/orgs/" + org.username + "/teams", "Team " + team.name + " deleted.");
    });
}

http::Response settings(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) {
        if (!orgs.manages(req.actor, org)) return http::error_page(req, 404, "There is no such page.");
        return settings_page(req, orgs, org);
    });
}

http::Response save_settings(Service& orgs, http::Request& req) {
    return with_org(orgs, req, [&](const User& org) {
        auto done = orgs.update(req.actor, org, req.form_or("full_name"), req.form_or("description"), req.form_or("website"),
                                req.form_or("base_permission", "read"));
        if (!done) return settings_page(req, orgs, org, failure_of(req, done.error()));
        return back(req, "/orgs/" + org.username + "/settings", "Settings saved.");
    });
}

}  // namespace

void register_routes(http::Router& r, Service& orgs) {
    static constexpr http::Entry<Service> kRoutes[] = {
        {"GET", "/orgs/new", Need::user, new_org},
        {"POST", "/orgs/new", Need::user, create},
        {"POST", "/orgs/{org}/people", Need::user, set_member},
        {"POST", "/orgs/{org}/people/{username}/remove", Need::user, remove_member},
        {"GET", "/orgs/{org}/teams", Need::user, teams},
        {"POST", "/orgs/{org}/teams", Need::user, create_team},
        {"GET", "/orgs/{org}/teams/{team_slug}", Need::user, team},
        {"POST", "/orgs/{org}/teams/{team_slug}/members", Need::user, add_team_member},
        {"POST", "/orgs/{org}/teams/{team_slug}/members/{username}/remove", Need::user, remove_team_member},
        {"POST", "/orgs/{org}/teams/{team_slug}/repos", Need::user, add_team_repo},
        {"POST", "/orgs/{org}/teams/{team_slug}/repos/{repo}/remove", Need::user, remove_team_repo},
        {"POST", "/orgs/{org}/teams/{team_slug}/delete", Need::user, delete_team},
        {"GET", "/orgs/{org}/settings", Need::user, settings},
        {"POST", "/orgs/{org}/settings", Need::user, save_settings},
        // People are public, as an organization's members are on GitHub.
        {"GET", "/orgs/{org}/people", Need::none, people},
    };
    http::add_all(r, orgs, kRoutes);
}

}  // namespace orgs

#include "repos/routes.hpp"

#include <set>

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/service.hpp"

namespace repos {

using auth::Need;
using auth::Role;

void set_repo(ctemplate::TemplateDictionary& dict, const Repo& repo) {
    dict.SetValue("ID", repo.id);
    dict.SetValue("OWNER", repo.owner);
    dict.SetValue("NAME", repo.name);
    dict.SetValue("FULL_NAME", repo.full_name());
    dict.SetValue("DESCRIPTION", repo.description);
    dict.SetValue("DEFAULT_BRANCH", repo.default_branch);
    http::show_if(dict, repo.is_private ? "PRIVATE" : "PUBLIC", true);
    http::show_if(dict, "HAS_DESCRIPTION", !repo.description.empty());
    dict.SetValue("UPDATED", http::time_ago(repo.pushed_at.value_or(repo.created_at)));
}

namespace {

void repo_header(http::Request& req, http::Page& page, const char* tab) {
    fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), tab);
}

void create_form(ctemplate::TemplateDictionary& dict, const http::Request& req, Service& repos, const std::string& error) {
    auto chosen = req.form_or("owner", req.query_or("owner", req.actor.username));
    for (const auto& name : repos.creatable_owners(req.actor)) {
        auto* option = dict.AddSectionDictionary("OWNER_OPTION");
        option->SetValue("VALUE", name);
        http::show_if(*option, "SELECTED", name == chosen);
    }
    dict.SetValue("FORM_NAME", req.form_or("name"));
    dict.SetValue("FORM_DESCRIPTION", req.form_or("description"));
    http::show_if(dict, req.form_or("visibility") == "private" ? "FORM_PRIVATE" : "FORM_PUBLIC", true);
    if (!error.empty()) dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
}

http::Response list_page(http::Request& req, Service& repos, const std::string& error, unsigned status) {
    http::Page page("repos/list.tpl", "Repositories");
    auto& dict = page.dict();
    // ?owner= narrows the list to one user's or organization's repositories.
    auto owner_name = req.query_or("owner", "");
    auto owner = owner_name.empty() ? std::nullopt : repos.owner(owner_name);
    if (!owner_name.empty() && !owner) return http::error_page(req, 404, "There is no user or organization \"" + owner_name + "\".");
    auto list = repos.readable(req.actor, owner ? owner->id : 0);
    for (const auto& repo : list) set_repo(*dict.AddSectionDictionary("REPO"), repo);
    std::set<std::string> owners;
    for (const auto& repo : repos.readable(req.actor)) owners.insert(repo.owner);
    for (const auto& name : owners) {
        auto* option = dict.AddSectionDictionary("OWNER_FILTER");
        option->SetValue("VALUE", name);
        http::show_if(*option, "SELECTED", owner && owner->username == name);
    }
    http::show_if(dict, list.empty() ? "NO_REPOS" : "HAS_REPOS", true);
    if (req.actor.signed_in()) {
        auto* form = dict.AddIncludeDictionary("CREATE_FORM");
        form->SetFilename("repos/create_form.tpl");
        create_form(*form, req, repos, error);
        http::show_if(dict, "SIGNED_IN", true);
    }
    return http::render(req, page, status);
}

http::Response settings_page(http::Request& req, Service& repos, const std::string& error, unsigned status) {
    http::Page page("repos/settings.tpl", req.repo->name + " · Settings");
    repo_header(req, page, "TAB_SETTINGS");
    auto& dict = page.dict();
    set_repo(dict, *req.repo);
    if (!error.empty()) dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    for (const auto& branch : repos.branches(*req.repo)) {
        auto* row = dict.AddSectionDictionary("BRANCH");
        row->SetValue("BRANCH_NAME", branch);
        http::show_if(*row, "SELECTED", branch == req.repo->default_branch);
    }
    auto access = Access{*req.repo, req.role};
    for (const auto& c : repos.collaborators(access)) {
        auto* row = dict.AddSectionDictionary("COLLABORATOR");
        row->SetValue("USERNAME", c.username);
        row->SetValue("ROLE", std::string(auth::role_name(c.role)));
        for (auto role : {Role::read, Role::write, Role::admin}) {
            auto* option = row->AddSectionDictionary("ROLE_OPTION");
            option->SetValue("VALUE", std::string(auth::role_name(role)));
            http::show_if(*option, "SELECTED", role == c.role);
        }
    }
    for (const auto& reached : repos.teams(access)) {
        auto* row = dict.AddSectionDictionary("TEAM");
        row->SetValue("ORG", reached.org);
        row->SetValue("SLUG", reached.team.slug);
        row->SetValue("ROLE", std::string(auth::role_name(reached.role)));
    }
    http::show_if(dict, "ORG_OWNED", req.repo->owner_is_org);
    return http::render(req, page, status);
}

http::Response back_to_settings(http::Request& req, const core::Status& done, const std::string& success) {
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/settings");
    http::flash(res, req, done ? "success" : "error", done ? success : done.error().message);
    return res;
}

http::Response list(Service& repos, http::Request& req) {
    return list_page(req, repos, "", 200);
}

http::Response create(Service& repos, http::Request& req) {
    NewRepo spec{req.form_or("name"), req.form_or("description"), req.form_or("visibility") == "private",
                 req.form_or("init_readme") == "on", req.form_or("owner")};
    auto created = repos.create(req.actor, spec);
    if (created) return http::redirect(req, "/" + created->full_name());
    unsigned status = http::status_of(created.error().code);
    auto why = http::explain(req, created.error());
    if (!req.is_htmx()) return list_page(req, repos, why, status);
    ctemplate::TemplateDictionary dict("create_form");
    create_form(dict, req, repos, why);
    return http::render_fragment(req, "repos/create_form.tpl", dict, status);
}

// The header's Fork button: the owners one may fork into, and the count of forks.
http::Response fork_button(Service& repos, http::Request& req) {
    if (!req.actor.signed_in()) return http::error_page(req, 401, "Sign in to fork repositories.");
    ctemplate::TemplateDictionary dict("fork");
    dict.SetValue("FORK_URL", url(req, *req.repo) + "/fork");
    dict.SetValue("FORKS_URL", url(req, *req.repo) + "/forks");
    dict.SetIntValue("FORKS", static_cast<long>(req.repo->forks));
    dict.SetValue("OWNER", req.repo->owner);
    std::set<std::string> forked;
    for (const auto& fork : repos.forks(req.actor, *req.repo)) forked.insert(fork.owner);
    bool any = false;
    for (const auto& name : repos.creatable_owners(req.actor)) {
        if (name == req.repo->owner) continue;
        auto* option = dict.AddSectionDictionary("OWNER_OPTION");
        option->SetValue("VALUE", name);
        http::show_if(*option, "HAS_FORK", forked.count(name) > 0);
        any = true;
    }
    http::show_if(dict, any ? "HAS_OWNERS" : "NO_OWNERS", true);
    return http::render_fragment(req, "repos/fork_button.tpl", dict);
}

http::Response fork(Service& repos, http::Request& req) {
    if (!req.actor.signed_in()) return http::redirect(req, "/signin");
    auto asked = db::now();
    auto fork = repos.fork(req.actor, Access{*req.repo, req.role}, req.form_or("owner"));
    if (!fork) return http::error_page(req, fork.error());
    auto res = http::redirect(req, "/" + fork->full_name());
    http::flash(res, req, "success", fork->created_at < asked ? fork->owner + " has a fork of " + req.repo->full_name() + " already: this one."
                                                              : "Forked " + req.repo->full_name() + " to " + fork->full_name() + ".");
    return res;
}

http::Response forks(Service& repos, http::Request& req) {
    http::Page page("repos/forks.tpl", req.repo->name + " · Forks");
    repo_header(req, page, "TAB_FORKS");
    auto list = repos.forks(req.actor, *req.repo);
    for (const auto& fork : list) set_repo(*page.dict().AddSectionDictionary("FORK"), fork);
    http::show_if(page.dict(), list.empty() ? "NO_FORKS" : "HAS_FORKS", true);
    return http::render(req, page);
}

http::Response settings(Service& repos, http::Request& req) {
    return settings_page(req, repos, "", 200);
}

http::Response save_settings(Service& repos, http::Request& req) {
    auto done = repos.update(Access{*req.repo, req.role}, req.form_or("description"),
                             req.form_or("visibility") == "private",
                             req.form_or("default_branch", req.repo->default_branch));
    if (!done) return settings_page(req, repos, http::explain(req, done.error()), http::status_of(done.error().code));
    return back_to_settings(req, done, "Settings saved.");
}

http::Response add_collaborator(Service& repos, http::Request& req) {
    auto username = req.form_or("username");
    auto done = repos.set_collaborator(Access{*req.repo, req.role}, username, req.form_or("role", "read"));
    return back_to_settings(req, done, username + " is now a collaborator with " + req.form_or("role", "read") + " access.");
}

http::Response remove_collaborator(Service& repos, http::Request& req) {
    auto username = req.params["username"];
    auto done = repos.remove_collaborator(Access{*req.repo, req.role}, username);
    return back_to_settings(req, done, username + " is no longer a collaborator.");
}

http::Response delete_repo(Service& repos, http::Request& req) {
    auto done = repos.remove(req.actor, req.repo->id, req.form_or("confirm"));
    if (!done) return back_to_settings(req, done, "");
    auto res = http::redirect(req, "/repos");
    http::flash(res, req, "success", "Repository " + req.repo->full_name() + " deleted.");
    return res;
}

http::Response rename(Service& repos, http::Request& req) {
    auto renamed = repos.rename(Access{*req.repo, req.role}, req.form_or("name"));
    if (!renamed) return settings_page(req, repos, http::explain(req, renamed.error()), http::status_of(renamed.error().code));
    auto res = http::redirect(req, "/" + renamed->full_name() + "/settings");
    http::flash(res, req, "success", "Renamed to " + renamed->full_name() + ".");
    return res;
}

http::Response transfer(Service& repos, http::Request& req) {
    if (req.form_or("confirm") != req.repo->full_name())
        return settings_page(req, repos, "Type the repository's name \"" + req.repo->full_name() + "\" to confirm.", 400);
    auto moved = repos.transfer(req.actor, Access{*req.repo, req.role}, req.form_or("new_owner"));
    if (!moved) return settings_page(req, repos, http::explain(req, moved.error()), http::status_of(moved.error().code));
    auto res = http::redirect(req, "/" + moved->full_name());
    http::flash(res, req, "success", "Transferred to " + moved->full_name() + ".");
    return res;
}

}  // namespace

void fill_header(const http::Request& req, ctemplate::TemplateDictionary& header, const char* tab) {
    header.SetFilename("repos/header.tpl");
    set_repo(header, *req.repo);
    http::show_if(header, tab, true);
    http::show_if(header, "CAN_ADMIN", req.role >= Role::admin);
    http::show_if(header, "SIGNED_IN", req.actor.signed_in());
    const auto& repo = *req.repo;
    if (!repo.fork_of.empty()) {
        http::show_if(header, "IS_FORK", true);
        if (repo.public_parent.empty()) {
            header.ShowSection("PARENT_HIDDEN");
        } else {
            header.SetValueAndShowSection("PARENT", repo.public_parent, "PARENT_SHOWN");
            // GitHub's "Contribute": this fork's default branch compared with its parent's.
            header.SetValue("CONTRIBUTE_URL", req.config->prefix + "/" + repo.public_parent + "/compare/" +
                                                  http::percent_encode(repo.default_branch) + "..." + repo.owner + ":" +
                                                  http::percent_encode(repo.default_branch));
        }
    }
}

void register_routes(http::Router& r, Service& repos) {
    static constexpr http::Entry<Service> kRoutes[] = {
        {"GET", "/repos", Need::none, list},
        {"POST", "/repos/create", Need::user, create},
        {"GET", "/{owner}/{repo}/fork", Need::repo_read, fork_button},
        {"POST", "/{owner}/{repo}/fork", Need::repo_read, fork},
        {"GET", "/{owner}/{repo}/forks", Need::repo_read, forks},
        {"GET", "/{owner}/{repo}/settings", Need::repo_admin, settings},
        {"POST", "/{owner}/{repo}/settings", Need::repo_admin, save_settings},
        {"POST", "/{owner}/{repo}/collaborators", Need::repo_admin, add_collaborator},
        {"POST", "/{owner}/{repo}/collaborators/{username}/remove", Need::repo_admin, remove_collaborator},
        {"POST", "/{owner}/{repo}/delete", Need::repo_admin, delete_repo},
        {"POST", "/{owner}/{repo}/settings/rename", Need::repo_admin, rename},
        {"POST", "/{owner}/{repo}/settings/transfer", Need::repo_admin, transfer},
    };
    http::add_all(r, repos, kRoutes);
}

}  // namespace repos

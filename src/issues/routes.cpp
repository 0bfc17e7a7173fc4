#include "issues/routes.hpp"

#include <algorithm>

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "issues/service.hpp"
#include "markup/markdown.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace issues {
namespace {

using auth::Need;

repos::Access access_of(const http::Request& req) { return {*req.repo, req.role}; }

std::string issues_url(const http::Request& req) { return repos::url(req, *req.repo) + "/issues"; }

// Markdown written on an issue, with relative links into the default branch.
std::string render(const http::Request& req, const std::string& text) {
    std::string base = repos::url(req, *req.repo);
    std::string ref = http::percent_encode(req.repo->default_branch);
    return markup::render_markdown(text, {base + "/tree/" + ref, base + "/raw/" + ref, base + "/issues/", req.config->prefix + "/"});
}

void fill_labels(ctemplate::TemplateDictionary& dict, const std::vector<Label>& labels) {
    for (const auto& l : labels) {
        auto* row = dict.AddSectionDictionary("LABEL");
        row->SetValue("LABEL_NAME", l.name);
        row->SetValue("LABEL_COLOR", l.color);
        row->SetValue("LABEL_DESCRIPTION", l.description);
    }
}

// templates/issues/comment.tpl, for the page and as the fragment a new comment answers with.
void fill_comment(const http::Request& req, ctemplate::TemplateDictionary& dict, const Comment& c, std::int64_t number) {
    dict.SetValue("COMMENT_ID", std::to_string(c.id));
    dict.SetValue("COMMENT_AUTHOR", c.author.empty() ? "ghost" : c.author);
    dict.SetValue("COMMENT_WHEN", http::time_ago(c.created_at));
    // Safe by construction (markup::render_markdown sanitizes), so the template shows it as is.
    dict.SetValue("COMMENT_HTML", render(req, c.body));
    dict.SetValue("COMMENT_ACTION", issues_url(req) + "/" + std::to_string(number) + "/comments/" + std::to_string(c.id));
    if (c.parent_id) dict.SetValueAndShowSection("PARENT_ID", std::to_string(*c.parent_id), "REPLY");
    http::show_if(dict, "CAN_DELETE", req.actor.signed_in() && (req.actor.user_id == c.author_id || req.role >= auth::Role::write));
    if (req.actor.signed_in() && req.actor.user_id == c.author_id) dict.SetValueAndShowSection("COMMENT_BODY", c.body, "CAN_EDIT");
    if (req.actor.signed_in()) {
        auto* reply = dict.AddSectionDictionary("CAN_REPLY");
        reply->SetValue("REPLY_ACTION", issues_url(req) + "/" + std::to_string(number) + "/comments");
        reply->SetValue("REPLY_TO", std::to_string(c.parent_id.value_or(c.id)));
    }
}

http::Response list_page(http::Request& req, Service& issues) {
    Filter filter;
    filter.state = req.query_or("state", "open");
    filter.label = req.query_or("label", "");
    filter.assignee = req.query_or("assignee", "");
    filter.author = req.query_or("author", "");
    filter.text = req.query_or("q", "");
    filter.sort = req.query_or("sort", "newest");
    filter.page = http::parse_number(req.query_or("page", "1")).value_or(1);
    auto page = issues.list(access_of(req), filter);
    http::Page view("issues/list.tpl", "Issues · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ISSUES");
    auto& dict = view.dict();
    std::string base = issues_url(req);
    // The filter as a query string, with the state or page replaced.
    auto query = [&](const std::string& state, std::int64_t page_number) {
        std::string q = "?state=" + state;
        for (auto [key, value] : {std::pair{"label", filter.label}, {"assignee", filter.assignee}, {"author", filter.author},
                                  {"q", filter.text}, {"sort", filter.sort}})
            if (!value.empty() && !(std::string(key) == "sort" && value == "newest")) q += std::string("&") + key + "=" + http::percent_encode(value);
        return page_number > 1 ? q + "&page=" + std::to_string(page_number) : q;
    };
    dict.SetValue("OPEN_URL", base + query("open", 1));
    dict.SetValue("CLOSED_URL", base + query("closed", 1));
    dict.SetIntValue("OPEN_COUNT", page.open);
    dict.SetIntValue("CLOSED_COUNT", page.closed);
    http::show_if(dict, filter.state == "closed" ? "SHOW_CLOSED" : "SHOW_OPEN", true);
    dict.SetValue("STATE", filter.state);
    dict.SetValue("Q", filter.text);
    dict.SetValue("NEW_URL", base + "/new");
    dict.SetValue("LABELS_URL", repos::url(req, *req.repo) + "/labels");
    for (const auto& l : issues.labels(access_of(req))) {
        auto* option = dict.AddSectionDictionary("LABEL_OPTION");
        option->SetValue("NAME", l.name);
        http::show_if(*option, "SELECTED", l.name == filter.label);
    }
    for (const char* sort : {"newest", "oldest", "updated", "comments"}) {
        auto* option = dict.AddSectionDictionary("SORT_OPTION");
        option->SetValue("NAME", sort);
        http::show_if(*option, "SELECTED", filter.sort == sort);
    }
    for (const auto& issue : page.issues)
        fill_row(*dict.AddSectionDictionary("ISSUE"), issue, base + "/" + std::to_string(issue.number));
    http::show_if(dict, "NONE", page.issues.empty());
    if (filter.page > 1) dict.SetValueAndShowSection("NEWER_URL", base + query(filter.state, filter.page - 1), "HAS_NEWER");
    if (filter.page * 25 < page.total) dict.SetValueAndShowSection("OLDER_URL", base + query(filter.state, filter.page + 1), "HAS_OLDER");
    return http::render(req, view);
}

http::Response new_page(http::Request& req, Service& issues, const std::string& error, unsigned status) {
    http::Page view("issues/new.tpl", "New issue · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ISSUES");
    auto& dict = view.dict();
    dict.SetValue("ACTION", issues_url(req) + "/create");
    dict.SetValue("TITLE_VALUE", req.form_or("title"));
    dict.SetValue("BODY_VALUE", req.form_or("body"));
    dict.SetValue("PREVIEW_URL", repos::url(req, *req.repo) + "/markdown");
    if (req.role >= auth::Role::write) {
        auto* triage = dict.AddSectionDictionary("TRIAGE");
        triage->SetValue("LABELS_VALUE", req.form_or("labels"));
        triage->SetValue("ASSIGNEES_VALUE", req.form_or("assignees"));
        std::string known;
        for (const auto& l : issues.labels(access_of(req))) known += (known.empty() ? "" : ", ") + l.name;
        triage->SetValue("KNOWN_LABELS", known);
    }
    if (!error.empty()) dict.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    return http::render(req, view, status);
}

http::Response issue_page(http::Request& req, Service& issues, std::int64_t number) {
    auto issue = issues.get(access_of(req), number);
    if (!issue) return http::error_page(req, issue.error());
    if (issue->is_pull) return http::redirect(req, "/" + req.repo->full_name() + "/pull/" + std::to_string(number));
    http::Page view("issues/show.tpl", issue->title + " · Issue #" + std::to_string(number) + " · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ISSUES");
    auto& dict = view.dict();
    std::string here = issues_url(req) + "/" + std::to_string(number);
    dict.SetValue("TITLE", issue->title);
    dict.SetIntValue("NUMBER", number);
    dict.SetValue("AUTHOR", issue->author.empty() ? "ghost" : issue->author);
    dict.SetValue("WHEN", http::time_ago(issue->created_at));
    dict.SetValue("BODY_HTML", issue->body.empty() ? "<p><em>No description.</em></p>" : render(req, issue->body));
    dict.SetValue("BODY_VALUE", issue->body);
    http::show_if(dict, issue->state == "open" ? "OPEN" : "CLOSED", true);
    if (issue->state == "closed")
        dict.SetValue("CLOSED_AS", issue->state_reason == "not_planned" ? "Closed as not planned" : "Closed as completed");
    dict.SetValue("HERE", here);
    fill_labels(dict, issue->labels);
    for (const auto& a : issue->assignees) dict.AddSectionDictionary("ASSIGNEE")->SetValue("ASSIGNEE_NAME", a);
    http::show_if(dict, "NO_ASSIGNEES", issue->assignees.empty());
    bool can_change = req.actor.signed_in() && (req.role >= auth::Role::write || req.actor.user_id == issue->author_id);
    http::show_if(dict, "CAN_CHANGE", can_change);
    if (req.role >= auth::Role::write) {
        auto* triage = dict.AddSectionDictionary("TRIAGE");
        std::string labels, assignees;
        for (const auto& l : issue->labels) labels += (labels.empty() ? "" : ", ") + l.name;
        for (const auto& a : issue->assignees) assignees += (assignees.empty() ? "" : ", ") + a;
        triage->SetValue("LABELS_VALUE", labels);
        triage->SetValue("ASSIGNEES_VALUE", assignees);
    }
    http::show_if(dict, req.actor.signed_in() ? "CAN_COMMENT" : "SIGN_IN_TO_COMMENT", true);
    dict.SetValue("SIGNIN_URL", req.config->prefix + "/signin?next=" + http::percent_encode(req.config->prefix + req.path));

    fill_timeline(req, dict, issues, *issue);
    return http::render(req, view);
}

// Where a form on an issue page goes back to, with the outcome as a flash message.
http::Response back(http::Request& req, std::int64_t number, const core::Status& done, const std::string& success) {
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/issues/" + std::to_string(number));
    http::flash(res, req, done ? "success" : "error", done ? success : done.error().message);
    return res;
}

std::optional<http::Response> require_sign_in(http::Request& req) {
    if (req.actor.signed_in()) return std::nullopt;
    return http::redirect(req, "/signin?next=" + http::percent_encode(repos::url(req, *req.repo) + "/issues"));
}

http::Response list(Service& issues, http::Request& req) {
    return list_page(req, issues);
}

http::Response new_issue(Service& issues, http::Request& req) {
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    return new_page(req, issues, "", 200);
}

http::Response create(Service& issues, http::Request& req) {
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    NewIssue spec{req.form_or("title"), req.form_or("body"), split_names(req.form_or("labels")),
                  split_names(req.form_or("assignees"))};
    auto created = issues.create(access_of(req), req.actor, spec);
    if (!created) return new_page(req, issues, http::explain(req, created.error()), http::status_of(created.error().code));
    return http::redirect(req, "/" + req.repo->full_name() + "/issues/" + std::to_string(created->number));
}

http::Response show(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such issue.");
    return issue_page(req, issues, *number);
}

// A new comment answers with its rendered fragment, which htmx appends to the timeline.
http::Response comment(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such issue.");
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    std::optional<std::int64_t> parent = http::parse_number(req.form_or("parent_id"));
    auto comment = issues.comment(access_of(req), req.actor, *number, req.form_or("body"), parent);
    if (!req.is_htmx()) return back(req, *number, comment ? core::Status{} : tl::unexpected(comment.error()), "Comment added.");
    if (!comment) return http::error_page(req, comment.error());
    ctemplate::TemplateDictionary dict("comment");
    fill_comment(req, dict, *comment, *number);
    return http::render_fragment(req, "issues/comment.tpl", dict, 201);
}

http::Response edit_comment(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    auto comment = http::parse_number(req.params["comment"]);
    if (!number || !comment) return http::error_page(req, 404, "There is no such comment.");
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    auto edited = issues.edit_comment(access_of(req), req.actor, *number, *comment, req.form_or("body"));
    return back(req, *number, edited ? core::Status{} : tl::unexpected(edited.error()), "Comment updated.");
}

http::Response delete_comment(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    auto comment = http::parse_number(req.params["comment"]);
    if (!number || !comment) return http::error_page(req, 404, "There is no such comment.");
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    return back(req, *number, issues.delete_comment(access_of(req), req.actor, *number, *comment), "Comment deleted.");
}

http::Response set_state(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such issue.");
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    Update update;
    update.state = req.form_or("state");
    update.state_reason = req.form_or("reason", "completed");
    auto done = issues.update(access_of(req), req.actor, *number, update);
    return back(req, *number, done ? core::Status{} : tl::unexpected(done.error()),
                *update.state == "closed" ? "Issue closed." : "Issue reopened.");
}

http::Response edit(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such issue.");
    if (auto denied = require_sign_in(req)) return std::move(*denied);
    Update update;
    update.title = req.form_or("title");
    update.body = req.form_or("body");
    auto done = issues.update(access_of(req), req.actor, *number, update);
    return back(req, *number, done ? core::Status{} : tl::unexpected(done.error()), "Issue updated.");
}

http::Response triage(Service& issues, http::Request& req) {
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such issue.");
    Update update;
    update.labels = split_names(req.form_or("labels"));
    update.assignees = split_names(req.form_or("assignees"));
    auto done = issues.update(access_of(req), req.actor, *number, update);
    return back(req, *number, done ? core::Status{} : tl::unexpected(done.error()), "Labels and assignees saved.");
}

// The Markdown preview of the issue and comment forms.
http::Response preview(Service&, http::Request& req) {
    ctemplate::TemplateDictionary dict("preview");
    auto text = req.form_or("body");
    dict.SetValue("PREVIEW_HTML", text.empty() ? "<p><em>Nothing to preview.</em></p>" : render(req, text));
    return http::render_fragment(req, "issues/preview.tpl", dict);
}

http::Response labels(Service& issues, http::Request& req) {
    http::Page view("issues/labels.tpl", "Labels · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ISSUES");
    auto& dict = view.dict();
    dict.SetValue("ACTION", repos::url(req, *req.repo) + "/labels");
    for (const auto& l : issues.labels(access_of(req))) {
        auto* row = dict.AddSectionDictionary("LABEL_ROW");
        row->SetValue("LABEL_NAME", l.name);
        row->SetValue("LABEL_COLOR", l.color);
        row->SetValue("LABEL_DESCRIPTION", l.description);
        row->SetValue("FILTER_URL", issues_url(req) + "?state=open&label=" + http::percent_encode(l.name));
        http::show_if(*row, "CAN_EDIT", req.role >= auth::Role::write);
    }
    http::show_if(dict, "CAN_EDIT", req.role >= auth::Role::write);
    return http::render(req, view);
}

http::Response add_label(Service& issues, http::Request& req) {
    auto created = issues.create_label(access_of(req), {0, req.form_or("name"), req.form_or("color"), req.form_or("description")});
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/labels");
    http::flash(res, req, created ? "success" : "error", created ? "Label " + created->name + " created." : created.error().message);
    return res;
}

http::Response delete_label(Service& issues, http::Request& req) {
    auto done = issues.delete_label(access_of(req), req.form_or("name"));
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/labels");
    http::flash(res, req, done ? "success" : "error", done ? "Label deleted." : done.error().message);
    return res;
}

}  // namespace

std::vector<std::string> split_names(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start <= text.size();) {
        auto comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        auto name = text.substr(start, comma - start);
        auto first = name.find_first_not_of(' ');
        if (first != std::string::npos) out.push_back(name.substr(first, name.find_last_not_of(' ') - first + 1));
        start = comma + 1;
    }
    return out;
}

void fill_row(ctemplate::TemplateDictionary& row, const Issue& issue, const std::string& url) {
    row.SetValue("TITLE", issue.title);
    row.SetIntValue("NUMBER", issue.number);
    row.SetValue("URL", url);
    row.SetValue("AUTHOR", issue.author.empty() ? "ghost" : issue.author);
    row.SetValue("WHEN", http::time_ago(issue.created_at));
    http::show_if(row, issue.state == "open" ? "OPEN" : "CLOSED", true);
    if (issue.comment_count > 0) row.SetValueAndShowSection("COMMENTS", std::to_string(issue.comment_count), "HAS_COMMENTS");
    fill_labels(row, issue.labels);
}

// Where a cross-reference points: a commit ("commit <sha>" or a bare sha) or another issue ("#N").
std::optional<std::pair<std::string, std::string>> event_link(const http::Request& req, const Event& ev) {
    std::string repo_url = repos::url(req, *req.repo);
    if (ev.kind == "commit_ref" || (ev.kind == "referenced" && ev.detail.starts_with("commit "))) {
        auto sha = ev.kind == "commit_ref" ? ev.detail : ev.detail.substr(7);
        return std::pair(repo_url + "/commit/" + sha, (ev.kind == "referenced" ? "commit " : "") + sha.substr(0, 10));
    }
    if ((ev.kind == "mentioned" || ev.kind == "referenced") && ev.detail.starts_with("#"))
        return std::pair(repo_url + "/issues/" + ev.detail.substr(1), ev.detail);
    if (ev.kind == "referenced") return std::pair(repo_url + "/pull/" + ev.detail.substr(ev.detail.find('#') + 1), ev.detail);
    return std::nullopt;
}

void fill_timeline(const http::Request& req, ctemplate::TemplateDictionary& dict, Service& issues, const Issue& issue) {
    auto comments = issues.comments(issue);
    auto events = issues.events(issue);
    std::size_t c = 0, e = 0;
    while (c < comments.size() || e < events.size()) {
        bool comment_next = e == events.size() || (c < comments.size() && comments[c].created_at <= events[e].created_at);
        auto* item = dict.AddSectionDictionary("ITEM");
        if (comment_next) {
            auto& entry = *item->AddIncludeDictionary("COMMENT");
            entry.SetFilename("issues/comment.tpl");
            fill_comment(req, entry, comments[c++], issue.number);
        } else {
            const auto& ev = events[e++];
            auto* line = item->AddSectionDictionary("EVENT");
            line->SetValue("ACTOR", ev.actor.empty() ? "ghost" : ev.actor);
            line->SetValue("WHEN", http::time_ago(ev.created_at));
            std::string what = ev.kind == "closed"       ? (ev.detail == "not_planned" ? "closed this as not planned" : "closed this as completed")
                               : ev.kind == "reopened"   ? "reopened this"
                               : ev.kind == "renamed"    ? "changed the title from “" + ev.detail + "”"
                               : ev.kind == "labeled"    ? "added the label " + ev.detail
                               : ev.kind == "unlabeled"  ? "removed the label " + ev.detail
                               : ev.kind == "assigned"   ? "assigned " + ev.detail
                               : ev.kind == "unassigned" ? "unassigned " + ev.detail
                               : ev.kind == "merged"     ? "merged commit " + ev.detail.substr(0, 10)
                               : ev.kind == "pushed"     ? "pushed " + ev.detail.substr(0, 10)
                               : ev.kind == "ready"      ? "marked this ready for review"
                               : ev.kind == "review_requested" ? "requested a review from " + ev.detail
                               : ev.kind == "referenced" ? "closed this in"
                               : ev.kind == "mentioned"  ? "mentioned this in"
                               : ev.kind == "commit_ref" ? "referenced this in commit"
                                                         : ev.kind + " " + ev.detail;
            line->SetValue("WHAT", what);
            if (auto link = event_link(req, ev)) {
                auto* a = line->AddSectionDictionary("LINK");
                a->SetValue("LINK_URL", link->first);
                a->SetValue("LINK_TEXT", link->second);
            }
        }
    }
}

void register_routes(http::Router& r, Service& issues) {
    static constexpr http::Entry<Service> kRoutes[] = {
        {"GET", "/{owner}/{repo}/issues", Need::repo_read, list},
        {"GET", "/{owner}/{repo}/issues/new", Need::repo_read, new_issue},
        {"POST", "/{owner}/{repo}/issues/create", Need::repo_read, create},
        {"GET", "/{owner}/{repo}/issues/{n}", Need::repo_read, show},
        {"POST", "/{owner}/{repo}/issues/{n}/comments", Need::repo_read, comment},
        {"POST", "/{owner}/{repo}/issues/{n}/comments/{comment}/edit", Need::repo_read, edit_comment},
        {"POST", "/{owner}/{repo}/issues/{n}/comments/{comment}/delete", Need::repo_read, delete_comment},
        {"POST", "/{owner}/{repo}/issues/{n}/state", Need::repo_read, set_state},
        {"POST", "/{owner}/{repo}/issues/{n}/edit", Need::repo_read, edit},
        {"POST", "/{owner}/{repo}/issues/{n}/triage", Need::repo_write, triage},
        {"POST", "/{owner}/{repo}/markdown", Need::repo_read, preview},
        {"GET", "/{owner}/{repo}/labels", Need::repo_read, labels},
        {"POST", "/{owner}/{repo}/labels", Need::repo_write, add_label},
        {"POST", "/{owner}/{repo}/labels/delete", Need::repo_write, delete_label},
    };
    http::add_all(r, issues, kRoutes);
}

}  // namespace issues

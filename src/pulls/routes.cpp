#include "pulls/routes.hpp"

#include <algorithm>

#include "browse/changes.hpp"
#include "browse/diff.hpp"
#include "browse/views.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "issues/routes.hpp"
#include "issues/service.hpp"
#include "markup/markdown.hpp"
#include "pulls/reviews.hpp"
#include "pulls/service.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace pulls {
namespace {

using auth::Need;

repos::Access access_of(const http::Request& req) { return {*req.repo, req.role}; }


std::optional<merge::Method> method_of(const std::string& name) {
    if (name == "merge") return merge::Method::merge;
    if (name == "squash") return merge::Method::squash;
    if (name == "rebase") return merge::Method::rebase;
    return std::nullopt;
}

http::Response list_page(http::Request& req, issues::Service& issues) {
    issues::Filter filter;
    filter.pulls = true;
    filter.state = req.query_or("state", "open");
    filter.page = http::parse_number(req.query_or("page", "1")).value_or(1);
    auto page = issues.list(access_of(req), filter);
    http::Page view("pulls/list.tpl", "Pull requests · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_PULLS");
    auto& dict = view.dict();
    std::string base = repos::url(req, *req.repo) + "/pulls";
    dict.SetValue("OPEN_URL", base + "?state=open");
    dict.SetValue("CLOSED_URL", base + "?state=closed");
    dict.SetIntValue("OPEN_COUNT", page.open);
    dict.SetIntValue("CLOSED_COUNT", page.closed);
    http::show_if(dict, filter.state == "closed" ? "SHOW_CLOSED" : "SHOW_OPEN", true);
    dict.SetValue("BRANCHES_URL", repos::url(req, *req.repo) + "/branches");
    dict.SetValue("COMPARE_URL", repos::url(req, *req.repo) + "/compare");
    for (const auto& issue : page.issues)
        issues::fill_row(*dict.AddSectionDictionary("PULL"), issue, repos::url(req, *req.repo) + "/pull/" + std::to_string(issue.number));
    http::show_if(dict, "NONE", page.issues.empty());
    if (filter.page > 1) dict.SetValueAndShowSection("NEWER_URL", base + "?state=" + filter.state + "&page=" + std::to_string(filter.page - 1), "HAS_NEWER");
    if (filter.page * 25 < page.total) dict.SetValueAndShowSection("OLDER_URL", base + "?state=" + filter.state + "&page=" + std::to_string(filter.page + 1), "HAS_OLDER");
    return http::render(req, view);
}

// Markdown written on a pull request, with relative links into the default branch.
markup::Base markdown_base(const http::Request& req) {
    std::string repo_url = repos::url(req, *req.repo);
    std::string ref = http::percent_encode(req.repo->default_branch);
    return {repo_url + "/tree/" + ref, repo_url + "/raw/" + ref, repo_url + "/issues/", req.config->prefix + "/"};
}

// templates/pulls/thread.tpl: a line comment and its replies, with a reply form.
void fill_thread(const http::Request& req, ctemplate::TemplateDictionary& thread, const std::vector<LineComment>& comments,
                 const LineComment& root, const std::string& here) {
    thread.SetFilename("pulls/thread.tpl");
    thread.SetValue("THREAD_PATH", root.path);
    thread.SetIntValue("THREAD_LINE", root.line);
    thread.SetValue("THREAD_CODE", root.code);
    thread.SetValue("THREAD_ID", std::to_string(root.id));
    thread.SetValue("THREAD_ACTION", here + "/line-comments");
    http::show_if(thread, "OLD_SIDE", root.side == "old");
    http::show_if(thread, "OUTDATED", root.outdated);
    http::show_if(thread, "CAN_REPLY", req.actor.signed_in());
    auto base = markdown_base(req);
    for (const auto& c : comments) {
        if (c.id != root.id && c.parent_id != root.id) continue;
        auto* item = thread.AddSectionDictionary("THREAD_COMMENT");
        item->SetValue("THREAD_AUTHOR", c.author.empty() ? "ghost" : c.author);
        item->SetValue("THREAD_WHEN", http::time_ago(c.created_at));
        // Safe by construction (markup::render_markdown sanitizes), so the template shows it as is.
        item->SetValue("THREAD_HTML", markup::render_markdown(c.body, base));
    }
}

// The threads shown inside the Files changed diff: those whose line still reads the same at the
// head (outdated ones stay on the Conversation tab, as on GitHub).
browse::DiffNotes diff_notes(const http::Request& req, const std::vector<LineComment>& comments, const std::string& here) {
    browse::DiffNotes notes;
    if (req.actor.signed_in()) notes.form_url = here + "/line-comments/new";
    notes.fill = [&req, &comments, here](ctemplate::TemplateDictionary& row, const std::string& path, bool old_side, int line) {
        for (const auto& root : comments) {
            if (root.parent_id || root.outdated || root.line != line || (root.side == "old") != old_side || root.path != path) continue;
            auto& note = *row.AddSectionDictionary("NOTE")->AddIncludeDictionary("NOTE_ROW");
            note.SetFilename("pulls/thread_row.tpl");
            fill_thread(req, *note.AddIncludeDictionary("THREAD"), comments, root, here);
        }
    };
    return notes;
}

// Reviews and line-comment threads of the Conversation tab.
void fill_reviews(http::Request& req, ctemplate::TemplateDictionary& dict, Reviews& reviews, const Pull& pull, const std::string& here) {
    auto base = markdown_base(req);
    for (const auto& r : reviews.reviews(pull)) {
        if (r.state == "commented" && r.body.empty()) continue;  // only line comments: shown in their threads
        auto* row = dict.AddSectionDictionary("REVIEW");
        row->SetValue("REVIEWER", r.author.empty() ? "ghost" : r.author);
        row->SetValue("VERDICT", r.state == "approved" ? "approved these changes" : r.state == "changes_requested" ? "requested changes" : "reviewed");
        http::show_if(*row, r.state == "approved" ? "APPROVED" : r.state == "changes_requested" ? "CHANGES" : "COMMENTED", true);
        row->SetValue("REVIEW_WHEN", http::time_ago(r.created_at));
        // Safe by construction (markup::render_markdown sanitizes), so the template shows it as is.
        if (!r.body.empty()) row->SetValueAndShowSection("REVIEW_HTML", markup::render_markdown(r.body, base), "HAS_BODY");
    }
    auto comments = reviews.line_comments(access_of(req), pull);
    for (const auto& root : comments)
        if (!root.parent_id) fill_thread(req, *dict.AddSectionDictionary("THREADS")->AddIncludeDictionary("THREAD"), comments, root, here);
    auto requested = reviews.requested(pull);
    for (const auto& name : requested) dict.AddSectionDictionary("REQUESTED")->SetValue("REVIEWER_NAME", name);
    http::show_if(dict, "NO_REQUESTS", requested.empty());
    if (req.actor.signed_in() && pull.issue.state == "open" && (req.role >= auth::Role::write || req.actor.user_id == pull.issue.author_id))
        dict.SetValueAndShowSection("REVIEWERS_ACTION", here + "/reviewers", "CAN_REQUEST");
    if (req.actor.signed_in()) {
        auto* form = dict.AddSectionDictionary("REVIEW_FORM");
        form->SetValue("REVIEW_ACTION", here + "/reviews");
        http::show_if(*form, "CAN_VERDICT", req.role >= auth::Role::write && req.actor.user_id != pull.issue.author_id);
    }
}

http::Response pull_page(http::Request& req, Service& pulls, Reviews& reviews, issues::Service& issues, repos::Service& repos,
                         std::int64_t number) {
    auto pull = pulls.get(access_of(req), number);
    if (!pull) return http::error_page(req, pull.error());
    const auto& issue = pull->issue;
    http::Page view("pulls/show.tpl", issue.title + " · Pull request #" + std::to_string(number) + " · " + req.repo->name);
    repos::fill_header(req, *view.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_PULLS");
    auto& dict = view.dict();
    std::string repo_url = repos::url(req, *req.repo);
    std::string here = repo_url + "/pull/" + std::to_string(number);
    auto tab = req.params.count("tab") ? req.params["tab"] : req.query_or("tab", "conversation");
    dict.SetValue("TITLE", issue.title);
    dict.SetIntValue("NUMBER", number);
    dict.SetValue("AUTHOR", issue.author.empty() ? "ghost" : issue.author);
    dict.SetValue("WHEN", http::time_ago(issue.created_at));
    dict.SetValue("VERB", pull->merged() ? "merged" : issue.state == "open" ? "wants to merge" : "wanted to merge");
    dict.SetValue("WHO", pull->merged() && !pull->merged_by.empty() ? pull->merged_by : issue.author.empty() ? "ghost" : issue.author);
    dict.SetValue("BASE", pull->base);
    dict.SetValue("HEAD", pull->head_label());
    http::show_if(dict, "SAME_REPO_HEAD", !pull->from_fork());
    dict.SetValue("HERE", here);
    dict.SetValue("ISSUE_HERE", repo_url + "/issues/" + std::to_string(number));
    dict.SetValue("CHECKS_URL", repo_url + "/actions/checks?sha=" + pull->head_sha);
    http::show_if(dict, pull->merged() ? "MERGED" : issue.state == "open" ? "OPEN" : "CLOSED", true);
    http::show_if(dict, "DRAFT", pull->draft);
    if (tab != "commits" && tab != "files") tab = "conversation";
    http::show_if(dict, tab == "commits" ? "TAB_COMMITS" : tab == "files" ? "TAB_FILES" : "TAB_CONVERSATION", true);

    if (tab == "commits" || tab == "files") {
        auto repo = browse::store::Repository::open(repos.path(req.repo->id));
        if (!repo) return http::error_page(req, repo.error());
        auto comparison = browse::diff::compare(*repo, pull->base_sha, pull->head_sha);
        if (!comparison) return http::error_page(req, comparison.error());
        if (tab == "files") {
            auto comments = reviews.line_comments(access_of(req), *pull);
            auto notes = diff_notes(req, comments, here);
            browse::fill_changes(req, dict, comparison->changes, &notes);
            http::show_if(dict, "SIGNED_IN", req.actor.signed_in());
        }
        for (const auto& c : comparison->commits) browse::views::fill_commit(*dict.AddSectionDictionary("COMMIT"), repo_url, c);
        return http::render(req, view);
    }
    // Safe by construction (markup::render_markdown sanitizes), so the template shows it as is.
    dict.SetValue("BODY_HTML", issue.body.empty() ? "<p><em>No description.</em></p>" : markup::render_markdown(issue.body, markdown_base(req)));
    issues::fill_timeline(req, dict, issues, issue);
    fill_reviews(req, dict, reviews, *pull, here);
    http::show_if(dict, req.actor.signed_in() ? "CAN_COMMENT" : "SIGN_IN_TO_COMMENT", true);
    dict.SetValue("SIGNIN_URL", req.config->prefix + "/signin?next=" + http::percent_encode(here));
    if (pull->merged()) {
        dict.SetValue("MERGED_BY", pull->merged_by);
        dict.SetValue("MERGE_COMMIT", pull->merge_commit.substr(0, 10));
        dict.SetValue("MERGE_COMMIT_URL", repo_url + "/commit/" + pull->merge_commit);
    }
    bool can_change = req.actor.signed_in() && (req.role >= auth::Role::write || req.actor.user_id == issue.author_id);
    if (can_change && !pull->merged()) {
        auto* state = dict.AddSectionDictionary("STATE_FORM");
        state->SetValue("STATE_ACTION", repo_url + "/issues/" + std::to_string(number) + "/state");
        http::show_if(*state, issue.state == "open" ? "CAN_CLOSE" : "CAN_REOPEN", true);
        if (pull->draft && issue.state == "open") dict.SetValueAndShowSection("READY_ACTION", here + "/ready", "CAN_READY");
    }
    if (!pull->merged() && issue.state == "open") {
        auto* box = dict.AddSectionDictionary("MERGE_BOX");
        http::show_if(*box, pull->mergeable == "clean" ? "CLEAN" : pull->mergeable == "conflict" ? "CONFLICT" : "UNKNOWN", true);
        for (const auto& path : pull->conflicts) box->AddSectionDictionary("CONFLICT_PATH")->SetValue("PATH", path);
        if (req.role >= auth::Role::write && pull->mergeable == "clean" && !pull->draft) {
            auto* form = box->AddSectionDictionary("CAN_MERGE");
            form->SetValue("ACTION", here + "/merge");
            form->SetValue("HEAD_SHA", pull->head_sha);
        }
        http::show_if(*box, "IS_DRAFT", pull->draft);
    }
    return http::render(req, view);
}

// Back to the pull request, with the outcome as a flash message.
http::Response back(http::Request& req, std::int64_t number, const char* tab, const core::Error* failed, const std::string& success) {
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/pull/" + std::to_string(number) + tab);
    http::flash(res, req, failed ? "error" : "success", failed ? failed->message : success);
    return res;
}

// What the routes share.
struct Routes {
    Service& pulls;
    Reviews& reviews;
    issues::Service& issues;
    repos::Service& repos;
};

http::Response review(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such pull request.");
    if (!req.actor.signed_in()) return http::redirect(req, "/signin");
    auto pull = pulls.get(access_of(req), *number);
    if (!pull) return http::error_page(req, pull.error());
    auto review = reviews.submit(access_of(req), req.actor, *pull, req.form_or("state", "commented"), req.form_or("body"), {});
    return back(req, *number, "", review ? nullptr : &review.error(), "Review submitted.");
}

http::Response request_reviewers(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such pull request.");
    if (!req.actor.signed_in()) return http::redirect(req, "/signin");
    auto pull = pulls.get(access_of(req), *number);
    if (!pull) return http::error_page(req, pull.error());
    auto names = issues::split_names(req.form_or("reviewers"));
    if (names.empty()) return back(req, *number, "", nullptr, "Nobody was asked.");
    auto done = reviews.request(access_of(req), req.actor, *pull, names);
    return back(req, *number, "", done ? nullptr : &done.error(), "Review requested.");
}

http::Response line_comment(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such pull request.");
    if (!req.actor.signed_in()) return http::redirect(req, "/signin");
    auto pull = pulls.get(access_of(req), *number);
    if (!pull) return http::error_page(req, pull.error());
    NewLineComment spec;
    spec.path = req.form_or("path");
    spec.line = http::parse_number(req.form_or("line")).value_or(0);
    spec.side = req.form_or("side", "new");
    spec.body = req.form_or("body");
    spec.in_reply_to = http::parse_number(req.form_or("in_reply_to"));
    auto comment = reviews.comment(access_of(req), req.actor, *pull, spec);
    if (!req.is_htmx())
        return back(req, *number, spec.in_reply_to ? "" : "/files", comment ? nullptr : &comment.error(), "Comment added.");
    if (!comment) return http::error_page(req, comment.error());
    // htmx: the thread, in place of the reply's thread or (fragment=row) the diff's form row.
    auto comments = reviews.line_comments(access_of(req), *pull);
    auto root_id = comment->parent_id.value_or(comment->id);
    auto root = std::find_if(comments.begin(), comments.end(), [&](const LineComment& c) { return c.id == root_id; });
    if (root == comments.end()) return http::error_page(req, 404, "The comment vanished.");
    std::string here = repos::url(req, *req.repo) + "/pull/" + std::to_string(*number);
    ctemplate::TemplateDictionary dict("line_comment");
    bool row = req.form_or("fragment") == "row";
    fill_thread(req, row ? *dict.AddIncludeDictionary("THREAD") : dict, comments, *root, here);
    return http::render_fragment(req, row ? "pulls/thread_row.tpl" : "pulls/thread.tpl", dict, 201);
}

// The form a diff's line-number button puts below its line.
http::Response line_comment_form(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such pull request.");
    if (!req.actor.signed_in()) return http::error_page(req, 401, "Sign in to comment.");
    auto pull = pulls.get(access_of(req), *number);
    if (!pull) return http::error_page(req, pull.error());
    auto line = http::parse_number(req.query_or("line", ""));
    auto path = req.query_or("path", "");
    if (!line || path.empty()) return http::error_page(req, 400, "Say which line of which file.");
    ctemplate::TemplateDictionary dict("line_form");
    dict.SetValue("ACTION", repos::url(req, *req.repo) + "/pull/" + std::to_string(*number) + "/line-comments");
    dict.SetValue("PATH", path);
    dict.SetIntValue("LINE", *line);
    dict.SetValue("SIDE", req.query_or("side", "new") == "old" ? "old" : "new");
    http::show_if(dict, "OLD_SIDE", req.query_or("side", "new") == "old");
    return http::render_fragment(req, "pulls/line_form.tpl", dict);
}

http::Response list(Routes& routes, http::Request& req) {
    auto& issues = routes.issues;
    return list_page(req, issues);
}

http::Response create(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto compare = "/" + req.repo->full_name() + "/compare/" + http::percent_encode(req.form_or("base")) + "..." +
                   http::percent_encode(req.form_or("head"));
    NewPull spec{req.form_or("title"), req.form_or("body"), req.form_or("base"), req.form_or("head"), req.form_or("draft") == "on"};
    auto opened = pulls.open(access_of(req), req.actor, spec);
    if (!opened) {
        auto res = http::redirect(req, compare);
        http::flash(res, req, "error", opened.error().message);
        return res;
    }
    return http::redirect(req, "/" + req.repo->full_name() + "/pull/" + std::to_string(opened->issue.number));
}

// The Conversation tab, and GitHub's /commits and /files tabs.
http::Response show(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto& reviews = routes.reviews;
    auto& issues = routes.issues;
    auto& repos = routes.repos;
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such pull request.");
    return pull_page(req, pulls, reviews, issues, repos, *number);
}

http::Response ready(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto number = http::parse_number(req.params["n"]);
    if (!number) return http::error_page(req, 404, "There is no such pull request.");
    if (!req.actor.signed_in()) return http::redirect(req, "/signin");
    auto done = pulls.ready(access_of(req), req.actor, *number);
    return back(req, *number, "", done ? nullptr : &done.error(), "Ready for review.");
}

http::Response merge_pull(Routes& routes, http::Request& req) {
    auto& pulls = routes.pulls;
    auto number = http::parse_number(req.params["n"]);
    auto method = method_of(req.form_or("method", "merge"));
    if (!number || !method) return http::error_page(req, 404, "There is no such pull request or merge method.");
    auto merged = pulls.merge(access_of(req), req.actor, *number, *method, req.form_or("head_sha"), req.form_or("delete_branch") == "on");
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/pull/" + std::to_string(*number));
    http::flash(res, req, merged ? "success" : "error", merged ? "Pull request merged." : merged.error().message);
    return res;
}

}  // namespace

void register_routes(http::Router& r, Service& pulls, Reviews& reviews, issues::Service& issues, repos::Service& repos) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"POST", "/{owner}/{repo}/pull/{n}/reviews", Need::repo_read, review},
        {"POST", "/{owner}/{repo}/pull/{n}/reviewers", Need::repo_read, request_reviewers},
        {"POST", "/{owner}/{repo}/pull/{n}/line-comments", Need::repo_read, line_comment},
        {"GET", "/{owner}/{repo}/pull/{n}/line-comments/new", Need::repo_read, line_comment_form},
        {"GET", "/{owner}/{repo}/pulls", Need::repo_read, list},
        {"POST", "/{owner}/{repo}/pulls/create", Need::repo_read, create},
        {"GET", "/{owner}/{repo}/pull/{n}", Need::repo_read, show},
        {"GET", "/{owner}/{repo}/pull/{n}/{tab}", Need::repo_read, show},
        {"POST", "/{owner}/{repo}/pull/{n}/ready", Need::repo_read, ready},
        {"POST", "/{owner}/{repo}/pull/{n}/merge", Need::repo_write, merge_pull},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{pulls, reviews, issues, repos}), kRoutes);
}

}  // namespace pulls

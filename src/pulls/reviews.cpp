#include "pulls/reviews.hpp"

#include <algorithm>

#include "auth/store.hpp"
#include "browse/store.hpp"
#include "issues/store.hpp"
#include "notifications/service.hpp"
#include "pulls/store.hpp"

namespace pulls {
namespace {

using core::Errc;
using core::fail;

// Line `line` (1-based) of path at commit, or nullopt when the file or line is not there.
std::optional<std::string> line_at(const browse::store::Repository& repo, const std::string& commit, const std::string& path,
                                   std::int64_t line) {
    if (!browse::store::valid_path(path) || line < 1) return std::nullopt;
    auto file = browse::store::blob(repo, {commit, commit, path}, 1 << 20);
    if (!file || file->binary || file->size > (1 << 20)) return std::nullopt;
    auto lines = browse::store::split_lines(file->content);
    if (static_cast<std::size_t>(line) > lines.size()) return std::nullopt;
    return std::string(lines[line - 1]);
}

// The commit a side of the pull request's diff shows: the head, or the merge base the diff
// starts from (not the base branch's tip, which may have moved on).
std::string side_commit(const browse::store::Repository& repo, const Pull& pull, const std::string& side) {
    if (side == "new") return pull.head_sha;
    return browse::store::merge_base(repo, pull.base_sha, pull.head_sha).value_or(pull.base_sha);
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

core::Result<LineComment> Reviews::comment(const repos::Access& access, const auth::Actor& actor, const Pull& pull,
                                           const NewLineComment& spec) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to comment.");
    if (blank(spec.body)) return fail(Errc::invalid, "A comment needs some text.");
    if (spec.body.size() > 65536) return fail(Errc::invalid, "Comments can be at most 64 KB.");
    store::LineCommentRow row;
    row.body = spec.body;
    if (spec.in_reply_to) {
        auto all = store::line_comments(pool_, pull.issue.id);
        auto parent = std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.id == *spec.in_reply_to; });
        if (parent == all.end()) return fail(Errc::invalid, "The comment you reply to is not on this pull request.");
        row.parent_id = parent->parent_id ? parent->parent_id : parent->id;  // threads are one level deep, as on GitHub
        row.commit_sha = parent->commit_sha;
        row.path = parent->path;
        row.line = parent->line;
        row.side = parent->side;
    } else {
        auto repo = browse::store::Repository::open(repos_.path(access.repo.id));
        if (!repo) return tl::unexpected(repo.error());
        row.side = spec.side == "old" ? "old" : "new";
        row.commit_sha = side_commit(*repo, pull, row.side);
        row.path = spec.path;
        row.line = spec.line;
        if (!line_at(*repo, row.commit_sha, row.path, row.line))
            return fail(Errc::invalid, "There is no line " + std::to_string(spec.line) + " in " + spec.path + " to comment on.");
    }
    store::insert_line_comment(pool_, pull.issue.id, actor.user_id, row);
    notifications_.wrote(access.repo, pull.issue.id, actor.user_id, spec.body, notifications::Wrote::commented);
    auto all = line_comments(access, pull);
    return all.back();
}

core::Result<Review> Reviews::submit(const repos::Access& access, const auth::Actor& actor, const Pull& pull, const std::string& state,
                                     const std::string& body, const std::vector<NewLineComment>& comments) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to review.");
    if (state != "commented" && state != "approved" && state != "changes_requested")
        return fail(Errc::invalid, "A review approves, requests changes or comments.");
    if (state != "commented" && access.role < auth::Role::write)
        return fail(Errc::forbidden, "Only people with write access can approve or request changes.");
    if (state != "commented" && actor.user_id == pull.issue.author_id)
        return fail(Errc::invalid, "You cannot approve or request changes on your own pull request.");
    if (state == "commented" && blank(body) && comments.empty()) return fail(Errc::invalid, "A comment review needs some text.");
    if (body.size() > 65536) return fail(Errc::invalid, "Reviews can be at most 64 KB.");
    auto repo = browse::store::Repository::open(repos_.path(access.repo.id));
    if (!repo) return tl::unexpected(repo.error());
    std::vector<store::LineCommentRow> rows;
    for (const auto& c : comments) {
        if (blank(c.body)) return fail(Errc::invalid, "A line comment needs some text.");
        store::LineCommentRow row;
        row.side = c.side == "old" ? "old" : "new";
        row.commit_sha = side_commit(*repo, pull, row.side);
        row.path = c.path;
        row.line = c.line;
        row.body = c.body;
        if (!line_at(*repo, row.commit_sha, row.path, row.line))
            return fail(Errc::invalid, "There is no line " + std::to_string(c.line) + " in " + c.path + " to comment on.");
        rows.push_back(row);
    }
    auto id = store::insert_review(pool_, pull.issue.id, actor.user_id, state, body, pull.head_sha, rows);
    std::string said = body;
    for (const auto& c : comments) said += "\n" + c.body;
    notifications_.wrote(access.repo, pull.issue.id, actor.user_id, said, notifications::Wrote::reviewed);
    for (const auto& r : reviews(pull))
        if (r.id == id) return r;
    return fail(Errc::not_found, "The review vanished.");
}

core::Status Reviews::request(const repos::Access& access, const auth::Actor& actor, const Pull& pull,
                              const std::vector<std::string>& usernames) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to ask for reviews.");
    if (access.role < auth::Role::write && actor.user_id != pull.issue.author_id)
        return fail(Errc::forbidden, "Only the author and people with write access can ask for reviews.");
    if (pull.issue.state != "open") return fail(Errc::invalid, "This pull request is not open.");
    std::vector<std::int64_t> asked;
    auto already = store::review_requests(pool_, pull.issue.id);
    for (const auto& name : usernames) {
        auto user = auth::store::find_user_by_username(pool_, name);
        if (!user || user->disabled) return fail(Errc::invalid, "There is no user \"" + name + "\".");
        if (user->id == pull.issue.author_id) return fail(Errc::invalid, name + " opened this pull request and cannot review it.");
        if (!repos_.access(auth::Actor{user->id, user->username, user->is_admin, auth::Actor::Via::session}, access.repo.id))
            return fail(Errc::invalid, name + " cannot read " + access.repo.full_name() + ".");
        bool pending = std::any_of(already.begin(), already.end(), [&](const auto& r) { return r.first == user->id; });
        if (!pending && std::find(asked.begin(), asked.end(), user->id) == asked.end()) asked.push_back(user->id);
    }
    store::request_reviews(pool_, pull.issue.id, actor.user_id, asked);
    for (auto user_id : asked)
        if (auto user = auth::store::find_user(pool_, user_id))
            issues::store::record_event(pool_, pull.issue.id, actor.user_id, "review_requested", user->username);
    notifications_.review_requested(access.repo, pull.issue.id, actor.user_id, asked);
    return {};
}

core::Status Reviews::withdraw(const repos::Access& access, const auth::Actor& actor, const Pull& pull, const std::string& username) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to change review requests.");
    if (access.role < auth::Role::write && actor.user_id != pull.issue.author_id)
        return fail(Errc::forbidden, "Only the author and people with write access can change review requests.");
    auto user = auth::store::find_user_by_username(pool_, username);
    if (!user) return fail(Errc::invalid, "There is no user \"" + username + "\".");
    store::withdraw_review_request(pool_, pull.issue.id, user->id);
    return {};
}

std::vector<std::string> Reviews::requested(const Pull& pull) {
    std::vector<std::string> out;
    for (const auto& [id, name] : store::review_requests(pool_, pull.issue.id)) out.push_back(name);
    return out;
}

std::vector<Review> Reviews::reviews(const Pull& pull) {
    std::vector<Review> out;
    for (const auto& r : store::reviews(pool_, pull.issue.id)) out.push_back({r.id, r.author, r.state, r.body, r.commit_sha, r.created_at});
    return out;
}

std::vector<LineComment> Reviews::line_comments(const repos::Access& access, const Pull& pull) {
    std::vector<LineComment> out;
    auto rows = store::line_comments(pool_, pull.issue.id);
    if (rows.empty()) return out;
    auto repo = browse::store::Repository::open(repos_.path(access.repo.id));
    for (const auto& r : rows) {
        LineComment c{r.id, r.review_id ? std::optional(r.review_id) : std::nullopt, r.parent_id ? std::optional(r.parent_id) : std::nullopt,
                      r.author, r.commit_sha, r.path, r.line, r.side, r.body, r.created_at};
        if (repo) {
            c.code = line_at(*repo, r.commit_sha, r.path, r.line).value_or("");
            // Outdated once the head moved and the commented line no longer reads the same there.
            if (r.side == "new" && r.commit_sha != pull.head_sha)
                c.outdated = line_at(*repo, pull.head_sha, r.path, r.line) != std::optional(c.code);
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace pulls

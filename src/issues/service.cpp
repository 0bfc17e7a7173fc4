#include "issues/service.hpp"

#include <algorithm>

#include "auth/store.hpp"
#include "browse/store.hpp"
#include "git/handles.hpp"
#include "issues/store.hpp"
#include "notifications/service.hpp"

namespace issues {
namespace {

using core::Errc;
using core::fail;

constexpr std::size_t kTitleMax = 256;
constexpr std::size_t kBodyMax = 65536;

std::string trimmed(std::string text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

core::Status check_title(const std::string& title) {
    if (title.empty()) return fail(Errc::invalid, "An issue needs a title.");
    if (title.size() > kTitleMax) return fail(Errc::invalid, "Titles can be at most 256 characters.");
    return {};
}

core::Status check_body(const std::string& body, const char* what) {
    if (body.size() > kBodyMax) return fail(Errc::invalid, std::string(what) + " can be at most 64 KB.");
    return {};
}

core::Status signed_in(const auth::Actor& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to take part.");
    return {};
}

bool valid_color(const std::string& color) {
    return color.size() == 6 && std::all_of(color.begin(), color.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::vector<std::int64_t> closing_references(std::string_view text) {
    static const char* const kVerbs[] = {"close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"};
    std::vector<std::int64_t> out;
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!std::isalpha(static_cast<unsigned char>(text[i])) || (i > 0 && is_word(text[i - 1]))) continue;
        std::size_t end = i;
        while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
        std::string word(text.substr(i, end - i));
        std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
        if (std::find(std::begin(kVerbs), std::end(kVerbs), word) == std::end(kVerbs)) continue;
        std::size_t at = end;
        if (at < text.size() && text[at] == ':') ++at;
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
        if (at == end || at >= text.size() || text[at] != '#') continue;
        std::size_t digits = ++at;
        while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) && digits - at < 12) ++digits;
        if (digits == at || (digits < text.size() && is_word(text[digits]))) continue;
        auto number = std::stoll(std::string(text.substr(at, digits - at)));
        if (std::find(out.begin(), out.end(), number) == out.end()) out.push_back(number);
        i = digits;
    }
    return out;
}

std::vector<std::int64_t> references(std::string_view text) {
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '#' || (i > 0 && (is_word(text[i - 1]) || text[i - 1] == '&'))) continue;
        std::size_t end = i + 1;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) && end - i <= 12) ++end;
        if (end == i + 1 || (end < text.size() && is_word(text[end]))) continue;
        auto number = std::stoll(std::string(text.substr(i + 1, end - i - 1)));
        if (std::find(out.begin(), out.end(), number) == out.end()) out.push_back(number);
        i = end - 1;
    }
    return out;
}

void Service::cross_reference(const repos::Repo& repo, const Issue& from, std::int64_t actor_id, std::string_view text) {
    for (auto number : references(text)) {
        if (number == from.number) continue;
        if (auto target = store::find(pool_, repo.id, number))
            store::record_event_once(pool_, target->id, actor_id, "mentioned", "#" + std::to_string(from.number));
    }
}

core::Result<std::vector<Label>> Service::labels_named(const repos::Access& access, const std::vector<std::string>& names) {
    auto all = store::labels(pool_, access.repo.id);
    std::vector<Label> out;
    for (const auto& name : names) {
        auto it = std::find_if(all.begin(), all.end(), [&](const Label& l) { return l.name == name; });
        if (it == all.end()) return fail(Errc::invalid, "There is no label \"" + name + "\" in " + access.repo.full_name() + ".");
        if (std::none_of(out.begin(), out.end(), [&](const Label& l) { return l.id == it->id; })) out.push_back(*it);
    }
    return out;
}

core::Result<std::vector<std::pair<std::int64_t, std::string>>> Service::assignable(const repos::Access& access,
                                                                                     const std::vector<std::string>& usernames) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& name : usernames) {
        auto user = auth::store::find_user_by_username(pool_, name);
        // Only people who can see the repository can be assigned; others are "not found" alike.
        if (!user || user->disabled || !repos_.access(auth::Actor{user->id, user->username, user->is_admin, auth::Actor::Via::session}, access.repo.id))
            return fail(Errc::invalid, "\"" + name + "\" cannot be assigned: no such user can see this repository.");
        if (std::none_of(out.begin(), out.end(), [&](const auto& a) { return a.first == user->id; }))
            out.emplace_back(user->id, user->username);
    }
    return out;
}

core::Result<Issue> Service::create(const repos::Access& access, const auth::Actor& actor, NewIssue spec,
                                    const std::function<void(soci::session&, std::int64_t)>& also) {
    if (auto ok = signed_in(actor); !ok) return tl::unexpected(ok.error());
    spec.title = trimmed(spec.title);
    if (auto ok = check_title(spec.title); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_body(spec.body, "Descriptions"); !ok) return tl::unexpected(ok.error());
    std::vector<Label> labels;
    std::vector<std::pair<std::int64_t, std::string>> assignees;
    // Only people who triage set labels and assignees, as on GitHub; others' choices are ignored.
    if (access.role >= auth::Role::write) {
        auto named = labels_named(access, spec.labels);
        if (!named) return tl::unexpected(named.error());
        auto people = assignable(access, spec.assignees);
        if (!people) return tl::unexpected(people.error());
        labels = std::move(*named);
        assignees = std::move(*people);
    }
    auto created = store::create(pool_, access.repo.id, actor.user_id, spec, labels, assignees, also);
    notifications_.wrote(access.repo, created.id, actor.user_id, spec.title + "\n" + spec.body, notifications::Wrote::opened);
    cross_reference(access.repo, created, actor.user_id, spec.title + "\n" + spec.body);
    std::vector<std::int64_t> assigned;
    for (const auto& [user_id, name] : assignees) assigned.push_back(user_id);
    notifications_.assigned(access.repo, created.id, actor.user_id, assigned);
    return created;
}

core::Result<Issue> Service::get(const repos::Access& access, std::int64_t number) {
    auto issue = store::find(pool_, access.repo.id, number);
    if (!issue) return fail(Errc::not_found, "There is no issue or pull request #" + std::to_string(number) + ".");
    return *issue;
}

Page Service::list(const repos::Access& access, const Filter& filter) {
    Filter bounded = filter;
    bounded.per_page = std::clamp<std::int64_t>(filter.per_page, 1, 100);
    bounded.page = std::max<std::int64_t>(filter.page, 1);
    if (bounded.state != "open" && bounded.state != "closed" && bounded.state != "all") bounded.state = "open";
    return store::list(pool_, access.repo.id, bounded);
}

core::Result<Issue> Service::update(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                    const Update& update) {
    if (auto ok = signed_in(actor); !ok) return tl::unexpected(ok.error());
    auto issue = get(access, number);
    if (!issue) return issue;
    bool triager = access.role >= auth::Role::write;
    bool author = issue->author_id == actor.user_id;
    if ((update.title || update.body || update.state) && !triager && !author)
        return fail(Errc::forbidden, "Only the author and people with write access can change this issue.");
    if ((update.labels || update.assignees) && !triager)
        return fail(Errc::forbidden, "Only people with write access can set labels and assignees.");
    if (update.title || update.body) {
        std::string title = update.title ? trimmed(*update.title) : issue->title;
        std::string body = update.body ? *update.body : issue->body;
        if (auto ok = check_title(title); !ok) return tl::unexpected(ok.error());
        if (auto ok = check_body(body, "Descriptions"); !ok) return tl::unexpected(ok.error());
        if (title != issue->title || body != issue->body) {
            store::edit(pool_, *issue, actor.user_id, title, body);
            cross_reference(access.repo, *issue, actor.user_id, title + "\n" + body);
        }
    }
    if (update.labels) {
        auto named = labels_named(access, *update.labels);
        if (!named) return tl::unexpected(named.error());
        store::set_labels(pool_, *issue, actor.user_id, *named);
    }
    if (update.assignees) {
        auto people = assignable(access, *update.assignees);
        if (!people) return tl::unexpected(people.error());
        store::set_assignees(pool_, *issue, actor.user_id, *people);
        std::vector<std::int64_t> added;
        for (const auto& [user_id, name] : *people)
            if (std::find(issue->assignees.begin(), issue->assignees.end(), name) == issue->assignees.end()) added.push_back(user_id);
        notifications_.assigned(access.repo, issue->id, actor.user_id, added);
    }
    if (update.state) {
        if (*update.state != "open" && *update.state != "closed")
            return fail(Errc::invalid, "state is \"open\" or \"closed\".");
        std::string reason = update.state_reason == "not_planned" ? "not_planned" : "completed";
        store::set_state(pool_, *issue, actor.user_id, *update.state, *update.state == "closed" ? reason : "");
    }
    return get(access, number);
}

core::Result<Comment> Service::comment(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                       const std::string& body, std::optional<std::int64_t> parent_id) {
    if (auto ok = signed_in(actor); !ok) return tl::unexpected(ok.error());
    auto issue = get(access, number);
    if (!issue) return tl::unexpected(issue.error());
    if (trimmed(body).empty()) return fail(Errc::invalid, "A comment needs some text.");
    if (auto ok = check_body(body, "Comments"); !ok) return tl::unexpected(ok.error());
    if (parent_id && !store::find_comment(pool_, issue->id, *parent_id))
        return fail(Errc::invalid, "The comment you reply to is not on this issue.");
    auto added = store::add_comment(pool_, *issue, actor.user_id, body, parent_id);
    notifications_.wrote(access.repo, issue->id, actor.user_id, body, notifications::Wrote::commented);
    cross_reference(access.repo, *issue, actor.user_id, body);
    return added;
}

core::Result<Comment> Service::edit_comment(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                            std::int64_t comment_id, const std::string& body) {
    if (auto ok = signed_in(actor); !ok) return tl::unexpected(ok.error());
    auto issue = get(access, number);
    if (!issue) return tl::unexpected(issue.error());
    auto existing = store::find_comment(pool_, issue->id, comment_id);
    if (!existing) return fail(Errc::not_found, "There is no such comment.");
    if (existing->author_id != actor.user_id) return fail(Errc::forbidden, "Only its author can edit a comment.");
    if (trimmed(body).empty()) return fail(Errc::invalid, "A comment needs some text.");
    if (auto ok = check_body(body, "Comments"); !ok) return tl::unexpected(ok.error());
    store::edit_comment(pool_, comment_id, body);
    cross_reference(access.repo, *issue, actor.user_id, body);
    return *store::find_comment(pool_, issue->id, comment_id);
}

core::Status Service::delete_comment(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                     std::int64_t comment_id) {
    if (auto ok = signed_in(actor); !ok) return ok;
    auto issue = get(access, number);
    if (!issue) return tl::unexpected(issue.error());
    auto existing = store::find_comment(pool_, issue->id, comment_id);
    if (!existing) return fail(Errc::not_found, "There is no such comment.");
    if (existing->author_id != actor.user_id && access.role < auth::Role::write)
        return fail(Errc::forbidden, "Only its author and people with write access can delete a comment.");
    store::delete_comment(pool_, *issue, comment_id);
    return {};
}

void Service::close_referenced(const std::string& repo_id, std::int64_t actor_id, std::string_view text, const std::string& where) {
    for (auto number : closing_references(text)) {
        auto issue = store::find(pool_, repo_id, number);
        if (!issue || issue->is_pull || issue->state != "open") continue;
        store::set_state(pool_, *issue, actor_id, "closed", "completed");
        store::record_event(pool_, issue->id, actor_id, "referenced", where);
    }
}

void Service::on_push(const events::store::Event& event) {
    static const std::string kZero(40, '0');
    auto repo = repos_.find(event.repo_id);
    if (!repo || !event.ref.starts_with("refs/heads/") || event.new_sha == kZero) return;
    bool default_branch = event.ref == "refs/heads/" + repo->default_branch;
    auto opened = browse::store::Repository::open(repos_.path(repo->id));
    if (!opened) return;
    git_revwalk* raw = nullptr;
    if (git_revwalk_new(&raw, opened->get()) < 0) return;
    git::Owned<git_revwalk, git_revwalk_free> walk(raw);
    git_oid tip, old;
    if (git_oid_fromstr(&tip, event.new_sha.c_str()) < 0 || git_revwalk_push(walk.get(), &tip) < 0) return;
    // Without the old tip (gone after a force-push and gc) the walk would see old commits again and
    // close issues reopened since: only a first push walks the history behind it.
    if (event.old_sha != kZero && (git_oid_fromstr(&old, event.old_sha.c_str()) < 0 || git_revwalk_hide(walk.get(), &old) < 0)) return;
    // The commits the push brought, newest first; a first push of a long history looks at its last 250.
    git_oid oid;
    for (int seen = 0; seen < 250 && git_revwalk_next(&oid, walk.get()) == 0; ++seen) {
        auto sha = git::hex(&oid);
        auto commit = git::lookup_commit(opened->get(), sha);
        const char* message = commit ? git_commit_message(commit.get()) : nullptr;
        if (!message) continue;
        for (auto number : references(message))
            if (auto issue = store::find(pool_, repo->id, number)) store::record_event_once(pool_, issue->id, event.actor_id, "commit_ref", sha);
        if (default_branch) close_referenced(repo->id, event.actor_id, message, "commit " + sha);
    }
}

std::vector<Comment> Service::comments(const Issue& issue) { return store::comments(pool_, issue.id); }
std::vector<Event> Service::events(const Issue& issue) { return store::events(pool_, issue.id); }
std::vector<Label> Service::labels(const repos::Access& access) { return store::labels(pool_, access.repo.id); }

core::Result<Label> Service::create_label(const repos::Access& access, Label label) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can manage labels.");
    label.name = trimmed(label.name);
    if (!label.color.empty() && label.color.front() == '#') label.color.erase(0, 1);
    std::transform(label.color.begin(), label.color.end(), label.color.begin(), [](unsigned char c) { return std::tolower(c); });
    if (label.name.empty() || label.name.size() > 50) return fail(Errc::invalid, "Label names have 1 to 50 characters.");
    if (!valid_color(label.color)) return fail(Errc::invalid, "A label's color is six hex digits, like d73a4a.");
    if (label.description.size() > 200) return fail(Errc::invalid, "Label descriptions can be at most 200 characters.");
    return store::create_label(pool_, access.repo.id, label);
}

core::Status Service::delete_label(const repos::Access& access, const std::string& name) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can manage labels.");
    store::delete_label(pool_, access.repo.id, name);
    return {};
}

}  // namespace issues

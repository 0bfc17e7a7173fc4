#include "notifications/service.hpp"

#include <algorithm>
#include <map>

#include "auth/store.hpp"
#include "mail/outbox.hpp"
#include "notifications/store.hpp"

namespace notifications {

std::vector<std::string> mentions(std::string_view text) {
    auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; };
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '@' || (i > 0 && (name_char(text[i - 1]) || text[i - 1] == '`'))) continue;
        std::size_t end = i + 1;
        while (end < text.size() && name_char(text[end])) ++end;
        std::string name(text.substr(i + 1, end - i - 1));
        while (!name.empty() && (name.back() == '.' || name.back() == '-')) name.pop_back();
        if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
        i = end - 1;
    }
    return out;
}

std::string describe(const std::string& reason, const std::string& actor) {
    std::string who = actor.empty() ? "Someone" : actor;
    if (reason == "mention") return who + " mentioned you";
    if (reason == "assigned") return who + " assigned you";
    if (reason == "review_requested") return who + " requested your review";
    if (reason == "review") return who + " reviewed";
    if (reason == "opened") return who + " opened this";
    return who + " commented";
}

void Service::tell(const repos::Repo& repo, const auth::store::User& user, std::int64_t issue_id, std::int64_t actor_id,
                   const char* reason) {
    if (user.id == actor_id || user.disabled) return;
    if (!repos_.access(auth::Actor{user.id, user.username, user.is_admin, auth::Actor::Via::session}, repo.id)) return;
    store::notify(pool_, user.id, issue_id, actor_id, reason);
    if (!outbox_.enabled() || !store::wants_email(pool_, user.id)) return;
    auto thread = store::thread(pool_, issue_id);
    auto actor = auth::store::find_user(pool_, actor_id);
    if (!thread) return;
    std::string what = describe(reason, actor ? actor->username : "");
    std::string url = public_url_ + "/" + thread->repo + (thread->is_pull ? "/pull/" : "/issues/") + std::to_string(thread->number);
    outbox_.enqueue(user.email, "[" + thread->repo + "] " + thread->title + " (#" + std::to_string(thread->number) + ")",
                    what + " on " + (thread->is_pull ? "pull request" : "issue") + " #" + std::to_string(thread->number) + ": " +
                        thread->title + "\n\n" + url + "\n\nTurn these emails off at " + public_url_ + "/notifications\n");
}

std::vector<store::Notification> Service::inbox(const auth::Actor& actor, std::int64_t limit, std::int64_t offset) {
    std::map<std::string, bool> readable;  // asked once per repository
    return store::list(
        pool_, actor.user_id,
        [&](const std::string& repo_id) {
            auto [it, added] = readable.try_emplace(repo_id, false);
            if (added) it->second = repos_.access(actor, repo_id).has_value();
            return it->second;
        },
        limit, offset);
}

std::int64_t Service::unread_count(const auth::Actor& actor) {
    std::int64_t n = 0;
    for (const auto& [repo_id, count] : store::unread_by_repo(pool_, actor.user_id))
        if (repos_.access(actor, repo_id)) n += count;
    return n;
}

std::optional<store::Notification> Service::find(const auth::Actor& actor, std::int64_t id) {
    auto n = store::find(pool_, actor.user_id, id);
    if (!n || !repos_.access(actor, n->repo_id)) return std::nullopt;
    return n;
}

void Service::wrote(const repos::Repo& repo, std::int64_t issue_id, std::int64_t actor_id, std::string_view text, Wrote what) {
    std::vector<std::int64_t> told;
    auto tell_once = [&](std::int64_t user_id, const char* reason) {
        if (std::find(told.begin(), told.end(), user_id) != told.end()) return;
        told.push_back(user_id);
        if (auto user = auth::store::find_user(pool_, user_id)) tell(repo, *user, issue_id, actor_id, reason);
    };
    for (const auto& name : mentions(text))
        if (auto user = auth::store::find_user_by_username(pool_, name)) tell_once(user->id, "mention");
    const char* reason = what == Wrote::opened ? "opened" : what == Wrote::reviewed ? "review" : "comment";
    if (what != Wrote::opened)
        for (auto user_id : store::participants(pool_, issue_id)) tell_once(user_id, reason);
    for (auto user_id : store::watchers(pool_, repo.id)) tell_once(user_id, reason);
}

void Service::assigned(const repos::Repo& repo, std::int64_t issue_id, std::int64_t actor_id, const std::vector<std::int64_t>& users) {
    for (auto user_id : users)
        if (auto user = auth::store::find_user(pool_, user_id)) tell(repo, *user, issue_id, actor_id, "assigned");
}

void Service::review_requested(const repos::Repo& repo, std::int64_t issue_id, std::int64_t actor_id,
                               const std::vector<std::int64_t>& users) {
    for (auto user_id : users)
        if (auto user = auth::store::find_user(pool_, user_id)) tell(repo, *user, issue_id, actor_id, "review_requested");
}

}  // namespace notifications

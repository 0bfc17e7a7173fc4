#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "notifications/store.hpp"
#include "repos/service.hpp"

namespace auth::store {
struct User;
}
namespace mail {
class Outbox;
}

namespace notifications {

//! The usernames that text mentions as @name, each once.
std::vector<std::string> mentions(std::string_view text);

//! What a notification says happened, for its reason ("mention", "assigned", "comment",
//! "review", "review_requested", "opened"): "alice mentioned you".
std::string describe(const std::string& reason, const std::string& actor);

//! What someone wrote on an issue or pull request.
enum class Wrote { opened, commented, reviewed };

//! Who hears of what happens on an issue or pull request: people mentioned, people newly
//! assigned or asked for a review, everyone taking part when someone comments or reviews, and
//! the repository's watchers. Never the one who did it, and only people who can read the
//! repository.
class Service {
public:
    //! Also mails each notification through `outbox` (when SMTP is configured and the person
    //! has not opted out), with links under public_url.
    Service(db::Pool& pool, repos::Service& repos, mail::Outbox& outbox, std::string public_url)
        : pool_(pool), repos_(repos), outbox_(outbox), public_url_(std::move(public_url)) {}

    //! After `actor_id` wrote `text` on issue_id.
    void wrote(const repos::Repo& repo, std::int64_t issue_id, std::int64_t actor_id, std::string_view text, Wrote what);
    void assigned(const repos::Repo& repo, std::int64_t issue_id, std::int64_t actor_id, const std::vector<std::int64_t>& users);
    void review_requested(const repos::Repo& repo, std::int64_t issue_id, std::int64_t actor_id, const std::vector<std::int64_t>& users);

    //! The actor's notifications on threads they can still read: a repository that turned
    //! private or from which they were removed hides its notifications (and their live titles).
    std::vector<store::Notification> inbox(const auth::Actor& actor, std::int64_t limit, std::int64_t offset);
    //! The unread ones of those.
    std::int64_t unread_count(const auth::Actor& actor);
    //! One of them, nullopt when it is not the actor's or they cannot read it now.
    std::optional<store::Notification> find(const auth::Actor& actor, std::int64_t id);

private:
    void tell(const repos::Repo& repo, const auth::store::User& user, std::int64_t issue_id, std::int64_t actor_id, const char* reason);

    db::Pool& pool_;
    repos::Service& repos_;
    mail::Outbox& outbox_;
    std::string public_url_;
};

}  // namespace notifications

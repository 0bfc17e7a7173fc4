#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"
#include "pulls/pull.hpp"
#include "repos/service.hpp"

namespace notifications {
class Service;
}

namespace pulls {

struct LineComment {
    std::int64_t id = 0;
    std::optional<std::int64_t> review_id;
    std::optional<std::int64_t> parent_id;
    std::string author;
    std::string commit_sha;
    std::string path;
    std::int64_t line = 0;
    std::string side;  //!< "new" or "old"
    std::string body;
    std::int64_t created_at = 0;
    std::string code;       //!< the line as it was commented on
    bool outdated = false;  //!< that line is no longer the same at the pull request's head
};

struct Review {
    std::int64_t id = 0;
    std::string author;
    std::string state;  //!< "commented", "approved", "changes_requested"
    std::string body;
    std::string commit_sha;
    std::int64_t created_at = 0;
};

struct NewLineComment {
    std::string path;
    std::int64_t line = 0;
    std::string side = "new";
    std::string body;
    std::optional<std::int64_t> in_reply_to;  //!< answering another line comment: its anchor is used
};

//! Reviews and line comments on pull requests. Anyone who can read the repository and is
//! signed in may comment; approving or requesting changes takes write access and is not for
//! the pull request's author. Writers and the author ask people for reviews.
class Reviews {
public:
    Reviews(db::Pool& pool, repos::Service& repos, notifications::Service& notifications)
        : pool_(pool), repos_(repos), notifications_(notifications) {}

    core::Result<Review> submit(const repos::Access& access, const auth::Actor& actor, const Pull& pull, const std::string& state,
                                const std::string& body, const std::vector<NewLineComment>& comments);
    core::Result<LineComment> comment(const repos::Access& access, const auth::Actor& actor, const Pull& pull,
                                      const NewLineComment& spec);
    std::vector<Review> reviews(const Pull& pull);
    //! With `outdated` worked out against the pull request's current head.
    std::vector<LineComment> line_comments(const repos::Access& access, const Pull& pull);

    //! Asks these people (usernames, who must be able to read the repository and are not the
    //! author) for a review, and tells them.
    core::Status request(const repos::Access& access, const auth::Actor& actor, const Pull& pull, const std::vector<std::string>& usernames);
    core::Status withdraw(const repos::Access& access, const auth::Actor& actor, const Pull& pull, const std::string& username);
    //! Usernames asked for a review who have not given one since.
    std::vector<std::string> requested(const Pull& pull);

private:
    db::Pool& pool_;
    repos::Service& repos_;
    notifications::Service& notifications_;
};

}  // namespace pulls

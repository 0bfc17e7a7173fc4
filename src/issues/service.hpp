#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "events/store.hpp"
#include "issues/issue.hpp"
#include "repos/service.hpp"

namespace db {
class Pool;
}
namespace soci {
class session;
}
namespace notifications {
class Service;
}

namespace issues {

//! Changes to an issue; what is absent stays as it is.
struct Update {
    std::optional<std::string> title;
    std::optional<std::string> body;
    std::optional<std::string> state;         //!< "open" or "closed"
    std::string state_reason = "completed";   //!< with state "closed": "completed" or "not_planned"
    std::optional<std::vector<std::string>> labels;     //!< label names
    std::optional<std::vector<std::string>> assignees;  //!< usernames
};

//! The issue numbers that text closes, as GitHub reads it: "Fixes #12", "closes #3",
//! "Resolved #7" (close/closes/closed, fix/fixes/fixed, resolve/resolves/resolved, any case).
std::vector<std::int64_t> closing_references(std::string_view text);

//! Every issue number that text names as #N (not inside a word, not an HTML entity), each once.
std::vector<std::int64_t> references(std::string_view text);

//! The rules for issues. Anyone who can read a repository and is signed in may open issues
//! and comment; writers triage (labels, assignees, closing anyone's issue, deleting any
//! comment); authors may edit and close their own issues and edit or delete their comments.
class Service {
public:
    Service(db::Pool& pool, repos::Service& repos, notifications::Service& notifications)
        : pool_(pool), repos_(repos), notifications_(notifications) {}

    //! `also` as for store::create: more rows in the same transaction (a pull request's).
    core::Result<Issue> create(const repos::Access& access, const auth::Actor& actor, NewIssue spec,
                               const std::function<void(soci::session&, std::int64_t)>& also = {});
    //! Issue or pull request #number (they share numbers; is_pull tells them apart).
    core::Result<Issue> get(const repos::Access& access, std::int64_t number);
    Page list(const repos::Access& access, const Filter& filter);
    core::Result<Issue> update(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                               const Update& update);

    core::Result<Comment> comment(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                  const std::string& body, std::optional<std::int64_t> parent_id);
    core::Result<Comment> edit_comment(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                       std::int64_t comment_id, const std::string& body);
    core::Status delete_comment(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                std::int64_t comment_id);
    std::vector<Comment> comments(const Issue& issue);
    std::vector<Event> events(const Issue& issue);

    //! Closes the open issues (not pull requests) that `text` closes, each with a timeline
    //! event naming `where` ("commit 1a2b3c…", "pull request #4"). Safe to repeat.
    void close_referenced(const std::string& repo_id, std::int64_t actor_id, std::string_view text, const std::string& where);
    //! A push event: every new commit that names #N leaves a "referenced" entry on N's
    //! timeline; on the default branch, those that say "Fixes #N" also close N.
    void on_push(const events::store::Event& event);

    std::vector<Label> labels(const repos::Access& access);
    core::Result<Label> create_label(const repos::Access& access, Label label);
    core::Status delete_label(const repos::Access& access, const std::string& name);

private:
    //! Leaves "mentioned this in #from" on each other issue that text names. Safe to repeat.
    void cross_reference(const repos::Repo& repo, const Issue& from, std::int64_t actor_id, std::string_view text);
    core::Result<std::vector<Label>> labels_named(const repos::Access& access, const std::vector<std::string>& names);
    core::Result<std::vector<std::pair<std::int64_t, std::string>>> assignable(const repos::Access& access,
                                                                                const std::vector<std::string>& usernames);

    db::Pool& pool_;
    repos::Service& repos_;
    notifications::Service& notifications_;
};

}  // namespace issues

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

//! Issues (and, sharing their numbers, pull requests), labels and comments.
namespace issues {

struct Label {
    std::int64_t id = 0;
    std::string name;
    std::string color;  //!< "d73a4a", six hex digits
    std::string description;
};

struct Issue {
    std::int64_t id = 0;
    std::string repo_id;
    std::int64_t number = 0;
    bool is_pull = false;
    std::string title;
    std::string body;
    std::int64_t author_id = 0;
    std::string author;  //!< username, "" when the account is gone
    std::string state;   //!< "open" or "closed"
    std::string state_reason;  //!< "completed", "not_planned" or "" while open
    std::int64_t comment_count = 0;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::optional<std::int64_t> closed_at;
    std::vector<Label> labels;
    std::vector<std::string> assignees;  //!< usernames
};

struct Comment {
    std::int64_t id = 0;
    std::int64_t issue_id = 0;
    std::optional<std::int64_t> parent_id;
    std::int64_t author_id = 0;
    std::string author;
    std::string body;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

//! A timeline entry other than a comment: closed, reopened, renamed, labeled, unlabeled,
//! assigned, unassigned, referenced.
struct Event {
    std::int64_t id = 0;
    std::string actor;
    std::string kind;
    std::string detail;
    std::int64_t created_at = 0;
};

struct NewIssue {
    std::string title;
    std::string body;
    std::vector<std::string> labels;     //!< label names of the repository
    std::vector<std::string> assignees;  //!< usernames
    bool is_pull = false;
};

//! Which issues a list shows.
struct Filter {
    std::string state = "open";  //!< "open", "closed" or "all"
    std::string label;           //!< a label name, or ""
    std::string assignee;        //!< a username, or ""
    std::string author;          //!< a username, or ""
    std::string text;            //!< words that title or body contain, or ""
    std::string sort = "newest"; //!< "newest", "oldest", "updated", "comments"
    std::int64_t page = 1;
    std::int64_t per_page = 25;
    bool pulls = false;  //!< pull requests instead of issues
};

struct Page {
    std::vector<Issue> issues;
    std::int64_t total = 0;  //!< matching the whole filter
    std::int64_t open = 0, closed = 0;  //!< matching the filter but its state
};

}  // namespace issues

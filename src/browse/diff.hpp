#pragma once

#include <string>
#include <vector>

#include "browse/store.hpp"

//! One commit and its changes against its first parent, through libgit2.
namespace browse::diff {

struct Line {
    char origin;  //!< '+', '-' or ' '
    int old_number;  //!< -1 when the line is only in the new version
    int new_number;  //!< -1 when the line is only in the old version
    std::string text;
};

struct Hunk {
    std::string header;  //!< "@@ -1,3 +1,4 @@ context"
    std::vector<Line> lines;
};

struct File {
    std::string old_path;
    std::string new_path;
    char status;  //!< 'A' added, 'D' deleted, 'M' modified, 'R' renamed, 'C' copied, 'T' type changed
    bool binary = false;
    int additions = 0;
    int deletions = 0;
    bool shown = true;  //!< false past the line limit: only its name and counts are given
    std::vector<Hunk> hunks;
};

//! What changed between two trees.
struct Changes {
    std::vector<File> files;
    int additions = 0;
    int deletions = 0;
    bool truncated = false;  //!< some files are not shown line by line
};

struct Commit {
    store::CommitInfo info;
    std::string message;  //!< everything after the summary line
    std::string committer_name;
    std::int64_t committer_time = 0;
    std::vector<std::string> parents;
    Changes changes;  //!< against the first parent
};

struct Comparison {
    store::Location base, head;
    std::string merge_base;
    std::vector<store::CommitInfo> commits;  //!< on head and not on base, oldest first
    bool more_commits = false;
    Changes changes;  //!< from the merge base to head, as a pull request would merge
};

struct Limits {
    std::size_t files = 300;    //!< files past this are listed without their lines
    std::size_t lines = 20000;  //!< diff lines past this are not shown
};

//! The commit named by `id` (4 to 40 hex digits) with renames detected; not_found otherwise.
core::Result<Commit> load(const store::Repository& repo, const std::string& id, const Limits& limits = {});

//! "base...head" as git diff and GitHub read it: the commits head adds and the changes since
//! the merge base. Both sides are branches, tags or commit ids; max_commits bounds the list.
core::Result<Comparison> compare(const store::Repository& repo, const std::string& base, const std::string& head,
                                 std::size_t max_commits = 250, const Limits& limits = {});

}  // namespace browse::diff

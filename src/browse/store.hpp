#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

struct git_repository;

//! Read-only views of a repository through libgit2: what the browse pages show.
namespace browse::store {

//! An open repository for one request; move-only. Handles are kept open between requests (a
//! few per repository, 16 in all, least recently used first out), so the pack indexes, refs and libgit2's object
//! cache of a busy repository are read once, not per page. A handle is used by one request at
//! a time, and one whose directory was replaced (deleted and created again) is never reused.
class Repository {
public:
    static core::Result<Repository> open(const std::filesystem::path& path);
    git_repository* get() const { return repo_.get(); }

    struct Identity {
        std::string path;
        unsigned long device, inode;
    };

private:
    struct GiveBack {
        Identity identity;
        void operator()(git_repository* repo) const;
    };
    std::unique_ptr<git_repository, GiveBack> repo_;
};

//! Where a URL's "{ref}/{path…}" points.
struct Location {
    std::string ref;     //!< the branch, tag or commit id as written in the URL
    std::string commit;  //!< the commit id it resolves to
    std::string path;    //!< "" for the root
};

//! False for paths with an empty, "." or ".." segment or a NUL: nothing may climb out of a tree.
bool valid_path(std::string_view path);

//! The lines of a text, without their newlines; a final newline ends the last line.
std::vector<std::string_view> split_lines(std::string_view text);

//! Splits "feature/x/src/main.cpp" into the longest leading part that names a branch, then a
//! tag, then a commit id (4 to 40 hex digits), and the path after it. A path segment that is
//! empty, "." or ".." is not_found, so no URL can climb out of the tree.
core::Result<Location> resolve(const Repository& repo, const std::string& ref_and_path);

struct Entry {
    std::string name;
    enum class Kind { tree, blob, symlink, submodule } kind;
    std::string id;
};

//! The entries of the tree at location.path, folders first, then by name.
core::Result<std::vector<Entry>> tree(const Repository& repo, const Location& location);

struct Blob {
    std::string id;
    std::int64_t size = 0;
    bool binary = false;  //!< known only when the content was read
    std::string content;  //!< empty when larger than the limit asked for
};

//! The file at location.path; its content only when size <= max_content (a larger one is not
//! read at all).
core::Result<Blob> blob(const Repository& repo, const Location& location, std::int64_t max_content);

struct CommitInfo {
    std::string id;
    std::string summary;
    std::string author_name;
    std::string author_email;
    std::int64_t time = 0;  //!< author time, Unix seconds
    int parents = 0;
};

//! The commit with this full id, if it exists.
std::optional<CommitInfo> commit_info(const Repository& repo, const std::string& id);

struct LogPage {
    std::vector<CommitInfo> commits;
    bool more = false;  //!< another page follows
};

//! Commits reachable from location.commit, newest first, that touched location.path (all when
//! the path is empty) as `git log -- path` counts them: a commit is skipped when the path is the
//! same as in any of its parents. Skips `offset` matching commits and returns at most `limit`.
core::Result<LogPage> log(const Repository& repo, const Location& location, std::size_t offset, std::size_t limit);

struct RefInfo {
    std::string name;  //!< without refs/heads/ or refs/tags/
    CommitInfo last;   //!< the commit it points to (annotated tags peeled)
    std::size_t ahead = 0, behind = 0;  //!< branches: commits not in / missing from the default branch
};

//! Local branches, the default one first, then the most recently committed to.
std::vector<RefInfo> branches(const Repository& repo, const std::string& default_branch);
//! Tags, newest commit first.
std::vector<RefInfo> tags(const Repository& repo);
//! The names of the refs under prefix (without it), sorted by name, at most limit of them —
//! without reading any commit.
std::vector<std::string> ref_names(const Repository& repo, const char* prefix, std::size_t limit);
//! Whether refs/heads/{name} exists.
bool branch_exists(const Repository& repo, const std::string& name);
//! The best common ancestor of two commits (full ids), if they have one.
std::optional<std::string> merge_base(const Repository& repo, const std::string& a, const std::string& b);
//! The paths that differ between two commits (from "": every path of `to`), without reading
//! any file.
std::vector<std::string> changed_paths(const Repository& repo, const std::string& from, const std::string& to);
//! How many refs there are under prefix ("refs/heads/"), without reading any commit.
std::size_t count_refs(const Repository& repo, const char* prefix);

struct BlameHunk {
    CommitInfo commit;  //!< the commit that last changed these lines
    std::size_t start = 0;  //!< first line, 1-based
    std::size_t lines = 0;
};

struct Blame {
    std::vector<BlameHunk> hunks;
    std::vector<std::string> lines;  //!< the file's lines, without newlines
};

//! Who last changed each line of the file at location, as of location.commit. Binary files and
//! files over max_size are invalid.
core::Result<Blame> blame(const Repository& repo, const Location& location, std::int64_t max_size);

//! Whether location.path names a tree (true) or a file (false); not_found when neither.
core::Result<bool> is_tree(const Repository& repo, const Location& location);

}  // namespace browse::store

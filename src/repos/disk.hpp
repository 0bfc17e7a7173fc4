#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

//! Bare repositories on disk, through libgit2.
namespace repos::disk {

//! Must run once before any other function here (git_libgit2_init).
void init();

struct InitOptions {
    std::string default_branch = "main";
    std::filesystem::path hooks_path;  //!< written to core.hooksPath
    std::optional<std::string> readme;  //!< an initial commit with README.md holding this text
    std::string author_name;
    std::string author_email;
};

//! Creates a bare repository at path (which must not exist), configured for hosting: the push
//! hooks, fsck of received objects, and force-pushes allowed.
core::Status init_bare(const std::filesystem::path& path, const InitOptions& options);

//! Creates the bare repository `path` (which must not exist) as init_bare does, as a fork of
//! `origin`: it borrows the origin's objects through objects/info/alternates (a path relative to
//! its own objects, so the data directory may move) instead of copying them, starts with the
//! origin's branches, tags and HEAD, and the origin is told never to prune unreachable objects,
//! which the fork's refs may still need.
core::Status init_fork(const std::filesystem::path& path, const std::filesystem::path& origin, const InitOptions& options);

//! Pushes to refs under prefix are refused and the refs not advertised to pushers
//! (receive.hideRefs).
core::Status refuse_pushes_to(const std::filesystem::path& path, const std::string& prefix);

//! Whether a repository borrows objects from another (a fork).
bool borrows_objects(const std::filesystem::path& path);
//! The path of objects/info/alternates, which a fork's dissociation removes.
std::filesystem::path alternates_file(const std::filesystem::path& path);

//! Bytes used by the repository's objects and refs.
std::int64_t size_on_disk(const std::filesystem::path& path);

//! Branch names (without refs/heads/), sorted.
std::vector<std::string> branches(const std::filesystem::path& path);

//! The object id a ref points to, or nullopt if the ref does not exist.
std::optional<std::string> ref_target(const std::filesystem::path& path, const std::string& ref);

//! Moves ref from old_sha to new_sha as one compare-and-swap: a zero old_sha creates it (it
//! must not exist), a zero new_sha deletes it. conflict when the ref is not at old_sha.
core::Status update_ref(const std::filesystem::path& path, const std::string& ref, const std::string& old_sha,
                        const std::string& new_sha, const std::string& log_message);

//! Points HEAD at refs/heads/{branch} (the branch need not exist yet).
core::Status set_head(const std::filesystem::path& path, const std::string& branch);

//! True for names git accepts as a branch (git check-ref-format --branch).
bool valid_branch_name(const std::string& name);

}  // namespace repos::disk

#pragma once

#include <git2.h>

#include <memory>
#include <string>

//! libgit2 handles owned by std::unique_ptr, and object ids as text.
namespace git {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};

//! Owned<git_commit, git_commit_free> frees the commit when it goes out of scope.
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using TreeEntry = Owned<git_tree_entry, git_tree_entry_free>;
using Blob = Owned<git_blob, git_blob_free>;
using Object = Owned<git_object, git_object_free>;
using Index = Owned<git_index, git_index_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Signature = Owned<git_signature, git_signature_free>;

//! The commit with this id (40 hex digits), or null when there is none.
inline Commit lookup_commit(git_repository* repo, const std::string& id) {
    git_oid oid;
    git_commit* raw = nullptr;
    if (git_oid_fromstr(&oid, id.c_str()) == 0) git_commit_lookup(&raw, repo, &oid);
    return Commit(raw);
}

//! The 40-hex-digit form of an object id.
inline std::string hex(const git_oid* oid) {
    char out[GIT_OID_HEXSZ + 1];
    git_oid_tostr(out, sizeof out, oid);
    return out;
}

}  // namespace git

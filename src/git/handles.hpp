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

//! The 40-hex-digit form of an object id.
inline std::string hex(const git_oid* oid) {
    char out[GIT_OID_HEXSZ + 1];
    git_oid_tostr(out, sizeof out, oid);
    return out;
}

}  // namespace git

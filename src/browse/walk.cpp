#include "browse/walk.hpp"

namespace browse {

Walk::Walk(git_repository* repo, const git_oid& start) : repo_(repo) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_, &start) == 0) enqueue(Commit(raw));
}

void Walk::enqueue(Commit commit) {
    const git_oid* id = git_commit_id(commit.get());
    if (!seen_.emplace(reinterpret_cast<const char*>(id->id), GIT_OID_RAWSZ).second) return;
    std::int64_t time = git_commit_time(commit.get());
    queue_.push({time, met_++, std::move(commit)});
}

Walk::Commit Walk::next() {
    if (queue_.empty()) return nullptr;
    // priority_queue::top is const; the commit handle is moved out just before the pop.
    Commit commit = std::move(const_cast<Queued&>(queue_.top()).commit);
    queue_.pop();
    for (unsigned i = 0, n = git_commit_parentcount(commit.get()); i < n; ++i) {
        if (seen_.count(std::string(reinterpret_cast<const char*>(git_commit_parent_id(commit.get(), i)->id), GIT_OID_RAWSZ)))
            continue;
        git_commit* parent = nullptr;
        if (git_commit_parent(&parent, commit.get(), i) == 0) enqueue(Commit(parent));
    }
    return commit;
}

}  // namespace browse

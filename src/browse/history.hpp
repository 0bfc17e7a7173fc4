#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "browse/store.hpp"

//! Answers that need a walk through history — which commit last changed each entry of a
//! folder, how many commits a branch has, who last changed each line of a file — remembered by
//! the commit id they were asked for. A commit id fixes its whole history, so nothing here is
//! ever stale; the cache is only bounded, by entries and by bytes.
namespace browse::history {

//! The newest commit that changed each entry of a folder; entries the walk did not reach
//! (past its budget) are absent.
struct LastCommits {
    std::vector<store::CommitInfo> commits;
    std::unordered_map<std::string, std::size_t> by_name;  //!< entry name -> index into commits

    const store::CommitInfo* find(const std::string& name) const;
};

class Cache {
public:
    //! Keeps at most `capacity` answers and about `budget` bytes, dropping the least recently used.
    explicit Cache(std::size_t capacity = 1024, std::size_t budget = 64 << 20);
    Cache(const Cache&) = delete;
    Cache& operator=(const Cache&) = delete;

    //! For the folder at.path as of at.commit, as `git log -1 -- folder/entry` would answer
    //! for each entry. Walks history newest first, but starts from the parent's answer when
    //! that is cached and at.commit has one parent, so a push costs one tree comparison.
    std::shared_ptr<const LastCommits> last_commits(const store::Repository& repo, const store::Location& at);

    //! How many commits are reachable from commit (`git rev-list --count`).
    std::size_t commit_count(const store::Repository& repo, const std::string& commit);

    //! store::log of a path's history (the commits that changed at.path), which walks until it
    //! has found a page; failures are not kept.
    core::Result<std::shared_ptr<const store::LogPage>> path_log(const store::Repository& repo, const store::Location& at,
                                                                 std::size_t offset, std::size_t limit);

    //! store::blame of the file at `at`; failures are not kept.
    core::Result<std::shared_ptr<const store::Blame>> blame(const store::Repository& repo, const store::Location& at,
                                                            std::int64_t max_size);

private:
    struct Slot {
        std::shared_ptr<const LastCommits> folder;
        std::size_t count = 0;
        std::shared_ptr<const store::Blame> blame;
        std::shared_ptr<const store::LogPage> log;
        std::size_t bytes = 0;
        std::list<std::string>::iterator age;
    };

    const Slot* find(const std::string& key);
    void keep(const std::string& key, Slot slot);

    std::mutex mutex_;
    std::size_t capacity_;
    std::size_t budget_;
    std::size_t bytes_ = 0;
    std::list<std::string> recent_;  //!< keys, most recently used first
    std::unordered_map<std::string, Slot> slots_;
};

}  // namespace browse::history

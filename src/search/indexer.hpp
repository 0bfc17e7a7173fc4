#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "events/store.hpp"

namespace core {
struct Config;
}
namespace repos {
class Service;
}

namespace search {

class Index;

//! Keeps the index up to date from one background thread, never on a request's path: a push
//! queues its repository, and at start every repository is queued, so work a stopped process
//! left undone (or pushes it never saw) is picked up. A repository that no longer exists is
//! dropped from the index.
class Indexer {
public:
    Indexer(Index& index, repos::Service& repos, const core::Config& config) : index_(index), repos_(repos), config_(config) {}
    ~Indexer();
    Indexer(const Indexer&) = delete;
    Indexer& operator=(const Indexer&) = delete;

    void start();
    void stop();
    void enqueue(const std::string& repo_id);
    //! A push event of a branch: its repository is brought up to date (a push to another branch
    //! than the default costs a ref lookup; the default may just have become that branch).
    void on_push(const events::store::Event& event);

    //! Brings one repository's index up to date now, on the caller's thread (the CLI).
    void update(const std::string& repo_id);

private:
    void run();

    Index& index_;
    repos::Service& repos_;
    const core::Config& config_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;
    std::set<std::string> queued_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace search

#include "search/indexer.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/config.hpp"
#include "repos/service.hpp"
#include "search/index.hpp"

namespace search {

Indexer::~Indexer() { stop(); }

void Indexer::start() {
    for (const auto& id : repos_.ids()) enqueue(id);
    for (const auto& id : index_.repos()) enqueue(id);  // deleted since: dropped
    thread_ = std::thread([this] { run(); });
}

void Indexer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Indexer::enqueue(const std::string& repo_id) {
    {
        std::lock_guard lock(mutex_);
        if (!queued_.insert(repo_id).second) return;
        queue_.push_back(repo_id);
    }
    wake_.notify_one();
}

void Indexer::on_push(const events::store::Event& event) {
    if (event.ref.starts_with("refs/heads/")) enqueue(event.repo_id);
}

void Indexer::update(const std::string& repo_id) {
    auto started = std::chrono::steady_clock::now();
    auto repo = repos_.find(repo_id);
    if (!repo) {
        index_.drop(repo_id);
        return;
    }
    try {
        auto state = index_.sync(repo_id, repos_.path(repo_id), repo->default_branch, config_.search_max_file_size);
        if (!state) {
            spdlog::warn("search: indexing {} failed: {}", repo_id, state.error().message);
            return;
        }
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        spdlog::info("search: {} indexed at {} ({} files) in {} ms", repo_id, state->commit.substr(0, 10), state->files, ms);
    } catch (const std::exception& e) {
        spdlog::error("search: indexing {} failed: {}", repo_id, e.what());
    }
}

void Indexer::run() {
    for (;;) {
        std::string repo_id;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            repo_id = std::move(queue_.front());
            queue_.pop_front();
            queued_.erase(repo_id);
        }
        update(repo_id);
    }
}

}  // namespace search

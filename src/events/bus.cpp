#include "events/bus.hpp"

#include <spdlog/spdlog.h>

namespace events {
namespace {

// Pushes over SSH or by other processes are found by polling, so nothing waits longer than this.
constexpr auto kPollInterval = std::chrono::seconds(1);
constexpr int kBatch = 100;

}  // namespace

Bus::~Bus() { stop(); }

void Bus::subscribe(std::string name, Handler handler) { subscribers_.emplace_back(std::move(name), std::move(handler)); }

void Bus::start() { thread_ = std::thread([this] { run(); }); }

void Bus::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Bus::notify() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    wake_.notify_all();
}

void Bus::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kPollInterval, [this] { return pending_ || stopping_; });
            if (stopping_) return;
            pending_ = false;
        }
        try {
            deliver();
        } catch (const std::exception& e) {
            spdlog::error("event delivery: {}", e.what());
        }
    }
}

void Bus::deliver() {
    for (auto& [name, handler] : subscribers_) {
        auto last = store::cursor(pool_, name);
        for (auto batch = store::after(pool_, last, kBatch); !batch.empty(); batch = store::after(pool_, last, kBatch)) {
            for (const auto& event : batch) {
                try {
                    handler(event);
                } catch (const std::exception& e) {
                    spdlog::error("subscriber {} failed on event {}: {}; retrying later", name, event.id, e.what());
                    return;
                }
                last = event.id;
                store::set_cursor(pool_, name, last);
            }
        }
    }
}

}  // namespace events

#include "events/bus.hpp"

#include <spdlog/spdlog.h>

namespace events {
namespace {

// Pushes over SSH or by other processes are found by polling, so nothing waits longer than this.
constexpr auto kPollInterval = std::chrono::seconds(1);
constexpr int kBatch = 100;

}  // namespace

Bus::~Bus() { stop(); }

void Bus::subscribe(std::string name, Handler handler) { subscribers_.push_back({std::move(name), std::move(handler)}); }

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
    for (auto& subscriber : subscribers_) {
        try {
            deliver_to(subscriber);
        } catch (const std::exception& e) {  // the log itself could not be read: every subscriber tries next round
            spdlog::error("event delivery to {}: {}", subscriber.name, db::describe(e));
        }
    }
}

void Bus::deliver_to(Subscriber& subscriber) {
    auto last = store::cursor(pool_, subscriber.name);
    for (auto batch = store::after(pool_, last, kBatch); !batch.empty(); batch = store::after(pool_, last, kBatch)) {
        for (const auto& event : batch) {
            if (!handle(subscriber, event)) return;
            last = event.id;
            store::set_cursor(pool_, subscriber.name, last);
        }
    }
}

bool Bus::handle(Subscriber& subscriber, const store::Event& event) {
    try {
        subscriber.handler(event);
        return true;
    } catch (const std::exception& e) {
        if (subscriber.failing_event != event.id) subscriber.failing_event = event.id, subscriber.tries = 0;
        auto why = db::describe(e);
        if (++subscriber.tries < kTries) {
            spdlog::warn("subscriber {} failed on event {} (try {} of {}): {}", subscriber.name, event.id, subscriber.tries, kTries, why);
            return false;
        }
        spdlog::error("subscriber {} gave up on event {} after {} tries: {}", subscriber.name, event.id, kTries, why);
        store::record_failure(pool_, subscriber.name, event.id, kTries, why);
        return true;
    }
}

}  // namespace events

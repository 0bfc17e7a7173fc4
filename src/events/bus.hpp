#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "events/store.hpp"

namespace events {

//! Hands each event of the durable log to every in-process subscriber, at least once and in
//! order, from one background thread. A subscriber's cursor advances only after its handler
//! returned; a handler that throws gets the same event again on the next round.
class Bus {
public:
    using Handler = std::function<void(const store::Event&)>;

    explicit Bus(db::Pool& pool) : pool_(pool) {}
    ~Bus();
    Bus(const Bus&) = delete;
    Bus& operator=(const Bus&) = delete;

    //! Subscribers are named so that their progress survives restarts; add them before start().
    void subscribe(std::string name, Handler handler);
    void start();
    void stop();
    //! New events may be in the log: deliver now rather than at the next poll.
    void notify();

private:
    void run();
    void deliver();

    db::Pool& pool_;
    std::vector<std::pair<std::string, Handler>> subscribers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace events

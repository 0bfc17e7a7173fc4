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
//! returned. A handler that throws gets the same event again on the next rounds (a database
//! that was busy), at most kTries times; then the failure is recorded (event_failures) and the
//! subscriber moves on. Subscribers are apart: one that fails never holds back another.
class Bus {
public:
    using Handler = std::function<void(const store::Event&)>;
    static constexpr int kTries = 3;

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
    struct Subscriber {
        std::string name;
        Handler handler;
        std::int64_t failing_event = 0;  // the event it failed on last, tried `tries` times
        int tries = 0;
    };

    void run();
    void deliver();
    void deliver_to(Subscriber& subscriber);
    //! False when the subscriber is to try this event again later.
    bool handle(Subscriber& subscriber, const store::Event& event);

    db::Pool& pool_;
    std::vector<Subscriber> subscribers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace events

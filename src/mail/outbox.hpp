#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace core {
struct Config;
}
namespace db {
class Pool;
}

namespace mail {

//! Mail to send, kept in the database until the SMTP server took it. A background thread sends
//! what is due; a failure is tried again after 2, 4, 8 … seconds (at most an hour apart), up to
//! 12 times. Without SMTP_URL nothing is queued and nothing runs.
class Outbox {
public:
    Outbox(db::Pool& pool, const core::Config& config) : pool_(pool), config_(config) {}
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    bool enabled() const;
    //! Queues a plain-text message (subject without line breaks).
    void enqueue(const std::string& to, const std::string& subject, const std::string& body);
    void start();
    void stop();

private:
    void run();
    //! Sends what is due; false when nothing was.
    bool send_due();

    db::Pool& pool_;
    const core::Config& config_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace mail

#pragma once

#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/pool.hpp"

namespace actions {

//! Remote runners: registration (with a one-time token an administrator makes), their own
//! token, their labels and last contact; and the wake-up of runners waiting for a job.
class Runners {
public:
    explicit Runners(db::Pool& pool) : pool_(pool) {}

    struct Runner {
        std::int64_t id = 0;
        std::string name;
        std::vector<std::string> labels;
        std::int64_t created_at = 0;
        std::optional<std::int64_t> last_contact;
        bool online(std::int64_t now) const { return last_contact && now - *last_contact < 90; }
    };

    //! A registration token, valid for a day and once; shown once.
    std::string new_registration(std::int64_t admin_id);
    //! Registers a runner with a registration token; the runner and its own token.
    core::Result<std::pair<Runner, std::string>> add(const std::string& registration, const std::string& name,
                                                     const std::vector<std::string>& labels);
    //! The runner a token belongs to, its contact noted.
    std::optional<Runner> authenticate(const std::string& token);
    std::vector<Runner> list();
    bool remove(std::int64_t id);
    //! Whether a registered runner has every one of these labels ("self-hosted,gpu"): such a
    //! job waits for a runner instead of running on this server.
    bool takes(const std::string& labels);
    //! The runners not heard from since `before` (Unix seconds).
    std::vector<std::int64_t> silent_since(std::int64_t before);

    //! A runner's request waits on its timer; wake() cancels every waiting timer so that each
    //! looks for a job at once.
    void wait_on(const std::shared_ptr<boost::asio::steady_timer>& timer);
    void wake();

private:
    db::Pool& pool_;
    std::mutex mutex_;
    std::vector<std::weak_ptr<boost::asio::steady_timer>> waiting_;
};

//! "a, b,c" → {"a", "b", "c"}.
std::vector<std::string> split_labels(const std::string& text);
//! Whether every one of `wanted` is in `have`.
bool has_labels(const std::vector<std::string>& have, const std::vector<std::string>& wanted);

}  // namespace actions

#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace workspaces {

//! What a workspace's cookie stands for: its owner, signed in to the forge by that session.
struct Grant {
    std::string workspace_id;
    std::int64_t user_id = 0;
    std::string session;  //!< the forge's session cookie it came from, checked again while it is used
};

//! The hand-off from the forge's origin to a workspace's: the forge mints a one-time code for
//! a signed-in owner (single use, 60 s), the workspace origin redeems it for a pass, the value
//! of its HttpOnly cookie there. Both live in memory only: after a restart the forge hands off
//! again, and nothing here can be replayed from a disk.
class Passes {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    explicit Passes(Clock clock = std::chrono::steady_clock::now) : clock_(std::move(clock)) {}

    std::string mint(Grant grant);
    //! The pass for a code minted for workspace_id, once; nullopt when unknown, used or expired.
    std::optional<std::string> redeem(const std::string& code, const std::string& workspace_id);
    std::optional<Grant> check(const std::string& pass) const;
    //! Drops the passes and codes of a workspace that stopped or went.
    void revoke_workspace(const std::string& workspace_id);

    static constexpr std::chrono::seconds kCodeLifetime{60};

private:
    struct Code {
        Grant grant;
        std::chrono::steady_clock::time_point expires;
    };
    Clock clock_;
    mutable std::mutex mutex_;
    std::map<std::string, Code, std::less<>> codes_;
    std::map<std::string, Grant, std::less<>> passes_;
};

}  // namespace workspaces

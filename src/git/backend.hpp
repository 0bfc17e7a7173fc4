#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.hpp"
#include "core/result.hpp"
#include "git/process.hpp"

namespace core {
struct Config;
}
namespace db {
class Pool;
}
namespace events {
class Bus;
}
namespace repos {
class Service;
struct Repo;
}

namespace git {

//! What serving git needs, shared by smart HTTP and SSH.
class Backend {
public:
    Backend(repos::Service& repos, db::Pool& pool, events::Bus& bus, const core::Config& config)
        : repos_(repos), pool_(pool), bus_(bus), config_(config) {}

    repos::Service& repos() { return repos_; }

    //! The whole environment of a git child: nothing of the server's own (no secrets), git's
    //! system and global config ignored, GIT_PROTOCOL if the client asked for a version, and
    //! for receive-pack what the pre-receive hook needs to record the push.
    std::vector<std::string> environment(Service service, const repos::Repo& repo, const auth::Actor& actor,
                                         const std::string& push_id, std::string_view git_protocol) const;

    //! After receive-pack ends: the push's proposed updates become events where refs moved,
    //! and a repository without its default branch adopts a pushed one.
    void settle_push(const std::string& push_id, const std::string& repo_id);

    //! A ref the server wrote without a push (a new repository's first commit), recorded as one.
    void record_created_ref(const repos::Repo& repo, const auth::Actor& actor, const std::string& ref, const std::string& sha);

    //! A ref update the server makes itself (a branch deleted in the web UI, a merge): recorded
    //! like a push — proposed, applied as a compare-and-swap, settled into an event — so a crash
    //! between the steps still ends in exactly the event for what happened. conflict when the
    //! ref is not at old_sha; zero ids create or delete.
    core::Status update_ref(const repos::Repo& repo, const auth::Actor& actor, const std::string& ref,
                            const std::string& old_sha, const std::string& new_sha, const std::string& log_message);

private:
    repos::Service& repos_;
    db::Pool& pool_;
    events::Bus& bus_;
    const core::Config& config_;
};

}  // namespace git

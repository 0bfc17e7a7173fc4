#include "git/backend.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "events/bus.hpp"
#include "events/store.hpp"
#include "repos/disk.hpp"
#include "repos/service.hpp"

namespace git {

std::vector<std::string> Backend::environment(Service service, const repos::Repo& repo, const auth::Actor& actor,
                                              const std::string& push_id, std::string_view git_protocol) const {
    const char* path = std::getenv("PATH");
    std::vector<std::string> env = {
        "PATH=" + std::string(path ? path : "/usr/local/bin:/usr/bin:/bin"),
        "HOME=" + config_.data_dir.string(),
        "GIT_CONFIG_NOSYSTEM=1",
        "GIT_CONFIG_GLOBAL=/dev/null",
    };
    if (!git_protocol.empty()) env.push_back("GIT_PROTOCOL=" + std::string(git_protocol));
    if (service == Service::receive_pack) {
        env.push_back("DATA_DIR=" + config_.data_dir.string());
        env.push_back("SKYSCAPE_PUSH_ID=" + push_id);
        env.push_back("SKYSCAPE_REPO_ID=" + repo.id);
        env.push_back("SKYSCAPE_ACTOR_ID=" + std::to_string(actor.user_id));
    }
    return env;
}

core::Status Backend::update_ref(const repos::Repo& repo, const auth::Actor& actor, const std::string& ref,
                                 const std::string& old_sha, const std::string& new_sha, const std::string& log_message) {
    auto push_id = core::crypto::random_hex(16);
    {
        soci::session sql(pool_.get());
        events::store::add_pending(sql, push_id, {{repo.id, actor.user_id, ref, old_sha, new_sha}});
    }
    auto done = repos::disk::update_ref(repos_.path(repo.id), ref, old_sha, new_sha, log_message);
    settle_push(push_id, repo.id);
    return done;
}

void Backend::record_created_ref(const repos::Repo& repo, const auth::Actor& actor, const std::string& ref, const std::string& sha) {
    auto push_id = core::crypto::random_hex(16);
    {
        soci::session sql(pool_.get());
        events::store::add_pending(sql, push_id, {{repo.id, actor.user_id, ref, std::string(40, '0'), sha}});
    }
    settle_push(push_id, repo.id);
}

void Backend::settle_push(const std::string& push_id, const std::string& repo_id) {
    int moved = events::store::settle(pool_, push_id, [this](const std::string& repo_id, const std::string& ref) {
        return repos::disk::ref_target(repos_.path(repo_id), ref);
    });
    if (moved > 0) bus_.notify();
    if (!repo_id.empty()) repos_.adopt_default_branch(repo_id);
}

}  // namespace git

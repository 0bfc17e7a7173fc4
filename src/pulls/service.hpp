#pragma once

#include <functional>

#include <string>

#include "core/result.hpp"
#include "events/store.hpp"
#include "pulls/merge.hpp"
#include "pulls/pull.hpp"
#include "repos/service.hpp"

namespace git {
class Backend;
}
namespace issues {
class Service;
}

namespace pulls {

struct NewPull {
    std::string title;
    std::string body;
    std::string base;
    std::string head;
    bool draft = false;
};

//! Pull requests between branches of one repository, or from a branch of one of its forks
//! (head "owner:branch", mirrored into it as refs/forks/{fork id}/heads/{branch} and kept in
//! step with the fork's pushes). Opening one takes read access (and a signed-in user, who may
//! read the fork); merging takes write access. Merges move the base branch through
//! git::Backend::update_ref, a compare-and-swap: if it moved meanwhile nothing is written.
class Service {
public:
    Service(db::Pool& pool, repos::Service& repos, issues::Service& issues, git::Backend& backend)
        : pool_(pool), repos_(repos), issues_(issues), backend_(backend) {}

    core::Result<Pull> open(const repos::Access& access, const auth::Actor& actor, const NewPull& spec);
    //! The pull request, its mergeability brought up to date if a branch moved since.
    core::Result<Pull> get(const repos::Access& access, std::int64_t number);
    //! Merges with `method`; expected_head, when given, must be the head's tip (else conflict).
    //! not_allowed when the pull is closed, a draft, or conflicts; conflict when a branch moved.
    core::Result<Pull> merge(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                             merge::Method method, const std::string& expected_head, bool delete_branch);

    //! A draft becomes ready for review (its author or a writer).
    core::Status ready(const repos::Access& access, const auth::Actor& actor, std::int64_t number);

    //! A push event: open pull requests on that branch get their mergeability again.
    void on_push(const events::store::Event& event);

    //! Called after a pull request is opened (CI starts its pull_request workflows).
    using Opened = std::function<void(const std::string& repo_id, const Pull& pull, std::int64_t actor_id)>;
    void on_opened(Opened listener) { opened_ = std::move(listener); }

private:
    void refresh(const std::string& repo_id, Pull& pull);
    //! The owner's fork of the repository, which the caller may read.
    core::Result<repos::Repo> head_repository(const repos::Access& access, const auth::Actor& actor, const std::string& owner);

    db::Pool& pool_;
    repos::Service& repos_;
    issues::Service& issues_;
    git::Backend& backend_;
    Opened opened_;
};

}  // namespace pulls

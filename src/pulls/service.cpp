#include "pulls/service.hpp"

#include <git2.h>
#include <spdlog/spdlog.h>

#include "auth/store.hpp"
#include "browse/store.hpp"
#include "git/backend.hpp"
#include "git/process.hpp"
#include "issues/service.hpp"
#include "issues/store.hpp"
#include "pulls/store.hpp"
#include "repos/disk.hpp"

namespace pulls {
namespace {

using core::Errc;
using core::fail;

const std::string kZero(40, '0');

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

void Service::refresh(const std::string& repo_id, Pull& pull) {
    if (pull.issue.state != "open") return;
    auto path = repos_.path(repo_id);
    auto base = repos::disk::ref_target(path, "refs/heads/" + pull.base);
    auto head = repos::disk::ref_target(path, pull.head_ref());
    if (!base || !head) {
        if (pull.mergeable != "unknown") store::set_check(pool_, pull.issue.id, pull.base_sha, pull.head_sha, "unknown", {});
        pull.mergeable = "unknown";
        return;
    }
    if (*base == pull.base_sha && *head == pull.head_sha && pull.mergeable != "unknown") return;
    auto repo = browse::store::Repository::open(path);
    if (!repo) return;
    auto checked = merge::check(*repo, *base, *head);
    pull.base_sha = *base;
    pull.head_sha = *head;
    pull.mergeable = !checked ? "unknown" : checked->clean ? "clean" : "conflict";
    pull.conflicts = checked ? checked->conflicts : std::vector<std::string>{};
    store::set_check(pool_, pull.issue.id, pull.base_sha, pull.head_sha, pull.mergeable, pull.conflicts);
}

core::Result<repos::Repo> Service::head_repository(const repos::Access& access, const auth::Actor& actor, const std::string& owner) {
    for (auto& candidate : repos_.forks(actor, access.repo)) {
        if (!iequals(candidate.owner, owner)) continue;
        // Its branch is mirrored here: a private fork's would be published by a public base.
        if (candidate.is_private && !access.repo.is_private)
            return fail(Errc::invalid, candidate.full_name() + " is private and " + access.repo.full_name() + " is public: pull requests between them would publish the fork.");
        return std::move(candidate);
    }
    return fail(Errc::invalid, owner + " has no fork of " + access.repo.full_name() + " to merge from.");
}

core::Result<Pull> Service::open(const repos::Access& access, const auth::Actor& actor, const NewPull& spec) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in to open a pull request.");
    auto path = repos_.path(access.repo.id);
    // GitHub's "owner:branch" names a branch of the owner's fork.
    Pull pull;
    pull.head = spec.head;
    std::optional<repos::Repo> fork;
    if (auto colon = spec.head.find(':'); colon != std::string::npos) {
        auto owner = spec.head.substr(0, colon);
        pull.head = spec.head.substr(colon + 1);
        if (!iequals(owner, access.repo.owner)) {
            auto found = head_repository(access, actor, owner);
            if (!found) return tl::unexpected(found.error());
            fork = std::move(*found);
            pull.head_repo_id = fork->id;
            pull.head_owner = fork->owner;
        }
    }
    auto head_path = fork ? repos_.path(fork->id) : path;
    auto base = repos::disk::valid_branch_name(spec.base) ? repos::disk::ref_target(path, "refs/heads/" + spec.base) : std::nullopt;
    auto head = repos::disk::valid_branch_name(pull.head) ? repos::disk::ref_target(head_path, "refs/heads/" + pull.head) : std::nullopt;
    if (!base) return fail(Errc::invalid, "There is no branch \"" + spec.base + "\" to merge into.");
    if (!head) return fail(Errc::invalid, "There is no branch \"" + pull.head_label() + "\" to merge from.");
    if (!fork && spec.base == pull.head) return fail(Errc::invalid, "Choose two different branches.");
    if (auto existing = store::open_number(pool_, access.repo.id, spec.base, pull.head, pull.head_repo_id))
        return fail(Errc::conflict, "Pull request #" + std::to_string(*existing) + " already merges " + pull.head_label() + " into " + spec.base + ".");
    if (fork) {
        // Nobody pushes a mirror: it moves with the fork alone.
        if (auto hidden = repos::disk::refuse_pushes_to(path, "refs/forks"); !hidden) return tl::unexpected(hidden.error());
        if (auto mirrored = git::fetch_branch(path, head_path, pull.head, pull.head_ref()); !mirrored) return tl::unexpected(mirrored.error());
        head = repos::disk::ref_target(path, pull.head_ref());
        if (!head) return fail(Errc::internal, "The fork's branch " + pull.head_label() + " could not be mirrored.");
    }
    auto repo = browse::store::Repository::open(path);
    if (!repo) return tl::unexpected(repo.error());
    git_oid base_oid, head_oid;
    std::size_t ahead = 0, behind = 0;
    if (git_oid_fromstr(&base_oid, base->c_str()) < 0 || git_oid_fromstr(&head_oid, head->c_str()) < 0 ||
        git_graph_ahead_behind(&ahead, &behind, repo->get(), &head_oid, &base_oid) < 0)
        return fail(Errc::internal, "Could not compare " + pull.head_label() + " with " + spec.base + ".");
    if (ahead == 0) return fail(Errc::invalid, spec.base + " already has everything in " + pull.head_label() + ".");
    pull.base = spec.base;
    pull.base_sha = *base;
    pull.head_sha = *head;
    pull.draft = spec.draft;
    issues::NewIssue issue{spec.title, spec.body, {}, {}, true};
    auto created = issues_.create(access, actor, issue, [&pull](soci::session& sql, std::int64_t id) { store::insert(sql, id, pull); });
    if (!created) return tl::unexpected(created.error());
    auto opened = get(access, created->number);
    if (opened && opened_) opened_(access.repo.id, *opened, actor.user_id);
    return opened;
}

core::Result<Pull> Service::get(const repos::Access& access, std::int64_t number) {
    auto issue = issues_.get(access, number);
    if (!issue) return tl::unexpected(issue.error());
    Pull pull;
    pull.issue = std::move(*issue);
    if (!pull.issue.is_pull || !store::fill(pool_, pull))
        return fail(Errc::not_found, "There is no pull request #" + std::to_string(number) + ".");
    refresh(access.repo.id, pull);
    return pull;
}

core::Result<Pull> Service::merge(const repos::Access& access, const auth::Actor& actor, std::int64_t number,
                                  merge::Method method, const std::string& expected_head, bool delete_branch) {
    if (access.role < auth::Role::write) return fail(Errc::forbidden, "Only people with write access can merge.");
    auto pull = get(access, number);
    if (!pull) return pull;
    if (pull->merged()) return fail(Errc::not_allowed, "This pull request is already merged.");
    if (pull->issue.state != "open") return fail(Errc::not_allowed, "This pull request is closed.");
    if (pull->draft) return fail(Errc::not_allowed, "This pull request is a draft.");
    if (!expected_head.empty() && expected_head != pull->head_sha)
        return fail(Errc::conflict, pull->head_label() + " has moved: it is at " + pull->head_sha.substr(0, 10) + " now.");
    if (pull->mergeable == "conflict") return fail(Errc::not_allowed, "This pull request has conflicts; resolve them first.");
    if (pull->mergeable != "clean") return fail(Errc::not_allowed, "This pull request cannot be merged now.");
    auto user = auth::store::find_user(pool_, actor.user_id);
    merge::Signature who{actor.username, user ? user->email : actor.username + "@localhost"};
    std::string message = method == merge::Method::squash
                              ? pull->issue.title + " (#" + std::to_string(number) + ")\n\n" + pull->issue.body
                              : "Merge pull request #" + std::to_string(number) + " from " + pull->head_label() + "\n\n" + pull->issue.title;
    auto repo = browse::store::Repository::open(repos_.path(access.repo.id));
    if (!repo) return tl::unexpected(repo.error());
    auto result = merge::create(*repo, method, pull->base_sha, pull->head_sha, who, message);
    if (!result) return fail(Errc::not_allowed, result.error().message);
    // The compare-and-swap: if the base moved since it was read, nothing changes.
    auto moved = backend_.update_ref(access.repo, actor, "refs/heads/" + pull->base, pull->base_sha, *result,
                                     "merge pull request #" + std::to_string(number));
    if (!moved) return fail(Errc::conflict, pull->base + " moved while merging; nothing was changed. Try again.");
    store::mark_merged(pool_, *pull, actor.user_id, *result);
    issues_.close_referenced(access.repo.id, actor.user_id, pull->issue.title + "\n" + pull->issue.body,
                             "pull request #" + std::to_string(number));
    if (delete_branch && !pull->from_fork() && pull->head != access.repo.default_branch)
        backend_.update_ref(access.repo, actor, "refs/heads/" + pull->head, pull->head_sha, kZero, "pull request merged");
    return get(access, number);
}

core::Status Service::ready(const repos::Access& access, const auth::Actor& actor, std::int64_t number) {
    auto pull = get(access, number);
    if (!pull) return tl::unexpected(pull.error());
    if (access.role < auth::Role::write && actor.user_id != pull->issue.author_id)
        return fail(Errc::forbidden, "Only the author and people with write access can change this pull request.");
    if (pull->draft) store::set_ready(pool_, pull->issue.id, actor.user_id);
    return {};
}

void Service::on_push(const events::store::Event& event) {
    if (!event.ref.starts_with("refs/heads/")) return;
    auto branch = event.ref.substr(11);
    auto repo = repos_.find(event.repo_id);
    if (!repo) return;
    repos::Access access{*repo, auth::Role::admin};
    for (auto number : store::open_touching(pool_, event.repo_id, branch)) {
        auto pull = get(access, number);  // refreshes the check
        if (pull && !pull->from_fork() && pull->head == branch && event.new_sha != kZero)
            issues::store::record_event(pool_, pull->issue.id, event.actor_id, "pushed", event.new_sha);
    }
    // A fork's branch that pull requests merge from: mirrored into each one's repository again
    // (its deletion deletes the mirror), unless the fork went private and the base is public.
    for (const auto& [base_id, number] : store::open_from_fork(pool_, event.repo_id, branch)) {
        auto base = repos_.find(base_id);
        if (!base || (repo->is_private && !base->is_private)) continue;
        repos::Access base_access{*base, auth::Role::admin};
        auto mirror = "refs/forks/" + event.repo_id + "/heads/" + branch;
        auto base_path = repos_.path(base_id);
        core::Status mirrored;
        if (event.new_sha == kZero) {
            if (auto old = repos::disk::ref_target(base_path, mirror)) mirrored = repos::disk::update_ref(base_path, mirror, *old, kZero, "fork branch deleted");
        } else {
            mirrored = git::fetch_branch(base_path, repos_.path(event.repo_id), branch, mirror);
        }
        if (!mirrored) {
            spdlog::warn("pull request #{} of {}: {}", number, base->full_name(), mirrored.error().message);
            continue;
        }
        auto pull = get(base_access, number);
        if (pull && event.new_sha != kZero) issues::store::record_event(pool_, pull->issue.id, event.actor_id, "pushed", event.new_sha);
    }
}

}  // namespace pulls

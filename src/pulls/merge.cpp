#include "pulls/merge.hpp"

#include <ctime>

#include "browse/walk.hpp"
#include "git/handles.hpp"

namespace pulls::merge {
namespace {

using core::Errc;
using core::fail;
using git::Commit;
using git::hex;
using git::Index;
using git::Owned;
using git::Tree;
using git::lookup_commit;

// A commit's tree; a failure is an error, never an empty tree (which would merge as if every
// file were deleted or added).
core::Result<Tree> tree_of(const git_commit* commit) {
    git_tree* raw = nullptr;
    if (git_commit_tree(&raw, commit) < 0) return fail(Errc::internal, "Could not read the tree of " + std::string(git_oid_tostr_s(git_commit_id(commit))) + ".");
    return Tree(raw);
}

std::vector<std::string> conflicts_of(git_index* index) {
    std::vector<std::string> out;
    git_index_conflict_iterator* it_raw = nullptr;
    if (git_index_conflict_iterator_new(&it_raw, index) < 0) return out;
    Owned<git_index_conflict_iterator, git_index_conflict_iterator_free> it(it_raw);
    const git_index_entry *ancestor, *ours, *theirs;
    while (git_index_conflict_next(&ancestor, &ours, &theirs, it.get()) == 0)
        out.emplace_back(ours ? ours->path : theirs ? theirs->path : ancestor->path);
    return out;
}

// The three-way merge of two commits' trees over their merge base, as an in-memory index.
core::Result<Index> merged_index(git_repository* repo, const git_commit* base, const git_commit* head) {
    git_oid ancestor_id;
    Tree ancestor;
    // No merge base (unrelated histories) merges over an empty tree; any other failure is an error.
    if (int found = git_merge_base(&ancestor_id, repo, git_commit_id(base), git_commit_id(head)); found == 0) {
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, repo, &ancestor_id) < 0) return fail(Errc::internal, "The merge base is missing.");
        auto tree = tree_of(Commit(raw).get());
        if (!tree) return tl::unexpected(tree.error());
        ancestor = std::move(*tree);
    } else if (found != GIT_ENOTFOUND) {
        return fail(Errc::internal, "The merge base could not be found.");
    }
    auto ours = tree_of(base), theirs = tree_of(head);
    if (!ours) return tl::unexpected(ours.error());
    if (!theirs) return tl::unexpected(theirs.error());
    git_merge_options options = GIT_MERGE_OPTIONS_INIT;
    git_index* raw = nullptr;
    if (git_merge_trees(&raw, repo, ancestor.get(), ours->get(), theirs->get(), &options) < 0)
        return fail(Errc::internal, "The branches could not be merged.");
    return Index(raw);
}

core::Result<git_oid> write_tree(git_repository* repo, git_index* index) {
    if (git_index_has_conflicts(index)) return fail(Errc::not_allowed, "The branches conflict.");
    git_oid tree_id;
    if (git_index_write_tree_to(&tree_id, index, repo) < 0) return fail(Errc::internal, "Could not write the merged tree.");
    return tree_id;
}

core::Result<std::string> commit(git_repository* repo, const git_signature* author, const git_signature* committer,
                                 const std::string& message, const git_oid& tree_id, std::vector<const git_commit*> parents) {
    git_tree* tree_raw = nullptr;
    if (git_tree_lookup(&tree_raw, repo, &tree_id) < 0) return fail(Errc::internal, "The merged tree is missing.");
    Tree tree(tree_raw);
    git_oid out;
    if (git_commit_create(&out, repo, nullptr, author, committer, "UTF-8", message.c_str(), tree.get(), parents.size(),
                          parents.data()) < 0)
        return fail(Errc::internal, "Could not write the commit.");
    return hex(&out);
}

}  // namespace

core::Result<Check> check(const browse::store::Repository& repo, const std::string& base_sha, const std::string& head_sha) {
    auto base = lookup_commit(repo.get(), base_sha), head = lookup_commit(repo.get(), head_sha);
    if (!base || !head) return fail(Errc::not_found, "A branch of this pull request is gone.");
    auto index = merged_index(repo.get(), base.get(), head.get());
    if (!index) return tl::unexpected(index.error());
    Check out;
    out.conflicts = conflicts_of(index->get());
    out.clean = out.conflicts.empty();
    return out;
}

core::Result<std::string> create(const browse::store::Repository& repo, Method method, const std::string& base_sha,
                                 const std::string& head_sha, const Signature& who, const std::string& message) {
    git_repository* r = repo.get();
    auto base = lookup_commit(r, base_sha), head = lookup_commit(r, head_sha);
    if (!base || !head) return fail(Errc::not_found, "A branch of this pull request is gone.");
    git_signature* sig_raw = nullptr;
    if (git_signature_now(&sig_raw, who.name.c_str(), who.email.c_str()) < 0) return fail(Errc::internal, "Bad signature.");
    git::Signature committer(sig_raw);

    if (method == Method::rebase) {
        // head's own commits, oldest first, each replayed on the result so far.
        std::vector<Commit> own;
        git_oid ancestor_id;
        if (git_merge_base(&ancestor_id, r, git_commit_id(base.get()), git_commit_id(head.get())) < 0)
            return fail(Errc::not_allowed, "The branches share no history.");
        browse::Walk walk(r, *git_commit_id(head.get()));
        while (auto c = walk.next()) {
            if (git_oid_equal(git_commit_id(c.get()), &ancestor_id)) break;
            if (git_commit_parentcount(c.get()) > 1) return fail(Errc::not_allowed, "Merge commits cannot be rebased; merge or squash instead.");
            own.push_back(std::move(c));
        }
        std::string tip = base_sha;
        for (auto it = own.rbegin(); it != own.rend(); ++it) {
            auto onto = lookup_commit(r, tip);
            git_merge_options options = GIT_MERGE_OPTIONS_INIT;
            git_index* raw = nullptr;
            if (git_cherrypick_commit(&raw, r, it->get(), onto.get(), 0, &options) < 0)
                return fail(Errc::internal, "Could not replay a commit.");
            Index index(raw);
            auto tree = write_tree(r, index.get());
            if (!tree) return tl::unexpected(tree.error());
            auto replayed = commit(r, git_commit_author(it->get()), committer.get(), git_commit_message(it->get()), *tree, {onto.get()});
            if (!replayed) return replayed;
            tip = *replayed;
        }
        return tip;
    }
    auto index = merged_index(r, base.get(), head.get());
    if (!index) return tl::unexpected(index.error());
    auto tree = write_tree(r, index->get());
    if (!tree) return tl::unexpected(tree.error());
    if (method == Method::squash) return commit(r, committer.get(), committer.get(), message, *tree, {base.get()});
    return commit(r, committer.get(), committer.get(), message, *tree, {base.get(), head.get()});
}

}  // namespace pulls::merge

#include "browse/diff.hpp"

#include <algorithm>
#include <memory>

#include "git/handles.hpp"

namespace browse::diff {
namespace {

using core::Errc;
using core::fail;

using git::hex;
using git::Owned;

char status_letter(git_delta_t status) {
    switch (status) {
        case GIT_DELTA_ADDED: return 'A';
        case GIT_DELTA_DELETED: return 'D';
        case GIT_DELTA_RENAMED: return 'R';
        case GIT_DELTA_COPIED: return 'C';
        case GIT_DELTA_TYPECHANGE: return 'T';
        default: return 'M';
    }
}

std::string chomp(const char* content, std::size_t length) {
    std::string text(content, length);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

// Fills a file's hunks from its patch while the line budget lasts.
void read_patch(git_patch* patch, File& file, std::size_t& budget) {
    std::size_t context = 0, adds = 0, dels = 0;
    git_patch_line_stats(&context, &adds, &dels, patch);
    file.additions = static_cast<int>(adds);
    file.deletions = static_cast<int>(dels);
    std::size_t total = context + adds + dels;
    if (file.binary || total > budget) {
        file.shown = file.binary;
        budget = file.binary ? budget : 0;
        return;
    }
    budget -= total;
    for (std::size_t h = 0, hunks = git_patch_num_hunks(patch); h < hunks; ++h) {
        const git_diff_hunk* hunk = nullptr;
        std::size_t lines = 0;
        if (git_patch_get_hunk(&hunk, &lines, patch, h) < 0) continue;
        Hunk out{chomp(hunk->header, hunk->header_len), {}};
        for (std::size_t l = 0; l < lines; ++l) {
            const git_diff_line* line = nullptr;
            if (git_patch_get_line_in_hunk(&line, patch, h, l) < 0) continue;
            if (line->origin != '+' && line->origin != '-' && line->origin != ' ') continue;  // "\ No newline"
            out.lines.push_back({line->origin, line->old_lineno, line->new_lineno, chomp(line->content, line->content_len)});
        }
        file.hunks.push_back(std::move(out));
    }
}

// The changes from old_tree (null: nothing) to new_tree, renames detected.
core::Result<Changes> changes_between(git_repository* repo, git_tree* old_tree, git_tree* new_tree, const Limits& limits) {
    Changes out;
    git_diff* diff_raw = nullptr;
    if (git_diff_tree_to_tree(&diff_raw, repo, old_tree, new_tree, nullptr) < 0)
        return fail(Errc::not_found, "Could not compute the changes.");
    Owned<git_diff, git_diff_free> diff(diff_raw);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    git_diff_find_similar(diff.get(), &find);

    std::size_t budget = limits.lines;
    for (std::size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        File file{delta->old_file.path ? delta->old_file.path : "", delta->new_file.path ? delta->new_file.path : "",
                  status_letter(delta->status)};
        file.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
        if (i < limits.files) {
            git_patch* patch = nullptr;
            if (git_patch_from_diff(&patch, diff.get(), i) == 0 && patch) {
                Owned<git_patch, git_patch_free> owned(patch);
                file.binary = file.binary || (git_patch_get_delta(patch)->flags & GIT_DIFF_FLAG_BINARY) != 0;
                read_patch(patch, file, budget);
            }
        } else {
            file.shown = false;
        }
        out.truncated = out.truncated || !file.shown;
        out.files.push_back(std::move(file));
    }
    for (const auto& f : out.files) {
        out.additions += f.additions;
        out.deletions += f.deletions;
    }
    // Past the file limit the files have no patch of their own: git counts them all.
    git_diff_stats* stats_raw = nullptr;
    if (out.files.size() > limits.files && git_diff_get_stats(&stats_raw, diff.get()) == 0) {
        Owned<git_diff_stats, git_diff_stats_free> stats(stats_raw);
        out.additions = static_cast<int>(git_diff_stats_insertions(stats.get()));
        out.deletions = static_cast<int>(git_diff_stats_deletions(stats.get()));
    }
    return out;
}

}  // namespace

core::Result<Commit> load(const store::Repository& repo, const std::string& id, const Limits& limits) {
    if (id.size() < 4 || id.size() > 40 ||
        !std::all_of(id.begin(), id.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
        return fail(Errc::not_found, "\"" + id + "\" is not a commit id.");
    git_object* object_raw = nullptr;
    if (git_revparse_single(&object_raw, repo.get(), id.c_str()) < 0) return fail(Errc::not_found, "No commit " + id + ".");
    Owned<git_object, git_object_free> object(object_raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) return fail(Errc::not_found, "No commit " + id + ".");
    Owned<git_commit, git_commit_free> commit(reinterpret_cast<git_commit*>(peeled));

    Commit out;
    const git_signature* author = git_commit_author(commit.get());
    const git_signature* committer = git_commit_committer(commit.get());
    const char* summary = git_commit_summary(commit.get());
    const char* body = git_commit_body(commit.get());
    unsigned parents = git_commit_parentcount(commit.get());
    out.info = {hex(git_commit_id(commit.get())), summary ? summary : "", author->name, author->email,
                author->when.time, static_cast<int>(parents)};
    out.message = body ? body : "";
    out.committer_name = committer->name;
    out.committer_time = committer->when.time;
    for (unsigned i = 0; i < parents; ++i) out.parents.push_back(hex(git_commit_parent_id(commit.get(), i)));

    git_tree *new_raw = nullptr, *old_raw = nullptr;
    if (git_commit_tree(&new_raw, commit.get()) < 0) return fail(Errc::not_found, "No tree for commit " + id + ".");
    Owned<git_tree, git_tree_free> new_tree(new_raw), old_tree;
    if (parents > 0) {
        git_commit* parent = nullptr;
        if (git_commit_parent(&parent, commit.get(), 0) == 0) {
            Owned<git_commit, git_commit_free> owned(parent);
            if (git_commit_tree(&old_raw, parent) == 0) old_tree.reset(old_raw);
        }
    }
    auto changes = changes_between(repo.get(), old_tree.get(), new_tree.get(), limits);
    if (!changes) return tl::unexpected(changes.error());
    out.changes = std::move(*changes);
    return out;
}

core::Result<Comparison> compare(const store::Repository& repo, const std::string& base, const std::string& head,
                                 std::size_t max_commits, const Limits& limits) {
    Comparison out;
    for (auto [spec, side] : {std::pair{&base, &out.base}, std::pair{&head, &out.head}}) {
        auto at = store::resolve(repo, *spec);
        if (!at || !at->path.empty()) return fail(Errc::not_found, "No branch, tag or commit is called \"" + *spec + "\".");
        *side = std::move(*at);
    }
    git_oid base_oid, head_oid, merge_base;
    if (git_oid_fromstr(&base_oid, out.base.commit.c_str()) < 0 || git_oid_fromstr(&head_oid, out.head.commit.c_str()) < 0)
        return fail(Errc::internal, "Could not read the commits' ids.");
    if (git_merge_base(&merge_base, repo.get(), &base_oid, &head_oid) < 0)
        return fail(Errc::invalid, base + " and " + head + " have no history in common.");
    out.merge_base = hex(&merge_base);

    git_revwalk* walk_raw = nullptr;
    if (git_revwalk_new(&walk_raw, repo.get()) < 0) return fail(Errc::internal, "Could not walk the history.");
    Owned<git_revwalk, git_revwalk_free> walk(walk_raw);
    if (git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0 || git_revwalk_push(walk.get(), &head_oid) < 0 ||
        git_revwalk_hide(walk.get(), &base_oid) < 0)
        return fail(Errc::internal, "Could not walk the history.");
    git_oid oid;
    while (git_revwalk_next(&oid, walk.get()) == 0) {
        if (out.commits.size() == max_commits) {
            out.more_commits = true;
            break;
        }
        if (auto info = store::commit_info(repo, hex(&oid))) out.commits.push_back(std::move(*info));
    }
    std::reverse(out.commits.begin(), out.commits.end());

    auto tree_of = [&](const git_oid& id) -> Owned<git_tree, git_tree_free> {
        git_commit* commit = nullptr;
        git_tree* tree = nullptr;
        if (git_commit_lookup(&commit, repo.get(), &id) < 0) return nullptr;
        Owned<git_commit, git_commit_free> owned(commit);
        if (git_commit_tree(&tree, commit) < 0) return nullptr;
        return Owned<git_tree, git_tree_free>(tree);
    };
    auto old_tree = tree_of(merge_base), new_tree = tree_of(head_oid);
    if (!old_tree || !new_tree) return fail(Errc::internal, "Could not read the trees to compare.");
    auto changes = changes_between(repo.get(), old_tree.get(), new_tree.get(), limits);
    if (!changes) return tl::unexpected(changes.error());
    out.changes = std::move(*changes);
    return out;
}

}  // namespace browse::diff

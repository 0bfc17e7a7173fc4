#include "browse/history.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "browse/walk.hpp"
#include "git/handles.hpp"

namespace browse::history {
namespace {

using git::Commit;
using git::hex;
using git::Owned;
using git::Tree;
using git::TreeEntry;

// Past this a walk stops and the entries it has not reached stay without a last commit; the
// (partial) answer is cached like any other, so a huge history costs this once per commit.
constexpr auto kWalkBudget = std::chrono::seconds(5);

std::string raw_key(const git_oid& oid) { return {reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ}; }

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
    return a.has_value() == b.has_value() && (!a || git_oid_equal(&*a, &*b));
}

std::optional<git_oid> entry_id(const git_tree* tree, const std::string& name) {
    if (!tree) return std::nullopt;
    const git_tree_entry* e = git_tree_entry_byname(tree, name.c_str());
    if (!e) return std::nullopt;
    return *git_tree_entry_id(e);
}

// The folder's tree id in each commit the walk meets, remembered because every commit is
// asked once as itself and once per child.
class Folders {
public:
    Folders(git_repository* repo, const std::string& path) : repo_(repo), path_(path) {}

    std::optional<git_oid> id(const git_commit* commit) {
        if (path_.empty()) return *git_commit_tree_id(commit);
        auto key = raw_key(*git_commit_id(commit));
        if (auto it = memo_.find(key); it != memo_.end()) return it->second;
        std::optional<git_oid> found;
        git_tree* root_raw = nullptr;
        if (git_commit_tree(&root_raw, commit) == 0) {
            Tree root(root_raw);
            git_tree_entry* raw = nullptr;
            if (git_tree_entry_bypath(&raw, root.get(), path_.c_str()) == 0) {
                TreeEntry entry(raw);
                if (git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE) found = *git_tree_entry_id(entry.get());
            }
        }
        return memo_.emplace(std::move(key), found).first->second;
    }

    Tree tree(const std::optional<git_oid>& id) {
        git_tree* raw = nullptr;
        if (id) git_tree_lookup(&raw, repo_, &*id);
        return Tree(raw);
    }

private:
    git_repository* repo_;
    const std::string& path_;
    std::unordered_map<std::string, std::optional<git_oid>> memo_;
};

std::size_t add_commit(LastCommits& out, const store::Repository& repo, const git_oid& id) {
    auto text = hex(&id);
    for (std::size_t i = 0; i < out.commits.size(); ++i)
        if (out.commits[i].id == text) return i;
    out.commits.push_back(store::commit_info(repo, text).value_or(store::CommitInfo{text}));
    return out.commits.size() - 1;
}

// The full walk: newest first, the first commit whose folder entry differs from that entry in
// every parent (git log's history simplification) is the entry's last commit.
LastCommits walk(const store::Repository& repo, const git_commit* tip, const std::string& path) {
    LastCommits out;
    Folders folders(repo.get(), path);
    Tree tip_tree = folders.tree(folders.id(tip));
    std::vector<std::string> pending;
    for (std::size_t i = 0, n = tip_tree ? git_tree_entrycount(tip_tree.get()) : 0; i < n; ++i)
        pending.emplace_back(git_tree_entry_name(git_tree_entry_byindex(tip_tree.get(), i)));

    Walk history(repo.get(), *git_commit_id(tip));
    auto deadline = std::chrono::steady_clock::now() + kWalkBudget;
    for (std::size_t seen = 0; !pending.empty(); ++seen) {
        if (seen % 256 == 255 && std::chrono::steady_clock::now() > deadline) break;
        auto commit = history.next();
        if (!commit) break;
        const git_oid& oid = *git_commit_id(commit.get());
        auto mine = folders.id(commit.get());
        std::vector<Commit> parents;
        bool unchanged = false;
        for (unsigned i = 0, n = git_commit_parentcount(commit.get()); i < n && !unchanged; ++i) {
            git_commit* parent = nullptr;
            if (git_commit_parent(&parent, commit.get(), i) < 0) continue;
            parents.emplace_back(parent);
            unchanged = same(mine, folders.id(parent));
        }
        if (unchanged) continue;
        Tree tree = folders.tree(mine);
        std::vector<Tree> parent_trees;
        for (const auto& parent : parents) parent_trees.push_back(folders.tree(folders.id(parent.get())));
        for (std::size_t i = 0; i < pending.size();) {
            auto id = entry_id(tree.get(), pending[i]);
            bool changed = parents.empty() ? id.has_value()
                                           : std::none_of(parent_trees.begin(), parent_trees.end(), [&](const Tree& t) {
                                                 return same(id, entry_id(t.get(), pending[i]));
                                             });
            if (!changed) {
                ++i;
                continue;
            }
            out.by_name[pending[i]] = add_commit(out, repo, oid);
            pending[i] = std::move(pending.back());
            pending.pop_back();
        }
    }
    return out;
}

// A one-parent commit's answer from its parent's: entries it changed point at it, the rest
// keep the parent's commit.
LastCommits step(const store::Repository& repo, const git_commit* commit, const git_commit* parent,
                 const LastCommits& before, const std::string& path) {
    Folders folders(repo.get(), path);
    Tree mine = folders.tree(folders.id(commit));
    Tree theirs = folders.tree(folders.id(parent));
    LastCommits out;
    out.commits = before.commits;
    for (std::size_t i = 0, n = mine ? git_tree_entrycount(mine.get()) : 0; i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(mine.get(), i);
        std::string name = git_tree_entry_name(e);
        auto old = before.by_name.find(name);
        if (same(*git_tree_entry_id(e), entry_id(theirs.get(), name))) {
            if (old != before.by_name.end()) out.by_name.emplace(name, old->second);
        } else {
            out.by_name.emplace(name, add_commit(out, repo, *git_commit_id(commit)));
        }
    }
    return out;
}

}  // namespace

const store::CommitInfo* LastCommits::find(const std::string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &commits[it->second];
}

Cache::Cache(std::size_t capacity, std::size_t budget) : capacity_(std::max<std::size_t>(capacity, 1)), budget_(budget) {}

const Cache::Slot* Cache::find(const std::string& key) {
    auto it = slots_.find(key);
    if (it == slots_.end()) return nullptr;
    recent_.splice(recent_.begin(), recent_, it->second.age);
    return &it->second;
}

void Cache::keep(const std::string& key, Slot slot) {
    auto drop = [this](std::unordered_map<std::string, Slot>::iterator it) {
        bytes_ -= it->second.bytes;
        recent_.erase(it->second.age);
        slots_.erase(it);
    };
    if (auto it = slots_.find(key); it != slots_.end()) drop(it);
    slot.bytes += key.size() + 64;
    bytes_ += slot.bytes;
    recent_.push_front(key);
    slot.age = recent_.begin();
    slots_.emplace(key, std::move(slot));
    while (slots_.size() > 1 && (slots_.size() > capacity_ || bytes_ > budget_)) drop(slots_.find(recent_.back()));
}

std::shared_ptr<const LastCommits> Cache::last_commits(const store::Repository& repo, const store::Location& at) {
    std::string where = std::string(git_repository_path(repo.get())) + "\n" + at.path + "\n";
    auto commit = git::lookup_commit(repo.get(), at.commit);
    if (!commit) return std::make_shared<LastCommits>();
    std::shared_ptr<const LastCommits> parent_answer;
    Commit parent;
    {
        std::lock_guard lock(mutex_);
        if (const Slot* hit = find("folder\n" + where + at.commit); hit) return hit->folder;
        if (git_commit_parentcount(commit.get()) == 1) {
            std::string parent_id = hex(git_commit_parent_id(commit.get(), 0));
            if (const Slot* hit = find("folder\n" + where + parent_id); hit) parent_answer = hit->folder;
        }
    }
    if (parent_answer) {
        git_commit* raw = nullptr;
        if (git_commit_parent(&raw, commit.get(), 0) == 0) parent.reset(raw);
    }
    // Walk outside the lock: two requests for the same folder may both walk; one answer wins.
    auto answer = std::make_shared<const LastCommits>(parent ? step(repo, commit.get(), parent.get(), *parent_answer, at.path)
                                                             : walk(repo, commit.get(), at.path));
    std::size_t bytes = 0;
    for (const auto& c : answer->commits) bytes += sizeof c + c.summary.size() + c.author_name.size() + c.author_email.size();
    for (const auto& [name, index] : answer->by_name) bytes += name.size() + 48;
    std::lock_guard lock(mutex_);
    keep("folder\n" + where + at.commit, {answer, 0, nullptr, nullptr, bytes});
    return answer;
}

std::size_t Cache::commit_count(const store::Repository& repo, const std::string& commit_id) {
    std::string where = std::string("count\n") + git_repository_path(repo.get()) + "\n";
    auto commit = git::lookup_commit(repo.get(), commit_id);
    if (!commit) return 0;
    std::size_t count = 0;
    bool known = false;
    {
        std::lock_guard lock(mutex_);
        if (const Slot* hit = find(where + commit_id); hit) return hit->count;
        if (git_commit_parentcount(commit.get()) == 1) {
            if (const Slot* hit = find(where + hex(git_commit_parent_id(commit.get(), 0))); hit) {
                count = hit->count + 1;
                known = true;
            }
        }
    }
    if (!known) {
        git_revwalk* raw = nullptr;
        if (git_revwalk_new(&raw, repo.get()) < 0) return 0;
        Owned<git_revwalk, git_revwalk_free> revwalk(raw);
        if (git_revwalk_push(revwalk.get(), git_commit_id(commit.get())) < 0) return 0;  // not kept: a later look counts again
        git_oid oid;
        while (git_revwalk_next(&oid, revwalk.get()) == 0) ++count;
    }
    std::lock_guard lock(mutex_);
    keep(where + commit_id, {nullptr, count});
    return count;
}

core::Result<std::shared_ptr<const store::LogPage>> Cache::path_log(const store::Repository& repo, const store::Location& at,
                                                                   std::size_t offset, std::size_t limit) {
    std::string key = std::string("log\n") + git_repository_path(repo.get()) + "\n" + at.path + "\n" + at.commit + "\n" +
                      std::to_string(offset) + "+" + std::to_string(limit);
    {
        std::lock_guard lock(mutex_);
        if (const Slot* hit = find(key); hit) return hit->log;
    }
    auto computed = store::log(repo, at, offset, limit);
    if (!computed) return tl::unexpected(computed.error());
    auto answer = std::make_shared<const store::LogPage>(std::move(*computed));
    std::size_t bytes = 0;
    for (const auto& c : answer->commits) bytes += sizeof c + c.summary.size() + c.author_name.size() + c.author_email.size();
    std::lock_guard lock(mutex_);
    keep(key, {nullptr, 0, nullptr, answer, bytes});
    return answer;
}

core::Result<std::shared_ptr<const store::Blame>> Cache::blame(const store::Repository& repo, const store::Location& at,
                                                               std::int64_t max_size) {
    std::string key = std::string("blame\n") + git_repository_path(repo.get()) + "\n" + at.path + "\n" + at.commit;
    {
        std::lock_guard lock(mutex_);
        if (const Slot* hit = find(key); hit) return hit->blame;
    }
    auto computed = store::blame(repo, at, max_size);
    if (!computed) return tl::unexpected(computed.error());
    auto answer = std::make_shared<const store::Blame>(std::move(*computed));
    std::size_t bytes = 0;
    for (const auto& line : answer->lines) bytes += line.size() + sizeof line;
    for (const auto& h : answer->hunks) bytes += sizeof h + h.commit.summary.size() + h.commit.author_name.size();
    std::lock_guard lock(mutex_);
    keep(key, {nullptr, 0, answer, nullptr, bytes});
    return answer;
}

}  // namespace browse::history

#include "browse/store.hpp"

#include <malloc.h>
#include <sys/stat.h>

#include <algorithm>
#include <list>
#include <mutex>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <unordered_map>

#include "browse/walk.hpp"
#include "git/handles.hpp"
#include "git/process.hpp"

namespace browse::store {
namespace {

using core::Errc;
using core::fail;

using git::Commit;
using git::hex;
using git::Object;
using git::Owned;
using git::Tree;
using git::TreeEntry;

// The commit a full ref name or a hex id names, peeling annotated tags.
std::optional<git_oid> commit_of(git_repository* repo, const std::string& spec) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo, spec.c_str()) < 0) return std::nullopt;
    Object object(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) return std::nullopt;
    Object commit(peeled);
    return *git_object_id(commit.get());
}

bool is_hex_id(std::string_view text) {
    return text.size() >= 4 && text.size() <= 40 &&
           std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

core::Result<Tree> root_tree(git_repository* repo, const std::string& commit_id) {
    git_oid oid;
    git_commit* commit_raw = nullptr;
    if (git_oid_fromstr(&oid, commit_id.c_str()) < 0 || git_commit_lookup(&commit_raw, repo, &oid) < 0)
        return fail(Errc::not_found, "No such commit.");
    Commit commit(commit_raw);
    git_tree* tree_raw = nullptr;
    if (git_commit_tree(&tree_raw, commit.get()) < 0) return fail(Errc::not_found, "No such commit.");
    return Tree(tree_raw);
}

// The entry at path below the commit's root tree.
core::Result<TreeEntry> entry_at(git_repository* repo, const Location& location) {
    auto root = root_tree(repo, location.commit);
    if (!root) return tl::unexpected(root.error());
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, root->get(), location.path.c_str()) < 0)
        return fail(Errc::not_found, "There is no " + location.path + " in " + location.ref + ".");
    return TreeEntry(raw);
}

}  // namespace

namespace {

// Open handles between requests, most recently returned first.
class IdleHandles {
public:
    git_repository* take(const Repository::Identity& wanted) {
        std::lock_guard lock(mutex_);
        for (auto it = idle_.begin(); it != idle_.end(); ++it) {
            if (it->first.path != wanted.path) continue;
            git_repository* repo = it->second;
            bool same = it->first.device == wanted.device && it->first.inode == wanted.inode;
            idle_.erase(it);
            if (same) return repo;
            git_repository_free(repo);  // the directory was replaced: nothing of the old one may show
            return nullptr;
        }
        return nullptr;
    }

    void give(const Repository::Identity& identity, git_repository* repo) {
        git_repository* surplus = repo;
        {
            std::lock_guard lock(mutex_);
            auto same_path = std::count_if(idle_.begin(), idle_.end(), [&](const auto& e) { return e.first.path == identity.path; });
            if (same_path < kKeptPerRepository) {
                idle_.emplace_front(identity, repo);
                surplus = nullptr;
                if (idle_.size() > kKept) {
                    surplus = idle_.back().second;
                    idle_.pop_back();
                }
            }
        }
        if (!surplus) return;
        // The end of a burst of parallel requests: the memory of the surplus handle's object
        // cache goes back to the system rather than to malloc's free lists.
        git_repository_free(surplus);
        malloc_trim(0);
    }

private:
    // Each handle has its own object cache, so few are kept.
    static constexpr std::size_t kKept = 16;
    static constexpr long kKeptPerRepository = 4;
    std::mutex mutex_;
    std::list<std::pair<Repository::Identity, git_repository*>> idle_;
};

IdleHandles& idle_handles() {
    static IdleHandles* handles = new IdleHandles;  // never destroyed: handles outlive static teardown order
    return *handles;
}

}  // namespace

void Repository::GiveBack::operator()(git_repository* repo) const { idle_handles().give(identity, repo); }

core::Result<Repository> Repository::open(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) < 0) return fail(Errc::not_found, "Repository not found.");
    Identity identity{path.string(), static_cast<unsigned long>(st.st_dev), static_cast<unsigned long>(st.st_ino)};
    git_repository* raw = idle_handles().take(identity);
    if (!raw && git_repository_open_bare(&raw, path.c_str()) < 0) return fail(Errc::not_found, "Repository not found.");
    Repository repo;
    repo.repo_ = std::unique_ptr<git_repository, GiveBack>(raw, GiveBack{std::move(identity)});
    return repo;
}

bool valid_path(std::string_view path) {
    for (std::size_t start = 0; start <= path.size();) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        auto segment = path.substr(start, slash - start);
        if (segment.empty() || segment == "." || segment == ".." || segment.find('\0') != std::string_view::npos)
            return false;
        start = slash + 1;
    }
    return true;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    if (text.ends_with('\n')) text.remove_suffix(1);
    for (std::size_t start = 0; start <= text.size() && !text.empty();) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

core::Result<Location> resolve(const Repository& repo, const std::string& ref_and_path) {
    if (!valid_path(ref_and_path)) return fail(Errc::not_found, "That path does not exist.");
    std::vector<std::string> segments;
    for (std::size_t start = 0; start <= ref_and_path.size();) {
        auto slash = ref_and_path.find('/', start);
        if (slash == std::string::npos) slash = ref_and_path.size();
        segments.push_back(ref_and_path.substr(start, slash - start));
        start = slash + 1;
    }
    // Longest first, so a branch "feature/x" wins over a branch "feature" with a folder "x".
    for (std::size_t n = segments.size(); n >= 1; --n) {
        std::string ref;
        for (std::size_t i = 0; i < n; ++i) ref += (i ? "/" : "") + segments[i];
        std::optional<git_oid> commit;
        for (const char* prefix : {"refs/heads/", "refs/tags/"}) {
            int valid = 0;
            std::string full = prefix + ref;
            if (git_reference_name_is_valid(&valid, full.c_str()) == 0 && valid &&
                (commit = commit_of(repo.get(), full)))
                break;
        }
        if (!commit && n == 1 && is_hex_id(ref)) commit = commit_of(repo.get(), ref);
        if (!commit) continue;
        std::string path;
        for (std::size_t i = n; i < segments.size(); ++i) path += (i > n ? "/" : "") + segments[i];
        return Location{ref, hex(&*commit), path};
    }
    return fail(Errc::not_found, "No branch, tag or commit is called \"" + segments.front() + "\".");
}

core::Result<std::vector<Entry>> tree(const Repository& repo, const Location& location) {
    Tree tree;
    if (location.path.empty()) {
        auto root = root_tree(repo.get(), location.commit);
        if (!root) return tl::unexpected(root.error());
        tree = std::move(*root);
    } else {
        auto entry = entry_at(repo.get(), location);
        if (!entry) return tl::unexpected(entry.error());
        git_tree* raw = nullptr;
        if (git_tree_entry_type(entry->get()) != GIT_OBJECT_TREE ||
            git_tree_lookup(&raw, repo.get(), git_tree_entry_id(entry->get())) < 0)
            return fail(Errc::not_found, location.path + " is not a folder.");
        tree.reset(raw);
    }
    std::vector<Entry> out;
    for (std::size_t i = 0, n = git_tree_entrycount(tree.get()); i < n; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
        Entry::Kind kind = Entry::Kind::blob;
        switch (git_tree_entry_filemode(e)) {
            case GIT_FILEMODE_TREE: kind = Entry::Kind::tree; break;
            case GIT_FILEMODE_LINK: kind = Entry::Kind::symlink; break;
            case GIT_FILEMODE_COMMIT: kind = Entry::Kind::submodule; break;
            default: break;
        }
        out.push_back({git_tree_entry_name(e), kind, hex(git_tree_entry_id(e))});
    }
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
        return (a.kind == Entry::Kind::tree) > (b.kind == Entry::Kind::tree);
    });
    return out;
}

namespace {

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
    return a.has_value() == b.has_value() && (!a || git_oid_equal(&*a, &*b));
}

// The id of the object at a path in each commit a walk meets. A step from a tree to its entry
// is remembered by the tree's id, so each distinct tree on the path is read once however many
// commits share it — the same work as git's tree diff limited to the path.
class PathIds {
public:
    PathIds(git_repository* repo, const std::string& path) : repo_(repo) {
        for (std::size_t start = 0; start <= path.size();) {
            auto slash = path.find('/', start);
            if (slash == std::string::npos) slash = path.size();
            segments_.push_back(path.substr(start, slash - start));
            start = slash + 1;
        }
    }

    std::optional<git_oid> at(const git_commit* commit) {
        std::optional<git_oid> current = *git_commit_tree_id(commit);
        for (std::size_t depth = 0; depth < segments_.size() && current; ++depth) {
            std::string key(reinterpret_cast<const char*>(current->id), GIT_OID_RAWSZ);
            key += static_cast<char>(depth);
            auto it = steps_.find(key);
            if (it == steps_.end()) it = steps_.emplace(std::move(key), entry(*current, segments_[depth])).first;
            current = it->second;
        }
        return current;
    }

private:
    std::optional<git_oid> entry(const git_oid& tree_id, const std::string& name) {
        git_tree* raw = nullptr;
        if (git_tree_lookup(&raw, repo_, &tree_id) < 0) return std::nullopt;  // not a tree: the path ends early
        Tree tree(raw);
        const git_tree_entry* e = git_tree_entry_byname(tree.get(), name.c_str());
        if (!e) return std::nullopt;
        return *git_tree_entry_id(e);
    }

    git_repository* repo_;
    std::vector<std::string> segments_;
    std::unordered_map<std::string, std::optional<git_oid>> steps_;
};

// git log's default simplification: a commit whose path equals that of some parent did not
// change it (for a root commit, it changed the path if the path exists).
bool touches(git_commit* commit, PathIds& ids) {
    auto mine = ids.at(commit);
    unsigned parents = git_commit_parentcount(commit);
    if (parents == 0) return mine.has_value();
    for (unsigned i = 0; i < parents; ++i) {
        git_commit* parent_raw = nullptr;
        if (git_commit_parent(&parent_raw, commit, i) < 0) continue;
        Commit parent(parent_raw);
        if (same(mine, ids.at(parent.get()))) return false;
    }
    return true;
}

}  // namespace

core::Result<LogPage> log(const Repository& repo, const Location& location, std::size_t offset, std::size_t limit) {
    git_oid start;
    if (git_oid_fromstr(&start, location.commit.c_str()) < 0) return fail(Errc::not_found, "No such commit.");
    Walk walk(repo.get(), start);
    PathIds ids(repo.get(), location.path);
    LogPage page;
    std::size_t matched = 0;
    while (auto commit = walk.next()) {
        const git_oid* oid = git_commit_id(commit.get());
        if (!location.path.empty() && !touches(commit.get(), ids)) continue;
        if (matched++ < offset) continue;
        if (page.commits.size() == limit) {
            page.more = true;
            break;
        }
        const git_signature* author = git_commit_author(commit.get());
        const char* summary = git_commit_summary(commit.get());
        page.commits.push_back({hex(oid), summary ? summary : "", author->name, author->email, author->when.time,
                                static_cast<int>(git_commit_parentcount(commit.get()))});
    }
    return page;
}

namespace {

std::optional<CommitInfo> commit_info_of(git_repository* repo, const git_oid& id) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &id) < 0) return std::nullopt;
    Commit commit(raw);
    const git_signature* author = git_commit_author(commit.get());
    const char* summary = git_commit_summary(commit.get());
    return CommitInfo{hex(&id), summary ? summary : "", author->name, author->email, author->when.time,
                      static_cast<int>(git_commit_parentcount(commit.get()))};
}

// Every ref under prefix that leads to a commit, with that commit.
std::vector<RefInfo> refs_under(git_repository* repo, const char* prefix) {
    std::vector<RefInfo> out;
    git_reference_iterator* it_raw = nullptr;
    std::string glob = std::string(prefix) + "*";
    if (git_reference_iterator_glob_new(&it_raw, repo, glob.c_str()) < 0) return out;
    Owned<git_reference_iterator, git_reference_iterator_free> it(it_raw);
    git_reference* ref_raw = nullptr;
    while (git_reference_next(&ref_raw, it.get()) == 0) {
        Owned<git_reference, git_reference_free> ref(ref_raw);
        git_object* peeled = nullptr;
        if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) < 0) continue;
        Object commit(peeled);
        auto info = commit_info_of(repo, *git_object_id(commit.get()));
        if (!info) continue;
        out.push_back({std::string(git_reference_name(ref.get())).substr(std::strlen(prefix)), *info});
    }
    std::sort(out.begin(), out.end(), [](const RefInfo& a, const RefInfo& b) {
        return a.last.time != b.last.time ? a.last.time > b.last.time : a.name > b.name;
    });
    return out;
}

}  // namespace

std::optional<CommitInfo> commit_info(const Repository& repo, const std::string& id) {
    git_oid oid;
    if (git_oid_fromstr(&oid, id.c_str()) < 0) return std::nullopt;
    return commit_info_of(repo.get(), oid);
}

std::vector<RefInfo> branches(const Repository& repo, const std::string& default_branch) {
    auto out = refs_under(repo.get(), "refs/heads/");
    auto main = std::find_if(out.begin(), out.end(), [&](const RefInfo& r) { return r.name == default_branch; });
    if (main == out.end()) return out;
    std::rotate(out.begin(), main, main + 1);
    git_oid base;
    if (git_oid_fromstr(&base, out.front().last.id.c_str()) < 0) return out;
    for (auto& branch : out) {
        git_oid tip;
        // Counts that cannot be made are left unknown (0), never half-made.
        if (git_oid_fromstr(&tip, branch.last.id.c_str()) < 0 ||
            git_graph_ahead_behind(&branch.ahead, &branch.behind, repo.get(), &tip, &base) < 0)
            branch.ahead = branch.behind = 0;
    }
    return out;
}

core::Result<Blame> blame(const Repository& repo, const Location& location, std::int64_t max_size) {
    auto file = store::blob(repo, location, max_size);
    if (!file) return tl::unexpected(file.error());
    if (file->binary) return fail(Errc::invalid, location.path + " is a binary file; there is nothing to blame line by line.");
    if (file->size > max_size) return fail(Errc::too_large, location.path + " is too large to blame.");
    // git's blame, not libgit2's: on curl's lib/url.c (39,000 commits) libgit2 took 9 to 18 s
    // and half a gigabyte; git takes 1.5 s in a process of its own.
    auto porcelain = git::blame_porcelain(git_repository_path(repo.get()), location.commit, location.path,
                                          std::chrono::seconds(20), static_cast<std::size_t>(max_size) * 4 + (1 << 20));
    if (!porcelain) return tl::unexpected(porcelain.error());
    Blame out;
    std::map<std::string, CommitInfo> commits;
    std::string current;
    std::size_t group_left = 0;
    std::string_view text = *porcelain;
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        start = end + 1;
        if (line.starts_with('\t')) {
            out.lines.emplace_back(line.substr(1));
            continue;
        }
        auto space = line.find(' ');
        auto key = line.substr(0, space);
        auto value = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
        if (key.size() == 40 && is_hex_id(key)) {
            // "<sha> <original line> <final line>[ <lines in group>]"
            current = std::string(key);
            unsigned long original = 0, final_line = 0, count = 0;
            int fields = std::sscanf(std::string(value).c_str(), "%lu %lu %lu", &original, &final_line, &count);
            if (fields == 3) group_left = count;
            if (group_left == 0) continue;
            --group_left;
            auto& info = commits.try_emplace(current, CommitInfo{current}).first->second;
            if (!out.hunks.empty() && out.hunks.back().commit.id == current &&
                out.hunks.back().start + out.hunks.back().lines == final_line) {
                ++out.hunks.back().lines;
            } else {
                out.hunks.push_back({info, final_line, 1});
            }
            continue;
        }
        auto& info = commits.try_emplace(current, CommitInfo{current}).first->second;
        if (key == "author") info.author_name = value;
        else if (key == "author-mail") info.author_email = value;
        else if (key == "author-time") info.time = std::atoll(std::string(value).c_str());
        else if (key == "summary") info.summary = value;
        else continue;
        // The metadata follows the header of the commit's first group: that hunk shows it too.
        if (!out.hunks.empty() && out.hunks.back().commit.id == current) out.hunks.back().commit = info;
    }
    return out;
}

std::vector<RefInfo> tags(const Repository& repo) { return refs_under(repo.get(), "refs/tags/"); }

std::vector<std::string> ref_names(const Repository& repo, const char* prefix, std::size_t limit) {
    std::vector<std::string> out;
    git_reference_iterator* it_raw = nullptr;
    std::string glob = std::string(prefix) + "*";
    if (git_reference_iterator_glob_new(&it_raw, repo.get(), glob.c_str()) < 0) return out;
    Owned<git_reference_iterator, git_reference_iterator_free> it(it_raw);
    const char* name = nullptr;
    while (git_reference_next_name(&name, it.get()) == 0) out.emplace_back(name + std::strlen(prefix));
    std::sort(out.begin(), out.end());
    if (out.size() > limit) out.resize(limit);
    return out;
}

bool branch_exists(const Repository& repo, const std::string& name) {
    git_oid oid;
    return git_reference_name_to_id(&oid, repo.get(), ("refs/heads/" + name).c_str()) == 0;
}

std::optional<std::string> merge_base(const Repository& repo, const std::string& a, const std::string& b) {
    git_oid a_oid, b_oid, base;
    if (git_oid_fromstr(&a_oid, a.c_str()) < 0 || git_oid_fromstr(&b_oid, b.c_str()) < 0) return std::nullopt;
    if (git_merge_base(&base, repo.get(), &a_oid, &b_oid) < 0) return std::nullopt;
    return hex(&base);
}

std::vector<std::string> changed_paths(const Repository& repo, const std::string& from, const std::string& to) {
    auto tree_of = [&repo](const std::string& id) -> Owned<git_tree, git_tree_free> {
        git_oid oid;
        git_commit* commit = nullptr;
        git_tree* tree = nullptr;
        if (id.empty() || git_oid_fromstr(&oid, id.c_str()) < 0 || git_commit_lookup(&commit, repo.get(), &oid) < 0) return Owned<git_tree, git_tree_free>(nullptr);
        if (git_commit_tree(&tree, commit) < 0) tree = nullptr;
        git_commit_free(commit);
        return Owned<git_tree, git_tree_free>(tree);
    };
    auto old_tree = tree_of(from), new_tree = tree_of(to);
    std::vector<std::string> out;
    git_diff* raw = nullptr;
    // An old commit named but unreadable would make every path look changed.
    if (!from.empty() && !old_tree) return out;
    if (!new_tree || git_diff_tree_to_tree(&raw, repo.get(), old_tree.get(), new_tree.get(), nullptr) < 0) return out;
    Owned<git_diff, git_diff_free> diff(raw);
    for (std::size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        out.emplace_back(d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path);
        if (d->status == GIT_DELTA_RENAMED) out.emplace_back(d->old_file.path);
    }
    return out;
}

std::size_t count_refs(const Repository& repo, const char* prefix) {
    git_reference_iterator* it_raw = nullptr;
    std::string glob = std::string(prefix) + "*";
    if (git_reference_iterator_glob_new(&it_raw, repo.get(), glob.c_str()) < 0) return 0;
    Owned<git_reference_iterator, git_reference_iterator_free> it(it_raw);
    std::size_t n = 0;
    const char* name = nullptr;
    while (git_reference_next_name(&name, it.get()) == 0) ++n;
    return n;
}

core::Result<bool> is_tree(const Repository& repo, const Location& location) {
    if (location.path.empty()) return true;
    auto entry = entry_at(repo.get(), location);
    if (!entry) return tl::unexpected(entry.error());
    return git_tree_entry_type(entry->get()) == GIT_OBJECT_TREE;
}

core::Result<Blob> blob(const Repository& repo, const Location& location, std::int64_t max_content) {
    auto entry = entry_at(repo.get(), location);
    if (!entry) return tl::unexpected(entry.error());
    if (git_tree_entry_type(entry->get()) != GIT_OBJECT_BLOB) return fail(Errc::not_found, location.path + " is not a file.");
    const git_oid* id = git_tree_entry_id(entry->get());
    Blob out;
    out.id = hex(id);
    // The size from the object's header: libgit2 inflates a blob whole, so one past the limit
    // is never looked up.
    git_odb* odb = nullptr;
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_repository_odb(&odb, repo.get()) < 0) return fail(Errc::internal, git_error_last() ? git_error_last()->message : "no object database");
    int read = git_odb_read_header(&size, &type, odb, id);
    git_odb_free(odb);
    if (read < 0) return fail(Errc::internal, location.path + ": " + (git_error_last() ? git_error_last()->message : "unreadable object"));
    out.size = static_cast<std::int64_t>(size);
    if (out.size > max_content) return out;
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repo.get(), id) < 0) return fail(Errc::internal, location.path + " could not be read.");
    git::Blob handle(raw);
    out.binary = git_blob_is_binary(handle.get()) != 0;
    out.content.assign(static_cast<const char*>(git_blob_rawcontent(handle.get())), static_cast<std::size_t>(out.size));
    return out;
}

}  // namespace browse::store

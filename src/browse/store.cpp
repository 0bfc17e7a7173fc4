#include "browse/store.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "browse/walk.hpp"
#include "git/handles.hpp"

namespace browse::store {
namespace {

using core::Errc;
using core::fail;

using git::hex;
using git::Owned;
using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using TreeEntry = Owned<git_tree_entry, git_tree_entry_free>;
using Object = Owned<git_object, git_object_free>;
using BlobHandle = Owned<git_blob, git_blob_free>;

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

void Repository::Free::operator()(git_repository* repo) const { git_repository_free(repo); }

core::Result<Repository> Repository::open(const std::filesystem::path& path) {
    git_repository* raw = nullptr;
    if (git_repository_open_bare(&raw, path.c_str()) < 0) return fail(Errc::not_found, "Repository not found.");
    Repository repo;
    repo.repo_.reset(raw);
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

// The object id at path in a commit's tree, or nullopt when the path is absent.
std::optional<git_oid> id_at(git_commit* commit, const std::string& path) {
    git_tree* tree_raw = nullptr;
    if (git_commit_tree(&tree_raw, commit) < 0) return std::nullopt;
    Tree tree(tree_raw);
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree.get(), path.c_str()) < 0) return std::nullopt;
    TreeEntry entry(raw);
    return *git_tree_entry_id(entry.get());
}

bool same(const std::optional<git_oid>& a, const std::optional<git_oid>& b) {
    return a.has_value() == b.has_value() && (!a || git_oid_equal(&*a, &*b));
}

// git log's default simplification: a commit whose path equals that of some parent did not
// change it (for a root commit, it changed the path if the path exists).
bool touches(git_commit* commit, const std::string& path) {
    auto mine = id_at(commit, path);
    unsigned parents = git_commit_parentcount(commit);
    if (parents == 0) return mine.has_value();
    for (unsigned i = 0; i < parents; ++i) {
        git_commit* parent_raw = nullptr;
        if (git_commit_parent(&parent_raw, commit, i) < 0) continue;
        Commit parent(parent_raw);
        if (same(mine, id_at(parent.get(), path))) return false;
    }
    return true;
}

}  // namespace

core::Result<LogPage> log(const Repository& repo, const Location& location, std::size_t offset, std::size_t limit) {
    git_oid start;
    if (git_oid_fromstr(&start, location.commit.c_str()) < 0) return fail(Errc::not_found, "No such commit.");
    Walk walk(repo.get(), start);
    LogPage page;
    std::size_t matched = 0;
    while (auto commit = walk.next()) {
        const git_oid* oid = git_commit_id(commit.get());
        if (!location.path.empty() && !touches(commit.get(), location.path)) continue;
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
    git_oid_fromstr(&base, out.front().last.id.c_str());
    for (auto& branch : out) {
        git_oid tip;
        git_oid_fromstr(&tip, branch.last.id.c_str());
        git_graph_ahead_behind(&branch.ahead, &branch.behind, repo.get(), &tip, &base);
    }
    return out;
}

core::Result<Blame> blame(const Repository& repo, const Location& location, std::int64_t max_size) {
    auto file = store::blob(repo, location, max_size);
    if (!file) return tl::unexpected(file.error());
    if (file->binary) return fail(Errc::invalid, location.path + " is a binary file; there is nothing to blame line by line.");
    if (file->size > max_size) return fail(Errc::invalid, location.path + " is too large to blame.");
    git_blame_options options = GIT_BLAME_OPTIONS_INIT;
    git_oid_fromstr(&options.newest_commit, location.commit.c_str());
    git_blame* raw = nullptr;
    if (git_blame_file(&raw, repo.get(), location.path.c_str(), &options) < 0)
        return fail(Errc::not_found, "Could not blame " + location.path + ".");
    Owned<git_blame, git_blame_free> handle(raw);
    Blame out;
    std::map<std::string, CommitInfo> commits;
    for (std::uint32_t i = 0, n = git_blame_get_hunk_count(handle.get()); i < n; ++i) {
        const git_blame_hunk* hunk = git_blame_get_hunk_byindex(handle.get(), i);
        std::string id = hex(&hunk->final_commit_id);
        auto it = commits.find(id);
        if (it == commits.end()) {
            auto info = commit_info_of(repo.get(), hunk->final_commit_id);
            it = commits.emplace(id, info.value_or(CommitInfo{id})).first;
        }
        out.hunks.push_back({it->second, hunk->final_start_line_number, hunk->lines_in_hunk});
    }
    for (auto line : split_lines(file->content)) out.lines.emplace_back(line);
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
    git_blob* raw = nullptr;
    if (git_tree_entry_type(entry->get()) != GIT_OBJECT_BLOB ||
        git_blob_lookup(&raw, repo.get(), git_tree_entry_id(entry->get())) < 0)
        return fail(Errc::not_found, location.path + " is not a file.");
    BlobHandle handle(raw);
    Blob out;
    out.id = hex(git_blob_id(handle.get()));
    out.size = static_cast<std::int64_t>(git_blob_rawsize(handle.get()));
    out.binary = git_blob_is_binary(handle.get()) != 0;
    if (out.size <= max_content)
        out.content.assign(static_cast<const char*>(git_blob_rawcontent(handle.get())), static_cast<std::size_t>(out.size));
    return out;
}

}  // namespace browse::store

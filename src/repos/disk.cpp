#include "repos/disk.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <vector>

#include "git/handles.hpp"

namespace repos::disk {
namespace {

using git::Owned;

using git::Index;
using git::Reference;
using git::Signature;
using git::Tree;
using Repository = Owned<git_repository, git_repository_free>;
using Config = Owned<git_config, git_config_free>;

core::Error libgit2_error(const std::string& what) {
    const git_error* e = git_error_last();
    return core::Error{core::Errc::internal, what + ": " + (e && e->message ? e->message : "unknown libgit2 error")};
}

Repository open(const std::filesystem::path& path) {
    git_repository* repo = nullptr;
    if (git_repository_open_bare(&repo, path.c_str()) < 0) return nullptr;
    return Repository(repo);
}

core::Status initial_commit(git_repository* repo, const InitOptions& options) {
    git_oid blob_id, tree_id, commit_id;
    const std::string& text = *options.readme;
    if (git_blob_create_from_buffer(&blob_id, repo, text.data(), text.size()) < 0) return tl::unexpected(libgit2_error("README blob"));
    git_treebuilder* builder_raw = nullptr;
    if (git_treebuilder_new(&builder_raw, repo, nullptr) < 0) return tl::unexpected(libgit2_error("tree"));
    Owned<git_treebuilder, git_treebuilder_free> builder(builder_raw);
    if (git_treebuilder_insert(nullptr, builder.get(), "README.md", &blob_id, GIT_FILEMODE_BLOB) < 0 ||
        git_treebuilder_write(&tree_id, builder.get()) < 0)
        return tl::unexpected(libgit2_error("tree"));
    git_tree* tree_raw = nullptr;
    if (git_tree_lookup(&tree_raw, repo, &tree_id) < 0) return tl::unexpected(libgit2_error("tree"));
    Tree tree(tree_raw);
    git_signature* sig_raw = nullptr;
    if (git_signature_now(&sig_raw, options.author_name.c_str(), options.author_email.c_str()) < 0)
        return tl::unexpected(libgit2_error("signature"));
    Signature sig(sig_raw);
    std::string ref = "refs/heads/" + options.default_branch;
    if (git_commit_create(&commit_id, repo, ref.c_str(), sig.get(), sig.get(), "UTF-8", "Initial commit", tree.get(),
                          0, nullptr) < 0)
        return tl::unexpected(libgit2_error("initial commit"));
    return {};
}

}  // namespace

void init() {
    git_libgit2_init();
    // libgit2's object cache: each open repository evicts from its own cache once all of them
    // together pass this, so it bounds the total only loosely (browse::store keeps few handles
    // open). Large trees are cached too (by default a tree over 4 KB, like a big src/ folder,
    // is parsed anew for every commit a path's history walks through); blobs are not.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(32 << 20));
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<size_t>(64 << 10));
    // Like git, trust objects once stored: receive-pack checks every pushed object (fsck), so
    // re-hashing each one on every read (libgit2's default, with collision-detecting SHA-1)
    // only made path histories 40% slower.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

core::Status init_bare(const std::filesystem::path& path, const InitOptions& options) {
    git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    init.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_NO_REINIT | GIT_REPOSITORY_INIT_MKPATH;
    std::string head = "refs/heads/" + options.default_branch;
    init.initial_head = head.c_str();
    git_repository* raw = nullptr;
    if (git_repository_init_ext(&raw, path.c_str(), &init) < 0) return tl::unexpected(libgit2_error("init " + path.string()));
    Repository repo(raw);
    git_config* config_raw = nullptr;
    if (git_repository_config(&config_raw, repo.get()) < 0) return tl::unexpected(libgit2_error("config"));
    Config config(config_raw);
    if (git_config_set_string(config.get(), "core.hooksPath", options.hooks_path.c_str()) < 0 ||
        git_config_set_bool(config.get(), "receive.fsckObjects", 1) < 0 ||
        git_config_set_bool(config.get(), "receive.denyNonFastForwards", 0) < 0 ||
        git_config_set_bool(config.get(), "uploadpack.allowFilter", 1) < 0 ||
        git_config_set_bool(config.get(), "core.logAllRefUpdates", 0) < 0)
        return tl::unexpected(libgit2_error("config"));
    if (options.readme) return initial_commit(repo.get(), options);
    return {};
}

core::Status init_fork(const std::filesystem::path& path, const std::filesystem::path& origin, const InitOptions& options) {
    auto source = open(origin);
    if (!source) return tl::unexpected(libgit2_error("open " + origin.string()));
    git_reference* head_raw = nullptr;
    InitOptions fork_options = options;
    if (git_reference_lookup(&head_raw, source.get(), "HEAD") == 0) {
        Reference head(head_raw);
        if (const char* target = git_reference_symbolic_target(head.get()); target && std::string_view(target).starts_with("refs/heads/"))
            fork_options.default_branch = target + 11;
    }
    fork_options.readme.reset();
    if (auto made = init_bare(path, fork_options); !made) return made;
    // Relative to the fork's objects folder, as git and libgit2 both read alternates. libgit2
    // follows only the first level of relative alternates, so a fork of a fork lists the whole
    // chain itself: its origin, then what the origin borrows (the same relative paths, as every
    // repository is a sibling in one folder).
    std::string chain = (std::filesystem::path("..") / ".." / origin.filename() / "objects").string() + "\n";
    {
        std::ifstream inherited(alternates_file(origin));
        for (std::string line; std::getline(inherited, line);)
            if (!line.empty() && line.front() != '#') chain += line + "\n";
        std::ofstream file(alternates_file(path));
        file << chain;
        if (!file.flush()) return core::fail(core::Errc::internal, "writing " + alternates_file(path).string());
    }
    // The branches and tags, written as one packed-refs file (as git clone does): thousands of
    // loose ref files, one by one, would take most of a large repository's fork time.
    std::vector<std::pair<std::string, std::string>> refs;
    git_reference_iterator* it_raw = nullptr;
    if (git_reference_iterator_new(&it_raw, source.get()) < 0) return tl::unexpected(libgit2_error("refs of " + origin.string()));
    Owned<git_reference_iterator, git_reference_iterator_free> it(it_raw);
    git_reference* ref_raw = nullptr;
    while (git_reference_next(&ref_raw, it.get()) == 0) {
        Reference ref(ref_raw);
        std::string name = git_reference_name(ref.get());
        if (!name.starts_with("refs/heads/") && !name.starts_with("refs/tags/")) continue;
        git_reference* resolved_raw = nullptr;
        if (git_reference_resolve(&resolved_raw, ref.get()) < 0) continue;
        Reference resolved(resolved_raw);
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, git_reference_target(resolved.get()));
        refs.emplace_back(std::move(name), hex);
    }
    std::sort(refs.begin(), refs.end());
    std::string packed = "# pack-refs with: sorted \n";
    for (const auto& [name, id] : refs) packed += id + " " + name + "\n";
    {
        std::ofstream file(path / "packed-refs", std::ios::binary);
        file << packed;
        if (!file.flush()) return core::fail(core::Errc::internal, "writing " + (path / "packed-refs").string());
    }
    git_config* config_raw = nullptr;
    if (git_repository_config(&config_raw, source.get()) < 0) return tl::unexpected(libgit2_error("config"));
    Config config(config_raw);
    if (git_config_set_string(config.get(), "gc.pruneExpire", "never") < 0) return tl::unexpected(libgit2_error("config"));
    return {};
}

core::Status refuse_pushes_to(const std::filesystem::path& path, const std::string& prefix) {
    auto repo = open(path);
    git_config* config_raw = nullptr;
    if (!repo || git_repository_config(&config_raw, repo.get()) < 0) return tl::unexpected(libgit2_error("config of " + path.string()));
    Config config(config_raw);
    if (git_config_set_string(config.get(), "receive.hideRefs", prefix.c_str()) < 0) return tl::unexpected(libgit2_error("config"));
    return {};
}

std::filesystem::path alternates_file(const std::filesystem::path& path) { return path / "objects" / "info" / "alternates"; }

bool borrows_objects(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::exists(alternates_file(path), ec);
}

std::int64_t size_on_disk(const std::filesystem::path& path) {
    std::int64_t total = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) total += static_cast<std::int64_t>(it->file_size(ec));
    }
    return total;
}

std::vector<std::string> branches(const std::filesystem::path& path) {
    std::vector<std::string> out;
    auto repo = open(path);
    if (!repo) return out;
    git_branch_iterator* it_raw = nullptr;
    if (git_branch_iterator_new(&it_raw, repo.get(), GIT_BRANCH_LOCAL) < 0) return out;
    Owned<git_branch_iterator, git_branch_iterator_free> it(it_raw);
    git_reference* ref = nullptr;
    git_branch_t type;
    while (git_branch_next(&ref, &type, it.get()) == 0) {
        Reference owned(ref);
        const char* name = nullptr;
        if (git_branch_name(&name, ref) == 0) out.emplace_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> ref_target(const std::filesystem::path& path, const std::string& ref) {
    auto repo = open(path);
    if (!repo) return std::nullopt;
    git_oid oid;
    if (git_reference_name_to_id(&oid, repo.get(), ref.c_str()) < 0) return std::nullopt;
    return git::hex(&oid);
}

core::Status update_ref(const std::filesystem::path& path, const std::string& ref, const std::string& old_sha,
                        const std::string& new_sha, const std::string& log_message) {
    auto repo = open(path);
    if (!repo) return tl::unexpected(libgit2_error("open " + path.string()));
    git_oid old_id, new_id;
    if (git_oid_fromstr(&old_id, old_sha.c_str()) < 0 || git_oid_fromstr(&new_id, new_sha.c_str()) < 0)
        return core::fail(core::Errc::invalid, "Not a commit id.");
    auto moved = [&] { return core::fail(core::Errc::conflict, ref + " has moved meanwhile; nothing was changed."); };
    git_reference* raw = nullptr;
    if (git_oid_is_zero(&new_id)) {
        if (git_reference_lookup(&raw, repo.get(), ref.c_str()) < 0) return moved();
        Reference current(raw);
        const git_oid* at = git_reference_target(current.get());
        // git_reference_delete itself refuses when the ref changed after this lookup.
        if (!at || !git_oid_equal(at, &old_id) || git_reference_delete(current.get()) < 0) return moved();
        return {};
    }
    int failed = git_oid_is_zero(&old_id)
                     ? git_reference_create(&raw, repo.get(), ref.c_str(), &new_id, 0, log_message.c_str())
                     : git_reference_create_matching(&raw, repo.get(), ref.c_str(), &new_id, 1, &old_id, log_message.c_str());
    if (failed < 0) return failed == GIT_EMODIFIED || failed == GIT_EEXISTS || failed == GIT_ELOCKED ? moved() : tl::unexpected(libgit2_error("update " + ref));
    git_reference_free(raw);
    return {};
}

core::Status set_head(const std::filesystem::path& path, const std::string& branch) {
    auto repo = open(path);
    if (!repo) return tl::unexpected(libgit2_error("open " + path.string()));
    if (git_repository_set_head(repo.get(), ("refs/heads/" + branch).c_str()) < 0)
        return tl::unexpected(libgit2_error("set HEAD"));
    return {};
}

bool valid_branch_name(const std::string& name) {
    int valid = 0;
    return !name.empty() && name.front() != '-' &&
           git_reference_name_is_valid(&valid, ("refs/heads/" + name).c_str()) == 0 && valid;
}

}  // namespace repos::disk

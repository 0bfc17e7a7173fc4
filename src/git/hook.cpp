#include "git/hook.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "events/store.hpp"

namespace git {
namespace {

// A ref such as refs/heads/--upload-pack=x is valid to git, but a part that starts with '-'
// reads as an option wherever a ref name reaches a command line.
bool looks_like_option(const std::string& ref) {
    for (std::size_t start = 0; start < ref.size();) {
        if (ref[start] == '-') return true;
        auto slash = ref.find('/', start);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return false;
}

const char* env(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

}  // namespace

int run_hook(std::string_view name) {
    if (name != "pre-receive") {
        std::fprintf(stderr, "workspace hook: unknown hook %.*s\n", static_cast<int>(name.size()), name.data());
        return 1;
    }
    const char* push_id = env("SKYSCAPE_PUSH_ID");
    const char* repo_id = env("SKYSCAPE_REPO_ID");
    const char* actor = env("SKYSCAPE_ACTOR_ID");
    const char* data_dir = env("DATA_DIR");
    // A push made on the server's disk, not through the server: nothing to report to.
    if (!push_id || !repo_id || !actor || !data_dir) return 0;

    std::vector<events::store::RefUpdate> updates;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream fields(line);
        events::store::RefUpdate u;
        fields >> u.old_sha >> u.new_sha >> u.ref;
        if (u.ref.empty()) continue;
        if (looks_like_option(u.ref)) {
            std::fprintf(stderr, "refusing %s: ref names whose parts start with '-' look like options\n", u.ref.c_str());
            return 1;
        }
        u.repo_id = repo_id;
        u.actor_id = std::atoll(actor);
        updates.push_back(std::move(u));
    }
    try {
        soci::session sql(soci::sqlite3, "db=" + std::string(data_dir) + "/workspace.db timeout=10");
        events::store::add_pending(sql, push_id, updates);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "the server could not record this push (%s); nothing was changed\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace git

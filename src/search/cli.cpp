#include "search/cli.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "auth/service.hpp"
#include "core/config.hpp"
#include "core/embedded.hpp"
#include "repos/disk.hpp"
#include "repos/service.hpp"
#include "search/index.hpp"
#include "search/indexer.hpp"

namespace search {

int run_cli(int argc, char** argv) {
    if (argc < 3 || std::string(argv[2]) != "reindex" || argc > 4) {
        std::fputs("usage: workspace search reindex [owner/repo]\n", stderr);
        return 2;
    }
    auto config = core::config_from_env([](const char* name) { return std::getenv(name); });
    if (!config) {
        std::fprintf(stderr, "workspace: %s\n", config.error().message.c_str());
        return 78;
    }
    try {
        auto pool = db::Pool::open_sqlite(config->data_dir / "workspace.db", 2);
        {
            soci::session sql(pool->get());
            if (auto migrated = db::migrate(sql, embedded::migrations()); !migrated) {
                std::fprintf(stderr, "workspace: %s\n", migrated.error().message.c_str());
                return 78;
            }
        }
        repos::disk::init();
        auth::Accounts accounts(*pool, *config);
        repos::Service repos(*pool, *config, accounts);
        auto index = Index::open(config->data_dir / "search.db", 2);
        Indexer indexer(*index, repos, *config);
        std::vector<std::string> ids;
        if (argc == 4) {
            std::string name = argv[3];
            auto slash = name.find('/');
            auto repo = slash == std::string::npos ? std::nullopt : repos.find(name.substr(0, slash), name.substr(slash + 1));
            if (!repo) {
                std::fprintf(stderr, "workspace: there is no repository %s (name it as owner/name)\n", argv[3]);
                return 1;
            }
            ids.push_back(repo->id);
        } else {
            ids = repos.ids();
            for (const auto& id : index->repos()) index->drop(id);
        }
        for (const auto& id : ids) {
            index->drop(id);
            indexer.update(id);
            auto state = index->state(id);
            std::printf("%s: %lld files at %s\n", repos.full_name(id).c_str(), static_cast<long long>(state ? state->files : 0),
                        state && !state->commit.empty() ? state->commit.substr(0, 10).c_str() : "(empty)");
        }
        std::printf("index size: %.1f MB\n", static_cast<double>(index->size_bytes()) / 1e6);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "workspace: %s\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace search

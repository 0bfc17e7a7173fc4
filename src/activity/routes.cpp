#include "activity/routes.hpp"

#include <algorithm>
#include <set>

#include "activity/store.hpp"
#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace activity {
namespace {

using auth::Need;

constexpr std::int64_t kPerPage = 30;

std::int64_t page_of(const http::Request& req) {
    return std::clamp<std::int64_t>(http::parse_number(req.query_or("page", "1")).value_or(1), 1, 100000);
}

// templates/activity/feed.tpl for these items; `more_url` pages on when set.
http::Response feed(http::Request& req, const std::vector<store::Item>& items, bool show_repo, const std::string& more_url) {
    ctemplate::TemplateDictionary dict("feed");
    for (const auto& item : items) {
        auto* row = dict.AddSectionDictionary("ITEM");
        std::string repo_url = req.config->prefix + "/" + item.repo;
        row->SetValue("ACTOR", item.actor.empty() ? "someone" : item.actor);
        row->SetValue("WHEN", http::time_ago(item.at));
        if (show_repo) row->SetValueAndShowSection("REPO", item.repo, "SHOW_REPO");
        row->SetValue("REPO_URL", repo_url);
        std::string thing = item.is_pull ? "pull request" : "issue";
        if (item.kind == "push") {
            auto space = item.detail.find(' ');
            std::string ref = item.detail.substr(0, space), sha = space == std::string::npos ? "" : item.detail.substr(space + 1);
            bool deleted = sha == std::string(40, '0');
            std::string name = ref.starts_with("refs/heads/") ? ref.substr(11) : ref.starts_with("refs/tags/") ? ref.substr(10) : ref;
            row->SetValue("WHAT", deleted ? "deleted " + name : "pushed to " + name);
            if (!deleted) {
                row->SetValue("TARGET", sha.substr(0, 10));
                row->SetValue("TARGET_URL", repo_url + "/commit/" + sha);
            }
        } else {
            std::string verb = item.kind == "opened"      ? "opened " + thing
                               : item.kind == "commented" ? "commented on " + thing
                               : item.kind == "reviewed"  ? (item.detail == "approved" ? "approved " : item.detail == "changes_requested" ? "requested changes on " : "reviewed ") + thing
                                                          : item.kind + " " + thing;
            row->SetValue("WHAT", verb);
            row->SetValue("TARGET", "#" + std::to_string(item.number) + " " + item.title);
            row->SetValue("TARGET_URL", repo_url + (item.is_pull ? "/pull/" : "/issues/") + std::to_string(item.number));
        }
    }
    http::show_if(dict, "NONE", items.empty());
    if (!more_url.empty()) dict.SetValueAndShowSection("MORE_URL", more_url, "HAS_MORE");
    return http::render_fragment(req, "activity/feed.tpl", dict);
}

}  // namespace

void register_routes(http::Router& r, db::Pool& pool, repos::Service& repos) {
    r.get("/{owner}/{repo}/activity", Need::repo_read, [](http::Request& req) {
        http::Page page("activity/page.tpl", "Activity · " + req.repo->name);
        repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_ACTIVITY");
        page.dict().SetValue("FEED_URL", repos::url(req, *req.repo) + "/activity/feed");
        return http::render(req, page);
    });

    r.get("/{owner}/{repo}/activity/feed", Need::repo_read, [&pool](http::Request& req) {
        auto page = page_of(req);
        auto items = store::recent(pool, req.repo->id, kPerPage + 1, (page - 1) * kPerPage);
        bool more = items.size() > static_cast<std::size_t>(kPerPage);
        if (more) items.pop_back();
        return feed(req, items, false,
                    more ? repos::url(req, *req.repo) + "/activity/feed?page=" + std::to_string(page + 1) : "");
    });

    // Across repositories: only those the viewer can read contribute, checked by the one
    // permission function (repos.readable), never by SQL of its own. ?actor= keeps one
    // person's contributions, for their profile.
    r.get("/activity/feed", Need::none, [&pool, &repos](http::Request& req) {
        auto actor = req.query_or("actor", "");
        std::set<std::string> readable;
        for (const auto& repo : repos.readable(req.actor)) readable.insert(repo.id);
        auto page = page_of(req);
        std::vector<store::Item> items;
        std::int64_t skip = (page - 1) * kPerPage, offset = 0;
        for (bool exhausted = false; !exhausted && items.size() <= static_cast<std::size_t>(kPerPage);) {
            auto batch = store::recent(pool, "", 200, offset, actor);
            exhausted = batch.size() < 200;
            offset += 200;
            for (auto& item : batch) {
                if (!readable.count(item.repo_id)) continue;
                if (skip > 0) {
                    --skip;
                    continue;
                }
                if (items.size() <= static_cast<std::size_t>(kPerPage)) items.push_back(std::move(item));
            }
        }
        bool more = items.size() > static_cast<std::size_t>(kPerPage);
        if (more) items.pop_back();
        auto next = "/activity/feed?page=" + std::to_string(page + 1) + (actor.empty() ? "" : "&actor=" + http::percent_encode(actor));
        return feed(req, items, true, more ? req.config->prefix + next : "");
    });
}

}  // namespace activity

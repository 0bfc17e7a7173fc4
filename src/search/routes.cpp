#include "search/routes.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"
#include "search/indexer.hpp"
#include "search/service.hpp"

namespace search {
namespace {

using auth::Need;

constexpr std::size_t kLineWidth = 300;  // bytes of a long line shown around its first match

std::string plural(std::int64_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// A long line cut to kLineWidth bytes around its first match (at UTF-8 character boundaries),
// with its spans moved along; "…" marks what was cut.
std::pair<std::string, std::vector<std::pair<std::size_t, std::size_t>>> clip(std::string_view line,
                                                                               std::vector<std::pair<std::size_t, std::size_t>> spans) {
    if (line.size() <= kLineWidth) return {std::string(line), spans};
    auto boundary = [&](std::size_t at) {
        while (at > 0 && at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) --at;
        return at;
    };
    std::size_t first = spans.empty() ? 0 : spans.front().first;
    std::size_t from = boundary(first > 60 ? first - 60 : 0);
    std::size_t to = boundary(std::min(line.size(), from + kLineWidth));
    std::string prefix = from > 0 ? "…" : "";
    std::string text = prefix + std::string(line.substr(from, to - from)) + (to < line.size() ? "…" : "");
    std::vector<std::pair<std::size_t, std::size_t>> moved;
    for (auto [a, b] : spans) {
        if (b <= from || a >= to) continue;
        moved.emplace_back(std::max(a, from) - from + prefix.size(), std::min(b, to) - from + prefix.size());
    }
    return {text, moved};
}

void fill_line(ctemplate::TemplateDictionary& row, std::string_view line, const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
    auto [text, moved] = clip(line, spans);
    std::size_t at = 0;
    auto segment = [&](std::size_t to, bool mark) {
        if (to <= at) return;
        auto* seg = row.AddSectionDictionary("SEG");
        seg->SetValue("TEXT", text.substr(at, to - at));
        seg->ShowSection(mark ? "MARK" : "PLAIN");
        at = to;
    };
    for (auto [a, b] : moved) {
        segment(a, false);
        segment(b, true);
    }
    segment(text.size(), false);
}

// A file's first matching lines with a line of context each side.
void fill_hit(const http::Request& req, ctemplate::TemplateDictionary& dict, const Hit& hit) {
    std::string repo_url = req.config->prefix + "/" + hit.repo;
    std::string file_url = repo_url + "/blob/" + hit.commit + "/" + http::percent_encode(hit.file.path);
    dict.SetValue("REPO", hit.repo);
    dict.SetValue("REPO_URL", repo_url);
    dict.SetValue("PATH", hit.file.path);
    dict.SetValue("FILE_URL", file_url);
    dict.SetValue("MATCH_COUNT", plural(static_cast<std::int64_t>(hit.lines.size()), "matching line", "matching lines"));
    std::size_t shown = std::min(hit.lines.size(), kLinesInContext);
    std::map<std::int64_t, const LineMatch*> matched;
    for (std::size_t i = 0; i < shown; ++i) matched[hit.lines[i].number] = &hit.lines[i];
    std::int64_t last = 0;  // the last line number shown
    for (const auto& [n, text] : hit.text) {
        if (n > hit.lines[shown - 1].number + 1) break;
        auto* row = dict.AddSectionDictionary("ROW");
        if (last > 0 && n > last + 1) row->ShowSection("GAP");
        row->SetIntValue("N", n);
        row->SetValue("LINE_URL", file_url + "#L" + std::to_string(n));
        auto match = matched.find(n);
        if (match != matched.end()) row->ShowSection("MATCHED");
        fill_line(*row, text, match != matched.end() ? match->second->spans : std::vector<std::pair<std::size_t, std::size_t>>{});
        last = n;
    }
    if (hit.lines.size() > shown) dict.SetValueAndShowSection("MORE", std::to_string(hit.lines.size() - shown), "MORE_LINES");
}

// templates/search/summary.tpl: how many files and lines match; when only the page was counted,
// it asks count_url for the full count once shown.
void fill_counts(ctemplate::TemplateDictionary& dict, const Results& results, const std::string& count_url) {
    http::show_if(dict, "AT_LEAST", !results.complete);
    dict.SetValue("FILES", plural(results.files, "file", "files"));
    dict.SetValue("LINES", plural(results.lines, "line", "lines"));
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", results.elapsed_ms);
    dict.SetValue("MS", ms);
    if (!results.complete && !count_url.empty()) dict.SetValueAndShowSection("COUNT_URL", count_url, "COUNTING");
}

void fill_results(const http::Request& req, ctemplate::TemplateDictionary& dict, const core::Result<Results>& results,
                  const std::string& base, const std::string& q, std::int64_t page) {
    if (q.find_first_not_of(" \t") == std::string::npos) return;
    if (!results) {
        dict.SetValueAndShowSection("MESSAGE", results.error().message, "ERROR");
        return;
    }
    auto* summary = dict.AddSectionDictionary("SUMMARY");
    auto& counts = *summary->AddIncludeDictionary("COUNTS");
    counts.SetFilename("search/summary.tpl");
    fill_counts(counts, *results, results->partial ? "" : base + "/count?q=" + http::percent_encode(q));
    http::show_if(*summary, "PARTIAL", results->partial);
    http::show_if(*summary, "NONE", results->files == 0 && !results->partial);
    for (const auto& hit : results->hits) fill_hit(req, *dict.AddSectionDictionary("HIT"), hit);
    if (page > 1 || results->more) {
        auto* pages = dict.AddSectionDictionary("PAGES");
        pages->SetIntValue("PAGE", page);
        std::string url = base + "?q=" + http::percent_encode(q) + "&page=";
        if (page > 1) pages->SetValueAndShowSection("NEWER_URL", url + std::to_string(page - 1), "HAS_NEWER");
        if (results->more) pages->SetValueAndShowSection("OLDER_URL", url + std::to_string(page + 1), "HAS_OLDER");
    }
}

// Every match counted (within the search's time budget), for a summary that said "at least".
http::Response count_fragment(http::Request& req, Service& service, const std::optional<std::string>& repo) {
    auto results = service.search(req.actor, req.query_or("q", ""), repo, 1, Counting::exact);
    if (!results) return http::error_page(req, results.error());
    ctemplate::TemplateDictionary dict("counts");
    fill_counts(dict, *results, "");
    return http::render_fragment(req, "search/summary.tpl", dict);
}

http::Response search_page(http::Request& req, Service& service, const std::optional<std::string>& repo) {
    auto q = req.query_or("q", "");
    auto page = std::clamp<std::int64_t>(http::parse_number(req.query_or("page", "1")).value_or(1), 1, 1000);
    bool blank = q.find_first_not_of(" \t") == std::string::npos;
    auto results = blank ? core::Result<Results>(Results{}) : service.search(req.actor, q, repo, page, Counting::page);
    unsigned status = results ? 200 : http::status_of(results.error().code);
    std::string base = repo ? repos::url(req, *req.repo) + "/search" : req.config->prefix + "/search";
    if (req.is_htmx()) {
        ctemplate::TemplateDictionary dict("results");
        fill_results(req, dict, results, base, q, page);
        auto res = http::render_fragment(req, "search/results.tpl", dict, status);
        res.header("Vary", "HX-Request, HX-Boosted, HX-History-Restore-Request");
        return res;
    }
    http::Page view("search/page.tpl", blank ? "Search" : q + " · Search");
    auto& dict = view.dict();
    if (repo) repos::fill_header(req, *dict.AddIncludeDictionary("REPO_HEADER"), "TAB_SEARCH");
    dict.SetValue("ACTION", base);
    dict.SetValue("Q", q);
    dict.SetValue("PLACEHOLDER", repo ? "Search " + *repo : "Search code in every repository");
    auto& inner = *dict.AddIncludeDictionary("RESULTS");
    inner.SetFilename("search/results.tpl");
    fill_results(req, inner, results, base, q, page);
    auto res = http::render(req, view, status);
    res.header("Vary", "HX-Request, HX-Boosted, HX-History-Restore-Request");
    return res;
}

// What the routes share.
struct Routes {
    Service& service;
    Index& index;
    Indexer& indexer;
};

http::Response search_all(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    return search_page(req, service, std::nullopt);
}

http::Response search_repo(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    return search_page(req, service, req.repo->id);
}

http::Response count_all(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    return count_fragment(req, service, std::nullopt);
}

http::Response count_repo(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    return count_fragment(req, service, req.repo->id);
}

// GitHub's code search shape, with each file's matching lines (all of them, up to kLinesKept).
http::Response api_search(Routes& routes, http::Request& req) {
    auto& service = routes.service;
    auto q = req.query_or("q", "");
    auto page = std::clamp<std::int64_t>(http::parse_number(req.query_or("page", "1")).value_or(1), 1, 1000);
    auto results = service.search(req.actor, q, std::nullopt, page, Counting::exact);
    if (!results) return http::json_error(results.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& hit : results->hits) {
        nlohmann::json lines = nlohmann::json::array();
        for (std::size_t i = 0; i < hit.lines.size() && i < kLinesKept; ++i) {
            const auto& l = hit.lines[i];
            nlohmann::json spans = nlohmann::json::array();
            for (auto [a, b] : l.spans) spans.push_back({a, b});
            lines.push_back({{"number", l.number}, {"text", hit.text.at(l.number)}, {"matches", spans}});
        }
        auto slash = hit.file.path.rfind('/');
        items.push_back({{"name", slash == std::string::npos ? hit.file.path : hit.file.path.substr(slash + 1)},
                         {"path", hit.file.path},
                         {"repository", {{"name", hit.repo.substr(hit.repo.find('/') + 1)}, {"full_name", hit.repo}}},
                         {"commit", hit.commit},
                         {"html_url", http::site_url(req) + "/" + hit.repo + "/blob/" + hit.commit + "/" +
                                          http::percent_encode(hit.file.path)},
                         {"line_count", hit.lines.size()},
                         {"lines", lines}});
    }
    return http::json(200, {{"total_count", results->files},
                            {"total_lines", results->lines},
                            {"incomplete_results", !results->complete},
                            {"partial", results->partial},
                            {"items", items}});
}

http::Response status(Routes& routes, http::Request& req) {
    auto& index = routes.index;
    ctemplate::TemplateDictionary dict("status");
    dict.SetValue("REINDEX_URL", repos::url(req, *req.repo) + "/search/reindex");
    auto state = index.state(req.repo->id);
    if (!state || state->commit.empty()) {
        dict.ShowSection("NOT_INDEXED");
    } else {
        auto* s = dict.AddSectionDictionary("INDEXED");
        s->SetValue("BRANCH", state->ref);
        s->SetValue("SHORT_COMMIT", state->commit.substr(0, 10));
        s->SetValue("COMMIT_URL", repos::url(req, *req.repo) + "/commit/" + state->commit);
        s->SetIntValue("FILES", state->files);
        char size[32];
        std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(state->bytes) / 1e6);
        s->SetValue("SIZE", size);
        s->SetValue("WHEN", http::time_ago(state->indexed_at));
    }
    return http::render_fragment(req, "search/status.tpl", dict);
}

http::Response reindex(Routes& routes, http::Request& req) {
    auto& index = routes.index;
    auto& indexer = routes.indexer;
    index.drop(req.repo->id);
    indexer.enqueue(req.repo->id);
    auto res = http::redirect(req, "/" + req.repo->full_name() + "/settings");
    http::flash(res, req, "success", "The search index of " + req.repo->full_name() + " is being rebuilt.");
    return res;
}

}  // namespace

void register_routes(http::Router& r, Service& service, Index& index, Indexer& indexer) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"GET", "/search", Need::none, search_all},
        {"GET", "/{owner}/{repo}/search", Need::repo_read, search_repo},
        {"GET", "/search/count", Need::none, count_all},
        {"GET", "/{owner}/{repo}/search/count", Need::repo_read, count_repo},
        {"GET", "/api/v1/search/code", Need::api, api_search},
        {"GET", "/{owner}/{repo}/search/status", Need::repo_admin, status},
        {"POST", "/{owner}/{repo}/search/reindex", Need::repo_admin, reindex},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{service, index, indexer}), kRoutes);
}

}  // namespace search

#include "browse/routes.hpp"

#include <algorithm>
#include <climits>
#include <ctime>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstring>
#include <vector>

#include "browse/file_types.hpp"
#include "browse/history.hpp"
#include "markup/markdown.hpp"
#include "browse/store.hpp"
#include "browse/views.hpp"
#include "core/config.hpp"
#include "core/text.hpp"
#include "git/process.hpp"
#include "http/render.hpp"
#include "http/router.hpp"
#include "repos/routes.hpp"
#include "repos/service.hpp"

namespace browse {
namespace {

namespace asio = boost::asio;

// The commits a page lists, for the actions' statuses it loads after it (see actions/statuses).
template <typename Items, typename Sha>
void list_shas(ctemplate::TemplateDictionary& dict, const http::Request& req, const Items& items, Sha sha_of) {
    std::string shas;
    for (const auto& item : items) shas += (shas.empty() ? "" : ",") + sha_of(item);
    dict.SetValue("REPO_FULL_NAME", req.repo->full_name());
    if (!shas.empty()) dict.SetValueAndShowSection("SHAS", shas, "HAS_SHAS");
}

using auth::Need;

// Files above this are offered as a download rather than shown.
constexpr std::int64_t kShowLimit = 1 << 20;
// Raw files are read whole for now; larger ones wait for streamed blobs.
// Raw files up to this size are sent from memory; larger ones stream from git cat-file.
constexpr std::int64_t kRawInMemory = 1 << 20;

std::string human_size(std::int64_t bytes) {
    char out[32];
    if (bytes < 1024) return std::to_string(bytes) + " B";
    if (bytes < 1024 * 1024) return std::snprintf(out, sizeof out, "%.1f KB", bytes / 1024.0), out;
    return std::snprintf(out, sizeof out, "%.1f MB", bytes / (1024.0 * 1024)), out;
}

// "/{owner}/{repo}/{view}/{ref}/{path}" with each segment escaped.
std::string url(const http::Request& req, const char* view, const store::Location& at, const std::string& path) {
    return repos::url(req, *req.repo) + "/" + view + "/" + http::percent_encode(at.ref) +
           (path.empty() ? "" : "/" + http::percent_encode(path));
}

// The ref picker and the path to here; the picker switches `view` of this path to another ref.
void breadcrumbs(const http::Request& req, http::Page& page, const store::Location& at,
                 const char* view) {
    auto& dict = *page.dict().AddIncludeDictionary("PATH");
    dict.SetFilename("browse/path.tpl");
    views::fill_ref_picker(req, dict, at, view, at.path);
    dict.SetValue("REPO_NAME", req.repo->name);
    dict.SetValue("ROOT_URL", url(req, "tree", at, ""));
    std::string walked;
    for (std::size_t start = 0; start < at.path.size();) {
        auto slash = at.path.find('/', start);
        if (slash == std::string::npos) slash = at.path.size();
        walked = at.path.substr(0, slash);
        auto* crumb = dict.AddSectionDictionary("CRUMB");
        crumb->SetValue("CRUMB_NAME", at.path.substr(start, slash - start));
        crumb->SetValue("CRUMB_URL", url(req, "tree", at, walked));
        start = slash + 1;
    }
}

http::Response tree_page(http::Request& req, const store::Repository& repo, const store::Location& at,
                         history::Cache& history) {
    auto entries = store::tree(repo, at);
    if (!entries) return http::error_page(req, entries.error());
    http::Page page("browse/tree.tpl", req.repo->name + (at.path.empty() ? "" : " · " + at.path));
    auto* header = page.dict().AddIncludeDictionary("REPO_HEADER");
    repos::fill_header(req, *header, "TAB_FILES");
    auto& dict = page.dict();
    breadcrumbs(req, page, at, "tree");
    dict.SetValue("ARCHIVE_URL", repos::url(req, *req.repo) + "/archive/" + http::percent_encode(at.ref));
    views::fill_entries(req, dict, at, *entries, *history.last_commits(repo, at));
    views::fill_readme(req, dict, repo, at, *entries);
    http::show_if(dict, "EMPTY_TREE", entries->empty());
    return http::render(req, page);
}

http::Response blob_page(http::Request& req, const store::Repository& repo, const store::Location& at) {
    auto file = store::blob(repo, at, kShowLimit);
    if (!file) return http::error_page(req, file.error());
    http::Page page("browse/blob.tpl", req.repo->name + " · " + at.path);
    auto* header = page.dict().AddIncludeDictionary("REPO_HEADER");
    repos::fill_header(req, *header, "TAB_FILES");
    auto& dict = page.dict();
    breadcrumbs(req, page, at, "tree");
    dict.SetValue("SIZE", human_size(file->size));
    dict.SetValue("COMMIT", at.commit);
    dict.SetValue("FILE_NAME", at.path.substr(at.path.rfind('/') == std::string::npos ? 0 : at.path.rfind('/') + 1));
    dict.SetValue("RAW_URL", url(req, "raw", at, at.path));
    dict.SetValue("BLAME_URL", url(req, "blame", at, at.path));
    dict.SetValue("PERMALINK", repos::url(req, *req.repo) + "/blob/" + at.commit + "/" +
                                   http::percent_encode(at.path));
    if (file_types::image_type(at.path)) {
        dict.ShowSection("IMAGE");
    } else if (file->binary) {
        dict.ShowSection("BINARY");
    } else if (file->size > kShowLimit) {
        dict.ShowSection("TOO_LARGE");
    } else if (file_types::is_markdown(at.path) && req.query_or("plain", "0") == "0") {
        auto slash = at.path.rfind('/');
        std::string folder = slash == std::string::npos ? "" : at.path.substr(0, slash);
        // Safe by construction (see markup::render_markdown), so the template shows it unescaped.
        dict.SetValueAndShowSection("MARKDOWN_HTML", markup::render_markdown(file->content, {url(req, "tree", at, folder), url(req, "raw", at, folder)}),
                                    "RENDERED");
        dict.SetValue("SOURCE_URL", url(req, "blob", at, at.path) + "?plain=1");
        dict.SetIntValue("LINE_COUNT", static_cast<long>(store::split_lines(file->content).size()));
        dict.ShowSection("HAS_LINES");
    } else {
        if (file_types::is_markdown(at.path)) dict.SetValueAndShowSection("PREVIEW_URL", url(req, "blob", at, at.path), "SOURCE");
        dict.SetValue("LANGUAGE", file_types::language(at.path));
        // Escaped as it is built (see views::code_rows), so the template shows it as it is.
        dict.SetValue("CODE_ROWS", views::code_rows(file->content));
        dict.SetIntValue("LINE_COUNT", static_cast<long>(store::split_lines(file->content).size()));
        dict.ShowSection("TEXT_FILE");
        dict.ShowSection("HAS_LINES");
    }
    return http::render(req, page);
}

constexpr std::size_t kCommitsPerPage = 50;

// "Nov 26, 2026" in UTC, the heading commits are grouped under.
std::string day_of(std::int64_t unix_seconds) { return core::utc(unix_seconds, "%b %e, %Y"); }

http::Response commits_page(http::Request& req, const store::Repository& repo, store::Location at,
                            history::Cache& history) {
    if (auto path = req.query("path"); path && !path->empty()) {
        if (!at.path.empty()) return http::error_page(req, 404, "Give the path either in the address or as ?path=.");
        if (!store::valid_path(*path)) return http::error_page(req, 404, "That path does not exist.");
        at.path = *path;
    }
    long page_number = std::max(1L, std::atol(req.query_or("page", "1").c_str()));
    std::size_t offset = (page_number - 1) * kCommitsPerPage;
    // A path's history may walk far for a page; the whole history's pages come straight off the walk.
    auto log = at.path.empty() ? store::log(repo, at, offset, kCommitsPerPage).map([](store::LogPage page) {
        return std::make_shared<const store::LogPage>(std::move(page));
    })
                               : history.path_log(repo, at, offset, kCommitsPerPage);
    if (!log) return http::error_page(req, log.error());
    http::Page page("browse/commits.tpl", "History · " + req.repo->name);
    repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_COMMITS");
    auto& dict = page.dict();
    views::fill_ref_picker(req, dict, at, "commits", at.path);
    if (!at.path.empty()) dict.SetValueAndShowSection("FILTER_PATH", at.path, "HAS_PATH");
    std::string day;
    ctemplate::TemplateDictionary* group = nullptr;
    for (const auto& c : (*log)->commits) {
        if (auto d = day_of(c.time); d != day || !group) {
            day = d;
            group = dict.AddSectionDictionary("DAY");
            group->SetValue("DAY", day);
        }
        auto* row = group->AddSectionDictionary("COMMIT");
        views::fill_commit(*row, repos::url(req, *req.repo), c);
        http::show_if(*row, "MERGE", c.parents > 1);
    }
    http::show_if(dict, "NO_COMMITS", (*log)->commits.empty());
    list_shas(dict, req, (*log)->commits, [](const store::CommitInfo& c) { return c.id; });
    std::string base = repos::url(req, *req.repo) + "/commits/" + http::percent_encode(at.ref) + "?" +
                       (at.path.empty() ? "" : "path=" + http::percent_encode(at.path) + "&");
    if (page_number > 1) dict.SetValueAndShowSection("NEWER_URL", base + "page=" + std::to_string(page_number - 1), "HAS_NEWER");
    if ((*log)->more) dict.SetValueAndShowSection("OLDER_URL", base + "page=" + std::to_string(page_number + 1), "HAS_OLDER");
    return http::render(req, page);
}

http::Response blame_page(http::Request& req, const store::Repository& repo, const store::Location& at,
                          history::Cache& history) {
    auto cached = history.blame(repo, at, kShowLimit);
    if (!cached) return http::error_page(req, cached.error());
    const auto* blame = cached->get();
    http::Page page("browse/blame.tpl", "Blame " + at.path + " · " + req.repo->name);
    repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), "TAB_FILES");
    auto& dict = page.dict();
    breadcrumbs(req, page, at, "blame");
    dict.SetValue("FILE_URL", url(req, "blob", at, at.path));
    std::int64_t oldest = INT64_MAX, newest = INT64_MIN;
    for (const auto& h : blame->hunks) {
        oldest = std::min(oldest, h.commit.time);
        newest = std::max(newest, h.commit.time);
    }
    static const char* const kAges[] = {"AGE0", "AGE1", "AGE2", "AGE3", "AGE4"};
    std::string base = repos::url(req, *req.repo);
    for (const auto& h : blame->hunks) {
        auto* hunk = dict.AddSectionDictionary("HUNK");
        hunk->SetValue("SUMMARY", h.commit.summary);
        hunk->SetValue("AUTHOR", h.commit.author_name);
        hunk->SetValue("WHEN", http::time_ago(h.commit.time));
        hunk->SetValue("SHORT_SHA", h.commit.id.substr(0, 8));
        hunk->SetValue("COMMIT_URL", base + "/commit/" + h.commit.id);
        // Newer commits get a stronger mark, on a scale from the file's oldest line to its newest.
        int age = newest == oldest ? 4 : static_cast<int>(4 * (h.commit.time - oldest) / (newest - oldest));
        hunk->ShowSection(kAges[age]);
        for (std::size_t n = h.start; n < h.start + h.lines && n <= blame->lines.size(); ++n) {
            auto* line = hunk->AddSectionDictionary("LINE");
            line->SetIntValue("N", static_cast<long>(n));
            line->SetValue("TEXT", blame->lines[n - 1]);
            http::show_if(*line, "FIRST", n == h.start);
        }
    }
    return http::render(req, page);
}

// The branches or tags page: one row per ref with its last commit.
http::Response refs_page(http::Request& req, repos::Service& repos, bool want_branches) {
    auto repo = store::Repository::open(repos.path(req.repo->id));
    if (!repo) return http::error_page(req, repo.error());
    auto refs = want_branches ? store::branches(*repo, req.repo->default_branch) : store::tags(*repo);
    http::Page page("browse/refs.tpl", std::string(want_branches ? "Branches" : "Tags") + " · " + req.repo->name);
    repos::fill_header(req, *page.dict().AddIncludeDictionary("REPO_HEADER"), want_branches ? "TAB_BRANCHES" : "TAB_TAGS");
    auto& dict = page.dict();
    dict.SetValue("KIND", want_branches ? "branches" : "tags");
    std::string base = repos::url(req, *req.repo);
    for (const auto& ref : refs) {
        auto* row = dict.AddSectionDictionary("REF_ROW");
        row->SetValue("NAME", ref.name);
        row->SetValue("FILES_URL", base + "/tree/" + http::percent_encode(ref.name));
        row->SetValue("COMMIT_URL", base + "/commit/" + ref.last.id);
        row->SetValue("SHA", ref.last.id);
        row->SetValue("SUMMARY", ref.last.summary);
        row->SetValue("WHEN", http::time_ago(ref.last.time));
        row->SetValue("AUTHOR", ref.last.author_name);
        if (want_branches && ref.name == req.repo->default_branch) {
            row->ShowSection("DEFAULT");
        } else if (want_branches) {
            auto* counts = row->AddSectionDictionary("AHEAD_BEHIND");
            counts->SetIntValue("AHEAD", static_cast<long>(ref.ahead));
            counts->SetIntValue("BEHIND", static_cast<long>(ref.behind));
            counts->SetValue("COMPARE_URL", base + "/compare/" + http::percent_encode(req.repo->default_branch) + "..." +
                                                http::percent_encode(ref.name));
            if (req.role >= auth::Role::write) {
                auto* remove = row->AddSectionDictionary("CAN_DELETE");
                remove->SetValue("ACTION", base + "/branches/delete");
            }
        }
    }
    http::show_if(dict, "NONE", refs.empty());
    list_shas(dict, req, refs, [](const store::RefInfo& r) { return r.last.id; });
    return http::render(req, page);
}

// Resolves {ref}/{path…} in req.repo, or answers with the page that explains why not.
std::optional<http::Response> locate(http::Request& req, repos::Service& repos, std::optional<store::Repository>& repo,
                                     store::Location& at) {
    auto opened = store::Repository::open(repos.path(req.repo->id));
    if (!opened) return http::error_page(req, opened.error());
    repo = std::move(*opened);
    // A folder's URL may end in a slash, as links and people write it: /tree/main/src/.
    auto rest = req.params["rest"];
    if (rest.ends_with('/')) rest.pop_back();
    auto resolved = store::resolve(*repo, rest);
    if (!resolved) return http::error_page(req, resolved.error());
    at = std::move(*resolved);
    return std::nullopt;
}

// Nothing served raw may run in our origin: text is text/plain whatever its extension (HTML,
// SVG, JS), unknown binaries are downloads, and a sandbox CSP covers the rest.
http::Response raw_head(const std::string& path, bool binary, const std::string& blob_id) {
    http::Response res;
    if (const char* type = file_types::image_type(path)) {
        res.content_type = type;
    } else if (binary) {
        res.content_type = "application/octet-stream";
        auto slash = path.rfind('/');
        res.header("Content-Disposition", http::attachment(path.substr(slash == std::string::npos ? 0 : slash + 1)));
    } else {
        res.content_type = "text/plain; charset=utf-8";
    }
    // As GitHub's raw host: the browser's own text and image viewers may style the page.
    res.header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    res.header("ETag", "\"" + blob_id + "\"");
    return res;
}

asio::awaitable<http::Response> raw_file(http::Request& req, repos::Service& repos, http::BodyStream& body) {
    std::optional<store::Repository> repo;
    store::Location at;
    if (auto failed = locate(req, repos, repo, at)) co_return std::move(*failed);
    auto file = store::blob(*repo, at, kRawInMemory);
    if (!file) co_return http::error_page(req, file.error());
    if (req.header("If-None-Match") == "\"" + file->id + "\"") {
        auto res = raw_head(at.path, file->binary, file->id);
        res.status = 304;
        co_return res;
    }
    if (file->size <= kRawInMemory) {
        auto res = raw_head(at.path, file->binary, file->id);
        res.body = std::move(file->content);
        co_return res;
    }
    // Larger files stream from git, never held whole; typed as git types them, by a NUL in
    // their first 8000 bytes.
    auto executor = co_await asio::this_coro::executor;
    auto git = git::Process::cat_blob(executor, repos.path(req.repo->id), file->id, git::plain_environment());
    if (!git) co_return http::error_page(req, 500, "The server could not run git.");
    (*git)->close_input();
    std::vector<char> buffer(256 * 1024);
    std::size_t first = 0;
    boost::system::error_code ec;
    while (first < 8000 && !ec)
        first += co_await (*git)->out().async_read_some(asio::buffer(buffer.data() + first, buffer.size() - first),
                                                        asio::redirect_error(asio::use_awaitable, ec));
    bool binary = std::memchr(buffer.data(), '\0', std::min<std::size_t>(first, 8000)) != nullptr;
    auto head = raw_head(at.path, binary, file->id);
    if (!co_await body.start(req, head, static_cast<std::uint64_t>(file->size))) co_return http::Response{};
    bool head_only = req.raw.method() == boost::beast::http::verb::head;
    for (std::size_t n = first; n > 0 && !head_only;) {
        if (!co_await body.write(buffer.data(), n)) co_return http::Response{};
        n = co_await (*git)->out().async_read_some(asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) n = 0;
    }
    if ((*git)->wait() == 0 || head_only) co_await body.finish();
    co_return http::Response{};
}

// What the routes share.
struct Routes {
    repos::Service& repos;
    history::Cache& history;
};

http::Response root(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    auto& history = routes.history;
    auto opened = store::Repository::open(repos.path(req.repo->id));
    if (!opened) return http::error_page(req, opened.error());
    auto root = store::resolve(*opened, req.repo->default_branch);
    if (!root) return http::redirect(req, "/" + req.repo->full_name());  // empty: the home page says how to push
    return tree_page(req, *opened, *root, history);
}

// A folder or a file, whichever the path is, under either name, as GitHub answers both.
http::Response tree_or_blob(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    auto& history = routes.history;
    std::optional<store::Repository> repo;
    store::Location at;
    if (auto failed = locate(req, repos, repo, at)) return std::move(*failed);
    auto tree = store::is_tree(*repo, at);
    if (!tree) return http::error_page(req, tree.error());
    auto res = *tree ? tree_page(req, *repo, at, history) : blob_page(req, *repo, at);
    return at.ref == at.commit ? http::revalidated(req, std::move(res)) : res;
}

http::Response commits_of_default(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    auto& history = routes.history;
    auto opened = store::Repository::open(repos.path(req.repo->id));
    if (!opened) return http::error_page(req, opened.error());
    auto head = store::resolve(*opened, req.repo->default_branch);
    if (!head) return http::redirect(req, "/" + req.repo->full_name());  // empty: the home page says how to push
    return commits_page(req, *opened, *head, history);
}

http::Response commits(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    auto& history = routes.history;
    std::optional<store::Repository> repo;
    store::Location at;
    if (auto failed = locate(req, repos, repo, at)) return std::move(*failed);
    auto res = commits_page(req, *repo, at, history);
    return at.ref == at.commit ? http::revalidated(req, std::move(res)) : res;
}

http::Response blame(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    auto& history = routes.history;
    std::optional<store::Repository> repo;
    store::Location at;
    if (auto failed = locate(req, repos, repo, at)) return std::move(*failed);
    if (at.path.empty()) return http::error_page(req, 404, "Blame needs a file: /blame/{ref}/{path}.");
    auto res = blame_page(req, *repo, at, history);
    return at.ref == at.commit ? http::revalidated(req, std::move(res)) : res;
}

// The ref picker's menu, loaded when it opens: branches (the default first) and tags.
http::Response refs(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    constexpr std::size_t kShown = 200;
    auto view = req.query_or("view", "tree");
    if (view != "tree" && view != "blob" && view != "commits" && view != "blame") view = "tree";
    auto current = req.query_or("ref", "");
    auto path = req.query_or("path", "");
    if (!path.empty() && !store::valid_path(path)) path.clear();
    auto repo = store::Repository::open(repos.path(req.repo->id));
    if (!repo) return http::error_page(req, repo.error());
    ctemplate::TemplateDictionary dict("ref_list");
    auto add = [&](const char* section, const std::string& name) {
        auto* row = dict.AddSectionDictionary(section);
        row->SetValue("NAME", name);
        row->SetValue("URL", repos::url(req, *req.repo) + "/" + view + "/" + http::percent_encode(name) +
                                 (path.empty() ? "" : "/" + http::percent_encode(path)));
        http::show_if(*row, "CURRENT", name == current);
    };
    auto branches = store::ref_names(*repo, "refs/heads/", kShown);
    std::stable_partition(branches.begin(), branches.end(), [&](const std::string& b) { return b == req.repo->default_branch; });
    for (const auto& name : branches) add("BRANCH", name);
    auto tags = store::ref_names(*repo, "refs/tags/", kShown);
    std::for_each(tags.rbegin(), tags.rend(), [&](const std::string& name) { add("TAG", name); });  // v2.0 before v1.0
    http::show_if(dict, "HAS_TAGS", !tags.empty());
    return http::render_fragment(req, "browse/ref_list.tpl", dict);
}

http::Response branches(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    return refs_page(req, repos, true);
}

http::Response tags(Routes& routes, http::Request& req) {
    auto& repos = routes.repos;
    return refs_page(req, repos, false);
}

}  // namespace

void register_routes(http::Router& r, repos::Service& repos, history::Cache& history) {
    static constexpr http::Entry<Routes> kRoutes[] = {
        {"GET", "/{owner}/{repo}/tree", Need::repo_read, root},
        // A folder or a file, whichever the path is, under either name, as GitHub answers both.
        {"GET", "/{owner}/{repo}/tree/{rest...}", Need::repo_read, tree_or_blob},
        {"GET", "/{owner}/{repo}/blob/{rest...}", Need::repo_read, tree_or_blob},
        {"GET", "/{owner}/{repo}/commits", Need::repo_read, commits_of_default},
        {"GET", "/{owner}/{repo}/commits/{rest...}", Need::repo_read, commits},
        {"GET", "/{owner}/{repo}/blame/{rest...}", Need::repo_read, blame},
        {"GET", "/{owner}/{repo}/refs", Need::repo_read, refs},
        {"GET", "/{owner}/{repo}/branches", Need::repo_read, branches},
        {"GET", "/{owner}/{repo}/tags", Need::repo_read, tags},
    };
    http::add_all(r, std::make_shared<Routes>(Routes{repos, history}), kRoutes);
    r.stream("GET", "/{owner}/{repo}/raw/{rest...}", Need::repo_read,
             [&repos](http::Request& req, http::BodyStream& body) { return raw_file(req, repos, body); });
}

}  // namespace browse

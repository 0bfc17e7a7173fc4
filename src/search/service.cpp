#include "search/service.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "auth/actor.hpp"
#include "repos/service.hpp"

namespace search {
namespace {

using Clock = std::chrono::steady_clock;

// After the page is full, matches are still counted for this long; a query nothing narrows reads
// files for at most kScanBudget.
constexpr auto kCountBudget = std::chrono::milliseconds(15);
constexpr auto kScanBudget = std::chrono::milliseconds(1500);
constexpr std::size_t kMaxTrigrams = 24;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::vector<std::int64_t> intersect(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
    std::vector<std::int64_t> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// The documents that may hold a regex, or nullopt when it has no literal of three characters
// that every match contains. RE2's FilteredRE2 reduces the regex to an AND/OR of such literals
// ("atoms"), as Google Code Search and zoekt do; each atom's documents come from the trigram
// index, and a document stays when the atoms it may hold satisfy the regex's condition.
std::optional<std::vector<std::int64_t>> regex_candidates(Index& index, const std::string& pattern, bool case_sensitive) {
    re2::FilteredRE2 filter(3);
    RE2::Options options(RE2::Quiet);
    options.set_case_sensitive(case_sensitive);
    int id = 0;
    if (filter.Add(pattern, options, &id) != RE2::NoError) return std::nullopt;
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    std::vector<int> passed;
    filter.AllPotentials({}, &passed);
    if (!passed.empty() || atoms.empty()) return std::nullopt;  // holds without any atom: nothing narrows it
    std::vector<std::vector<std::int64_t>> holding;
    for (const auto& atom : atoms) {
        auto expr = trigram_expression(atom);
        if (expr.empty()) return std::nullopt;
        holding.push_back(index.docs_matching(expr));
    }
    std::map<std::int64_t, std::vector<int>> present;  // document → the atoms it may hold
    for (std::size_t i = 0; i < holding.size(); ++i)
        for (auto doc : holding[i]) present[doc].push_back(static_cast<int>(i));
    std::vector<std::int64_t> out;
    for (const auto& [doc, held] : present) {
        passed.clear();
        filter.AllPotentials(held, &passed);
        if (!passed.empty()) out.push_back(doc);
    }
    return out;
}

}  // namespace

std::string trigram_expression(std::string_view literal) {
    std::vector<std::size_t> starts;  // where each character (code point) begins
    for (std::size_t i = 0; i < literal.size(); ++i)
        if ((static_cast<unsigned char>(literal[i]) & 0xC0) != 0x80) starts.push_back(i);
    if (starts.size() < 3) return "";
    starts.push_back(literal.size());
    std::size_t windows = starts.size() - 3;  // trigrams start at starts[0 .. windows-1]
    std::set<std::string> seen;
    std::string out;
    // A long literal uses trigrams spread over its length, the first and last included.
    std::size_t used = std::min(windows, kMaxTrigrams);
    for (std::size_t k = 0; k < used; ++k) {
        std::size_t w = used == 1 ? 0 : k * (windows - 1) / (used - 1);
        auto trigram = std::string(literal.substr(starts[w], starts[w + 3] - starts[w]));
        if (!seen.insert(lower(trigram)).second) continue;
        if (!out.empty()) out += " AND ";
        out += '"';
        for (char c : trigram) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += '"';
    }
    return out;
}

core::Result<Results> Service::search(const auth::Actor& actor, const std::string& text, const std::optional<std::string>& repo,
                                      std::int64_t page) {
    auto start = Clock::now();
    auto query = parse(text);
    if (!query) return tl::unexpected(query.error());
    auto matcher = Matcher::compile(*query);
    if (!matcher) return tl::unexpected(matcher.error());

    // The repositories searched: readable, and as repo:/-repo: and the page's scope say.
    std::set<std::string> repos;
    for (const auto& r : repos_.readable(actor)) {
        auto id = lower(r.id);
        if (repo && r.id != *repo) continue;
        if (!query->repos.empty() && std::none_of(query->repos.begin(), query->repos.end(), [&](const auto& x) { return lower(x) == id; }))
            continue;
        if (std::any_of(query->excluded_repos.begin(), query->excluded_repos.end(), [&](const auto& x) { return lower(x) == id; })) continue;
        repos.insert(r.id);
    }

    // Candidates: the documents holding every term's trigrams; without any, every document.
    std::optional<std::vector<std::int64_t>> candidates;
    for (const auto& term : query->terms) {
        if (term.negated) continue;
        std::optional<std::vector<std::int64_t>> docs;
        if (term.kind == Term::Kind::literal) {
            if (auto expr = trigram_expression(term.text); !expr.empty()) docs = index_.docs_matching(expr);
        } else {
            docs = regex_candidates(index_, term.text, query->case_sensitive);
        }
        if (docs) candidates = candidates ? intersect(*candidates, *docs) : std::move(*docs);
    }
    Results results;
    if (!candidates) {
        results.scanned = true;
        candidates = index_.docs_of({repos.begin(), repos.end()});
    }

    std::map<std::string, std::string> commits;  // repository → indexed commit
    std::int64_t skip = (std::max<std::int64_t>(page, 1) - 1) * kPerPage;
    for (auto doc : *candidates) {
        auto elapsed = Clock::now() - start;
        bool page_full = results.files >= skip + kPerPage + 1;
        if (results.scanned && elapsed > kScanBudget) {
            results.partial = true;
            results.complete = false;
            break;
        }
        if (page_full && elapsed > kCountBudget) {
            results.complete = false;
            break;
        }
        std::vector<File> files;
        for (auto& f : index_.files_of(doc))
            if (repos.count(f.repo_id) && path_passes(*query, f.path)) files.push_back(std::move(f));
        if (files.empty()) continue;
        auto content = index_.text(doc);
        if (!content) continue;
        auto lines = matcher->match(*content);
        if (lines.empty()) continue;
        for (auto& f : files) {
            ++results.files;
            results.lines += static_cast<std::int64_t>(lines.size());
            if (results.files <= skip || results.files > skip + kPerPage) continue;
            auto& commit = commits[f.repo_id];
            if (commit.empty())
                if (auto state = index_.state(f.repo_id)) commit = state->commit;
            results.hits.push_back({std::move(f), commit, *content, lines});
        }
    }
    results.more = results.files > skip + kPerPage;
    results.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return results;
}

}  // namespace search

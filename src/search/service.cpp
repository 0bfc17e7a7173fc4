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

// A search reads documents for at most this long; what it found by then is the answer, marked
// incomplete (and partial when even the page could not be filled).
constexpr auto kBudget = std::chrono::milliseconds(1500);
constexpr std::size_t kMaxTrigrams = 24;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// The FTS5 expression a regex's matches must satisfy, or "" when nothing narrows it. RE2's
// FilteredRE2 reduces the regex to an AND/OR of literals of three or more characters ("atoms")
// that matches must contain, as Google Code Search and zoekt do. The atoms without which the
// condition fails are all required: their trigrams are ANDed. When none is required alone, a
// match holds at least one atom: their expressions are ORed. Either way a superset of the
// matching documents, which RE2 then checks.
std::string regex_expression(const std::string& pattern, bool case_sensitive) {
    re2::FilteredRE2 filter(3);
    RE2::Options options(RE2::Quiet);
    options.set_case_sensitive(case_sensitive);
    int id = 0;
    if (filter.Add(pattern, options, &id) != RE2::NoError) return "";
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    std::vector<int> passed;
    filter.AllPotentials({}, &passed);
    if (!passed.empty() || atoms.empty()) return "";  // holds without any atom
    std::vector<std::string> exprs;
    for (const auto& atom : atoms) {
        exprs.push_back(trigram_expression(atom));
        if (exprs.back().empty()) return "";
    }
    std::vector<int> all(atoms.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
    std::string required, any;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        std::vector<int> others = all;
        others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
        passed.clear();
        filter.AllPotentials(others, &passed);
        if (passed.empty()) required += (required.empty() ? "(" : " AND (") + exprs[i] + ")";
        any += (any.empty() ? "(" : " OR (") + exprs[i] + ")";
    }
    return required.empty() ? any : required;
}

// The documents to check, in ascending order, read from the index a chunk at a time so that a
// query whose first page fills early reads little: those matching an FTS5 expression, or (for
// a query nothing narrows) a given list.
class Candidates {
public:
    Candidates(Index& index, std::string expression) : index_(index), expression_(std::move(expression)) {}
    explicit Candidates(Index& index, std::vector<std::int64_t> all) : index_(index), chunk_(std::move(all)), done_(true) {}

    std::optional<std::int64_t> next() {
        if (at_ == chunk_.size()) {
            if (done_) return std::nullopt;
            chunk_ = index_.docs_matching(expression_, after_, kChunk);
            at_ = 0;
            done_ = chunk_.size() < kChunk;
            if (chunk_.empty()) return std::nullopt;
            after_ = chunk_.back();
        }
        return chunk_[at_++];
    }

private:
    static constexpr std::size_t kChunk = 256;
    Index& index_;
    std::string expression_;
    std::vector<std::int64_t> chunk_;
    std::size_t at_ = 0;
    std::int64_t after_ = 0;
    bool done_ = false;
};

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
                                      std::int64_t page, Counting counting) {
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
    std::string expression;
    for (const auto& term : query->terms) {
        if (term.negated) continue;
        auto expr = term.kind == Term::Kind::literal ? trigram_expression(term.text) : regex_expression(term.text, query->case_sensitive);
        if (!expr.empty()) expression += (expression.empty() ? "(" : " AND (") + expr + ")";
    }
    Results results;
    results.scanned = expression.empty();
    auto candidates = results.scanned ? Candidates(index_, index_.docs_of({repos.begin(), repos.end()})) : Candidates(index_, expression);

    std::map<std::string, std::string> commits;  // repository → indexed commit
    std::int64_t skip = (std::max<std::int64_t>(page, 1) - 1) * kPerPage;
    while (auto doc = candidates.next()) {
        bool page_full = results.files > skip + kPerPage;  // and one more: a next page exists
        if (page_full && counting == Counting::page) {
            results.complete = false;
            break;
        }
        if (Clock::now() - start > kBudget) {
            results.complete = false;
            results.partial = !page_full;
            break;
        }
        std::vector<File> files;
        for (auto& f : index_.files_of(*doc))
            if (repos.count(f.repo_id) && path_passes(*query, f.path)) files.push_back(std::move(f));
        if (files.empty()) continue;
        auto content = index_.text(*doc);
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

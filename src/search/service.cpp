#include "search/service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "auth/actor.hpp"
#include "core/text.hpp"
#include "repos/service.hpp"

namespace search {
namespace {

using Clock = std::chrono::steady_clock;

// A search reads documents for at most this long; what it found by then is the answer, marked
// incomplete (and partial when even the page could not be filled).
constexpr auto kBudget = std::chrono::milliseconds(1500);

std::vector<std::string> ids_of(const std::map<std::string, std::string>& repos) {
    std::vector<std::string> out;
    for (const auto& [id, name] : repos) out.push_back(id);
    return out;
}
constexpr std::size_t kMaxTrigrams = 4;

// How rare a character is in source code: its rank in this list of printable ASCII, most
// common first (measured over curl, git, redis and vim); anything else counts as rarer still.
int rarity_of(char c) {
    static constexpr std::string_view kByFrequency =
        " etsiranolcdmfuphg_\"0-b,|.)(yvw*'=kx:/#;1&\\>2+5<%{}3[]4$z6@7j8q~9!`?^";
    auto at = kByFrequency.find(c);
    return at == std::string_view::npos ? static_cast<int>(kByFrequency.size()) : static_cast<int>(at);
}

using core::lowercase;

// The FTS5 expression a regex's matches must satisfy (its required atoms' trigrams ANDed, or
// else any atom's), or "" when nothing narrows it: a superset of the matching documents, which
// RE2 then checks.
std::string regex_expression(const std::string& pattern, bool case_sensitive) {
    auto filter = prefilter(pattern, case_sensitive);
    const auto& atoms = filter.required.empty() ? filter.any : filter.required;
    std::string out;
    for (const auto& atom : atoms) {
        auto expr = trigram_expression(atom);  // "" for fewer than three characters (three bytes of UTF-8)
        if (expr.empty() && filter.required.empty()) return "";  // then any atom cannot be said
        if (expr.empty()) continue;                              // a required one can be left out
        out += (out.empty() ? "(" : filter.required.empty() ? " OR (" : " AND (") + expr + ")";
    }
    return out;
}

// The documents to check, in ascending order, read from the index a chunk at a time (small
// first, then larger) so that a query whose first page fills early reads little: those matching
// an FTS5 expression, or (for a query nothing narrows) a given list.
class Candidates {
public:
    Candidates(Index& index, std::string expression) : index_(index), expression_(std::move(expression)) {}
    Candidates(Index& index, std::vector<std::int64_t> all) : index_(index), all_(std::move(all)), listed_(true) {}

    const Index::Doc* next() {
        while (at_ == chunk_.size()) {
            if (done_) return nullptr;
            std::vector<std::int64_t> ids;
            if (listed_) {
                auto end = std::min(all_.size(), listed_at_ + size_);
                ids.assign(all_.begin() + static_cast<std::ptrdiff_t>(listed_at_), all_.begin() + static_cast<std::ptrdiff_t>(end));
                listed_at_ = end;
                done_ = end == all_.size();
            } else {
                ids = index_.docs_matching(expression_, after_, size_);
                done_ = ids.size() < size_;
                if (!ids.empty()) after_ = ids.back();
            }
            chunk_ = index_.docs(ids);
            at_ = 0;
            size_ = std::min<std::size_t>(size_ * 2, 512);
        }
        return &chunk_[at_++];
    }

private:
    Index& index_;
    std::string expression_;
    std::vector<std::int64_t> all_;
    bool listed_ = false;
    std::size_t listed_at_ = 0;
    std::vector<Index::Doc> chunk_;
    std::size_t at_ = 0, size_ = 32;
    std::int64_t after_ = 0;
    bool done_ = false;
};

// The lines of a hit worth keeping: the matching ones (kLinesKept at most) and a line each side
// of the first kLinesInContext.
std::map<std::int64_t, std::string> excerpt(std::string_view text, const std::vector<LineMatch>& lines) {
    std::map<std::int64_t, std::string> out;
    auto line_of = [&](std::size_t begin) {
        auto end = text.find('\n', begin);
        return std::string(text.substr(begin, (end == std::string_view::npos ? text.size() : end) - begin));
    };
    for (std::size_t i = 0; i < lines.size() && i < kLinesKept; ++i) {
        const auto& l = lines[i];
        out[l.number] = std::string(text.substr(l.begin, l.end - l.begin));
        if (i >= kLinesInContext) continue;
        if (l.number > 1 && !out.count(l.number - 1)) {
            std::size_t newline = l.begin - 1;  // ends the line before
            auto earlier = newline == 0 ? std::string_view::npos : text.rfind('\n', newline - 1);
            out[l.number - 1] = line_of(earlier == std::string_view::npos ? 0 : earlier + 1);
        }
        if (l.end < text.size() && l.end + 1 < text.size() && !out.count(l.number + 1)) out[l.number + 1] = line_of(l.end + 1);
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
    struct Trigram {
        std::size_t at;
        std::string text;
        int rarity;
    };
    std::vector<Trigram> trigrams;
    std::set<std::string> seen;
    for (std::size_t w = 0; w + 3 < starts.size(); ++w) {
        auto text = std::string(literal.substr(starts[w], starts[w + 3] - starts[w]));
        if (!seen.insert(lowercase(text)).second) continue;
        int rarity = 0;
        for (char c : lowercase(text)) rarity += rarity_of(c);
        trigrams.push_back({w, text, rarity});
    }
    // The index reads every document list it is given in full: the rarest few trigrams narrow
    // as well as all of them, at a fraction of the reading.
    if (trigrams.size() > kMaxTrigrams) {
        std::stable_sort(trigrams.begin(), trigrams.end(), [](const Trigram& a, const Trigram& b) { return a.rarity > b.rarity; });
        trigrams.resize(kMaxTrigrams);
        std::sort(trigrams.begin(), trigrams.end(), [](const Trigram& a, const Trigram& b) { return a.at < b.at; });
    }
    std::string out;
    for (const auto& t : trigrams) {
        if (!out.empty()) out += " AND ";
        out += '"';
        for (char c : t.text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
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

    // The repositories searched: readable, and as repo:/-repo: (owner/name, or a name) and the
    // page's scope say. By id, with the name each is shown by.
    std::map<std::string, std::string> repos;
    for (const auto& r : repos_.readable(actor)) {
        if (repo && r.id != *repo) continue;
        auto full = lowercase(r.full_name()), name = lowercase(r.name);
        auto names = [&](const std::string& x) { return lowercase(x) == full || lowercase(x) == name; };
        if (!query->repos.empty() && std::none_of(query->repos.begin(), query->repos.end(), names)) continue;
        if (std::any_of(query->excluded_repos.begin(), query->excluded_repos.end(), names)) continue;
        repos.emplace(r.id, r.full_name());
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
    auto candidates = results.scanned ? Candidates(index_, index_.docs_of(ids_of(repos))) : Candidates(index_, expression);

    Index::Reader reader(index_);
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
        for (const auto& f : doc->files)
            if (repos.count(f.repo_id) && path_passes(*query, f.path)) files.push_back(f);
        if (files.empty()) continue;
        thread_local std::string content;  // reused: texts of a megabyte are read per search
        if (!reader.read(doc->id, content)) continue;
        auto lines = matcher->match(content);
        if (lines.empty()) continue;
        for (auto& f : files) {
            ++results.files;
            results.lines += static_cast<std::int64_t>(lines.size());
            if (results.files <= skip || results.files > skip + kPerPage) continue;
            auto& commit = commits[f.repo_id];
            if (commit.empty())
                if (auto state = index_.state(f.repo_id)) commit = state->commit;
            auto name = repos.at(f.repo_id);
            results.hits.push_back({std::move(f), std::move(name), commit, lines, excerpt(content, lines)});
        }
    }
    results.more = results.files > skip + kPerPage;
    results.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return results;
}

}  // namespace search

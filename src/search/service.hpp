#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "search/index.hpp"
#include "search/matcher.hpp"

namespace auth {
struct Actor;
}
namespace repos {
class Service;
}

namespace search {

constexpr std::size_t kLinesKept = 1000;    //!< matching lines kept per file
constexpr std::size_t kLinesInContext = 10;  //!< the first matching lines kept with a line each side

//! One matching file of a result page.
struct Hit {
    File file;
    std::string repo;    //!< the file's repository as owner/name
    std::string commit;  //!< the indexed commit the file was read at (for links to it)
    std::vector<LineMatch> lines;  //!< every matching line
    std::map<std::int64_t, std::string> text;  //!< by number: the kept lines and their context
};

struct Results {
    std::vector<Hit> hits;    //!< this page, in index order
    std::int64_t files = 0;   //!< matching files counted
    std::int64_t lines = 0;   //!< their matching lines
    bool complete = true;     //!< false: more files may match than were counted ("at least")
    bool scanned = false;     //!< nothing narrowed the query: files were read one by one
    bool partial = false;     //!< the time budget ran out before the page was full
    bool more = false;        //!< a next page exists
    double elapsed_ms = 0;
};

//! How far a search counts: to the end of its page (and one file more, to know whether a next
//! page exists), or every match within the time budget.
enum class Counting { page, exact };

constexpr std::int64_t kPerPage = 20;

//! Searches the indexed default branches of the repositories the actor can read (only those:
//! no other repository adds results, counts or work), or of one repository.
class Service {
public:
    Service(Index& index, repos::Service& repos) : index_(index), repos_(repos) {}

    core::Result<Results> search(const auth::Actor& actor, const std::string& query, const std::optional<std::string>& repo,
                                 std::int64_t page, Counting counting);

private:
    Index& index_;
    repos::Service& repos_;
};

//! The FTS5 expression that narrows a literal to the documents holding all its trigrams
//! ("abc" AND "bcd" …), or "" when it is shorter than three characters.
std::string trigram_expression(std::string_view literal);

}  // namespace search

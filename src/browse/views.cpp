#include "browse/views.hpp"

#include "core/config.hpp"
#include "http/render.hpp"
#include "http/request.hpp"

namespace browse::views {

void fill_entries(const http::Request& req, ctemplate::TemplateDictionary& page, const store::Location& at,
                  const std::vector<store::Entry>& entries) {
    auto& list = *page.AddIncludeDictionary("ENTRIES");
    list.SetFilename("browse/entries.tpl");
    std::string base = req.config->prefix + "/repos/" + req.repo->id + "/files/" + http::percent_encode(at.ref) + "/";
    for (const auto& e : entries) {
        auto* row = list.AddSectionDictionary("ENTRY");
        row->SetValue("NAME", e.name);
        row->SetValue("URL", base + http::percent_encode(at.path.empty() ? e.name : at.path + "/" + e.name));
        http::show_if(*row, e.kind == store::Entry::Kind::tree        ? "IS_TREE"
                            : e.kind == store::Entry::Kind::submodule ? "IS_SUBMODULE"
                                                                      : "IS_FILE",
                      true);
    }
}

}  // namespace browse::views

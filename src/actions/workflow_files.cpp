#include "actions/workflow.hpp"

#include "browse/store.hpp"

namespace actions {

std::vector<WorkflowFile> load_workflows(const std::filesystem::path& git_dir, const std::string& commit) {
    std::vector<WorkflowFile> out;
    auto repo = browse::store::Repository::open(git_dir);
    if (!repo) return out;
    for (const char* folder : kWorkflowFolders) {
        auto entries = browse::store::tree(*repo, {commit, commit, folder});
        if (!entries) continue;
        for (const auto& entry : *entries) {
            if (entry.kind != browse::store::Entry::Kind::blob || !(entry.name.ends_with(".yml") || entry.name.ends_with(".yaml"))) continue;
            std::string path = std::string(folder) + "/" + entry.name;
            auto file = browse::store::blob(*repo, {commit, commit, path}, 1 << 20);
            if (!file || file->binary || file->size > (1 << 20)) {
                out.push_back({path, "", tl::unexpected(ParseError{path, 0, "Not a text file of at most 1 MB."})});
                continue;
            }
            out.push_back({path, file->content, parse_workflow(path, file->content)});
        }
    }
    return out;
}

}  // namespace actions

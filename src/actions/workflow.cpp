#include "actions/workflow.hpp"

#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>
#include <sstream>

#include "actions/cron.hpp"
#include "actions/expression.hpp"

namespace actions {
namespace {

constexpr std::size_t kMaxJobs = 256;  // GitHub's limit on the jobs of one run, matrix cells included
constexpr double kMaxMinutes = 7200;   // five days, GitHub's limit for a self-hosted runner's job
// What a file may expand to through its aliases: every node costs this much plus its text.
// A 1 MB file without aliases stays well below; nested aliases that would make gigabytes do not.
constexpr std::size_t kMaxExpanded = std::size_t(16) << 20;
constexpr std::size_t kNodeCost = 16;

// Thrown while reading and turned into the ParseError the caller gets.
struct Invalid {
    int line;
    std::string message;
};

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

[[noreturn]] void invalid(const YAML::Node& node, std::string message) { throw Invalid{line_of(node), std::move(message)}; }

// yaml-cpp shares an aliased node rather than copying it, but everything that reads the tree
// (to_json, the matrix, env maps) walks each alias again: 300 bytes of nested aliases expand to
// gigabytes, and an alias inside the node it names makes a cycle. The expanded size is counted
// from the parser's events before the tree is built, each alias adding the size of what it
// names; an alias to a node still open is refused.
class ExpandedSize : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, 0); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        // An alias inside the very node it names would make the tree a cycle (yaml-cpp builds one).
        if (std::any_of(open_.begin(), open_.end(), [&](const auto& o) { return o.first == anchor; }))
            throw Invalid{mark.line + 1, "A YAML alias (*name) refers to the node that holds it."};
        add(mark, sizes_[anchor]);
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
        leaf(mark, anchor, value.size());
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    void add(const YAML::Mark& mark, std::size_t cost) {
        total_ += cost;  // each cost is at most the budget, so this cannot wrap
        if (total_ > kMaxExpanded)
            throw Invalid{mark.line + 1, "The workflow expands to more than " + std::to_string(kMaxExpanded >> 20) +
                                             " MB through its aliases (*name); write it out instead."};
    }
    void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t bytes) {
        add(mark, kNodeCost + bytes);
        if (anchor) sizes_[anchor] = kNodeCost + bytes;
    }
    void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
        add(mark, kNodeCost);
        open_.emplace_back(anchor, total_ - kNodeCost);
    }
    void close() {
        auto [anchor, start] = open_.back();
        open_.pop_back();
        if (anchor) sizes_[anchor] = total_ - start;
    }

    std::size_t total_ = 0;
    std::map<YAML::anchor_t, std::size_t> sizes_;
    std::vector<std::pair<YAML::anchor_t, std::size_t>> open_;  // collections being read: anchor, total at their start
};

void check_expanded_size(const std::string& text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    ExpandedSize size;
    while (parser.HandleNextDocument(size)) {
    }
}

// Every expression of a part of the workflow parses: `if:` values as conditions, any other
// text holding ${{ }} as interpolations.
void check_expressions(const YAML::Node& node, bool condition = false) {
    if (node.IsScalar()) {
        auto valid = condition ? expr::check_condition(node.Scalar()) : expr::check(node.Scalar());
        if (!valid) invalid(node, valid.error().message);
    } else if (node.IsSequence()) {
        for (const auto& item : node) check_expressions(item);
    } else if (node.IsMap()) {
        for (const auto& item : node) check_expressions(item.second, item.first.IsScalar() && item.first.Scalar() == "if");
    }
}

std::string scalar(const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar()) invalid(node, what + " must be a single value.");
    return node.Scalar();
}

// A YAML value as JSON, reading plain scalars as YAML 1.2's core schema does (numbers, true,
// false, null); quoted scalars stay strings.
nlohmann::json to_json(const YAML::Node& node) {
    if (node.IsNull()) return nullptr;
    if (node.IsSequence()) {
        auto out = nlohmann::json::array();
        for (const auto& item : node) out.push_back(to_json(item));
        return out;
    }
    if (node.IsMap()) {
        auto out = nlohmann::json::object();
        for (const auto& item : node) out[item.first.Scalar()] = to_json(item.second);
        return out;
    }
    const auto& text = node.Scalar();
    if (node.Tag() == "!") return text;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    if (text == "null" || text == "~") return nullptr;
    if (RE2::FullMatch(text, R"([-+]?[0-9]+)")) {
        std::int64_t n = 0;
        const char* begin = text.data() + (text.front() == '+');
        if (auto [end, ec] = std::from_chars(begin, text.data() + text.size(), n); ec == std::errc{}) return n;
        // Past 64 bits it is read as a float, as YAML's core schema reads any number.
    }
    if (RE2::FullMatch(text, R"([-+]?([0-9]*\.[0-9]+|[0-9]+\.?[0-9]*)([eE][-+]?[0-9]+)?)")) return std::strtod(text.c_str(), nullptr);
    return text;
}

// A value as the text an expression or the environment sees it: strings as they are, other
// JSON as JSON.
std::string text_of(const YAML::Node& node) {
    if (node.IsScalar()) return node.Scalar();
    return to_json(node).dump();
}

std::map<std::string, std::string> string_map(const YAML::Node& node, const std::string& what) {
    std::map<std::string, std::string> out;
    if (!node) return out;
    if (!node.IsMap()) invalid(node, what + " must be a map of names to values.");
    for (const auto& item : node) out[item.first.Scalar()] = text_of(item.second);
    return out;
}

std::vector<std::string> string_list(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (!node) return out;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) invalid(node, what + " must be a name or a list of names.");
    for (const auto& item : node) out.push_back(scalar(item, what));
    return out;
}

std::optional<double> minutes(const YAML::Node& node, const std::string& what) {
    if (!node) return std::nullopt;
    auto value = to_json(node);
    if (!value.is_number() || !(value.get<double>() > 0) || value.get<double>() > kMaxMinutes)
        invalid(node, what + " must be a positive number of minutes, at most " + std::to_string(static_cast<int>(kMaxMinutes)) + " (five days).");
    return value.get<double>();
}

// `continue-on-error`: true, false or an expression.
std::string flag_or_expression(const YAML::Node& node) { return node ? text_of(node) : "false"; }

// GitHub's filter patterns as RE2: * within a path segment, ** across, ? and + repeat the
// character before, [...] a class; everything else literal.
std::string pattern_regex(const std::string& glob) {
    std::string out;
    for (std::size_t i = 0; i < glob.size(); ++i) {
        char c = glob[i];
        if (c == '*' && i + 1 < glob.size() && glob[i + 1] == '*') {
            out += ".*";
            ++i;
        } else if (c == '*') {
            out += "[^/]*";
        } else if (c == '?' || c == '+') {
            out += c;
        } else if (c == '[') {
            auto close = glob.find(']', i);
            if (close == std::string::npos) {
                out += "\\[";
            } else {
                out += glob.substr(i, close - i + 1);
                i = close;
            }
        } else {
            out += RE2::QuoteMeta(std::string(1, c));
        }
    }
    return out;
}

bool glob_matches(const std::string& pattern, const std::string& name) {
    RE2 re(pattern_regex(pattern), RE2::Quiet);
    return re.ok() && RE2::FullMatch(name, re);
}

void read_filter(const YAML::Node& trigger, const char* key, Filter& filter) {
    auto include = trigger[key], ignore = trigger[std::string(key) + "-ignore"];
    if (include && ignore) invalid(trigger, std::string(key) + " and " + key + "-ignore cannot both filter one event.");
    if (include) filter.include = string_list(include, key);
    if (ignore) filter.ignore = string_list(ignore, std::string(key) + "-ignore");
    filter.present = include || ignore;
}

PushTrigger read_push(const YAML::Node& node) {
    PushTrigger out;
    if (!node || node.IsNull()) return out;
    if (!node.IsMap()) invalid(node, "A push or pull_request trigger takes branches, tags and paths filters.");
    read_filter(node, "branches", out.branches);
    read_filter(node, "tags", out.tags);
    read_filter(node, "paths", out.paths);
    return out;
}

std::vector<DispatchInput> read_inputs(const YAML::Node& node) {
    std::vector<DispatchInput> out;
    if (!node || node.IsNull() || !node["inputs"]) return out;
    auto inputs = node["inputs"];
    if (!inputs.IsMap()) invalid(inputs, "workflow_dispatch inputs must be a map of names to their settings.");
    for (const auto& item : inputs) {
        DispatchInput input;
        input.name = item.first.Scalar();
        const auto& spec = item.second;
        if (spec && spec.IsMap()) {
            if (spec["description"]) input.description = text_of(spec["description"]);
            if (spec["type"]) input.type = text_of(spec["type"]);
            if (spec["default"]) input.default_value = text_of(spec["default"]);
            input.required = spec["required"] && to_json(spec["required"]) == true;
            input.options = string_list(spec["options"], "options");
        }
        if (input.type != "string" && input.type != "boolean" && input.type != "choice" && input.type != "number" && input.type != "environment")
            invalid(spec, "Input " + input.name + " has type " + input.type + "; use string, boolean, choice or number.");
        if (input.type == "choice" && input.options.empty()) invalid(spec, "Choice input " + input.name + " needs options.");
        out.push_back(std::move(input));
    }
    return out;
}

Triggers read_triggers(const YAML::Node& node) {
    if (!node) throw Invalid{1, "The workflow has no `on:` saying when it runs."};
    std::map<std::string, YAML::Node> events;
    if (node.IsScalar()) {
        events[node.Scalar()] = YAML::Node();
    } else if (node.IsSequence()) {
        for (const auto& item : node) events[scalar(item, "An event")] = YAML::Node();
    } else if (node.IsMap()) {
        for (const auto& item : node) events[item.first.Scalar()] = item.second;
    } else {
        invalid(node, "`on:` names events: push, pull_request, schedule, workflow_dispatch.");
    }
    Triggers out;
    for (const auto& [event, spec] : events) {
        if (event == "push") out.push = read_push(spec);
        else if (event == "pull_request") out.pull_request = read_push(spec);
        else if (event == "workflow_dispatch") out.workflow_dispatch = read_inputs(spec);
        else if (event == "schedule") {
            if (!spec || !spec.IsSequence()) invalid(node, "schedule is a list of `- cron: \"…\"` entries.");
            for (const auto& item : spec) {
                if (!item.IsMap() || !item["cron"]) invalid(item, "Each schedule entry needs a cron: expression.");
                auto cron = scalar(item["cron"], "cron");
                if (auto valid = Cron::parse(cron); !valid) invalid(item["cron"], valid.error().message);
                out.schedules.push_back(cron);
            }
        }
    }
    if (!out.push && !out.pull_request && out.schedules.empty() && !out.workflow_dispatch)
        invalid(node, "None of the events in `on:` runs here; use push, pull_request, schedule or workflow_dispatch.");
    return out;
}

bool cell_has(const MatrixCell& cell, const MatrixCell& part) {
    return std::all_of(part.begin(), part.end(), [&](const auto& kv) {
        auto it = cell.find(kv.first);
        return it != cell.end() && it->second == kv.second;
    });
}

MatrixCell cell_of(const YAML::Node& node, const std::string& what) {
    if (!node.IsMap()) invalid(node, what + " entries are maps of matrix variables to values.");
    MatrixCell out;
    for (const auto& item : node) out[item.first.Scalar()] = to_json(item.second).dump();
    return out;
}

// GitHub's expansion: the product of the variables, minus each exclude (a partial match), then
// each include added to every combination whose original values it does not change, or as a
// combination of its own when it fits none.
Strategy read_strategy(const YAML::Node& node) {
    Strategy out;
    if (node["fail-fast"]) out.fail_fast = to_json(node["fail-fast"]) != false;
    if (node["max-parallel"]) {
        auto max = to_json(node["max-parallel"]);
        if (!max.is_number_integer() || max.get<std::int64_t>() < 1) invalid(node["max-parallel"], "max-parallel must be a whole number from 1.");
        out.max_parallel = static_cast<int>(std::min<std::int64_t>(max.get<std::int64_t>(), kMaxJobs));
    }
    auto matrix = node["matrix"];
    if (!matrix) return out;
    if (!matrix.IsMap()) invalid(matrix, "strategy.matrix must be a map of variables to lists of values.");
    std::vector<MatrixCell> cells{MatrixCell{}};
    std::set<std::string> original;
    for (const auto& item : matrix) {
        auto key = item.first.Scalar();
        if (key == "include" || key == "exclude") continue;
        if (!item.second.IsSequence() || item.second.size() == 0) invalid(item.second, "Matrix variable " + key + " needs a non-empty list of values.");
        original.insert(key);
        std::vector<MatrixCell> next;
        for (const auto& cell : cells)
            for (const auto& value : item.second) {
                auto grown = cell;
                grown[key] = to_json(value).dump();
                next.push_back(std::move(grown));
                if (next.size() > kMaxJobs) invalid(matrix, "The matrix makes more than 256 jobs.");
            }
        cells = std::move(next);
    }
    if (original.empty()) cells.clear();
    if (auto exclude = matrix["exclude"]) {
        if (!exclude.IsSequence()) invalid(exclude, "exclude is a list of combinations.");
        for (const auto& entry : exclude) {
            auto part = cell_of(entry, "exclude");
            cells.erase(std::remove_if(cells.begin(), cells.end(), [&](const MatrixCell& c) { return cell_has(c, part); }), cells.end());
        }
    }
    if (auto include = matrix["include"]) {
        if (!include.IsSequence()) invalid(include, "include is a list of combinations.");
        auto base = cells.size();
        for (const auto& entry : include) {
            auto extra = cell_of(entry, "include");
            bool added = false;
            for (std::size_t i = 0; i < base; ++i) {
                bool keeps = std::all_of(extra.begin(), extra.end(), [&](const auto& kv) {
                    auto it = cells[i].find(kv.first);
                    return !original.count(kv.first) || it == cells[i].end() || it->second == kv.second;
                });
                if (!keeps) continue;
                for (const auto& [k, v] : extra) cells[i][k] = v;
                added = true;
            }
            if (!added) cells.push_back(extra);
        }
    }
    if (cells.empty()) invalid(matrix, "The matrix makes no job: every combination was excluded.");
    if (cells.size() > kMaxJobs) invalid(matrix, "The matrix makes more than 256 jobs.");
    out.cells = std::move(cells);
    return out;
}

void read_concurrency(const YAML::Node& node, std::string& group, bool& cancel) {
    if (!node) return;
    if (node.IsScalar()) {
        group = node.Scalar();
        return;
    }
    if (!node.IsMap() || !node["group"]) invalid(node, "concurrency is a group name, or a map with group and cancel-in-progress.");
    group = text_of(node["group"]);
    cancel = node["cancel-in-progress"] && to_json(node["cancel-in-progress"]) == true;
}

void read_defaults(const YAML::Node& node, std::string& shell, std::string& directory) {
    if (!node || !node["run"]) return;
    auto run = node["run"];
    if (run["shell"]) shell = text_of(run["shell"]);
    if (run["working-directory"]) directory = text_of(run["working-directory"]);
}

Step read_step(const YAML::Node& node, std::size_t index) {
    if (!node.IsMap()) invalid(node, "Step " + std::to_string(index + 1) + " must be a map with run: or uses:.");
    Step step;
    step.line = line_of(node);
    if (node["id"]) step.id = scalar(node["id"], "A step id");
    if (node["name"]) step.name = text_of(node["name"]);
    if (node["run"]) step.run = text_of(node["run"]);
    if (node["uses"]) step.uses = scalar(node["uses"], "uses");
    if (step.run.empty() == step.uses.empty())
        invalid(node, "Step " + std::to_string(index + 1) + " needs either run: or uses:, not " + (step.run.empty() ? "neither." : "both."));
    step.with = string_map(node["with"], "with");
    step.env = string_map(node["env"], "env");
    if (node["shell"]) step.shell = text_of(node["shell"]);
    if (node["working-directory"]) step.working_directory = text_of(node["working-directory"]);
    if (node["if"]) step.condition = text_of(node["if"]);
    step.timeout_minutes = minutes(node["timeout-minutes"], "timeout-minutes");
    step.continue_on_error = flag_or_expression(node["continue-on-error"]);
    if (!step.id.empty() && !RE2::FullMatch(step.id, "[A-Za-z_][A-Za-z0-9_-]*"))
        invalid(node["id"], "Step id " + step.id + " must start with a letter or _ and hold only letters, digits, - and _.");
    return step;
}

Job read_job(const std::string& id, const YAML::Node& node) {
    if (!node.IsMap()) invalid(node, "Job " + id + " must be a map.");
    Job job;
    job.id = id;
    job.line = line_of(node);
    job.name = node["name"] ? text_of(node["name"]) : id;
    if (!node["runs-on"]) invalid(node, "Job " + id + " needs runs-on: a runner label such as ubuntu-latest.");
    auto labels = string_list(node["runs-on"], "runs-on");
    if (labels.empty()) invalid(node["runs-on"], "Job " + id + " needs a runs-on label.");
    for (const auto& label : labels) job.runs_on += (job.runs_on.empty() ? "" : ",") + label;
    if (auto container = node["container"]) {
        job.image = container.IsScalar() ? container.Scalar() : container["image"] ? text_of(container["image"]) : "";
        // `options: --network bridge` (docker create's flag) is how a job asks for a network.
        auto options = container.IsMap() && container["options"] ? text_of(container["options"]) : "";
        static const RE2 network(R"((?:^|\s)--net(?:work)?(?:=|\s+)(\S+))");
        std::string mode;
        job.network = RE2::PartialMatch(options, network, &mode) && mode != "none";
    }
    job.needs = string_list(node["needs"], "needs");
    if (node["if"]) job.condition = text_of(node["if"]);
    job.env = string_map(node["env"], "env");
    job.outputs = string_map(node["outputs"], "outputs");
    if (node["strategy"]) job.strategy = read_strategy(node["strategy"]);
    job.timeout_minutes = minutes(node["timeout-minutes"], "timeout-minutes");
    job.continue_on_error = flag_or_expression(node["continue-on-error"]);
    read_defaults(node["defaults"], job.default_shell, job.default_working_directory);
    read_concurrency(node["concurrency"], job.concurrency_group, job.cancel_in_progress);
    auto steps = node["steps"];
    if (!steps || !steps.IsSequence() || steps.size() == 0) invalid(node, "Job " + id + " has no steps.");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        job.steps.push_back(read_step(steps[i], i));
        const auto& step_id = job.steps.back().id;
        if (!step_id.empty() && !ids.insert(step_id).second) invalid(steps[i], "Two steps of job " + id + " have the id " + step_id + ".");
    }
    return job;
}

// The jobs in an order that puts each after the jobs it needs (file order otherwise); an unknown
// need or a cycle is an error at the job that has it.
std::vector<Job> in_dependency_order(std::vector<Job> jobs, const YAML::Node& node) {
    std::map<std::string, const Job*> by_id;
    for (const auto& j : jobs) by_id[j.id] = &j;
    for (const auto& j : jobs)
        for (const auto& need : j.needs)
            if (!by_id.count(need)) throw Invalid{j.line, "Job " + j.id + " needs " + need + ", which is not a job of this workflow."};
    std::vector<Job> out;
    std::set<std::string> placed;
    while (out.size() < jobs.size()) {
        bool progress = false;
        for (auto& j : jobs) {
            if (placed.count(j.id)) continue;
            if (!std::all_of(j.needs.begin(), j.needs.end(), [&](const auto& n) { return placed.count(n) > 0; })) continue;
            placed.insert(j.id);
            out.push_back(j);
            progress = true;
        }
        if (!progress) {
            std::string cycle;
            int line = 0;
            for (const auto& j : jobs)
                if (!placed.count(j.id)) {
                    cycle += (cycle.empty() ? "" : ", ") + j.id;
                    if (!line) line = j.line;
                }
            throw Invalid{line ? line : line_of(node), "The needs of jobs " + cycle + " form a cycle."};
        }
    }
    return out;
}

}  // namespace

bool Filter::passes(const std::string& name) const {
    if (!ignore.empty()) return std::none_of(ignore.begin(), ignore.end(), [&](const auto& p) { return glob_matches(p, name); });
    if (include.empty()) return true;
    bool in = false;
    for (const auto& p : include) {
        if (!p.empty() && p.front() == '!') {
            if (glob_matches(p.substr(1), name)) in = false;
        } else if (glob_matches(p, name)) {
            in = true;
        }
    }
    return in;
}

namespace {

bool any_path_passes(const Filter& paths, const std::vector<std::string>& changed) {
    return !paths.present || std::any_of(changed.begin(), changed.end(), [&](const std::string& p) { return paths.passes(p); });
}

}  // namespace

bool Triggers::runs_on_push(const std::string& ref, const std::vector<std::string>& changed) const {
    if (!push) return false;
    if (ref.starts_with("refs/tags/")) {
        if (push->branches.present && !push->tags.present) return false;
        return push->tags.passes(ref.substr(10));
    }
    if (!ref.starts_with("refs/heads/")) return false;
    if (push->tags.present && !push->branches.present) return false;
    return push->branches.passes(ref.substr(11)) && any_path_passes(push->paths, changed);
}

bool Triggers::runs_on_pull_request(const std::string& base, const std::vector<std::string>& changed) const {
    return pull_request && pull_request->branches.passes(base) && any_path_passes(pull_request->paths, changed);
}

std::string ParseError::text() const { return file + (line ? ":" + std::to_string(line) : "") + ": " + message; }

tl::expected<Workflow, ParseError> parse_workflow(const std::string& file, const std::string& text) {
    Workflow wf;
    wf.file = file;
    try {
        check_expanded_size(text);
        auto root = YAML::Load(text);
        if (!root.IsMap()) throw Invalid{1, "A workflow is a map with on: and jobs:."};
        for (const char* part : {"jobs", "env", "concurrency", "run-name"})
            if (root[part]) check_expressions(root[part]);
        wf.name = root["name"] ? text_of(root["name"]) : file;
        wf.on = read_triggers(root["on"]);
        wf.env = string_map(root["env"], "env");
        read_defaults(root["defaults"], wf.default_shell, wf.default_working_directory);
        read_concurrency(root["concurrency"], wf.concurrency_group, wf.cancel_in_progress);
        auto jobs = root["jobs"];
        if (!jobs || !jobs.IsMap() || jobs.size() == 0) throw Invalid{line_of(root), "The workflow has no jobs."};
        std::vector<Job> read;
        std::size_t runs = 0;  // the jobs the run will hold, a matrix's cells each
        for (const auto& item : jobs) {
            auto id = item.first.Scalar();
            if (!RE2::FullMatch(id, "[A-Za-z_][A-Za-z0-9_-]*"))
                invalid(item.first, "Job id " + id + " must start with a letter or _ and hold only letters, digits, - and _.");
            read.push_back(read_job(id, item.second));
            runs += read.back().strategy && !read.back().strategy->cells.empty() ? read.back().strategy->cells.size() : 1;
            if (runs > kMaxJobs)
                invalid(item.first, "The workflow makes more than " + std::to_string(kMaxJobs) + " jobs, matrix cells included; a run holds at most " +
                                        std::to_string(kMaxJobs) + ".");
        }
        wf.jobs = in_dependency_order(std::move(read), jobs);
    } catch (const Invalid& e) {
        return tl::unexpected(ParseError{file, e.line, e.message});
    } catch (const YAML::Exception& e) {
        return tl::unexpected(ParseError{file, e.mark.line >= 0 ? e.mark.line + 1 : 0, "Not valid YAML: " + e.msg});
    } catch (const std::exception& e) {
        // Whatever else goes wrong reading a file is that file's error, never the server's.
        return tl::unexpected(ParseError{file, 0, std::string("The workflow could not be read: ") + e.what()});
    }
    return wf;
}

}  // namespace actions

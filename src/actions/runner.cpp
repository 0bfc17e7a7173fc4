#include "actions/runner.hpp"

#include <re2/re2.h>

#include <set>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "actions/logs.hpp"
#include "actions/tar.hpp"
#include "core/crypto.hpp"
#include "core/files.hpp"
#include "core/glob.hpp"

namespace actions {
namespace {

using Clock = std::chrono::steady_clock;

// The container's main process: runs step N when /skyscape/in/N.go appears, reporting through
// its output; ends when /skyscape/in/end appears instead.
constexpr const char* kAgent = R"SH(until [ -e /skyscape/in/attached ]; do echo ::skyscape-hello::; sleep 0.05; done
n=1
while :; do
  while [ ! -e /skyscape/in/$n.go ] && [ ! -e /skyscape/in/end ]; do sleep 0.02; done
  [ -e /skyscape/in/$n.go ] || exit 0
  : > /skyscape/out/$n.output; : > /skyscape/out/$n.env; : > /skyscape/out/$n.path
  echo "::skyscape-step::$n"
  ( cd "$(cat /skyscape/in/$n.dir)" || exit 1
    . /skyscape/in/$n.env
    export GITHUB_OUTPUT=/skyscape/out/$n.output GITHUB_ENV=/skyscape/out/$n.env GITHUB_PATH=/skyscape/out/$n.path
    exec $(cat /skyscape/in/$n.shell) /skyscape/in/$n.sh ) 2>&1
  rc=$?
  echo "::skyscape-files::$n"
  for f in output env path; do echo "::$f"; base64 /skyscape/out/$n.$f; done
  echo "::skyscape-end::$n::$rc"
  n=$((n+1))
done
)SH";

std::string shell_quoted(const std::string& value) {
    std::string out = "'";
    for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}


// GITHUB_OUTPUT / GITHUB_ENV: name=value lines, and name<<DELIMITER … DELIMITER for many lines.
std::map<std::string, std::string> name_values(const std::string& text) {
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (auto heredoc = line.find("<<"); heredoc != std::string::npos && (line.find('=') == std::string::npos || line.find('=') > heredoc)) {
            auto name = line.substr(0, heredoc), delimiter = line.substr(heredoc + 2);
            std::string value, next;
            bool first = true;
            while (std::getline(in, next) && next != delimiter) {
                value += (first ? "" : "\n") + next;
                first = false;
            }
            out[name] = value;
        } else if (auto eq = line.find('='); eq != std::string::npos) {
            out[line.substr(0, eq)] = line.substr(eq + 1);
        }
    }
    return out;
}

// Every secret in text replaced by ***; a secret of many lines is masked line by line too, so a
// log line holding one of its lines is masked as well.
std::string masked(std::string text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        std::istringstream lines(secret);
        std::vector<std::string> parts{secret};
        for (std::string part; std::getline(lines, part);)
            if (part.size() > 2 && part != secret) parts.push_back(part);
        for (const auto& part : parts)
            for (auto at = text.find(part); !part.empty() && at != std::string::npos; at = text.find(part, at + 3)) text.replace(at, part.size(), "***");
    }
    return text;
}

// What a step may write to each of GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH, as GitHub limits
// outputs; the rest is not read.
constexpr std::size_t kMaxStepFile = 1 << 20;

// What the agent's output says, read line by line as it arrives. A log line is masked whole,
// so a secret split across writes is masked too.
struct Progress {
    std::mutex mutex;
    std::condition_variable changed;
    std::string partial;  // an unfinished line
    int step = 0;         // the step whose output is being read (the agent's number)
    std::string file;     // "output", "env" or "path" while their base64 comes
    std::map<int, std::size_t> index_of;  // the agent's step number → its index in the job
    std::vector<StepResult>* results = nullptr;
    std::map<int, std::string> logs;
    std::map<int, std::map<std::string, std::string>> files;  // step → its GITHUB_OUTPUT, _ENV, _PATH (base64)
    std::map<int, std::set<std::string>> oversized;             // those files that passed their limit
    std::map<int, int> ended;  // step → exit code
    std::vector<std::string> secrets;
    std::size_t logged = 0, limit = 0;
    JobObserver* observer = nullptr;
    bool attached = false;  // a hello came through the live stream: nothing the agent writes is lost
    bool closed = false;

    // A line of step `index`'s log, kept and passed on until the job's log is full, counted as
    // it is stored (its time in front), so a flood of empty lines is no larger on disk.
    void log(int number, std::size_t index, const std::string& text) {
        if (logged > limit) return;
        logged += kStampBytes + text.size() + 1;
        std::string line = logged > limit ? "The log is over its limit of " + std::to_string(limit >> 20) + " MB; the rest is not kept."
                                          : masked(text, secrets);
        logs[number] += line + "\n";
        if (observer) observer->step_line(index, line);
    }
    void line(const std::string& text) {
        if (text == "::skyscape-hello::") {
            attached = true;
        } else if (text.starts_with("::skyscape-step::")) {
            step = std::atoi(text.c_str() + 17);
            file.clear();
        } else if (text.starts_with("::skyscape-files::")) {
            file = "-";
        } else if (text.starts_with("::skyscape-end::")) {
            auto rest = text.substr(16);
            ended[std::atoi(rest.c_str())] = std::atoi(rest.substr(rest.find("::") + 2).c_str());
            file.clear();
        } else if (!file.empty() && (text == "::output" || text == "::env" || text == "::path")) {
            file = text.substr(2);
        } else if (!file.empty() && file != "-") {
            auto& kept = files[step][file];
            if (kept.size() + text.size() <= kMaxStepFile * 4 / 3 + 4096) kept += text;
            else oversized[step].insert(file);
        } else if (text.starts_with("::add-mask::")) {
            auto value = text.substr(12);
            if (!value.empty()) secrets.push_back(value);
        } else if (step > 0) {
            log(step, index_of[step], text);
        }
    }
    void feed(std::string_view chunk) {
        std::lock_guard lock(mutex);
        partial.append(chunk);
        for (auto nl = partial.find('\n'); nl != std::string::npos; nl = partial.find('\n')) {
            line(partial.substr(0, nl));
            partial.erase(0, nl + 1);
        }
        if (partial.size() > 64 * 1024) {  // a line without end is cut, not held whole
            line(partial);
            partial.clear();
        }
        changed.notify_all();
    }
};

// A path pattern of upload-artifact or hashFiles (minimatch: `*` within a folder, `**` across),
// compiled once for the many paths it is tried on. A folder named without wildcards holds
// what is under it.
class PathPattern {
public:
    explicit PathPattern(const std::string& pattern)
        : folder_(pattern.find_first_of("*?") == std::string::npos ? pattern + "/" : ""), re_(core::glob_regex(pattern), RE2::Quiet) {}
    bool matches(const std::string& path) const {
        return folder_ == "/" || (!folder_.empty() && path.starts_with(folder_)) || RE2::FullMatch(path, re_);
    }

private:
    std::string folder_;
    RE2 re_;
};

// A pattern relative to /workspace: "dist/*.js", "./out", "/workspace/x" (other absolute paths
// are not reachable from the artifact store).
std::optional<std::string> workspace_relative(std::string pattern) {
    if (pattern.starts_with("/workspace/")) pattern = pattern.substr(11);
    else if (pattern == "/workspace") pattern = "";
    else if (pattern.starts_with("/")) return std::nullopt;
    while (pattern.starts_with("./")) pattern = pattern.substr(2);
    while (pattern.ends_with('/')) pattern.pop_back();
    if (pattern == "." ) pattern = "";
    if (pattern.find("..") != std::string::npos) return std::nullopt;
    return pattern;
}

// A small archive in memory, put into the sandbox at /.
core::Status put_files(const Sandbox& sandbox, const std::string& id, const std::vector<TarEntry>& entries) {
    std::istringstream tar(make_tar(entries));
    return sandbox.put_archive(id, "/", tar);
}

// Where a fetched archive's entries are in the workspace: entries are named from the fetched
// path's last segment ("workspace/…" for the workspace itself, "dist/…" for /workspace/dist).
struct Fetched {
    std::string base;  // below /workspace; "" for the workspace itself
    std::optional<std::string> workspace_path(const std::string& entry) const {
        if (base.empty()) {
            auto slash = entry.find('/');
            if (slash == std::string::npos) return std::nullopt;
            return entry.substr(slash + 1);
        }
        auto parent = base.find('/') == std::string::npos ? std::string() : base.substr(0, base.rfind('/') + 1);
        return parent + entry;
    }
};

// A file of a fetched archive that upload-artifact keeps.
struct Chosen {
    std::size_t archive = 0;
    std::uint64_t size = 0;
    unsigned mode = 0644;
};

core::Result<std::string> upload_artifact(const Sandbox& sandbox, const std::string& id, const std::map<std::string, std::string>& with,
                                          ArtifactStore* store, const std::filesystem::path& scratch) {
    using core::Errc;
    if (!store) return core::fail(Errc::internal, "Artifacts cannot be stored for this job.");
    auto get = [&with](const char* key, std::string fallback) {
        auto it = with.find(key);
        return it == with.end() || it->second.empty() ? fallback : it->second;
    };
    std::string name = get("name", "artifact");
    if (auto valid = check_artifact_name(name); !valid) return tl::unexpected(valid.error());
    std::vector<std::string> include, exclude;
    std::istringstream lines(get("path", ""));
    for (std::string line; std::getline(lines, line);) {
        auto first = line.find_first_not_of(" \t"), last = line.find_last_not_of(" \t\r");
        if (first == std::string::npos) continue;
        line = line.substr(first, last - first + 1);
        bool negated = line.starts_with("!");
        auto relative = workspace_relative(negated ? line.substr(1) : line);
        if (!relative) return core::fail(Errc::invalid, "upload-artifact takes paths in the workspace: " + line);
        (negated ? exclude : include).push_back(*relative);
    }
    if (include.empty()) return core::fail(Errc::invalid, "upload-artifact needs a path.");
    std::vector<std::unique_ptr<PathPattern>> included, excluded;
    for (const auto& p : include) included.push_back(std::make_unique<PathPattern>(p));
    for (const auto& p : exclude) excluded.push_back(std::make_unique<PathPattern>(p));
    auto any = [](const auto& patterns, const std::string& path) {
        return std::any_of(patterns.begin(), patterns.end(), [&](const auto& p) { return p->matches(path); });
    };
    // Each pattern's folder before its first wildcard is fetched once, to a file of its own.
    std::vector<std::unique_ptr<core::TempFile>> archives;
    std::vector<Fetched> bases;
    std::map<std::string, Chosen> chosen;  // workspace path → where it is
    std::uint64_t bytes = 0;
    for (const auto& pattern : include) {
        auto wild = pattern.find_first_of("*?");
        auto literal = pattern.substr(0, wild);
        std::string base = wild == std::string::npos ? pattern : literal.substr(0, literal.rfind('/') == std::string::npos ? 0 : literal.rfind('/'));
        if (std::any_of(bases.begin(), bases.end(), [&](const Fetched& f) { return f.base == base; })) continue;
        auto file = std::make_unique<core::TempFile>(scratch);
        std::ofstream out(file->path(), std::ios::binary);
        if (file->path().empty() || !out) return core::fail(Errc::internal, "The server has no room for the job's files.");
        auto fetched = sandbox.get_archive(id, "/workspace" + (base.empty() ? "" : "/" + base), out, kFetchLimit);
        out.close();
        if (!fetched && fetched.error().code == Errc::not_found) continue;
        if (!fetched) return tl::unexpected(fetched.error());
        std::ifstream in(file->path(), std::ios::binary);
        TarReader tar(in);
        Fetched where{base};
        for (;;) {
            auto entry = tar.next();
            if (!entry) return core::fail(Errc::internal, "The sandbox's files could not be read: " + entry.error().message);
            if (!*entry) break;
            auto path = where.workspace_path((*entry)->path);
            if ((*entry)->kind != TarHeader::Kind::file || !path || chosen.count(*path)) continue;
            if (!any(included, *path) || any(excluded, *path)) continue;
            chosen[*path] = {archives.size(), (*entry)->size, (*entry)->mode ? (*entry)->mode : 0644};
            bytes += (*entry)->size;
            // Said as soon as it is known: the files are on disk, not in memory, but need not all be read.
            if (bytes > kArtifactLimit) return core::fail(Errc::too_large, "The artifact is over " + std::to_string(kArtifactLimit >> 20) + " MB.");
        }
        archives.push_back(std::move(file));
        bases.push_back(where);
    }
    if (chosen.empty()) {
        auto missing = get("if-no-files-found", "warn");
        if (missing == "error") return core::fail(Errc::invalid, "No files were found with the provided path.");
        return std::string(missing == "ignore" ? "" : "Warning: no files were found with the provided path; nothing was uploaded.");
    }
    // Stored relative to the folder all the files share, as GitHub does.
    std::string root = chosen.begin()->first;
    root = root.find('/') == std::string::npos ? "" : root.substr(0, root.rfind('/') + 1);
    for (const auto& [path, where] : chosen)
        while (!root.empty() && !path.starts_with(root)) {
            root.pop_back();
            root = root.substr(0, root.rfind('/') == std::string::npos ? 0 : root.rfind('/') + 1);
        }
    core::TempFile selected(scratch);
    std::ofstream out(selected.path(), std::ios::binary);
    TarWriter artifact(out);
    for (std::size_t i = 0; i < archives.size(); ++i) {
        std::ifstream in(archives[i]->path(), std::ios::binary);
        TarReader tar(in);
        while (auto entry = tar.next()) {
            if (!*entry) break;
            auto path = bases[i].workspace_path((*entry)->path);
            auto it = path ? chosen.find(*path) : chosen.end();
            if ((*entry)->kind != TarHeader::Kind::file || it == chosen.end() || it->second.archive != i) continue;
            artifact.file(path->substr(root.size()), (*entry)->size, it->second.mode, [&tar](char* data, std::size_t size) { return tar.read(data, size); });
        }
    }
    artifact.finish();
    out.close();
    if (!out) return core::fail(Errc::internal, "The server has no room for the artifact.");
    int days = std::atoi(get("retention-days", "0").c_str());
    return store->upload(name, selected.path(), days);
}

core::Result<std::string> download_artifact(const Sandbox& sandbox, const std::string& id, const std::map<std::string, std::string>& with,
                                            ArtifactStore* store, const std::filesystem::path& scratch) {
    using core::Errc;
    if (!store) return core::fail(Errc::internal, "Artifacts cannot be read by this job.");
    auto name = with.count("name") ? with.at("name") : "";
    auto target = workspace_relative(with.count("path") ? with.at("path") : "");
    if (!target) return core::fail(Errc::invalid, "download-artifact takes a path in the workspace.");
    std::string prefix = "workspace" + (target->empty() ? "" : "/" + *target);
    core::TempFile file(scratch);
    std::ofstream out(file.path(), std::ios::binary);
    TarWriter tar(out);
    auto count = store->download(name, prefix, tar);
    if (!count) return tl::unexpected(count.error());
    tar.finish();
    out.close();
    if (!out) return core::fail(Errc::internal, "The server has no room for the artifact.");
    std::ifstream in(file.path(), std::ios::binary);
    if (auto put = sandbox.put_archive(id, "/", in); !put) return tl::unexpected(put.error());
    return "Downloaded " + std::to_string(*count) + " files into /" + prefix + ".";
}

}  // namespace

bool wants_checkout(const Job& job) {
    return std::any_of(job.steps.begin(), job.steps.end(), [](const Step& s) { return s.uses.starts_with("actions/checkout@"); });
}

core::Status check_artifact_name(std::string_view name) {
    bool control = std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (name.empty() || name.size() > 255 || control || name.find_first_of("/\\:<>|*?\"") != std::string_view::npos)
        return core::fail(core::Errc::invalid, "An artifact's name is 1 to 255 characters without line breaks or / \\ : < > | * ? \".");
    return {};
}

JobResult run_job(const Sandbox& engine, JobRun run) {
    JobResult result;
    auto deadline = Clock::now() + run.timeout;
    auto stopped = [&run] { return run.cancelled && run.cancelled->load(); };
    auto labels = run.labels;
    labels["skyscape.job"] = run.job.id;
    auto made = engine.create({run.image, {"/bin/sh", "-c", kAgent}, {}, "/", run.limits, labels});
    if (!made) {
        result.conclusion = "failure";
        result.error = made.error().message;
        return result;
    }
    auto id = *made;
    // The folders the agent uses, made through the archive upload (the job itself may not create
    // anything in / without capabilities), then the checkout if the job asks for it.
    bool checkout = wants_checkout(run.job);
    // One upload: the folders' archive without its end marker (two zero blocks), then the checkout's.
    auto folders = make_tar({{"workspace", "", true}, {"skyscape", "", true}, {"skyscape/in", "", true}, {"skyscape/out", "", true}});
    auto upload = [&]() -> core::Status {
        if (checkout && !run.checkout.empty()) {
            std::ifstream files(run.checkout, std::ios::binary);
            if (!files) return core::fail(core::Errc::not_found, "The checkout is gone from the server's disk.");
            JoinedIn joined(folders.substr(0, folders.size() - 1024), files);
            std::istream in(&joined);
            return engine.put_archive(id, "/", in);
        }
        std::istringstream in(folders);
        return engine.put_archive(id, "/", in);
    };
    // Podman's copier now and then loses the child it untars with when several uploads run at
    // once ("passing bulk input to subprocess: broken pipe"); an upload into a container not yet
    // started can be repeated, so an engine's failure is tried twice more.
    auto ready = upload();
    for (int retry = 0; retry < 2 && !ready && ready.error().code == core::Errc::internal; ++retry) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        ready = upload();
    }
    if (ready) ready = engine.start(id);
    if (!ready) {
        engine.remove(id);
        result.conclusion = "failure";
        result.error = ready.error().message;
        return result;
    }
    Progress progress;
    progress.secrets = run.secrets;
    progress.limit = run.log_limit;
    progress.observer = run.observer;
    std::thread follower([&] {
        engine.follow_logs(id, [&](std::string_view chunk) { progress.feed(chunk); });
        std::lock_guard lock(progress.mutex);
        progress.closed = true;
        progress.changed.notify_all();
    });
    // The agent says hello until it is told that its output is followed: only then does it take
    // a step, so no line is written before the stream is there to carry it.
    bool attached = false;
    {
        std::unique_lock lock(progress.mutex);
        progress.changed.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::minutes(2)),
                                    [&] { return progress.attached || progress.closed; });
        attached = progress.attached;
    }
    if (!attached || !put_files(engine, id, {{"skyscape", "", true}, {"skyscape/in", "", true}, {"skyscape/in/attached", ""}})) {
        engine.remove(id);
        follower.join();
        result.conclusion = "failure";
        result.error = "The job's container started, but its output could not be followed.";
        return result;
    }

    // hashFiles('**/package-lock.json'): GitHub's hash, the SHA-256 of the matching files'
    // SHA-256 digests in path order, over the workspace as it is when the expression is read.
    run.context.hash_files = [&engine, &id, &run](const std::vector<std::string>& patterns) -> std::string {
        core::TempFile file(run.scratch);
        std::ofstream out(file.path(), std::ios::binary);
        if (!engine.get_archive(id, "/workspace", out, kFetchLimit)) return "";
        out.close();
        std::vector<std::pair<bool, std::unique_ptr<PathPattern>>> compiled;  // (negated, pattern), in order
        for (const auto& p : patterns) {
            bool negated = p.starts_with("!");
            if (auto relative = workspace_relative(negated ? p.substr(1) : p)) compiled.emplace_back(negated, std::make_unique<PathPattern>(*relative));
        }
        std::ifstream in(file.path(), std::ios::binary);
        TarReader tar(in);
        std::map<std::string, std::string> digests;  // path → its SHA-256, in path order
        while (auto entry = tar.next()) {
            if (!*entry) break;
            const auto& e = **entry;
            auto slash = e.path.find('/');  // "workspace/…"
            if (e.kind != TarHeader::Kind::file || slash == std::string::npos) continue;
            auto path = e.path.substr(slash + 1);
            bool in = false;
            for (const auto& [negated, pattern] : compiled)
                if (pattern->matches(path)) in = !negated;
            if (!in) continue;
            core::crypto::Sha256 hash;
            char buffer[64 * 1024];
            for (std::size_t n; (n = tar.read(buffer, sizeof buffer)) > 0;) hash.update({buffer, n});
            digests[path] = hash.digest();
        }
        if (digests.empty()) return "";
        std::string all;
        for (const auto& [path, digest] : digests) all += digest;
        return core::crypto::sha256_hex(all);
    };
    std::map<std::string, std::string> env = run.env;  // the runner's, the workflow's, the job's, and what steps added
    auto workflow_env = run.context.values.value("env", expr::json::object());
    for (const auto& [k, v] : workflow_env.items()) env[k] = expr::to_text(v);
    auto& ctx = run.context;
    for (const auto& [k, v] : run.job.env)
        if (auto value = expr::interpolate(v, ctx)) env[k] = *value;
    std::string path_prefix;
    expr::json steps_ctx = expr::json::object();
    bool failed = false, timed_out = false, cancelled = false, halted = false;
    int number = 0;  // the steps handed to the agent, which counts them the same way
    for (std::size_t index = 0; index < run.job.steps.size(); ++index) {
        const auto& step = run.job.steps[index];
        StepResult out;
        out.name = !step.name.empty() ? step.name : !step.run.empty() ? "Run " + step.run.substr(0, step.run.find('\n')) : step.uses;
        ctx.status = failed ? "failure" : "success";
        ctx.values["env"] = env;
        ctx.values["steps"] = steps_ctx;
        auto holds = expr::condition(step.condition, ctx);
        auto say = [&](const std::string& text) {  // a line of ours in the step's log
            std::lock_guard lock(progress.mutex);
            progress.log(0, index, text);
            out.log += progress.logs[0];
            progress.logs.erase(0);
        };
        auto finish = [&](const std::string& conclusion, int code) {
            out.conclusion = conclusion;
            out.exit_code = code;
            if (!step.id.empty()) steps_ctx[step.id] = {{"outputs", out.outputs}, {"outcome", conclusion}, {"conclusion", conclusion}};
            bool keep_going = step.continue_on_error == "true";
            if (conclusion == "failure" && !keep_going) failed = true;
            if (run.observer) run.observer->step_finished(index, out);
            result.steps.push_back(out);
        };
        if (halted || stopped()) {  // the rest of a job that ended early
            cancelled = cancelled || stopped();
            halted = true;
            finish(cancelled ? "cancelled" : "skipped", 0);
            continue;
        }
        if (run.observer) run.observer->step_started(index);
        if (!holds) {
            say(holds.error().message);
            finish("failure", 1);
            continue;
        }
        if (!*holds) {
            finish("skipped", 0);
            continue;
        }
        if (!step.uses.empty()) {
            auto action = step.uses.substr(0, step.uses.find('@'));
            std::map<std::string, std::string> with;
            for (const auto& [k, v] : step.with) with[k] = expr::interpolate(v, ctx).value_or(v);
            core::Result<std::string> done = core::fail(core::Errc::invalid, "uses: " + step.uses +
                                                                                  " is not supported here; only actions/checkout, "
                                                                                  "actions/upload-artifact and actions/download-artifact are built in.");
            if (action == "actions/checkout") done = std::string("The commit's files are in /workspace.");
            else if (action == "actions/upload-artifact") done = upload_artifact(engine, id, with, run.artifacts, run.scratch);
            else if (action == "actions/download-artifact") done = download_artifact(engine, id, with, run.artifacts, run.scratch);
            std::istringstream lines(done ? *done : done.error().message);
            for (std::string line; std::getline(lines, line);) say(line);
            finish(done ? "success" : "failure", done ? 0 : 1);
            continue;
        }
        auto script = expr::interpolate(step.run, ctx);
        std::string env_file;
        for (const auto& [k, v] : env) env_file += "export " + k + "=" + shell_quoted(v) + "\n";
        for (const auto& [k, v] : step.env)
            if (auto value = expr::interpolate(v, ctx)) env_file += "export " + k + "=" + shell_quoted(*value) + "\n";
        if (!path_prefix.empty()) env_file += "export PATH=" + shell_quoted(path_prefix) + ":\"$PATH\"\n";
        if (!script) {
            say(script.error().message);
            finish("failure", 1);
            continue;
        }
        std::string shell = !step.shell.empty() ? step.shell : !run.job.default_shell.empty() ? run.job.default_shell : "sh";
        shell = shell == "bash" ? "bash --noprofile --norc -eo pipefail" : shell == "sh" ? "sh -e" : shell;
        std::string dir = !step.working_directory.empty() ? step.working_directory : !run.job.default_working_directory.empty() ? run.job.default_working_directory : "";
        dir = dir.empty() ? "/workspace" : dir.front() == '/' ? dir : "/workspace/" + dir;
        auto n = std::to_string(++number);
        {
            std::lock_guard lock(progress.mutex);
            progress.index_of[number] = index;
        }
        auto sent = put_files(engine, id, {{"skyscape", "", true}, {"skyscape/in", "", true}, {"skyscape/in/" + n + ".sh", *script},
                                           {"skyscape/in/" + n + ".env", env_file}, {"skyscape/in/" + n + ".dir", dir},
                                           {"skyscape/in/" + n + ".shell", shell}, {"skyscape/in/" + n + ".go", ""}});
        if (!sent) {  // the agent would wait for this step until the job's timeout
            say(sent.error().message);
            finish("failure", -1);
            halted = true;
            continue;
        }
        auto step_deadline = step.timeout_minutes ? std::min(deadline, Clock::now() + std::chrono::milliseconds(static_cast<long long>(*step.timeout_minutes * 60000)))
                                                  : deadline;
        std::unique_lock lock(progress.mutex);
        // Woken by the agent's output; looks at the cancel flag a few times a second.
        while (!progress.ended.count(number) && !progress.closed && Clock::now() < step_deadline && !stopped())
            progress.changed.wait_until(lock, std::min(step_deadline, Clock::now() + std::chrono::milliseconds(100)));
        out.log = progress.logs[number];
        if (!progress.ended.count(number)) {  // the container cannot take another step
            timed_out = Clock::now() >= step_deadline;
            cancelled = !timed_out && stopped();
            progress.log(number, index, timed_out ? "The step ran out of time." : cancelled ? "The job was cancelled." : "The job's container stopped.");
            out.log = progress.logs[number];
            lock.unlock();
            finish(cancelled ? "cancelled" : "failure", -1);
            halted = true;
            continue;
        }
        int code = progress.ended[number];
        auto files = progress.files[number];
        for (const auto& name : progress.oversized[number]) {
            progress.log(number, index, std::string(name == "output" ? "GITHUB_OUTPUT" : name == "env" ? "GITHUB_ENV" : "GITHUB_PATH") +
                                            " is over 1 MB; it is not read.");
            files.erase(name);
        }
        out.log = progress.logs[number];
        lock.unlock();
        out.outputs = name_values(core::crypto::base64_decode(files["output"]).value_or(""));
        for (const auto& [k, v] : name_values(core::crypto::base64_decode(files["env"]).value_or(""))) env[k] = v;
        std::istringstream paths(core::crypto::base64_decode(files["path"]).value_or(""));
        for (std::string p; std::getline(paths, p);)
            if (!p.empty()) path_prefix = p + (path_prefix.empty() ? "" : ":" + path_prefix);
        finish(code == 0 ? "success" : "failure", code);
    }
    if (!halted) put_files(engine, id, {{"skyscape", "", true}, {"skyscape/in", "", true}, {"skyscape/in/end", ""}});
    engine.wait(id, halted ? std::chrono::milliseconds(1) : std::chrono::milliseconds(10000));
    engine.remove(id);
    follower.join();
    ctx.values["steps"] = steps_ctx;
    for (const auto& [name, value] : run.job.outputs)
        if (auto text = expr::interpolate(value, ctx)) result.outputs[name] = masked(*text, progress.secrets);
    result.conclusion = timed_out ? "timed_out" : cancelled ? "cancelled" : failed ? "failure" : "success";
    return result;
}

}  // namespace actions

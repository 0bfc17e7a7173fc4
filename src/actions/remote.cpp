#include "actions/remote.hpp"


namespace actions {

using expr::json;

json to_wire(const JobRun& job, const store::Run& run, const store::Job& row) {
    return {{"job_id", row.id},
            {"run_id", run.id},
            {"file", run.action_file},
            {"workflow", run.workflow},
            {"job_key", row.job_key},
            {"job_name", job.job.name},
            {"image", job.image},
            {"context", job.context.values},
            {"secrets", job.secrets},
            {"env", job.env},
            {"timeout_ms", job.timeout.count()},
            {"network", job.limits.network},
            {"log_bytes", job.limits.log_bytes},
            {"log_limit", job.log_limit}};
}

core::Result<WireJob> from_wire(const json& wire) {
    auto bad = [](const std::string& why) { return core::fail(core::Errc::internal, "The server sent a job this runner cannot read: " + why); };
    try {
        WireJob out;
        out.job_id = wire.at("job_id").get<std::int64_t>();
        out.run_id = wire.at("run_id").get<std::int64_t>();
        auto wf = parse_workflow(wire.at("file").get<std::string>(), wire.at("workflow").get<std::string>());
        if (!wf) return bad(wf.error().text());
        auto key = wire.at("job_key").get<std::string>();
        auto def = std::find_if(wf->jobs.begin(), wf->jobs.end(), [&](const Job& j) { return j.id == key; });
        if (def == wf->jobs.end()) return bad("no job " + key);
        out.run.job = *def;
        out.run.job.name = wire.at("job_name").get<std::string>();
        out.run.image = wire.at("image").get<std::string>();
        out.run.context.values = wire.at("context");
        out.run.secrets = wire.at("secrets").get<std::vector<std::string>>();
        out.run.env = wire.at("env").get<std::map<std::string, std::string>>();
        out.run.timeout = std::chrono::milliseconds(wire.at("timeout_ms").get<std::int64_t>());
        out.run.limits.network = wire.at("network").get<bool>();
        out.run.limits.log_bytes = wire.at("log_bytes").get<std::int64_t>();
        out.run.log_limit = wire.at("log_limit").get<std::size_t>();
        return out;
    } catch (const json::exception& e) {
        return bad(e.what());
    }
}

}  // namespace actions

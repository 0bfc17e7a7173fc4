#pragma once

#include <ctemplate/template.h>

#include <string>

#include "actions/store.hpp"
#include "http/response.hpp"

namespace http {
struct Request;
}

//! What the actions pages show, filled into their templates.
namespace actions {

class Artifacts;
struct ActionView;
struct UiAction;
class Logs;
class Secrets;

//! STATUS (the word), STATUS_ICON and STATUS_CLASS (a DaisyUI text colour) for a run, job or step.
void fill_status(ctemplate::TemplateDictionary& dict, const std::string& status);
//! "1m 23s"; "" when it has not started.
std::string duration(std::optional<std::int64_t> started, std::optional<std::int64_t> finished);

void fill_run_row(ctemplate::TemplateDictionary& row, const http::Request& req, const store::Run& run);
void fill_action_link(ctemplate::TemplateDictionary& dict, const http::Request& req, const ActionView& view);
void fill_filters(ctemplate::TemplateDictionary& dict, const store::RunFilter& filter);
void fill_create_form(ctemplate::TemplateDictionary& dict, const std::string& full_name, const UiAction& form, const std::string& error);
//! The action's header: name, file, triggers, jobs, the Run form with its inputs.
void fill_action(ctemplate::TemplateDictionary& dict, const http::Request& req, const ActionView& view);
//! The run page: its header, the job graph and every job's section.
void fill_run(ctemplate::TemplateDictionary& dict, const http::Request& req, db::Pool& pool, Logs& logs, Artifacts& artifacts,
              const store::Run& run);
//! One job's section (actions/job.tpl): its steps, each with its log.
void fill_job(ctemplate::TemplateDictionary& dict, const http::Request& req, db::Pool& pool, Logs& logs, const store::Run& run,
              const store::Job& job);
//! A run's logs as text (only one job's when only_job is set), each line with its time.
std::string run_text(db::Pool& pool, Logs& logs, const store::Run& run, std::int64_t only_job);

//! ARTIFACT rows (name, version, files, size, expiry, download link) of the run.
void fill_artifacts(ctemplate::TemplateDictionary& dict, const http::Request& req, Artifacts& artifacts, const store::Run& run);

struct Stats;
void fill_stats(ctemplate::TemplateDictionary& dict, const http::Request& req, const Stats& stats, int days);

http::Response secrets_page(http::Request& req, Secrets& secrets, const std::string& error, unsigned status);

}  // namespace actions

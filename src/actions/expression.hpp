#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

//! GitHub Actions expressions: `${{ github.ref == 'refs/heads/main' && success() }}`.
namespace actions::expr {

using nlohmann::json;

//! What an expression can see.
struct Context {
    json values = json::object();     //!< github, env, secrets, matrix, inputs, needs, steps, runner, job, vars
    std::string status = "success";  //!< of the job so far: success, failure or cancelled
    //! hashFiles(patterns…): the hash of the matching files of the workspace ("" for none).
    std::function<std::string(const std::vector<std::string>&)> hash_files;
};

//! Evaluates one expression (without its `${{ }}`): literals (null, true, false, numbers,
//! 'strings'), context names with .property, ['index'] and .* filters, ! < <= > >= == != && ||
//! with GitHub's coercions (strings compare ignoring case; && and || give an operand), and the
//! functions contains, startsWith, endsWith, format, join, toJSON, fromJSON, hashFiles,
//! success, failure, always, cancelled.
core::Result<json> evaluate(std::string_view expression, const Context& context);

//! A value as text, as GitHub writes it into a string: null "", booleans and numbers plainly,
//! arrays "Array" and objects "Object".
std::string to_text(const json& value);

//! Replaces every `${{ … }}` in text by its value as text.
core::Result<std::string> interpolate(std::string_view text, const Context& context);

//! An `if:` condition, with or without `${{ }}`. Unless it calls a status function (success,
//! failure, always, cancelled), it holds only while the job succeeds, as on GitHub.
core::Result<bool> condition(std::string_view text, const Context& context);

//! Whether every `${{ … }}` in text parses, without evaluating anything: a workflow's
//! expressions are checked when it is read, so a bad one fails the workflow, not a job later.
//! Expressions longer than 21,000 characters or nested more than 50 levels deep are refused
//! (GitHub's limits), here and by evaluate().
core::Status check(std::string_view text);
//! The same for an `if:` condition, with or without `${{ }}`.
core::Status check_condition(std::string_view text);

//! GitHub's truthiness: false, 0, -0, NaN, "" and null are false.
bool truthy(const json& value);

}  // namespace actions::expr

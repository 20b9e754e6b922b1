#pragma once
// One line of text per problem carried by core's errors, for stderr.
// (Formatted here rather than with the problems' to_string() members, which
// libchorus_core does not export.)
#include "chorus/instrument_json.hpp"
#include "chorus/response_import.hpp"
#include "chorus/response_validation.hpp"

#include <string>
#include <vector>

namespace chorus::cli {

// "cin.json: $.questions[3].options[1].code: duplicate option code \"agree\""
std::vector<std::string> describe(const std::vector<DefinitionProblem>& problems);
// "question \"listened\": is required"
std::vector<std::string> describe(const std::vector<AnswerProblem>& problems);
// "line 7, column listened: ..."
std::vector<std::string> describe(const std::vector<RowProblem>& problems);

} // namespace chorus::cli

#pragma once
// Answers given as JSON (`responses add --answers FILE`): an object from question
// key to answer, converted to chorus::Answer by each question's type. See
// docs/instrument-format.md, "Responses as JSON".
#include "chorus/instrument.hpp"
#include "chorus/response.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace chorus::cli {

// `source` names the input in messages, e.g. "answers.json: question \"count\":
// expected a whole number, got \"three\"". Throws Error (one problem) or
// ListedError (several); checks only what Answer cannot carry (JSON kinds and
// unknown keys): everything else is validate_response's job.
std::map<std::string, Answer> parse_answers(std::string_view json_text, const std::string& source,
                                            const Instrument& instrument);

std::map<std::string, Answer> read_answers_file(const std::filesystem::path& file,
                                                const Instrument& instrument);

} // namespace chorus::cli

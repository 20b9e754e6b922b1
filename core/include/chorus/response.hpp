#pragma once
// A response: one person's answers to one version of an instrument.
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace chorus {

// The value of one answer, by question type:
//   choice types (single, agree, faces, yes/no/na, rating) -> std::string option code
//   multiple_choice -> std::vector<std::string> option codes
//   integer -> std::int64_t; decimal -> double
//   date -> std::string "YYYY-MM-DD"; short_text, long_text -> std::string
// A question left blank has no entry in Response::answers.
using Answer = std::variant<std::string, std::vector<std::string>, std::int64_t, double>;

struct Response {
    std::string uuid;            // RFC 4122 v4, lower case
    std::string instrument_id;
    int instrument_version = 0;
    std::string captured_at;     // UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::string captured_by;     // the worker who captured it
    std::string team;            // team or locality
    std::string respondent_type; // one of respondent_type_names()
    std::map<std::string, Answer> answers;
};

} // namespace chorus

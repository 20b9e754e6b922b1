#pragma once
// Answer counts for one question across every stored version of an instrument
// (matched by question key and option code). Only complete responses count.
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chorus {

class Store;

struct StatsQuery {
    std::string instrument_id;
    std::string question_key;
    std::vector<std::string> excluded_codes; // left out of the base, e.g. {"na", "dont_know"}
    // Which responses count; "" = no restriction. Dates are inclusive "YYYY-MM-DD" days in England.
    std::string captured_from{};
    std::string captured_to{};
    std::string team{};
    std::string respondent_type{};
};

struct OptionCount {
    std::string code;
    std::string label;
    std::int64_t count = 0;
    double percent = 0; // unrounded: count / base * 100 (0 when base is 0)
};

struct NumericSummary {
    double min = 0, max = 0, mean = 0, median = 0;
};

struct QuestionStats {
    std::string instrument_id;
    std::string question_key;
    std::string question_label; // from the latest version containing the question
    QuestionType type = QuestionType::single_choice;
    std::int64_t responses = 0; // complete responses to versions that have the question
    std::int64_t blank = 0;     // of those, how many left it blank (always out of the base)
    std::int64_t base = 0;      // answers counted in percentages: respondents for multiple choice
    std::vector<std::pair<std::string, std::int64_t>> excluded; // code -> count, option order
    std::vector<OptionCount> options; // choice types, in option order; percent of base
    std::optional<NumericSummary> numeric; // integer and decimal questions with a base
};

// Throws Error when the instrument or question does not exist, when an excluded
// code is not an option of the question, or for a note question.
CHORUS_CORE_API QuestionStats compute_question_stats(Store& store, const StatsQuery& query);

// count/base*100 rounded half away from zero to `decimals` places, from the
// integers (so 12.5 is never 12.4999... first): format_percent(1, 8, 0) == "13".
// decimals: 0 to 6. Returns "-" when base is 0.
CHORUS_CORE_API std::string format_percent(std::int64_t count, std::int64_t base, int decimals);

} // namespace chorus

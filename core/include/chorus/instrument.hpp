#pragma once
// Instrument definitions: a survey or a log form, as loaded from its JSON file.
// A definition is identified by (id, version) and never changes once stored:
// a new wording or option list is a new version.
#include "chorus/export.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

enum class QuestionType {
    single_choice,   // one option from a list
    multiple_choice, // any number of options from a list
    agree_scale,     // Likert: strongly disagree .. strongly agree (options may be replaced)
    faces,           // 3 or 5 faces, for children
    yes_no_na,       // yes / no / not applicable
    rating_0_10,     // whole number 0..10, stored as option codes "0".."10"
    integer,
    decimal,
    date,            // calendar date, YYYY-MM-DD
    short_text,
    long_text,
    note,            // text shown to the respondent; takes no answer
};

struct Option {
    std::string code;  // stable identifier stored with answers, e.g. "agree"
    std::string label; // what the respondent sees
};

struct CHORUS_CORE_API Question {
    std::string key; // identifier unique in the instrument: [a-z][a-z0-9_]*
    QuestionType type = QuestionType::short_text;
    std::string label;
    std::string help;
    bool required = false;
    std::string relevant;        // condition (see relevance.hpp); empty = always shown
    std::vector<Option> options; // choice types; filled with defaults for scales
    int faces = 0;               // faces: 3 or 5
    std::optional<double> min;   // integer, decimal
    std::optional<double> max;
    int max_length = 0;          // text types; 0 = the type's default
    std::string min_label;       // rating_0_10 end labels, e.g. "Not at all"
    std::string max_label;

    const Option* find_option(std::string_view code) const;
};

struct CHORUS_CORE_API Instrument {
    std::string id; // e.g. "cin-family-feedback": [a-z0-9][a-z0-9_.-]*
    int version = 1;
    std::string title;
    std::string plugin;      // the plugin that contributes it; empty for files imported by hand
    std::string description;
    std::vector<std::string> respondent_types; // allowed respondent types; empty = any known type
    std::vector<Question> questions;

    const Question* find_question(std::string_view key) const;
};

CHORUS_CORE_API std::string_view to_string(QuestionType type);
CHORUS_CORE_API std::optional<QuestionType> question_type_from_string(std::string_view name);
CHORUS_CORE_API const std::vector<std::string_view>& question_type_names();

// Types whose answers are option codes (stored so they can be counted per option).
CHORUS_CORE_API bool is_choice_type(QuestionType type);
CHORUS_CORE_API int default_max_length(QuestionType type);

// The options a scale type gets when its definition gives none.
CHORUS_CORE_API std::vector<Option> default_options(QuestionType type, int faces);

// Names reserved for response metadata (CSV columns); no question may use them.
CHORUS_CORE_API const std::vector<std::string_view>& reserved_question_keys();

// Respondent types a response may record.
CHORUS_CORE_API const std::vector<std::string_view>& respondent_type_names();

} // namespace chorus

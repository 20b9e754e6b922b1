#include "chorus/instrument.hpp"

#include <algorithm>
#include <array>

namespace chorus {

namespace {

struct TypeName {
    QuestionType type;
    std::string_view name;
};

constexpr std::array<TypeName, 12> type_names{{
    {QuestionType::single_choice, "single_choice"},
    {QuestionType::multiple_choice, "multiple_choice"},
    {QuestionType::agree_scale, "agree_scale"},
    {QuestionType::faces, "faces"},
    {QuestionType::yes_no_na, "yes_no_na"},
    {QuestionType::rating_0_10, "rating_0_10"},
    {QuestionType::integer, "integer"},
    {QuestionType::decimal, "decimal"},
    {QuestionType::date, "date"},
    {QuestionType::short_text, "short_text"},
    {QuestionType::long_text, "long_text"},
    {QuestionType::note, "note"},
}};

} // namespace

const Option* Question::find_option(std::string_view code) const
{
    auto it = std::find_if(options.begin(), options.end(),
                           [&](const Option& option) { return option.code == code; });
    return it == options.end() ? nullptr : &*it;
}

const Question* Instrument::find_question(std::string_view key) const
{
    auto it = std::find_if(questions.begin(), questions.end(),
                           [&](const Question& question) { return question.key == key; });
    return it == questions.end() ? nullptr : &*it;
}

std::string_view to_string(QuestionType type)
{
    for (const auto& entry : type_names)
        if (entry.type == type)
            return entry.name;
    return "unknown";
}

std::optional<QuestionType> question_type_from_string(std::string_view name)
{
    for (const auto& entry : type_names)
        if (entry.name == name)
            return entry.type;
    return std::nullopt;
}

const std::vector<std::string_view>& question_type_names()
{
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> result;
        for (const auto& entry : type_names)
            result.push_back(entry.name);
        return result;
    }();
    return names;
}

bool is_choice_type(QuestionType type)
{
    switch (type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice:
    case QuestionType::agree_scale:
    case QuestionType::faces:
    case QuestionType::yes_no_na:
    case QuestionType::rating_0_10:
        return true;
    default:
        return false;
    }
}

int default_max_length(QuestionType type)
{
    switch (type) {
    case QuestionType::short_text:
        return 500;
    case QuestionType::long_text:
        return 10000;
    default:
        return 0;
    }
}

std::vector<Option> default_options(QuestionType type, int faces)
{
    switch (type) {
    case QuestionType::agree_scale:
        return {{"strongly_disagree", "Strongly disagree"},
                {"disagree", "Disagree"},
                {"neither", "Neither agree nor disagree"},
                {"agree", "Agree"},
                {"strongly_agree", "Strongly agree"}};
    case QuestionType::faces:
        if (faces == 3)
            return {{"sad", "Sad"}, {"ok", "OK"}, {"happy", "Happy"}};
        return {{"very_sad", "Very sad"}, {"sad", "Sad"}, {"ok", "OK"}, {"happy", "Happy"},
                {"very_happy", "Very happy"}};
    case QuestionType::yes_no_na:
        return {{"yes", "Yes"}, {"no", "No"}, {"na", "Not applicable"}};
    case QuestionType::rating_0_10: {
        std::vector<Option> options;
        for (int value = 0; value <= 10; ++value)
            options.push_back({std::to_string(value), std::to_string(value)});
        return options;
    }
    default:
        return {};
    }
}

const std::vector<std::string_view>& reserved_question_keys()
{
    static const std::vector<std::string_view> keys{"uuid", "captured_at", "captured_by", "team",
                                                    "respondent_type"};
    return keys;
}

const std::vector<std::string_view>& respondent_type_names()
{
    static const std::vector<std::string_view> names{
        "child", "young_person", "parent",  "carer", "foster_carer",
        "family_member", "professional", "staff", "partner", "other"};
    return names;
}

} // namespace chorus

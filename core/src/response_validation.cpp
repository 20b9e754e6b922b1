#include "chorus/response_validation.hpp"

#include "chorus/dates.hpp"
#include "chorus/relevance.hpp"
#include "chorus/uuid.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <cmath>

namespace chorus {

namespace {

// Code points in valid UTF-8, or nullopt when the bytes are not UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text)
{
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        if (lead < 0x80)
            extra = 0;
        else if ((lead >> 5) == 0x6)
            extra = 1;
        else if ((lead >> 4) == 0xe)
            extra = 2;
        else if ((lead >> 3) == 0x1e)
            extra = 3;
        else
            return std::nullopt;
        if (extra > text.size() - i - 1)
            return std::nullopt;
        for (std::size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2)
                return std::nullopt;
        i += extra + 1;
        ++count;
    }
    return count;
}

std::string option_list(const Question& question)
{
    std::vector<std::string_view> codes;
    for (const auto& option : question.options)
        codes.push_back(option.code);
    return join(codes, ", ");
}

std::string range_text(const Question& question)
{
    if (question.min && question.max)
        return "between " + format_number(*question.min) + " and " + format_number(*question.max);
    if (question.min)
        return "at least " + format_number(*question.min);
    return "at most " + format_number(*question.max);
}

bool is_blank(const Answer& answer)
{
    auto codes = std::get_if<std::vector<std::string>>(&answer);
    return codes && codes->empty();
}

// Type, option and range checks for one answer; messages never quote free text.
std::optional<std::string> check_value(const Question& question, const Answer& answer)
{
    switch (question.type) {
    case QuestionType::note:
        return "a note takes no answer";
    case QuestionType::single_choice:
    case QuestionType::agree_scale:
    case QuestionType::faces:
    case QuestionType::yes_no_na:
    case QuestionType::rating_0_10: {
        auto code = std::get_if<std::string>(&answer);
        if (!code)
            return "expected one option code";
        if (!question.find_option(*code))
            return "\"" + *code + "\" is not an option of this question (options: " + option_list(question) + ")";
        return std::nullopt;
    }
    case QuestionType::multiple_choice: {
        auto codes = std::get_if<std::vector<std::string>>(&answer);
        if (!codes)
            return "expected a list of option codes";
        for (auto code = codes->begin(); code != codes->end(); ++code) {
            if (!question.find_option(*code))
                return "\"" + *code + "\" is not an option of this question (options: " + option_list(question) + ")";
            if (std::find(codes->begin(), code, *code) != code) // a handful of options: no set needed
                return "\"" + *code + "\" is chosen twice";
        }
        return std::nullopt;
    }
    case QuestionType::integer:
    case QuestionType::decimal: {
        double value = 0;
        if (auto whole = std::get_if<std::int64_t>(&answer))
            value = static_cast<double>(*whole);
        else if (auto real = std::get_if<double>(&answer); real && question.type == QuestionType::decimal)
            value = *real;
        else
            return question.type == QuestionType::integer ? "expected a whole number" : "expected a number";
        if (!std::isfinite(value))
            return "expected a finite number";
        if ((question.min && value < *question.min) || (question.max && value > *question.max))
            return format_number(value) + " is out of range: the answer must be " + range_text(question);
        return std::nullopt;
    }
    case QuestionType::date: {
        auto text = std::get_if<std::string>(&answer);
        if (!text)
            return "expected a date (YYYY-MM-DD)";
        if (!is_valid_date(*text))
            return "\"" + *text + "\" is not a date in the form YYYY-MM-DD";
        return std::nullopt;
    }
    case QuestionType::short_text:
    case QuestionType::long_text: {
        auto text = std::get_if<std::string>(&answer);
        if (!text)
            return "expected text";
        auto length = utf8_length(*text);
        if (!length)
            return "the answer is not valid UTF-8 text";
        int limit = question.max_length > 0 ? question.max_length : default_max_length(question.type);
        if (*length > static_cast<std::size_t>(limit))
            return "the answer is " + std::to_string(*length) + " characters long; the limit is "
                 + std::to_string(limit);
        return std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace

struct ResponseValidator::Conditions {
    std::vector<std::optional<Condition>> by_question; // parallel to Instrument::questions
    // (key, question index) sorted by key, walked beside a response's answers (a std::map,
    // so sorted too): one pass matches every answer to its question, for bulk imports.
    std::vector<std::pair<std::string_view, std::size_t>> keys;
};

ResponseValidator::ResponseValidator(const Instrument& instrument)
    : instrument_(instrument), conditions_(std::make_unique<Conditions>())
{
    for (std::size_t i = 0; i < instrument.questions.size(); ++i) {
        const Question& question = instrument.questions[i];
        if (question.relevant.empty())
            conditions_->by_question.emplace_back();
        else
            conditions_->by_question.emplace_back(Condition::parse(question.relevant));
        conditions_->keys.emplace_back(question.key, i);
    }
    std::sort(conditions_->keys.begin(), conditions_->keys.end());
}

ResponseValidator::~ResponseValidator() = default;

std::vector<AnswerProblem> ResponseValidator::check(const Response& response, ValidationMode mode) const
{
    std::vector<AnswerProblem> problems;
    const Instrument& instrument = instrument_;
    auto version_name = [&] { return instrument.id + " version " + std::to_string(instrument.version); };

    if (response.instrument_id != instrument.id || response.instrument_version != instrument.version)
        problems.push_back({"", "the response is for " + response.instrument_id + " version "
                                    + std::to_string(response.instrument_version) + ", not " + version_name()});
    if (!is_uuid(response.uuid))
        problems.push_back({"", "the response id \"" + response.uuid + "\" is not a valid UUID"});
    if (!is_canonical_timestamp(response.captured_at))
        problems.push_back({"", "the capture time \"" + response.captured_at
                                    + "\" is not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ"});
    if (!response.respondent_type.empty()) {
        const auto& known = respondent_type_names();
        const auto& allowed = instrument.respondent_types;
        if (std::find(known.begin(), known.end(), response.respondent_type) == known.end())
            problems.push_back({"", "unknown respondent type \"" + response.respondent_type + "\"; expected one of "
                                        + join(known, ", ")});
        else if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), response.respondent_type) == allowed.end())
            problems.push_back({"", instrument.id + " is not answered by respondent type \"" + response.respondent_type
                                        + "\"; it is for " + join(allowed, ", ")});
    }
    // Each question's answer, or nullptr; both sequences are sorted by key.
    std::vector<const Answer*> answer_of(instrument.questions.size(), nullptr);
    auto key = conditions_->keys.begin();
    const auto keys_end = conditions_->keys.end();
    for (const auto& [answer_key, answer] : response.answers) {
        while (key != keys_end && key->first < answer_key)
            ++key;
        if (key != keys_end && key->first == answer_key)
            answer_of[key->second] = is_blank(answer) ? nullptr : &answer;
        else
            problems.push_back({answer_key, "there is no such question in " + version_name()});
    }

    // Questions are visited in order, so a condition sees only earlier questions
    // that were themselves shown.
    std::vector<bool> shown(instrument.questions.size(), false);
    auto lookup = [&](std::string_view name) -> const Answer* {
        for (std::size_t i = 0; i < instrument.questions.size(); ++i)
            if (instrument.questions[i].key == name)
                return shown[i] ? answer_of[i] : nullptr;
        return nullptr;
    };
    for (std::size_t i = 0; i < instrument.questions.size(); ++i) {
        const Question& question = instrument.questions[i];
        const auto& condition = conditions_->by_question[i];
        shown[i] = !condition || condition->evaluate(lookup);
        if (!answer_of[i]) {
            if (shown[i] && question.required && mode == ValidationMode::complete)
                problems.push_back({question.key, "an answer is required"});
            continue;
        }
        if (!shown[i]) {
            problems.push_back({question.key, "must be left blank: it is only asked when " + question.relevant});
            continue;
        }
        if (auto message = check_value(question, *answer_of[i]))
            problems.push_back({question.key, *message});
    }
    return problems;
}

std::vector<AnswerProblem> validate_response(const Instrument& instrument, const Response& response,
                                             ValidationMode mode)
{
    return ResponseValidator(instrument).check(response, mode);
}

InvalidResponse::InvalidResponse(const std::string& context, std::vector<AnswerProblem> problems)
    : Error([&] {
          std::string message = context + " is not valid";
          if (!problems.empty()) {
              const auto& first = problems.front();
              message += ": " + (first.question_key.empty() ? first.message
                                                            : "question \"" + first.question_key + "\": " + first.message);
              if (problems.size() > 1)
                  message += " (and " + std::to_string(problems.size() - 1) + " more problem"
                           + (problems.size() > 2 ? "s" : "") + ")";
          }
          return message;
      }()),
      problems_(std::move(problems))
{
}

} // namespace chorus

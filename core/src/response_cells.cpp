#include "response_cells.hpp"

#include "chorus/dates.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace chorus::cells {

namespace {

bool parse_integer(std::string_view text, std::int64_t& value, bool& too_large)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    too_large = error == std::errc::result_out_of_range;
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

bool parse_decimal(std::string_view text, double& value)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty() &&
           std::isfinite(value);
}

} // namespace

std::optional<std::string> read_timestamp(std::string_view value)
{
    if (auto at = normalise_timestamp(value))
        return at;
    const auto space = value.find(' ');
    auto date = normalise_date(value.substr(0, space));
    if (!date)
        return std::nullopt;
    if (space == std::string_view::npos)
        return normalise_timestamp(*date);
    const auto time = trim(value.substr(space + 1));
    const bool one_digit_hour = time.size() > 1 && time[1] == ':';
    return normalise_timestamp(*date + (one_digit_hour ? "T0" : "T") + std::string(time));
}

std::string convert(const Column& column, std::string_view value, Answer& answer, bool& answered,
                    std::string& scratch)
{
    const Question& question = *column.question;
    answered = true; // only a multiple choice can be blank
    switch (question.type) {
    case QuestionType::multiple_choice: {
        // Filled in place: the list and its strings left from an earlier row are reused.
        auto* held = std::get_if<std::vector<std::string>>(&answer);
        std::vector<std::string>& codes = held ? *held : answer.emplace<std::vector<std::string>>();
        std::size_t count = 0;
        std::string problem;
        for (std::string_view rest = value; !rest.empty() && problem.empty();) {
            auto split = rest.find(';');
            auto part = trim(rest.substr(0, split));
            rest = split == std::string_view::npos ? std::string_view{} : rest.substr(split + 1);
            if (part.empty())
                continue;
            const std::string* code = column.choices->find(part, scratch);
            const auto chosen_end = codes.begin() + static_cast<std::ptrdiff_t>(count);
            if (!code)
                problem = in_quotes(part) + " is not one of the options: " + column.choices->codes();
            else if (std::find(codes.begin(), chosen_end, *code) != chosen_end)
                problem = in_quotes(*code) + " is chosen more than once";
            else if (count < codes.size())
                codes[count++] = *code;
            else {
                codes.push_back(*code);
                ++count;
            }
        }
        codes.resize(count);
        if (!problem.empty()) {
            // Online tools join choices with ", " and their labels may hold commas.
            codes.clear();
            std::string joined = column.choices->match_joined(value, codes, scratch);
            if (!joined.empty())
                return value.find(';') == std::string_view::npos ? joined : problem;
        }
        answered = !codes.empty();
        return {};
    }
    case QuestionType::rating_0_10: {
        if (const std::string* code = column.choices->find(value, scratch)) {
            answer = *code;
            return {};
        }
        double number = 0; // spreadsheets may write 7 as "7.0"
        if (parse_decimal(value, number) && number >= 0 && number <= 10 &&
            number == std::floor(number)) {
            answer = std::to_string(static_cast<int>(number));
            return {};
        }
        return in_quotes(value) + " is not a whole number from 0 to 10";
    }
    case QuestionType::integer: {
        std::int64_t number = 0;
        bool too_large = false;
        if (parse_integer(value, number, too_large)) {
            answer = number;
            return {};
        }
        double whole = 0; // spreadsheets may write 3 as "3.0"
        if (!too_large && parse_decimal(value, whole) && whole == std::floor(whole) && std::fabs(whole) < 9e15) {
            answer = static_cast<std::int64_t>(whole);
            return {};
        }
        return in_quotes(value) + (too_large ? " is too large" : " is not a whole number");
    }
    case QuestionType::decimal: {
        double number = 0;
        if (parse_decimal(value, number)) {
            answer = number;
            return {};
        }
        if (value.find(',') != std::string_view::npos)
            return in_quotes(value) + " is not a number: write it without commas, e.g. 1234.5";
        return in_quotes(value) + " is not a number";
    }
    case QuestionType::date:
        if (auto date = normalise_date(value)) {
            answer = std::move(*date);
            return {};
        }
        return in_quotes(value) + " is not a date: write YYYY-MM-DD or DD/MM/YYYY";
    case QuestionType::short_text:
    case QuestionType::long_text:
    case QuestionType::note: // never a column; the header check refuses it
        answer = std::string(value);
        return {};
    default: // single choice and scales
        if (const std::string* code = column.choices->find(value, scratch)) {
            answer = *code;
            return {};
        }
        return in_quotes(value) + " is not one of the options: " + column.choices->codes();
    }
}

} // namespace chorus::cells

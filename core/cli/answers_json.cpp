#include "answers_json.hpp"

#include "commands.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <vector>

namespace chorus::cli {

namespace {

using Json = nlohmann::json;

// The value as written, shortened so one bad answer cannot flood the terminal.
std::string describe_value(const Json& value)
{
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    constexpr std::size_t longest = 40;
    if (text.size() > longest)
        text = text.substr(0, longest) + "...";
    return text;
}

std::optional<std::int64_t> whole_number(const Json& value)
{
    if (value.is_number_integer() && !value.is_number_unsigned())
        return value.get<std::int64_t>();
    if (value.is_number_unsigned()) {
        auto number = value.get<std::uint64_t>();
        if (number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return static_cast<std::int64_t>(number);
        return std::nullopt;
    }
    if (value.is_number_float()) {
        // 3.0 is a whole number as JSON writes it; 3.5 is not.
        double number = value.get<double>();
        constexpr double limit = 9223372036854775808.0; // 2^63
        if (std::isfinite(number) && std::floor(number) == number && number >= -limit &&
            number < limit)
            return static_cast<std::int64_t>(number);
    }
    return std::nullopt;
}

const Question* find_question(const Instrument& instrument, std::string_view key)
{
    auto found = std::find_if(instrument.questions.begin(), instrument.questions.end(),
                              [&](const Question& question) { return question.key == key; });
    return found == instrument.questions.end() ? nullptr : &*found;
}

// An answer, nothing (blank), or a problem (in `problem`).
std::optional<Answer> convert(const Question& question, const Json& value, std::string& problem)
{
    auto expected = [&](std::string_view what) {
        problem = "expected " + std::string(what) + ", got " + describe_value(value);
        return std::nullopt;
    };
    // Empty text is a blank answer, as an empty CSV cell is.
    if (value.is_string() && value.get_ref<const std::string&>().empty())
        return std::nullopt;

    switch (question.type) {
    case QuestionType::note:
        problem = "is a note and takes no answer";
        return std::nullopt;
    case QuestionType::single_choice:
    case QuestionType::agree_scale:
    case QuestionType::faces:
    case QuestionType::yes_no_na:
        if (!value.is_string())
            return expected("an option code (text)");
        return Answer(value.get<std::string>());
    case QuestionType::rating_0_10:
        if (value.is_string())
            return Answer(value.get<std::string>());
        if (auto number = whole_number(value); number && *number >= 0 && *number <= 10)
            return Answer(std::to_string(*number));
        return expected("a whole number from 0 to 10");
    case QuestionType::multiple_choice: {
        if (!value.is_array())
            return expected("a list of option codes");
        std::vector<std::string> codes;
        for (const auto& item : value) {
            if (!item.is_string())
                return expected("a list of option codes (text)");
            codes.push_back(item.get<std::string>());
        }
        if (codes.empty())
            return std::nullopt; // nothing chosen is a blank answer
        return Answer(std::move(codes));
    }
    case QuestionType::integer:
        if (auto number = whole_number(value))
            return Answer(*number);
        return expected("a whole number");
    case QuestionType::decimal:
        if (!value.is_number())
            return expected("a number");
        return Answer(value.get<double>());
    case QuestionType::date: {
        if (!value.is_string())
            return expected("a date such as \"2024-05-01\"");
        // Accept the UK form too; anything else goes on to validation as written.
        const auto& text = value.get_ref<const std::string&>();
        return Answer(normalise_date(text).value_or(text));
    }
    case QuestionType::short_text:
    case QuestionType::long_text:
        if (!value.is_string())
            return expected("text");
        return Answer(value.get<std::string>());
    }
    problem = "has a question type chorus-cli does not know";
    return std::nullopt;
}

// "line 3, column 5: syntax error ..." from nlohmann's message, with our own position.
std::string describe_parse_error(const Json::parse_error& error, std::string_view text)
{
    const std::size_t consumed = std::min<std::size_t>(error.byte, text.size());
    const auto before = text.substr(0, consumed);
    const auto line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const auto last_newline = before.rfind('\n');
    const auto column = last_newline == std::string_view::npos ? consumed
                                                               : consumed - last_newline - 1;

    std::string_view message = error.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    if (auto at = message.find("column "); at != std::string_view::npos) {
        if (auto colon = message.find(": ", at); colon != std::string_view::npos)
            message.remove_prefix(colon + 2);
    } else if (auto bracket = message.find("] "); bracket != std::string_view::npos) {
        message.remove_prefix(bracket + 2);
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
           std::string(message);
}

} // namespace

std::map<std::string, Answer> parse_answers(std::string_view json_text, const std::string& source,
                                            const Instrument& instrument)
{
    Json document;
    try {
        document = Json::parse(json_text);
    } catch (const Json::parse_error& error) {
        throw Error(source + ": " + describe_parse_error(error, json_text));
    }
    if (!document.is_object())
        throw Error(source + ": expected an object from question key to answer, got " +
                    std::string(document.type_name()));

    std::map<std::string, Answer> answers;
    std::vector<std::string> problems;
    const std::string instrument_name =
        instrument.id + " version " + std::to_string(instrument.version);
    for (const auto& [key, value] : document.items()) {
        const Question* question = find_question(instrument, key);
        if (question == nullptr) {
            problems.push_back("question \"" + key + "\" is not in " + instrument_name);
            continue;
        }
        if (value.is_null())
            continue; // blank
        std::string problem;
        if (auto answer = convert(*question, value, problem))
            answers.emplace(key, std::move(*answer));
        else if (!problem.empty())
            problems.push_back("question \"" + key + "\": " + problem);
    }
    if (problems.size() == 1)
        throw Error(source + ": " + problems.front());
    if (!problems.empty())
        throw ListedError(source + ": " + std::to_string(problems.size()) +
                              " problems with the answers; nothing was saved",
                          std::move(problems));
    return answers;
}

std::map<std::string, Answer> read_answers_file(const std::filesystem::path& file,
                                                const Instrument& instrument)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot open the file (" + std::strerror(errno) + ")");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw Error(file.string() + ": cannot read the file");
    return parse_answers(text.str(), file.string(), instrument);
}

} // namespace chorus::cli

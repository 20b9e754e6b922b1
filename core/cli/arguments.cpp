#include "arguments.hpp"

#include "chorus/dates.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace chorus::cli {

namespace {

const OptionSpec* find_option(const CommandSpec& command, std::string_view name)
{
    if (name == database_option.name)
        return &database_option;
    for (const auto& option : command.options)
        if (option.name == name)
            return &option;
    return nullptr;
}

std::string quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

} // namespace

std::string CommandSpec::name() const
{
    std::string joined;
    for (auto word : words) {
        if (!joined.empty())
            joined += ' ';
        joined += word;
    }
    return joined;
}

Arguments Arguments::parse(const CommandSpec& command, const std::vector<std::string>& tokens)
{
    Arguments parsed;
    bool options_ended = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        if (options_ended || token.size() < 2 || token[0] != '-') {
            parsed.operands_.push_back(token);
            continue;
        }
        if (token == "--") {
            options_ended = true;
            continue;
        }
        if (token == "-h" || token == "--help") {
            parsed.help_ = true;
            continue;
        }
        if (token.rfind("--", 0) != 0)
            throw UsageError("unknown option " + token + " for " + command.name());

        std::string_view body = std::string_view(token).substr(2);
        std::optional<std::string> inline_value;
        if (auto equals = body.find('='); equals != std::string_view::npos) {
            inline_value = std::string(body.substr(equals + 1));
            body = body.substr(0, equals);
        }
        const OptionSpec* option = find_option(command, body);
        if (option == nullptr)
            throw UsageError("unknown option --" + std::string(body) + " for " + command.name());

        std::string value;
        if (option->takes_value()) {
            if (inline_value) {
                value = *inline_value;
            } else if (i + 1 < tokens.size()) {
                value = tokens[++i];
            } else {
                throw UsageError("--" + std::string(option->name) + " needs a value (" +
                                 std::string(option->value_name) + ")");
            }
        } else if (inline_value) {
            throw UsageError("--" + std::string(option->name) + " takes no value");
        }

        auto& given = parsed.options_[std::string(option->name)];
        if (!given.empty() && !option->repeatable)
            throw UsageError("--" + std::string(option->name) + " given more than once");
        given.push_back(std::move(value));
    }

    if (parsed.help_)
        return parsed; // the caller prints the command's usage; nothing else matters
    const std::string operands_text =
        command.operands.empty() ? std::string("nothing") : std::string(command.operands);
    if (parsed.operands_.size() < command.min_operands)
        throw UsageError(command.name() + " needs " + operands_text);
    if (parsed.operands_.size() > command.max_operands) {
        const std::string& extra = parsed.operands_[command.max_operands];
        throw UsageError("unexpected " + quoted(extra) + " after " + command.name() +
                         (command.operands.empty() ? std::string()
                                                   : " (it takes " + operands_text + ")"));
    }
    return parsed;
}

bool Arguments::has(std::string_view option) const
{
    return options_.find(option) != options_.end();
}

std::optional<std::string> Arguments::value(std::string_view option) const
{
    auto found = options_.find(option);
    if (found == options_.end() || found->second.empty())
        return std::nullopt;
    return found->second.back();
}

std::vector<std::string> Arguments::values(std::string_view option) const
{
    auto found = options_.find(option);
    return found == options_.end() ? std::vector<std::string>{} : found->second;
}

std::string Arguments::value_or(std::string_view option, std::string fallback) const
{
    auto given = value(option);
    return given ? *given : std::move(fallback);
}

std::string Arguments::required(std::string_view option) const
{
    auto given = value(option);
    if (!given)
        throw UsageError("missing --" + std::string(option));
    if (given->empty())
        throw UsageError("--" + std::string(option) + " must not be empty");
    return *given;
}

std::optional<std::int64_t> Arguments::integer(std::string_view option, std::int64_t min,
                                               std::int64_t max) const
{
    auto given = value(option);
    if (!given)
        return std::nullopt;
    auto number = parse_integer(*given);
    if (!number)
        throw UsageError("--" + std::string(option) + ": expected a whole number, got " +
                         quoted(*given));
    if (*number < min || *number > max) {
        std::string range = max == std::numeric_limits<std::int64_t>::max()
                                ? std::to_string(min) + " or more"
                                : "from " + std::to_string(min) + " to " + std::to_string(max);
        throw UsageError("--" + std::string(option) + ": expected a whole number " + range +
                         ", got " + *given);
    }
    return number;
}

std::optional<std::string> Arguments::date(std::string_view option) const
{
    auto given = value(option);
    if (!given)
        return std::nullopt;
    auto date = normalise_date(*given);
    if (!date)
        throw UsageError("--" + std::string(option) + ": expected a date (YYYY-MM-DD or DD/MM/YYYY), got " +
                         quoted(*given));
    return date;
}

std::string Arguments::choice(std::string_view option,
                              const std::vector<std::string_view>& allowed,
                              std::string_view fallback) const
{
    auto given = value(option);
    if (!given)
        return std::string(fallback);
    if (std::find(allowed.begin(), allowed.end(), *given) != allowed.end())
        return *given;
    std::string names;
    for (auto name : allowed)
        names += (names.empty() ? "" : ", ") + std::string(name);
    throw UsageError("--" + std::string(option) + ": expected one of " + names + ", got " +
                     quoted(*given));
}

std::optional<std::string> extract_global_option(std::vector<std::string>& tokens, std::string_view name)
{
    const std::string option = "--" + std::string(name);
    const std::string with_value = option + "=";
    std::optional<std::string> found;
    std::vector<std::string> rest;
    std::size_t i = 0;
    for (; i < tokens.size(); ++i) {
        const std::string& token = tokens[i];
        if (token == "--")
            break; // everything after "--" is an operand, even "--db"
        std::optional<std::string> value;
        if (token == option) {
            if (i + 1 >= tokens.size())
                throw UsageError(option + " needs a value");
            value = tokens[++i];
        } else if (token.rfind(with_value, 0) == 0) {
            value = token.substr(with_value.size());
        } else {
            rest.push_back(token);
            continue;
        }
        if (found)
            throw UsageError(option + " given more than once");
        if (value->empty())
            throw UsageError(option + " must not be empty");
        found = std::move(value);
    }
    // Keep "--" and whatever follows it untouched.
    rest.insert(rest.end(), tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.end());
    tokens = std::move(rest);
    return found;
}

std::optional<std::int64_t> parse_integer(std::string_view text)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    std::int64_t number = 0;
    const char* end = text.data() + text.size();
    auto [stopped, error] = std::from_chars(text.data(), end, number);
    if (text.empty() || error != std::errc() || stopped != end)
        return std::nullopt;
    return number;
}

} // namespace chorus::cli

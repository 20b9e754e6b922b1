#include "bank_holidays.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"

namespace chorus::complaints {

namespace {

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

} // namespace

std::vector<BankHoliday> parse_bank_holidays(std::string_view text, std::string_view file_name) {
    std::vector<BankHoliday> holidays;
    int line_number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++line_number;
        if (line.empty() || line.front() == '#') continue;

        const std::string where = std::string(file_name) + " line " + std::to_string(line_number) + ": ";
        const std::string date(line.substr(0, 10));
        const auto day = day_number(date);
        if (!day) throw Error(where + "\"" + date + "\" is not a date (YYYY-MM-DD)");
        if (iso_weekday(*day) >= 6) throw Error(where + date + " is a Saturday or Sunday");
        const std::string_view rest = line.substr(10);
        if (rest.empty() || (rest.front() != ' ' && rest.front() != '\t') || trim(rest).empty())
            throw Error(where + "the date must be followed by a space and the holiday's name");
        if (!holidays.empty() && date <= holidays.back().date)
            throw Error(where + date + " does not come after " + holidays.back().date +
                        " (dates must ascend)");
        holidays.push_back({date, std::string(trim(rest))});
    }
    return holidays;
}

} // namespace chorus::complaints

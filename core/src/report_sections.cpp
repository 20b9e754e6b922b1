// What the report's sections share (report_sections.hpp).
#include "report_sections.hpp"

#include "chorus/plugin_api.hpp"
#include "chorus/progress.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace chorus::report_detail {

void check_cancel(Progress* progress)
{
    if (progress && progress->cancelled())
        throw Cancelled();
}

bool contains(const std::vector<std::string>& codes, std::string_view code)
{
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string capitalised(std::string_view text)
{
    std::string result(text);
    std::replace(result.begin(), result.end(), '_', ' ');
    if (!result.empty() && result[0] >= 'a' && result[0] <= 'z')
        result[0] = static_cast<char>(result[0] - 'a' + 'A');
    return result;
}

std::string short_description(const Period& period)
{
    const std::string description = period.description();
    return description.substr(0, description.find(" ("));
}

std::string long_date(const std::string& date)
{
    static constexpr std::array<const char*, 12> months{"January", "February", "March",     "April",
                                                         "May",     "June",     "July",      "August",
                                                         "September", "October", "November", "December"};
    if (date.size() != 10)
        return date;
    const int month = std::stoi(date.substr(5, 2)), day = std::stoi(date.substr(8, 2));
    if (month < 1 || month > 12)
        return date;
    return std::to_string(day) + " " + months[static_cast<std::size_t>(month - 1)] + " " + date.substr(0, 4);
}

std::string percent_text(double percent, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(percent * scale) / scale;
    char text[32];
    std::snprintf(text, sizeof text, "%.*f%%", decimals, rounded);
    return text;
}

std::string term_label(const std::vector<plugin::Vocabulary>* vocabularies, std::string_view vocabulary,
                       const std::string& code)
{
    if (vocabularies)
        for (const auto& v : *vocabularies)
            if (v.id == vocabulary)
                for (const Option& term : v.terms)
                    if (term.code == code && !term.label.empty())
                        return term.label;
    return capitalised(code);
}

std::vector<std::string> term_codes(const std::vector<plugin::Vocabulary>* vocabularies, std::string_view vocabulary)
{
    std::vector<std::string> codes;
    if (vocabularies)
        for (const auto& v : *vocabularies)
            if (v.id == vocabulary)
                for (const Option& term : v.terms)
                    codes.push_back(term.code);
    return codes;
}

} // namespace chorus::report_detail

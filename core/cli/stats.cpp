// stats: the answer counts for one question, as JSON (unrounded) or a table (rounded).
#include "commands.hpp"
#include "table.hpp"

#include "chorus/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace chorus::cli {

namespace {

// "--exclude na,dont_know" and "--exclude na --exclude dont_know" both work.
std::vector<std::string> excluded_codes(const Arguments& arguments)
{
    std::vector<std::string> codes;
    for (const auto& value : arguments.values("exclude")) {
        std::size_t start = 0;
        while (start <= value.size()) {
            auto end = value.find(',', start);
            if (end == std::string::npos)
                end = value.size();
            std::string code = value.substr(start, end - start);
            code.erase(0, code.find_first_not_of(' '));
            code.erase(code.find_last_not_of(' ') + 1);
            if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end())
                codes.push_back(code);
            start = end + 1;
        }
    }
    return codes;
}

// Up to two decimal places, without trailing zeros: 4, 4.5, 4.33.
std::string format_summary_number(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string result = text;
    result.erase(result.find_last_not_of('0') + 1);
    if (result.back() == '.')
        result.pop_back();
    return result == "-0" ? "0" : result;
}

OrderedJson stats_json(const QuestionStats& stats)
{
    OrderedJson json = {{"instrument", stats.instrument_id},
                        {"question", stats.question_key},
                        {"label", stats.question_label},
                        {"type", std::string(to_string(stats.type))},
                        {"responses", stats.responses},
                        {"blank", stats.blank},
                        {"base", stats.base}};
    json["excluded"] = OrderedJson::object();
    for (const auto& [code, count] : stats.excluded)
        json["excluded"][code] = count;
    json["options"] = OrderedJson::array();
    for (const auto& option : stats.options) {
        // Percent stays unrounded: rounding is for display, and scripts add figures up.
        OrderedJson percent = stats.base > 0 ? OrderedJson(option.percent) : OrderedJson(nullptr);
        json["options"].push_back({{"code", option.code},
                                   {"label", option.label},
                                   {"count", option.count},
                                   {"percent", percent}});
    }
    if (stats.numeric) {
        // An integer question's whole values read as whole numbers ("min": 0, not 0.0).
        auto number = [&](double value) {
            const bool whole = stats.type == QuestionType::integer && std::trunc(value) == value;
            return whole ? OrderedJson(static_cast<std::int64_t>(value)) : OrderedJson(value);
        };
        json["numeric"] = {{"min", number(stats.numeric->min)},
                           {"max", number(stats.numeric->max)},
                           {"mean", number(stats.numeric->mean)},
                           {"median", number(stats.numeric->median)}};
    }
    return json;
}

void print_stats_table(std::ostream& out, const QuestionStats& stats, int decimals)
{
    out << stats.question_label << " (" << stats.question_key << ")\n";
    out << "Base: " << stats.base;
    if (!stats.excluded.empty() || stats.blank > 0) {
        std::string left_out;
        for (const auto& [code, count] : stats.excluded)
            left_out += code + " " + std::to_string(count) + ", ";
        out << " (excluded: " << left_out << "blank " << stats.blank << ")";
    }
    out << '\n';
    if (stats.type == QuestionType::multiple_choice)
        out << "Percentages are of respondents; each may choose several options.\n";

    if (stats.numeric)
        out << "Min " << format_summary_number(stats.numeric->min) << ", max "
            << format_summary_number(stats.numeric->max) << ", mean "
            << format_summary_number(stats.numeric->mean) << ", median "
            << format_summary_number(stats.numeric->median) << '\n';
    if (stats.options.empty())
        return;

    out << '\n';
    Table table({{"Option"}, {"Count", Align::right}, {"Percent", Align::right}});
    for (const auto& option : stats.options) {
        // Excluded options are counted on the Base line, not given a share of it.
        auto is_excluded = [&](const auto& entry) { return entry.first == option.code; };
        if (std::any_of(stats.excluded.begin(), stats.excluded.end(), is_excluded))
            continue;
        table.add_row({option.label, std::to_string(option.count),
                       stats.base > 0 ? format_percent(option.count, stats.base, decimals) + "%"
                                      : "-"});
    }
    table.print(out);
}

} // namespace

int stats(const Arguments& arguments, Context& context)
{
    StatsQuery query;
    query.instrument_id = arguments.required("instrument");
    query.question_key = arguments.required("question");
    query.excluded_codes = excluded_codes(arguments);
    const auto format = arguments.choice("format", {"json", "table"}, "json");
    const int decimals = static_cast<int>(arguments.integer("decimals", 0, 6).value_or(0));

    const auto result = compute_question_stats(context.store(), query);
    if (format == "json")
        print_json(context.out(), stats_json(result));
    else
        print_stats_table(context.out(), result, decimals);
    return 0;
}

} // namespace chorus::cli

// measures: a measure set's feedback measures for one report period, with RAG ratings,
// directions of travel and the plan-area scorecard (docs/measures.md).
#include "commands.hpp"
#include "complaints_plugin.hpp"
#include "measures_report.hpp"
#include "terminal_progress.hpp"

#include "chorus/measures.hpp"

#include <algorithm>
#include <optional>
#include <ostream>

namespace chorus::cli {

namespace {

// "na", "na and blanks", "na, dont_know and blanks".
std::string and_list(const std::vector<std::string>& items)
{
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return text;
}

bool contains(const std::vector<std::string>& codes, std::string_view code)
{
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The option codes of the measure's questions in every stored version, in option order.
std::vector<std::string> offered_codes(Store& store, const MeasureDefinition& measure)
{
    std::vector<std::string> codes;
    for (const InstrumentSummary& version : store.list_instruments()) {
        if (version.id != measure.instrument)
            continue;
        const Instrument instrument = store.instrument(version.id, version.version);
        for (const std::string& key : measure.questions)
            if (const Question* question = instrument.find_question(key))
                for (const Option& option : question->options)
                    if (!contains(codes, option.code))
                        codes.push_back(option.code);
    }
    return codes;
}

// What a survey measure's base holds, saying whether "not applicable"-like answers and blanks
// are in it: the reporting conventions require a report to say so.
std::string survey_base_rule(Store& store, const MeasureDefinition& measure)
{
    const std::vector<std::string> offered = offered_codes(store, measure);
    std::vector<std::string> excluded, included;
    if (measure.out_of_base)
        excluded = *measure.out_of_base;
    for (std::string_view code : default_out_of_base_codes()) {
        if (!contains(offered, code))
            continue;
        if (!measure.out_of_base)
            excluded.emplace_back(code);
        else if (!contains(excluded, code))
            included.emplace_back(code); // a council that reports N/A inside the base
    }
    (measure.blank_in_base ? included : excluded).push_back("blanks");
    std::string rule = excluded.empty() ? "" : "excludes " + and_list(excluded);
    if (!included.empty())
        rule += (rule.empty() ? "" : "; ") + std::string("includes ") + and_list(included);
    return rule;
}

std::string base_rule(Store& store, const MeasureDefinition& measure)
{
    switch (measure.source) {
    case MeasureSource::survey: return survey_base_rule(store, measure);
    case MeasureSource::complaints_within_timescale: return measure.stage + " responses sent in the period";
    case MeasureSource::complaint_outcomes: {
        const auto excluded = measure.out_of_base.value_or(std::vector<std::string>{"withdrawn"});
        return "points decided in the period; "
             + (excluded.empty() ? std::string("includes every outcome") : "excludes " + and_list(excluded));
    }
    case MeasureSource::complaints_received:
    case MeasureSource::compliments_received: return "a count: no base";
    }
    return {};
}

// The complaints plugin, for a set with complaints measures; a refusal names the set and
// the measures that need it.
std::optional<ComplaintsPlugin> plugin_for(Context& context, const MeasureSet& set, const std::string& file)
{
    if (!counts_complaints(set))
        return std::nullopt;
    try {
        return complaints_plugin(context);
    } catch (const ListedError& error) {
        std::vector<std::string> measures;
        for (const MeasureDefinition& measure : set.measures)
            if (measure.source != MeasureSource::survey)
                measures.push_back(measure.id);
        throw ListedError("measure set " + file + " has complaints measures (" + and_list(measures)
                              + "), which need the complaints plugin; " + error.what(),
                          error.details());
    }
}

// The calculator's problems name the set's file, as load_measure_set's do.
std::vector<DefinitionProblem> in_file(std::vector<DefinitionProblem> problems, const std::string& file)
{
    for (DefinitionProblem& problem : problems)
        problem.source = file;
    return problems;
}

} // namespace

Period report_period(const Arguments& arguments, const std::string& today)
{
    if (const auto given = arguments.value("period")) {
        if (const auto period = parse_period(*given))
            return *period;
        throw UsageError("--period: \"" + *given
                         + "\" is not a period; use a quarter of the financial year (2025-Q3), a month "
                           "(2025-12), a half year (2025-H1) or a financial year (FY2025-26)");
    }
    const Period containing = period_containing(today, Frequency::quarterly);
    return containing.last_day() == today ? containing : containing.previous();
}

std::vector<MeasureResult> compute_measures(Context& context, const MeasureSet& set, const std::string& file,
                                            const Period& period, Progress* progress)
{
    const std::optional<ComplaintsPlugin> plugin = plugin_for(context, set, file);
    std::optional<MeasureCalculator> calculator;
    try {
        calculator.emplace(context.store(), set, plugin ? &plugin->procedure() : nullptr,
                           plugin ? &plugin->vocabularies() : nullptr);
    } catch (const DefinitionError& error) {
        throw DefinitionError(in_file(error.problems(), file));
    }
    return calculator->report(period, progress);
}

std::string suppressed_base(const MeasureDefinition& measure)
{
    return "<" + std::to_string(measure.minimum_base);
}

int measures(const Arguments& arguments, Context& context)
{
    const std::string file = arguments.required("set");
    const Period period = report_period(arguments, today_option(arguments));
    const auto format = arguments.choice("format", {"json", "table"}, stdout_is_terminal() ? "table" : "json");

    const MeasureSet set = load_measure_set(file);
    MeasuresReport report{&set, file, period, {}, {}};
    {
        TerminalProgress progress(context.err(), stderr_is_terminal(), "counting");
        report.results = compute_measures(context, set, file, period, &progress);
    } // ends the progress line before the report is printed
    Store& store = context.store();
    for (const MeasureDefinition& measure : set.measures)
        report.base_rules.push_back(base_rule(store, measure));

    if (format == "json")
        print_measures_json(context.out(), report);
    else
        print_measures_table(context.out(), report);
    return 0;
}

} // namespace chorus::cli

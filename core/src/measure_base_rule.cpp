// What a measure's base holds, in words, for every place that shows a figure (chorus-cli
// measures, the plan report): the reporting conventions require saying whether "not
// applicable"-like answers and blanks are in the base.
#include "chorus/measures.hpp"

#include "chorus/store.hpp"

#include <algorithm>

namespace chorus {

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

} // namespace

std::string measure_base_rule(Store& store, const MeasureDefinition& measure)
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

} // namespace chorus

// `measures --format json`: one object with every measure's figures unrounded, for scripts
// (every key is in docs/cli.md).
#include "measures_report.hpp"
#include "table.hpp"

namespace chorus::cli {

namespace {

OrderedJson optional_number(const std::optional<double>& value)
{
    return value ? OrderedJson(*value) : OrderedJson(nullptr);
}

OrderedJson figures_json(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    OrderedJson json{{"period", figures.period.label()}, {"description", figures.period.description()}};
    if (figures.suppressed) {
        // Small numbers identify children: a suppressed figure shows none of its counts.
        json["base"] = suppressed_base(measure);
        json["positive"] = nullptr;
        json["out_of_base"] = nullptr;
        json["value"] = nullptr;
    } else {
        json["base"] = figures.base;
        json["positive"] = figures.positive;
        json["out_of_base"] = OrderedJson::object();
        for (const auto& [code, count] : figures.out_of_base)
            json["out_of_base"][code] = count;
        json["value"] = optional_number(figures.value);
    }
    json["display"] = display_value(measure, figures);
    json["suppressed"] = figures.suppressed;
    return json;
}

OrderedJson source_json(const MeasureDefinition& measure)
{
    OrderedJson json{{"type", to_string(measure.source)}};
    if (measure.source == MeasureSource::survey) {
        json["instrument"] = measure.instrument;
        json["questions"] = measure.questions;
    }
    for (const auto& [name, value] : {std::pair{"stage", &measure.stage}, std::pair{"procedure", &measure.procedure},
                                      std::pair{"theme", &measure.theme},
                                      std::pair{"source_type", &measure.source_type}})
        if (!value->empty())
            json[name] = *value;
    return json;
}

OrderedJson measure_json(const MeasureResult& result, const std::string& base_rule)
{
    const MeasureDefinition& measure = *result.measure;
    OrderedJson json{{"id", measure.id},
                     {"title", measure.title},
                     {"plan_area", measure.plan_area},
                     {"source", source_json(measure)},
                     {"unit", measure.is_count() ? "count" : "percent"},
                     {"frequency", to_string(measure.frequency)},
                     {"collection_method", measure.collection_method},
                     {"base_rule", base_rule}};
    json["positive_codes"] = measure.is_count() || measure.source == MeasureSource::complaints_within_timescale
                               ? OrderedJson(nullptr)
                               : OrderedJson(measure.positive);
    json["minimum_base"] = measure.minimum_base;
    json["decimals"] = measure.decimals;
    json["baseline"] = optional_number(measure.baseline);
    json["baseline_period"] = measure.baseline_period.empty() ? OrderedJson(nullptr)
                                                              : OrderedJson(measure.baseline_period);
    json["target"] = optional_number(measure.target);
    json["polarity"] = to_string(measure.polarity);
    json["tolerance"] = {
        {measure.tolerance.mode == ToleranceMode::points ? "points" : "percent", measure.tolerance.amount}};
    json["no_change_band"] = measure.no_change_band;
    json["complete"] = measure.complete;
    json["current"] = figures_json(measure, result.current);
    json["previous"] = figures_json(measure, result.previous);
    json["year_before"] = figures_json(measure, result.year_before);
    json["rag"] = to_string(result.rag);
    json["direction_of_travel"] = {{"against_previous", to_string(result.against_previous)},
                                   {"against_year_before", to_string(result.against_year_before)}};
    return json;
}

OrderedJson counts_json(const RagCounts& counts)
{
    OrderedJson json = OrderedJson::object();
    const std::pair<const char*, std::int64_t> ratings[] = {
        {"green", counts.green}, {"amber", counts.amber}, {"red", counts.red}, {"blue", counts.blue}};
    for (const auto& [name, count] : ratings)
        json[name] = count;
    json["not_rated"] = counts.none;
    json["rated"] = counts.rated();
    json["total"] = counts.total();
    json["percent_of_rated"] = OrderedJson::object();
    for (const auto& [name, count] : ratings)
        json["percent_of_rated"][name] = counts.rated() > 0 ? OrderedJson(static_cast<double>(count) * 100.0
                                                                          / static_cast<double>(counts.rated()))
                                                            : OrderedJson(nullptr);
    json["sentence"] = scorecard_sentence(counts);
    return json;
}

} // namespace

void print_measures_json(std::ostream& out, const MeasuresReport& report)
{
    OrderedJson json{{"set", {{"id", report.set->id}, {"title", report.set->title}, {"file", report.file}}},
                     {"period",
                      {{"label", report.period.label()},
                       {"description", report.period.description()},
                       {"first_day", report.period.first_day()},
                       {"last_day", report.period.last_day()}}}};
    json["measures"] = OrderedJson::array();
    for (std::size_t i = 0; i < report.results.size(); ++i)
        json["measures"].push_back(measure_json(report.results[i], report.base_rules[i]));
    const Scorecard scorecard = make_scorecard(report.results);
    json["scorecard"] = {{"areas", OrderedJson::array()}, {"overall", counts_json(scorecard.overall)}};
    for (const RagCounts& area : scorecard.areas) {
        OrderedJson entry{{"plan_area", area.plan_area}};
        entry.update(counts_json(area));
        json["scorecard"]["areas"].push_back(std::move(entry));
    }
    print_json(out, json);
}

} // namespace chorus::cli

#include "chorus/scorecard.hpp"

#include "chorus/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace chorus {

namespace {

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

ScorecardComparison compare(const MeasureDefinition& measure, const MeasureFigures& earlier,
                            const MeasureFigures& later, Direction direction)
{
    ScorecardComparison comparison{direction, movement(measure, earlier, later), {}};
    const std::string label = earlier.period.label();
    if (direction == Direction::not_available) {
        comparison.text = "no figure for " + label + " to compare with";
        if (!shown_value(measure, later))
            comparison.text = "no figure to compare";
        return comparison;
    }
    comparison.text = std::string(to_string(direction)) + " against " + label + " ("
                    + display_value(measure, earlier) + ")";
    for (char& c : comparison.text)
        if (c == '_')
            c = ' ';
    return comparison;
}

} // namespace

std::string rag_word(Rag rag)
{
    switch (rag) {
    case Rag::green: return "Green";
    case Rag::amber: return "Amber";
    case Rag::red: return "Red";
    case Rag::blue: return "Blue";
    case Rag::none: break;
    }
    return "Not rated";
}

std::string base_text(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    if (figures.suppressed)
        return "<" + std::to_string(measure.minimum_base);
    if (figures.base == 0)
        return "-";
    return std::to_string(figures.base);
}

std::string target_text(const MeasureDefinition& measure)
{
    if (!measure.target)
        return "-";
    return fixed(*measure.target, measure.decimals) + (measure.is_count() ? "" : "%");
}

Movement movement(const MeasureDefinition& measure, const MeasureFigures& earlier, const MeasureFigures& later)
{
    const auto before = shown_value(measure, earlier);
    const auto after = shown_value(measure, later);
    if (!before || !after)
        return Movement::none;
    // Within the no-change band the value is "flat" however it moved, as the direction says.
    if (std::fabs(*after - *before) <= measure.no_change_band + 1e-9)
        return Movement::flat;
    return *after > *before ? Movement::up : Movement::down;
}

std::string rated_share(std::int64_t count, const RagCounts& counts)
{
    if (counts.rated() == 0)
        return "-";
    return format_percent(count, counts.rated(), 0) + "%";
}

std::vector<ScorecardGroup> scorecard_groups(const std::vector<MeasureResult>& results)
{
    std::vector<ScorecardGroup> groups;
    for (const MeasureResult& result : results) {
        const MeasureDefinition& measure = *result.measure;
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const ScorecardGroup& each) { return each.plan_area == measure.plan_area; });
        if (group == groups.end())
            group = groups.insert(groups.end(), ScorecardGroup{measure.plan_area, {}});
        ScorecardRow row;
        row.result = &result;
        row.title = measure.title;
        row.period = result.current.period.label();
        row.value = display_value(measure, result.current);
        row.base = base_text(measure, result.current);
        row.target = target_text(measure);
        row.rag = result.rag;
        row.rag_word = rag_word(result.rag);
        row.against_previous = compare(measure, result.previous, result.current, result.against_previous);
        row.against_year_before = compare(measure, result.year_before, result.current, result.against_year_before);
        group->rows.push_back(std::move(row));
    }
    return groups;
}

} // namespace chorus

// What a measure's figures are worth to a committee: the value as shown, its RAG rating,
// its direction of travel and the plan-area scorecard.
#include "chorus/measures.hpp"

#include "chorus/stats.hpp"

#include <algorithm>
#include <cmath>

namespace chorus {

namespace {

// Values are compared as shown, so a difference smaller than this is rounding noise.
constexpr double epsilon = 1e-9;

std::int64_t power_of_ten(int decimals)
{
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    return scale;
}

double tolerance_of(const MeasureDefinition& measure)
{
    if (measure.tolerance.mode == ToleranceMode::relative_percent)
        return std::fabs(*measure.target) * measure.tolerance.amount / 100.0;
    return measure.tolerance.amount;
}

} // namespace

std::string_view to_string(MeasureSource source)
{
    switch (source) {
    case MeasureSource::survey: return "survey";
    case MeasureSource::complaints_within_timescale: return "complaints_within_timescale";
    case MeasureSource::complaint_outcomes: return "complaint_outcomes";
    case MeasureSource::complaints_received: return "complaints_received";
    case MeasureSource::compliments_received: return "compliments_received";
    }
    return "survey";
}

std::string_view to_string(Polarity polarity)
{
    switch (polarity) {
    case Polarity::increase: return "increase";
    case Polarity::decrease: return "decrease";
    case Polarity::maintain: return "maintain";
    }
    return "increase";
}

std::string_view to_string(Rag rag)
{
    switch (rag) {
    case Rag::none: return "none";
    case Rag::green: return "green";
    case Rag::amber: return "amber";
    case Rag::red: return "red";
    case Rag::blue: return "blue";
    }
    return "none";
}

std::string_view to_string(Direction direction)
{
    switch (direction) {
    case Direction::not_available: return "not_available";
    case Direction::improving: return "improving";
    case Direction::no_change: return "no_change";
    case Direction::worsening: return "worsening";
    }
    return "not_available";
}

const std::vector<std::string_view>& default_out_of_base_codes()
{
    static const std::vector<std::string_view> codes{"na", "not_applicable", "dont_know", "prefer_not_to_say"};
    return codes;
}

std::optional<double> shown_value(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    if (!figures.value || figures.suppressed)
        return std::nullopt;
    if (measure.is_count())
        return static_cast<double>(figures.base);
    // Rounded half away from zero from the integers, as format_percent shows it.
    const std::int64_t scale = power_of_ten(measure.decimals);
    const std::int64_t numerator = figures.positive * 100 * scale;
    std::int64_t rounded = numerator / figures.base;
    if (2 * (numerator % figures.base) >= figures.base)
        ++rounded;
    return static_cast<double>(rounded) / static_cast<double>(scale);
}

std::string display_value(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    if (figures.suppressed)
        return "c";
    if (!figures.value)
        return "-";
    if (measure.is_count())
        return std::to_string(figures.base);
    return format_percent(figures.positive, figures.base, measure.decimals) + "%";
}

Rag rate(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    if (measure.complete)
        return Rag::blue;
    const std::optional<double> value = shown_value(measure, figures);
    if (!measure.target || !value)
        return Rag::none;
    const double target = *measure.target, tolerance = tolerance_of(measure);
    double shortfall = 0; // how far the value is on the wrong side of the target
    switch (measure.polarity) {
    case Polarity::increase: shortfall = target - *value; break;
    case Polarity::decrease: shortfall = *value - target; break;
    case Polarity::maintain: {
        const double distance = std::fabs(*value - target);
        if (distance <= tolerance + epsilon)
            return Rag::green;
        return distance <= 2 * tolerance + epsilon ? Rag::amber : Rag::red;
    }
    }
    if (shortfall <= epsilon)
        return Rag::green;
    return shortfall <= tolerance + epsilon ? Rag::amber : Rag::red;
}

Direction direction_of_travel(const MeasureDefinition& measure, const MeasureFigures& earlier,
                              const MeasureFigures& later)
{
    const std::optional<double> before = shown_value(measure, earlier), after = shown_value(measure, later);
    if (!before || !after)
        return Direction::not_available;
    const double change = *after - *before;
    if (std::fabs(change) <= measure.no_change_band + epsilon)
        return Direction::no_change;
    switch (measure.polarity) {
    case Polarity::increase: return change > 0 ? Direction::improving : Direction::worsening;
    case Polarity::decrease: return change < 0 ? Direction::improving : Direction::worsening;
    case Polarity::maintain: {
        const double level = measure.target ? *measure.target : measure.baseline ? *measure.baseline : *before;
        const double distance_before = std::fabs(*before - level), distance_after = std::fabs(*after - level);
        if (std::fabs(distance_after - distance_before) <= epsilon)
            return Direction::no_change; // crossed the level by as much as it was away
        return distance_after < distance_before ? Direction::improving : Direction::worsening;
    }
    }
    return Direction::not_available;
}

Scorecard make_scorecard(const std::vector<MeasureResult>& results)
{
    Scorecard scorecard;
    const auto add = [](RagCounts& counts, Rag rag) {
        switch (rag) {
        case Rag::green: ++counts.green; break;
        case Rag::amber: ++counts.amber; break;
        case Rag::red: ++counts.red; break;
        case Rag::blue: ++counts.blue; break;
        case Rag::none: ++counts.none; break;
        }
    };
    for (const MeasureResult& result : results) {
        const std::string& area = result.measure->plan_area;
        auto it = std::find_if(scorecard.areas.begin(), scorecard.areas.end(),
                               [&](const RagCounts& counts) { return counts.plan_area == area; });
        if (it == scorecard.areas.end()) {
            scorecard.areas.push_back(RagCounts{area});
            it = scorecard.areas.end() - 1;
        }
        add(*it, result.rag);
        add(scorecard.overall, result.rag);
    }
    return scorecard;
}

std::string scorecard_sentence(const RagCounts& counts)
{
    std::string text;
    const auto part = [&](std::int64_t count, const char* name) {
        if (count > 0)
            text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + name;
    };
    part(counts.green, "green");
    part(counts.amber, "amber");
    part(counts.red, "red");
    part(counts.blue, "blue");
    part(counts.none, "not rated");
    return "feedback measures: " + (text.empty() ? std::string("none") : text);
}

} // namespace chorus

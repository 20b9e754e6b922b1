// `measures --format table`: one table per plan area, rounded as shown to a committee, with
// each distinct base rule as a footnote, then the scorecard sentences.
#include "measures_report.hpp"
#include "table.hpp"

#include "chorus/stats.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>

namespace chorus::cli {

namespace {

constexpr std::size_t title_width = 35; // so that a table fits about 100 columns

// Shortest text that reads back as the same number: 85, 82.5.
std::string number_text(double value)
{
    char text[32];
    const auto [end, error] = std::to_chars(text, text + sizeof text, value);
    return error == std::errc{} ? std::string(text, end) : std::to_string(value);
}

// The target with the way the measure should go: "≥ 85%", "≤ 10", "50% ± 5".
std::string target_text(const MeasureDefinition& measure)
{
    if (!measure.target)
        return "-";
    const std::string unit = measure.is_count() ? "" : "%";
    const std::string target = number_text(*measure.target) + unit;
    switch (measure.polarity) {
    case Polarity::increase: return "≥ " + target;
    case Polarity::decrease: return "≤ " + target;
    case Polarity::maintain: {
        const bool points = measure.tolerance.mode == ToleranceMode::points;
        return target + " ± " + number_text(measure.tolerance.amount) + (points ? "" : "% of it");
    }
    }
    return target;
}

std::string rag_text(Rag rag) { return rag == Rag::none ? "not rated" : std::string(to_string(rag)); }

// "n/a" when either figure is not shown.
std::string direction_text(Direction direction)
{
    switch (direction) {
    case Direction::not_available: return "n/a";
    case Direction::improving: return "improving";
    case Direction::no_change: return "no change";
    case Direction::worsening: return "worsening";
    }
    return "n/a";
}

std::string base_text(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    return figures.suppressed ? suppressed_base(measure) : std::to_string(figures.base);
}

// Footnote numbers of the distinct base rules, in the order they first appear.
class BaseNotes {
public:
    std::string mark(const std::string& rule)
    {
        auto found = std::find(rules_.begin(), rules_.end(), rule);
        if (found == rules_.end())
            found = rules_.insert(rules_.end(), rule);
        return "[" + std::to_string(found - rules_.begin() + 1) + "]";
    }
    void print(std::ostream& out) const
    {
        out << "Bases:\n";
        for (std::size_t i = 0; i < rules_.size(); ++i)
            out << "  [" << i + 1 << "] " << rules_[i] << '\n';
    }

private:
    std::vector<std::string> rules_;
};

// "      of 5 rated: 60% green, 20% amber, 20% red\n" under the sentence (a line of its own
// keeps both within 100 columns); nothing when no measure is rated.
std::string percentages_of_rated(const RagCounts& counts)
{
    if (counts.rated() == 0)
        return "";
    std::string text;
    const std::pair<const char*, std::int64_t> ratings[] = {
        {"green", counts.green}, {"amber", counts.amber}, {"red", counts.red}, {"blue", counts.blue}};
    for (const auto& [name, count] : ratings)
        if (count > 0)
            text += (text.empty() ? "" : ", ") + format_percent(count, counts.rated(), 0) + "% " + name;
    return "      of " + std::to_string(counts.rated()) + " rated: " + text + "\n";
}

} // namespace

void print_measures_table(std::ostream& out, const MeasuresReport& report)
{
    out << report.set->title << " (" << report.set->id << ")\n"
        << "Report period: " << report.period.description() << "\n";
    const Scorecard scorecard = make_scorecard(report.results);
    BaseNotes notes;
    bool any_suppressed = false, any_without_data = false;
    for (const RagCounts& area : scorecard.areas) {
        out << '\n' << area.plan_area << '\n';
        Table table({{"Measure"},
                     {"Period"},
                     {"Value", Align::right},
                     {"Base", Align::right},
                     {"Target", Align::right},
                     {"RAG"},
                     {"Previous"},
                     {"Last year"}});
        for (std::size_t i = 0; i < report.results.size(); ++i) {
            const MeasureResult& result = report.results[i];
            const MeasureDefinition& measure = *result.measure;
            if (measure.plan_area != area.plan_area)
                continue;
            any_suppressed = any_suppressed || result.current.suppressed;
            any_without_data = any_without_data || !result.current.value;
            table.add_row({shortened(measure.title, title_width), result.current.period.label(),
                           display_value(measure, result.current),
                           base_text(measure, result.current) + " " + notes.mark(report.base_rules[i]),
                           target_text(measure), rag_text(result.rag),
                           direction_text(result.against_previous), direction_text(result.against_year_before)});
        }
        table.print(out);
    }
    out << "\nPrevious and Last year: direction of travel against the period before and a year before.\n";
    notes.print(out);
    if (any_without_data)
        out << "-: nothing to count in the period.\n";
    if (any_suppressed)
        out << "c: not shown, as the base is below the measure's minimum (small numbers can identify children).\n";
    out << "\nScorecard:\n";
    // The area on a line of its own keeps a long name and its sentence within 100 columns.
    for (const RagCounts& area : scorecard.areas)
        out << "  " << area.plan_area << "\n    " << scorecard_sentence(area) << '\n' << percentages_of_rated(area);
    out << "  All plan areas\n    " << scorecard_sentence(scorecard.overall) << '\n'
        << percentages_of_rated(scorecard.overall);
}

} // namespace chorus::cli

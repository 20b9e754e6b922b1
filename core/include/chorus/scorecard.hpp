#pragma once
// A scorecard as a committee reads it: each measure's figures as the text shown, grouped by
// plan area in the order the set first names them, and each rating's share of the rated
// measures. Shared by the desktop app's Scorecard view and anything else that lists
// measures; what is drawn (swatches, arrows) is chosen from the enums here.
#include "chorus/export.hpp"
#include "chorus/measures.hpp"

#include <string>
#include <vector>

namespace chorus {

// Which way the shown value moved; drawn as an arrow beside its Direction's word.
enum class Movement { none, up, down, flat };

struct ScorecardComparison {
    Direction direction = Direction::not_available;
    Movement movement = Movement::none;
    // "improving against 2025-Q2 (78%)", "no change against FY2024-25 (12)",
    // "no figure for 2024-Q3 to compare with"
    std::string text;
};

struct ScorecardRow {
    const MeasureResult* result = nullptr;
    std::string title;
    std::string period;  // the measure's own period, "2025-Q3"
    std::string value;   // display_value: "85%", "12", "c", "-"
    std::string base;    // "48"; "<5" when suppressed (never the base); "-" with no data
    std::string target;  // "85%", "12"; "-" when none
    Rag rag = Rag::none;
    std::string rag_word; // "Green", "Amber", "Red", "Blue", "Not rated"
    ScorecardComparison against_previous;
    ScorecardComparison against_year_before;
};

struct ScorecardGroup {
    std::string plan_area;
    std::vector<ScorecardRow> rows;
};

// `results` must outlive the rows (each points at its result).
CHORUS_CORE_API std::vector<ScorecardGroup> scorecard_groups(const std::vector<MeasureResult>& results);

CHORUS_CORE_API std::string rag_word(Rag rag); // "Green" ... "Not rated"
// The base as shown: the count, "<minimum_base" when suppressed, "-" with no base.
CHORUS_CORE_API std::string base_text(const MeasureDefinition& measure, const MeasureFigures& figures);
// The target as shown with the measure's decimals: "85%", "85.5%", "12"; "-" when none.
CHORUS_CORE_API std::string target_text(const MeasureDefinition& measure);
CHORUS_CORE_API Movement movement(const MeasureDefinition& measure, const MeasureFigures& earlier,
                                  const MeasureFigures& later);
// `count` out of the rated measures of `counts` as a whole percentage, "74%"; "-" when
// nothing is rated (a share of nothing is not 0%).
CHORUS_CORE_API std::string rated_share(std::int64_t count, const RagCounts& counts);

} // namespace chorus

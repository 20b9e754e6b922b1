#pragma once
// Feedback measures (docs/measures.md): the sentences with a number behind them that a
// council's improvement plan reports. A lead defines a measure set in a JSON file; the
// MeasureCalculator counts the stored answers (or the complaints log) per period, and each
// measure gets its percentage with its base, a RAG rating against its target and a
// direction of travel. Counts stay exact integers; percentages are never rounded until shown.
#include "chorus/error.hpp"
#include "chorus/export.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/periods.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus {

class CaseProcedure;
class Progress;
class Store;
namespace plugin {
struct Vocabulary;
}

enum class MeasureSource {
    survey,                      // answers to one or more choice questions of an instrument
    complaints_within_timescale, // % of a stage's responses sent within its deadline
    complaint_outcomes,          // % of points of complaint decided with a positive outcome
    complaints_received,         // count of complaints received (by theme, stage, procedure)
    compliments_received,        // count of compliments received (by source)
};
enum class Polarity { increase, decrease, maintain };
enum class ToleranceMode { points, relative_percent };
enum class Rag { none, green, amber, red, blue };
enum class Direction { not_available, improving, no_change, worsening };

CHORUS_CORE_API std::string_view to_string(MeasureSource source);
CHORUS_CORE_API std::string_view to_string(Polarity polarity);
CHORUS_CORE_API std::string_view to_string(Rag rag);
CHORUS_CORE_API std::string_view to_string(Direction direction);

// Option codes left out of a survey measure's base unless the measure lists its own.
CHORUS_CORE_API const std::vector<std::string_view>& default_out_of_base_codes();

struct Tolerance {
    ToleranceMode mode = ToleranceMode::points;
    double amount = 5; // percentage points (or units of a count), or % of the target
};

struct MeasureDefinition {
    std::string id;
    std::string title;     // the sentence a committee reads
    std::string plan_area; // e.g. "Voice of the child"
    MeasureSource source = MeasureSource::survey;

    // survey: the instrument and its choice questions (answers are pooled across them).
    std::string instrument;
    std::vector<std::string> questions;
    // survey and complaint_outcomes: the codes that count as positive (e.g. agree and
    // strongly agree) and those that leave the base. nullopt = the defaults: for a survey
    // the question's options among default_out_of_base_codes(), for outcomes "withdrawn".
    // Outcomes' positive codes default (in the file reader) to upheld and partially upheld.
    std::vector<std::string> positive;
    std::optional<std::vector<std::string>> out_of_base;
    bool blank_in_base = false; // survey: count blank answers in the base as not positive

    // Complaints filters; "" = any.
    std::string stage;       // within_timescale (default "stage1"), outcomes, received
    std::string procedure;   // "statutory" or "corporate"
    std::string theme;       // complaints_received
    std::string source_type; // compliments_received

    // A file must give frequency and polarity (or its defaults must); these are for code.
    Frequency frequency = Frequency::quarterly;
    std::string collection_method; // e.g. "Child in Need feedback survey"
    std::optional<double> baseline;
    std::string baseline_period;   // label of the period the baseline is from; "" = not given
    std::optional<double> target;
    Polarity polarity = Polarity::increase;
    Tolerance tolerance;
    double no_change_band = 1; // a change this small or smaller is "no change"
    int decimals = 0;          // shown; 0 to 3
    std::int64_t minimum_base = 5; // below it the value is suppressed ("c")
    bool complete = false;     // a lead marked it complete: RAG blue

    bool is_count() const
    {
        return source == MeasureSource::complaints_received || source == MeasureSource::compliments_received;
    }
};

struct MeasureSet {
    std::string id;
    std::string title;
    std::vector<MeasureDefinition> measures;
};

// True when a measure of the set counts the complaints log (it needs the complaints plugin).
CHORUS_CORE_API bool counts_complaints(const MeasureSet& set);

// Parses and validates a measure set (docs/measures.md). Every problem is reported with the
// source, a JSON path and the message, in one DefinitionError.
CHORUS_CORE_API MeasureSet parse_measure_set(std::string_view json_text, const std::string& source);
CHORUS_CORE_API MeasureSet load_measure_set(const std::filesystem::path& file);
CHORUS_CORE_API std::string measure_set_to_json(const MeasureSet& set);

// What one measure counted in one period.
struct MeasureFigures {
    Period period;
    std::int64_t base = 0;     // answers (or points, responses) in the base; the count for counts
    std::int64_t positive = 0; // of the base, how many are positive
    // Left out of the base, code -> count. Survey, single choice: every out-of-base option of the
    // question, in option order, zeros too; multiple choice: the codes respondents chose (each
    // respondent under the first); then "blank" when blanks leave the base. Outcomes: the
    // measure's out-of-base codes in its order.
    std::vector<std::pair<std::string, std::int64_t>> out_of_base;
    std::optional<double> value; // unrounded percentage, or the count; nullopt when there is no base
    bool suppressed = false;     // 0 < base < minimum_base: shown as "c"
};

struct MeasureResult {
    const MeasureDefinition* measure = nullptr; // into the calculator's set
    MeasureFigures current;
    MeasureFigures previous;    // the period before
    MeasureFigures year_before; // the same period a year earlier
    Rag rag = Rag::none;
    Direction against_previous = Direction::not_available;
    Direction against_year_before = Direction::not_available;
};

// The value as shown: "85%" (or "85.3%"), a count "12", "c" when suppressed, "-" with no data.
CHORUS_CORE_API std::string display_value(const MeasureDefinition& measure, const MeasureFigures& figures);
// The value rounded as shown (half away from zero, from the exact counts); nullopt when not shown.
CHORUS_CORE_API std::optional<double> shown_value(const MeasureDefinition& measure, const MeasureFigures& figures);

// RAG on the value as shown, so "85%" is never amber against a target of 85.
//   increase: green at or above target, amber within tolerance below it, red beyond;
//   decrease: the mirror image; maintain: green within tolerance either side, amber within
//   twice the tolerance, red beyond. Blue when complete; none with no target or no shown value.
CHORUS_CORE_API Rag rate(const MeasureDefinition& measure, const MeasureFigures& figures);
// Improving / no change / worsening from `earlier` to `later`, following the polarity; a
// change of no_change_band or less is no change. For maintain, moving closer to the target
// (else the baseline, else the earlier value) improves. not_available when either is not shown.
CHORUS_CORE_API Direction direction_of_travel(const MeasureDefinition& measure, const MeasureFigures& earlier,
                                              const MeasureFigures& later);

struct RagCounts {
    std::string plan_area; // "" for the whole set
    std::int64_t green = 0, amber = 0, red = 0, blue = 0, none = 0;
    std::int64_t rated() const { return green + amber + red + blue; }
    std::int64_t total() const { return rated() + none; }
};

struct Scorecard {
    std::vector<RagCounts> areas; // in the order the set first names them
    RagCounts overall;
};

// What the measure's base holds, for a reader: "excludes na, dont_know and blanks", "points
// decided in the period; excludes withdrawn", "a count: no base".
CHORUS_CORE_API std::string measure_base_rule(Store& store, const MeasureDefinition& measure);

CHORUS_CORE_API Scorecard make_scorecard(const std::vector<MeasureResult>& results);
// "feedback measures: 14 green, 4 amber, 1 red" (ratings with no measures left out).
CHORUS_CORE_API std::string scorecard_sentence(const RagCounts& counts);

class CHORUS_CORE_API MeasureCalculator {
public:
    // Checks the set against the store (instruments, questions, option codes) and, for
    // complaints measures, the procedure's stages and the plugin's code lists (when given);
    // throws DefinitionError listing every problem. `complaints` may be null when the set has
    // no complaints measures. The store, set, procedure and codes must outlive the calculator.
    MeasureCalculator(Store& store, const MeasureSet& set, const CaseProcedure* complaints = nullptr,
                      const std::vector<plugin::Vocabulary>* complaint_codes = nullptr);

    // Every measure for the report period: each measure's own period is the latest of its
    // frequency ended by the end of `report` (latest_period_ended_by), compared with the
    // period before it and the same period a year earlier.
    std::vector<MeasureResult> report(const Period& report, Progress* progress = nullptr);

    // Figures of one measure (index into the set) for each of `periods`, all counted in one
    // pass per instrument. Throws Cancelled when progress says so.
    std::vector<std::vector<MeasureFigures>> figures(const std::vector<std::vector<Period>>& periods_per_measure,
                                                     Progress* progress = nullptr);

    const MeasureSet& set() const { return set_; }

private:
    Store& store_;
    const MeasureSet& set_;
    const CaseProcedure* complaints_;
};

} // namespace chorus

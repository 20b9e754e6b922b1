#pragma once
// What `chorus-cli measures` prints (measures.cpp computes it): every measure of a set for one
// report period, as JSON with the unrounded values and every count (measures_json.cpp), or as
// a table per plan area with the scorecard, rounded as a committee reads it
// (measures_table.cpp). A suppressed figure never shows its counts in either.
#include "commands.hpp"

#include "chorus/measures.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace chorus::cli {

struct MeasuresReport {
    const MeasureSet* set = nullptr;
    std::string file; // the set's file, as given
    Period period;    // the report period
    std::vector<MeasureResult> results;
    // Per measure (in set order), what its base holds: "excludes na, dont_know and blanks".
    std::vector<std::string> base_rules;
};

// --period, else the latest quarter that had ended by `today`; a bad period is a UsageError.
Period report_period(const Arguments& arguments, const std::string& today);

// The set's figures for `period`, with the complaints plugin when the set counts complaints;
// problems found against the database name `file`.
std::vector<MeasureResult> compute_measures(Context& context, const MeasureSet& set, const std::string& file,
                                            const Period& period, Progress* progress);

// The base of a suppressed figure as shown instead of its count: "<5" for a minimum base of 5.
std::string suppressed_base(const MeasureDefinition& measure);

void print_measures_json(std::ostream& out, const MeasuresReport& report);
void print_measures_table(std::ostream& out, const MeasuresReport& report);

} // namespace chorus::cli

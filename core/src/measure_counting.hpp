#pragma once
// How the MeasureCalculator counts (internal): survey answers in one pass per instrument,
// complaints and compliments from the log. Each fills figures[m][i] for measure m's
// periods[m][i], for the measures of its kind only.
#include "chorus/measures.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace chorus {

using FiguresTable = std::vector<std::vector<MeasureFigures>>;

void count_survey_measures(Store& store, const MeasureSet& set, const std::vector<std::vector<Period>>& periods,
                           FiguresTable& figures, Progress* progress);
void count_complaint_measures(Store& store, const MeasureSet& set, const CaseProcedure& procedure,
                              const std::vector<std::vector<Period>>& periods, FiguresTable& figures);

// Figures from the counts: the value (when there is a base) and suppression.
MeasureFigures make_figures(const MeasureDefinition& measure, const Period& period, std::int64_t base,
                            std::int64_t positive, std::vector<std::pair<std::string, std::int64_t>> out_of_base);

} // namespace chorus

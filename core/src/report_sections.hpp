#pragma once
// Internal to the plan report (report.hpp): the helpers its sections share, and the complaints
// section (report_complaints.cpp), which report_model.cpp puts together with the others.
#include "chorus/periods.hpp"
#include "chorus/report.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chorus::report_detail {

// Throws Cancelled when progress says so.
void check_cancel(Progress* progress);
bool contains(const std::vector<std::string>& codes, std::string_view code);
// "Not upheld" from "not_upheld"; "Green" from "green".
std::string capitalised(std::string_view text);
// "Q3 2025-26" from "Q3 2025-26 (October to December 2025)".
std::string short_description(const Period& period);
// "2 December 2026" from "2026-12-02".
std::string long_date(const std::string& date);
// A percentage as shown: rounded half away from zero to `decimals` places, with "%".
std::string percent_text(double percent, int decimals = 0);
// A code's label in a plugin vocabulary, else the code made readable.
std::string term_label(const std::vector<plugin::Vocabulary>* vocabularies, std::string_view vocabulary,
                       const std::string& code);
// A vocabulary's codes in its order; empty when the plugin offers none.
std::vector<std::string> term_codes(const std::vector<plugin::Vocabulary>* vocabularies, std::string_view vocabulary);

// Complaints by stage, responses within timescale, outcomes, themes and compliments, for the
// report period; says the plugin is not loaded when options.complaints is null.
ReportSection complaints_section(Store& store, const ReportOptions& options, Progress* progress);

} // namespace chorus::report_detail

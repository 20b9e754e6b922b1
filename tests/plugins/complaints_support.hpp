#pragma once
// Shared by the complaints plugin tests: the real plugins loaded once through the real
// host from the build tree (CHORUS_PLUGIN_DIR), and a complaint to start from.
#include "chorus/case_procedure.hpp"
#include "chorus/complaints.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/working_days.hpp"

#include <string>

namespace chorus::test {

// Throws, failing the test with the host's reasons, when the plugin did not load.
const LoadedPlugin& complaints_plugin();
const CaseProcedure& complaints_procedure();
// Weekends and the plugin's bank holidays.
WorkingDayCalendar bank_holiday_calendar();
// A parent's complaint at stage 1, started on the day received, with one undecided point.
Complaint complaint_received(const std::string& received, const std::string& procedure = "statutory");

} // namespace chorus::test

#pragma once
// The rules of a complaints procedure, supplied by a plugin (plugin_api.hpp): its stages
// and their working-day deadlines, escalation, late requests, and the status of a complaint
// on a given day. The host stores complaints (complaints.hpp) and shows what this computes.
// Part of the plugin interface: a change here raises chorus::plugin::api_version.
#include "chorus/complaints.hpp"

#include <boost/config.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class WorkingDayCalendar;

// Ids of the vocabularies (plugin_api.hpp) a complaints plugin offers for the codes of
// the log, so the host can offer and check them (docs/complaints.md, "Code lists").
namespace complaint_vocabulary {
inline constexpr std::string_view complainant_types = "complainant-types";
inline constexpr std::string_view service_areas = "service-areas";
inline constexpr std::string_view complaint_themes = "complaint-themes";
inline constexpr std::string_view outcomes = "outcomes";
inline constexpr std::string_view compliment_sources = "compliment-sources";
inline constexpr std::string_view procedures = "procedures";
inline constexpr std::string_view stages = "stages";
} // namespace complaint_vocabulary

struct DeadlineRule {
    std::string milestone;    // what must happen by the deadline, e.g. "responded", "panel_held"
    std::string label;        // e.g. "Response to the complainant"
    std::string clock_starts; // "started" (the stage's start date) or an earlier milestone's code
    int working_days = 0;
    int extended_working_days = 0; // when the stage is extended; 0 = cannot be extended
};

struct StageRule {
    std::string code;  // e.g. "stage1"
    std::string label; // e.g. "Stage 1: local resolution"
    std::vector<DeadlineRule> deadlines; // in order; empty for a stage outside the council (ombudsman)
};

struct DeadlineStatus {
    std::string milestone;
    std::string label;
    std::string due;           // "" while the clock has not started
    std::string done;          // the milestone's date; "" when not yet
    int working_days_left = 0; // today -> due; 0 on the day, negative when overdue
    bool overdue = false;      // not done and today is after due
    bool late = false;         // done after due
};

struct ComplaintStatus {
    std::string stage;       // current stage code
    std::string stage_label;
    std::vector<DeadlineStatus> deadlines; // of the current stage
    std::string next_due;      // earliest due date of a deadline not yet done; "" when none
    int working_days_left = 0; // to next_due
    bool overdue = false;      // any deadline of the current stage overdue
    bool late_request = false; // made more than a year after the complainant became aware
    bool open = true;          // false once the current stage has its final milestone and every point an outcome
    std::string escalates_to;  // the next stage's code; "" when there is none
};

class BOOST_SYMBOL_VISIBLE CaseProcedure {
public:
    virtual ~CaseProcedure() = default;

    // Bank holidays the deadlines skip ("YYYY-MM-DD"); the host adds local closure days.
    virtual std::vector<std::string> bank_holidays() const = 0;

    // The stages of a procedure ("statutory" or "corporate"), in order.
    virtual std::vector<StageRule> stages(std::string_view procedure) const = 0;

    // Problems with a complaint as recorded (unknown codes, dates out of order...), each
    // a sentence that names the field; empty when it may be saved. Never quotes free text.
    virtual std::vector<std::string> check(const Complaint& complaint) const = 0;

    virtual ComplaintStatus assess(const Complaint& complaint, const WorkingDayCalendar& calendar,
                                   std::string_view today) const = 0;

    // Why the complaint may not move to its next stage on `date`; "" when it may.
    virtual std::string escalation_refusal(const Complaint& complaint, std::string_view date,
                                           const WorkingDayCalendar& calendar) const = 0;
};

} // namespace chorus

#pragma once
// The complaints and compliments log: what is recorded about each complaint as it moves
// through the statutory children's procedure (or the council's corporate one). The rules
// (stages, deadlines, escalation) come from the plugin's CaseProcedure; this is the data.
// Dates are "YYYY-MM-DD"; codes come from the plugin's vocabularies.
#include <map>
#include <string>
#include <vector>

namespace chorus {

struct ComplaintPoint {
    std::string summary;       // what is complained about; free text that may identify people
    std::string outcome;       // "" until decided, else an outcome code ("upheld", "not_upheld", ...)
    std::string outcome_stage; // the stage code at which the outcome was decided
    friend bool operator==(const ComplaintPoint&, const ComplaintPoint&) = default;
};

struct ComplaintStage {
    std::string stage;            // stage code: "stage1", "stage2", "stage3", "ombudsman"
    std::string started;          // date requested (stage 1: the date the complaint was received)
    bool extended = false;        // complex stage 1 (20 days), extended stage 2 (up to 65)
    std::string extension_reason; // why it was extended
    // Milestone code -> date it happened, e.g. "responded", "panel_held", "report_sent".
    std::map<std::string, std::string> milestones;
    friend bool operator==(const ComplaintStage&, const ComplaintStage&) = default;
};

struct LearningAction { // "you said, we did"
    std::string action;
    std::string owner;     // a role or team, not a person's name
    std::string due;       // date; "" = none
    std::string completed; // date; "" = open
    friend bool operator==(const LearningAction&, const LearningAction&) = default;
};

struct Complaint {
    std::string uuid;
    std::string reference;        // the council's case reference: pseudonymous, kept out of anonymised exports
    std::string received;         // date the complaint was received
    std::string became_aware;     // date the complainant became aware of the matter; "" = not recorded
    std::string complainant_type; // code, e.g. "parent", "young_person", "advocate"
    std::string service_area;     // code, e.g. "children_in_need"
    std::string procedure;        // "statutory" or "corporate"
    std::string team;
    std::vector<std::string> themes; // codes, e.g. "communication", "delay"
    bool advocate_offered = false;
    std::vector<ComplaintPoint> points; // at least one
    std::vector<ComplaintStage> stages; // in order; the last one is the current stage
    std::vector<LearningAction> learning;
    std::string recorded_by;
    friend bool operator==(const Complaint&, const Complaint&) = default;
};

struct Compliment {
    std::string uuid;
    std::string received;     // date
    std::string source_type;  // code, e.g. "parent", "grandparent", "foster_carer", "teacher", "child"
    std::string service_area; // code
    std::string team;
    std::string summary;      // free text; may identify people
    std::string recorded_by;
    friend bool operator==(const Compliment&, const Compliment&) = default;
};

} // namespace chorus

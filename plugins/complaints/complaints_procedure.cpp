#include "complaints_procedure.hpp"

#include "complaints_vocabularies.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/working_days.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace chorus::complaints {

namespace {

constexpr std::string_view clock_at_start = "started"; // DeadlineRule::clock_starts
constexpr std::size_t no_stage = static_cast<std::size_t>(-1);

// Regulations 14, 17, 19 and 20 of the 2006 regulations; extended_working_days is the
// longest a stage may take when the council extends it.
std::vector<StageRule> statutory_stages() {
    return {
        {"stage1", "Stage 1: local resolution",
         {{"responded", "Response to the complainant", std::string(clock_at_start), 10, 20}}},
        {"stage2", "Stage 2: investigation",
         {{"responded", "Adjudication sent to the complainant", std::string(clock_at_start), 25, 65}}},
        {"stage3", "Stage 3: review panel",
         {{"panel_held", "Review panel meets", std::string(clock_at_start), 30, 0},
          {"report_sent", "Panel's report sent", "panel_held", 5, 0},
          {"responded", "Council's response to the panel's report", "report_sent", 15, 0}}},
        {"ombudsman", "Local Government and Social Care Ombudsman", {}},
    };
}

// A council's own procedure, so no regulation sets it: 10 (complex: 20) working days at
// stage 1 as in the statutory one; 20 at stage 2, the figure councils commonly publish,
// and never longer than the statutory stage 2's 65 when extended (docs/complaints.md).
std::vector<StageRule> corporate_stages() {
    return {
        {"stage1", "Stage 1: local resolution",
         {{"responded", "Response to the complainant", std::string(clock_at_start), 10, 20}}},
        {"stage2", "Stage 2: review",
         {{"responded", "Review response to the complainant", std::string(clock_at_start), 20, 65}}},
        {"ombudsman", "Local Government and Social Care Ombudsman", {}},
    };
}

// Messages repeat a value only when it looks like a code or a date: anything else may be
// free text typed into the wrong field (a name, a case note), which messages never repeat.
std::string shown(std::string_view value) {
    const bool code_like = !value.empty() && value.size() <= 40 &&
                           std::all_of(value.begin(), value.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                                      c == '-' || c == '/';
                           });
    if (code_like) return "\"" + std::string(value) + "\"";
    return value.empty() ? "an empty value" : "a value that is not a code or a date";
}

std::string stage_name(std::string_view code) {
    if (code == "stage1") return "stage 1";
    if (code == "stage2") return "stage 2";
    if (code == "stage3") return "stage 3";
    if (code == "ombudsman") return "the ombudsman stage";
    return "stage " + shown(code);
}

std::size_t find_stage(const std::vector<StageRule>& rules, std::string_view code) {
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules[i].code == code) return i;
    return no_stage;
}

std::string final_milestone(const StageRule& rule) {
    return rule.deadlines.empty() ? std::string() : rule.deadlines.back().milestone;
}

std::string milestone_date(const ComplaintStage& stage, const std::string& milestone) {
    const auto found = stage.milestones.find(milestone);
    return found == stage.milestones.end() ? std::string() : found->second;
}

std::string clock_start(const DeadlineRule& rule, const ComplaintStage& stage) {
    return rule.clock_starts == clock_at_start ? stage.started : milestone_date(stage, rule.clock_starts);
}

// Each deadline of `stage` as it stands on `today`. A clock starts the day after its
// start date (WorkingDayCalendar::add_working_days), so a stage started on a Friday
// counts from Monday.
std::vector<DeadlineStatus> deadline_statuses(const StageRule& rule, const ComplaintStage& stage,
                                              const WorkingDayCalendar& calendar, std::string_view today) {
    std::vector<DeadlineStatus> statuses;
    for (const auto& deadline : rule.deadlines) {
        DeadlineStatus status;
        status.milestone = deadline.milestone;
        status.label = deadline.label;
        const std::string clock = clock_start(deadline, stage);
        const int days = stage.extended && deadline.extended_working_days > 0 ? deadline.extended_working_days
                                                                               : deadline.working_days;
        if (!clock.empty()) status.due = calendar.add_working_days(clock, days);
        status.done = milestone_date(stage, deadline.milestone);
        if (!status.due.empty()) {
            if (status.done.empty()) {
                status.working_days_left = calendar.working_days_between(today, status.due);
                status.overdue = today > std::string_view(status.due);
            } else {
                status.late = status.done > status.due;
            }
        }
        statuses.push_back(std::move(status));
    }
    return statuses;
}

// The last day a complaint is in time: the anniversary of the day the complainant became
// aware (29 February's anniversary is 28 February).
std::string one_year_after(const std::string& date) {
    std::string year = std::to_string(std::stoi(date.substr(0, 4)) + 1);
    if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
    const std::string month_day = date.substr(4);
    return year + (month_day == "-02-29" ? std::string("-02-28") : month_day);
}

void require_date(std::string_view field, const std::string& value) {
    if (!is_valid_date(value))
        throw Error("complaint: " + std::string(field) + ": " + shown(value) + " is not a date (YYYY-MM-DD)");
}

} // namespace

ComplaintsProcedure::ComplaintsProcedure(std::vector<std::string> bank_holidays,
                                         std::vector<plugin::Vocabulary> vocabularies)
    : bank_holidays_(std::move(bank_holidays)), vocabularies_(std::move(vocabularies)) {}

std::vector<StageRule> ComplaintsProcedure::stages(std::string_view procedure) const {
    if (procedure == "statutory") return statutory_stages();
    if (procedure == "corporate") return corporate_stages();
    return {};
}

std::vector<std::string> ComplaintsProcedure::check(const Complaint& complaint) const {
    std::vector<std::string> problems;
    const auto check_date = [&](const std::string& where, const std::string& value) {
        if (is_valid_date(value)) return true;
        problems.push_back(where + ": " +
                           (value.empty() ? std::string("a date is needed")
                                          : shown(value) + " is not a date (YYYY-MM-DD)"));
        return false;
    };
    const auto check_code = [&](const std::string& field, std::string_view vocabulary, const std::string& value,
                                const std::string& what) {
        if (value.empty())
            problems.push_back(field + ": a " + what + " is needed");
        else if (!is_term(vocabularies_, vocabulary, value))
            problems.push_back(field + ": " + shown(value) + " is not a known " + what);
    };

    const bool received_valid = check_date("received", complaint.received);
    if (!complaint.became_aware.empty() && check_date("became_aware", complaint.became_aware) && received_valid &&
        complaint.became_aware > complaint.received)
        problems.push_back("became_aware: " + complaint.became_aware + " is after the received date " +
                           complaint.received);
    check_code("complainant_type", complainant_types, complaint.complainant_type, "complainant type");
    check_code("service_area", service_areas, complaint.service_area, "service area");
    check_code("procedure", procedures, complaint.procedure, "procedure");

    std::set<std::string> themes;
    for (const auto& theme : complaint.themes) {
        if (!is_term(vocabularies_, complaint_themes, theme))
            problems.push_back("themes: " + shown(theme) + " is not a known complaint theme");
        else if (!themes.insert(theme).second)
            problems.push_back("themes: " + shown(theme) + " is given twice");
    }

    if (complaint.points.empty()) problems.push_back("points: a complaint needs at least one point");
    for (std::size_t i = 0; i < complaint.points.size(); ++i) {
        const auto& point = complaint.points[i];
        const std::string where = "point " + std::to_string(i + 1);
        if (point.outcome.empty()) {
            if (!point.outcome_stage.empty())
                problems.push_back(where + ": outcome_stage is set but there is no outcome");
            continue;
        }
        if (!is_term(vocabularies_, outcomes, point.outcome))
            problems.push_back(where + ": outcome " + shown(point.outcome) + " is not a known outcome");
        if (point.outcome_stage.empty())
            problems.push_back(where + ": an outcome needs outcome_stage, the stage that decided it");
        else if (std::none_of(complaint.stages.begin(), complaint.stages.end(),
                              [&](const ComplaintStage& stage) { return stage.stage == point.outcome_stage; }))
            problems.push_back(where + ": outcome_stage " + shown(point.outcome_stage) +
                               " is not one of this complaint's stages");
    }

    for (std::size_t i = 0; i < complaint.learning.size(); ++i) {
        const auto& action = complaint.learning[i];
        const std::string where = "learning action " + std::to_string(i + 1);
        if (!action.due.empty()) check_date(where + ": due", action.due);
        if (!action.completed.empty()) check_date(where + ": completed", action.completed);
    }

    const std::vector<StageRule> rules = stages(complaint.procedure);
    if (rules.empty()) return problems; // the unknown procedure is reported above
    if (complaint.stages.empty()) {
        problems.push_back("stages: a complaint needs its stage 1, started on the received date");
        return problems;
    }
    for (std::size_t i = 0; i < complaint.stages.size(); ++i) {
        const ComplaintStage& stage = complaint.stages[i];
        const std::string entry = "stages: entry " + std::to_string(i + 1);
        if (i >= rules.size()) {
            problems.push_back(entry + " comes after the ombudsman, the last stage of the " + complaint.procedure +
                               " procedure");
            break;
        }
        const StageRule& rule = rules[i];
        if (stage.stage != rule.code) {
            problems.push_back(entry + " is " + shown(stage.stage) + " where the " + complaint.procedure +
                               " procedure's " + (i == 0 ? "first" : "next") + " stage is \"" + rule.code +
                               "\" (no stage may be skipped)");
            break;
        }
        const std::string name = stage_name(rule.code);
        const bool started_valid = check_date(name + ": started", stage.started);
        if (started_valid && i == 0 && received_valid && stage.started != complaint.received)
            problems.push_back(name + ": started " + stage.started + " is not the received date " +
                               complaint.received + " (stage 1 starts when the complaint is received)");
        if (started_valid && i > 0) {
            const ComplaintStage& previous = complaint.stages[i - 1];
            const std::string previous_end = milestone_date(previous, final_milestone(rules[i - 1]));
            if (is_valid_date(previous.started) && stage.started < previous.started)
                problems.push_back(name + ": started " + stage.started + " is before " +
                                   stage_name(previous.stage) + " started (" + previous.started + ")");
            else if (is_valid_date(previous_end) && stage.started < previous_end)
                problems.push_back(name + ": started " + stage.started + " is before " +
                                   stage_name(previous.stage) + "'s \"" + final_milestone(rules[i - 1]) +
                                   "\" milestone (" + previous_end + ")");
        }
        if (stage.extended && std::none_of(rule.deadlines.begin(), rule.deadlines.end(),
                                           [](const DeadlineRule& d) { return d.extended_working_days > 0; }))
            problems.push_back(name + ": is marked extended, but its deadlines cannot be extended");
        for (const auto& [milestone, date] : stage.milestones) {
            const std::string where = name + ": milestone " + shown(milestone);
            // clang before 16 cannot capture a structured binding: capture a reference to it.
            const auto& wanted = milestone;
            const auto deadline = std::find_if(rule.deadlines.begin(), rule.deadlines.end(),
                                               [&](const DeadlineRule& d) { return d.milestone == wanted; });
            if (deadline == rule.deadlines.end()) {
                problems.push_back(where + " is not a milestone of " + name);
                continue;
            }
            if (!check_date(where, date)) continue;
            const std::string clock = clock_start(*deadline, stage);
            const bool at_start = deadline->clock_starts == clock_at_start;
            if (!at_start && clock.empty())
                problems.push_back(where + " is recorded but \"" + deadline->clock_starts + "\" is not");
            else if (is_valid_date(clock) && date < clock)
                problems.push_back(where + ": " + date + " is before " +
                                   (at_start ? std::string("the stage started")
                                             : "\"" + deadline->clock_starts + "\"") +
                                   " (" + clock + ")");
        }
    }
    return problems;
}

ComplaintStatus ComplaintsProcedure::assess(const Complaint& complaint, const WorkingDayCalendar& calendar,
                                            std::string_view today) const {
    if (!is_valid_date(today)) throw Error("today: " + shown(today) + " is not a date (YYYY-MM-DD)");
    const std::vector<StageRule> rules = stages(complaint.procedure);
    if (rules.empty())
        throw Error("complaint: procedure " + shown(complaint.procedure) + " is not statutory or corporate");
    if (complaint.stages.empty())
        throw Error("complaint: it has no stage; stage 1 starts on the day it is received");
    const ComplaintStage& current = complaint.stages.back();
    const std::size_t index = find_stage(rules, current.stage);
    if (index == no_stage)
        throw Error("complaint: its current stage " + shown(current.stage) + " is not a stage of the " +
                    complaint.procedure + " procedure");
    require_date("received", complaint.received);
    require_date(stage_name(current.stage) + ": started", current.started);

    const StageRule& rule = rules[index];
    ComplaintStatus status;
    status.stage = rule.code;
    status.stage_label = rule.label;
    status.deadlines = deadline_statuses(rule, current, calendar, today);
    for (const auto& deadline : status.deadlines) {
        status.overdue = status.overdue || deadline.overdue;
        if (deadline.done.empty() && !deadline.due.empty() &&
            (status.next_due.empty() || deadline.due < status.next_due)) {
            status.next_due = deadline.due;
            status.working_days_left = deadline.working_days_left;
        }
    }
    if (!complaint.became_aware.empty()) {
        require_date("became_aware", complaint.became_aware);
        status.late_request = complaint.received > one_year_after(complaint.became_aware);
    }
    // A stage with no council deadlines (the ombudsman) has nothing left for the council
    // to do, so only undecided points keep the complaint open there.
    const bool stage_finished = rule.deadlines.empty() || !milestone_date(current, final_milestone(rule)).empty();
    const bool all_decided = std::all_of(complaint.points.begin(), complaint.points.end(),
                                         [](const ComplaintPoint& point) { return !point.outcome.empty(); });
    status.open = !(stage_finished && all_decided);
    status.escalates_to = index + 1 < rules.size() ? rules[index + 1].code : std::string();
    return status;
}

std::string ComplaintsProcedure::escalation_refusal(const Complaint& complaint, std::string_view date,
                                                    const WorkingDayCalendar& calendar) const {
    if (!is_valid_date(date)) return "the escalation date " + shown(date) + " is not a date (YYYY-MM-DD)";
    const std::vector<StageRule> rules = stages(complaint.procedure);
    if (rules.empty()) return "the procedure " + shown(complaint.procedure) + " is not statutory or corporate";
    if (complaint.stages.empty()) return "the complaint has no stage yet: stage 1 starts when it is received";
    const ComplaintStage& current = complaint.stages.back();
    const std::size_t index = find_stage(rules, current.stage);
    if (index == no_stage)
        return "the current stage " + shown(current.stage) + " is not a stage of the " + complaint.procedure +
               " procedure";
    const std::string name = stage_name(current.stage);
    if (index + 1 == rules.size())
        return "the complaint is at " + name + ", the last stage of the " + complaint.procedure +
               " procedure: there is no stage after it";
    if (!is_valid_date(current.started)) return name + " has no valid start date";
    if (date < std::string_view(current.started))
        return std::string(date) + " is before " + name + " started (" + current.started + ")";
    if (!complaint.points.empty() &&
        std::all_of(complaint.points.begin(), complaint.points.end(),
                    [](const ComplaintPoint& point) { return point.outcome == "withdrawn"; }))
        return "every point of the complaint was withdrawn";

    const StageRule& rule = rules[index];
    const std::string next = stage_name(rules[index + 1].code);
    const std::string finished = milestone_date(current, final_milestone(rule));
    if (!finished.empty()) {
        if (date < std::string_view(finished))
            return std::string(date) + " is before " + name + "'s response (" + finished + ")";
        return {};
    }
    // Not finished: the complainant may still go on once the council is out of time.
    const auto statuses = deadline_statuses(rule, current, calendar, date);
    if (std::any_of(statuses.begin(), statuses.end(), [](const DeadlineStatus& s) { return s.overdue; }))
        return {};
    const auto pending = std::find_if(statuses.begin(), statuses.end(),
                                      [](const DeadlineStatus& s) { return s.done.empty() && !s.due.empty(); });
    return name + " has not finished and is not overdue" +
           (pending == statuses.end() ? std::string()
                                      : ": \"" + pending->milestone + "\" is due by " + pending->due) +
           "; the complainant may ask for " + next + " once " + name + " has responded or is overdue";
}

} // namespace chorus::complaints

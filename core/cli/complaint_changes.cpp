// complaints add | escalate | respond | extend | outcome | learning: each one change,
// checked by the complaints plugin's procedure and written with its audit row by
// ComplaintRegister (which keeps references and free text out of the audit log).
#include "commands.hpp"
#include "complaints_plugin.hpp"

#include "chorus/complaint_register.hpp"

#include <limits>
#include <ostream>

namespace chorus::cli {

namespace {

std::string required_date(const Arguments& arguments, std::string_view option)
{
    auto date = arguments.date(option);
    if (!date)
        throw UsageError("missing --" + std::string(option));
    return *date;
}

// Things that happened cannot have happened after today; the procedure cannot know today.
void check_not_future(std::vector<std::string>& problems, std::string_view option, const std::string& date)
{
    if (const std::string today = local_date(); date > today)
        problems.push_back("--" + std::string(option) + ": " + date + " is after today (" + today + ")");
}

void refuse(const std::string& what, const std::vector<std::string>& problems)
{
    if (!problems.empty())
        throw ListedError(what + " cannot be saved", problems);
}

// "Adjudication sent to the complainant due 2025-03-10 (Stage 2: investigation)" for each
// deadline of the current stage that has a due date and is not done.
void print_open_deadlines(std::ostream& out, const ComplaintStatus& status)
{
    bool any = false;
    for (const auto& deadline : status.deadlines)
        if (deadline.done.empty() && !deadline.due.empty()) {
            out << deadline.label << " due " << deadline.due << " (" << status.stage_label << ")\n";
            any = true;
        }
    if (!any)
        out << status.stage_label << ", " << (status.open ? status_text(status) : "closed") << '\n';
}

struct Change {
    ComplaintsPlugin plugin;
    ComplaintRegister complaints;
    std::string uuid;
};

// The plugin, the register and the complaint named by the command's operand.
Change start_change(const Arguments& arguments, Context& context)
{
    ComplaintsPlugin plugin = complaints_plugin(context);
    ComplaintRegister complaints(context.store(), plugin.procedure());
    std::string uuid = find_complaint(complaints.log(), arguments.operands().front());
    return {plugin, std::move(complaints), std::move(uuid)};
}

} // namespace

int complaints_add(const Arguments& arguments, Context& context)
{
    Complaint complaint;
    complaint.received = required_date(arguments, "received");
    complaint.became_aware = arguments.date("became-aware").value_or("");
    complaint.complainant_type = arguments.required("complainant-type");
    complaint.service_area = arguments.required("service-area");
    complaint.procedure = arguments.value_or("procedure", "statutory");
    complaint.team = arguments.value_or("team", "");
    complaint.reference = arguments.value_or("reference", "");
    complaint.themes = arguments.values("theme");
    complaint.advocate_offered = arguments.has("advocate-offered");
    for (const auto& point : arguments.values("point"))
        complaint.points.push_back({point, "", ""});
    if (complaint.points.empty())
        throw UsageError("missing --point: a complaint needs at least one point");

    const ComplaintsPlugin plugin = complaints_plugin(context);
    std::vector<std::string> problems;
    plugin.check_code(problems, "complainant-type", complainant_types, complaint.complainant_type);
    plugin.check_code(problems, "service-area", service_areas, complaint.service_area);
    plugin.check_code(problems, "procedure", procedures, complaint.procedure);
    for (const auto& theme : complaint.themes)
        plugin.check_code(problems, "theme", complaint_themes, theme);
    check_not_future(problems, "received", complaint.received);
    refuse("the new complaint", problems);

    ComplaintRegister complaints(context.store(), plugin.procedure());
    const std::string uuid = complaints.record(complaint, context.actor());
    const Complaint stored = complaints.log().complaint(uuid);
    context.out() << "recorded complaint " << uuid << '\n';
    print_open_deadlines(context.out(), complaints.status(stored, stored.received));
    return 0;
}

int complaints_escalate(const Arguments& arguments, Context& context)
{
    const std::string date = required_date(arguments, "date");
    std::vector<std::string> problems;
    check_not_future(problems, "date", date);
    refuse("the escalation", problems);
    auto change = start_change(arguments, context);
    const Complaint stored = change.complaints.escalate(change.uuid, date, context.actor());
    context.out() << "complaint " << stored.uuid << " moved to "
                  << change.plugin.stage_label(stored.procedure, stored.stages.back().stage) << " on " << date << '\n';
    print_open_deadlines(context.out(), change.complaints.status(stored, date));
    return 0;
}

int complaints_respond(const Arguments& arguments, Context& context)
{
    const std::string date = required_date(arguments, "date");
    const std::string milestone = arguments.value_or("milestone", "responded");
    std::vector<std::string> problems;
    check_not_future(problems, "date", date);
    refuse("the milestone", problems);
    auto change = start_change(arguments, context);
    const Complaint stored = change.complaints.record_milestone(change.uuid, milestone, date, context.actor());
    const ComplaintStatus status = change.complaints.status(stored, date);
    for (const auto& deadline : status.deadlines)
        if (deadline.milestone == milestone)
            context.out() << "recorded " << status.stage_label << ": " << deadline.label << " on " << date
                          << (deadline.late ? " (late: it was due " + deadline.due + ")"
                                            : " (in time: due " + deadline.due + ")")
                          << '\n';
    print_open_deadlines(context.out(), status);
    return 0;
}

int complaints_extend(const Arguments& arguments, Context& context)
{
    const std::string reason = arguments.required("reason");
    auto change = start_change(arguments, context);
    const Complaint stored = change.complaints.extend(change.uuid, reason, context.actor());
    context.out() << "extended " << change.plugin.stage_label(stored.procedure, stored.stages.back().stage)
                  << " of complaint " << stored.uuid << '\n';
    print_open_deadlines(context.out(), change.complaints.status(stored, local_date()));
    return 0;
}

int complaints_outcome(const Arguments& arguments, Context& context)
{
    const auto point = arguments.integer("point", 1, std::numeric_limits<int>::max());
    if (!point)
        throw UsageError("missing --point");
    const std::string outcome = arguments.required("outcome");
    auto change = start_change(arguments, context);
    std::vector<std::string> problems;
    change.plugin.check_code(problems, "outcome", outcomes, outcome);
    refuse("the outcome", problems);
    const Complaint stored = change.complaints.record_outcome(change.uuid, static_cast<std::size_t>(*point - 1),
                                                              outcome, context.actor());
    context.out() << "point " << *point << ": " << change.plugin.label(outcomes, outcome) << " at "
                  << change.plugin.stage_label(stored.procedure, stored.stages.back().stage) << '\n';
    print_open_deadlines(context.out(), change.complaints.status(stored, local_date()));
    return 0;
}

int complaints_learning(const Arguments& arguments, Context& context)
{
    LearningAction action;
    action.action = arguments.required("action");
    action.owner = arguments.required("owner");
    action.due = arguments.date("due").value_or("");
    auto change = start_change(arguments, context);
    const Complaint stored = change.complaints.add_learning(change.uuid, action, context.actor());
    context.out() << "added learning action " << stored.learning.size() << " to complaint " << stored.uuid << '\n';
    return 0;
}

} // namespace chorus::cli

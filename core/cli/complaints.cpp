// complaints list | show: the register as the complaints plugin sees it on a given day.
// These outputs are for the complaints manager, so they show case references and the
// points' summaries; nothing here writes to the audit log or to stderr.
#include "commands.hpp"
#include "complaints_plugin.hpp"
#include "table.hpp"

#include "chorus/complaint_register.hpp"

#include <limits>
#include <ostream>

namespace chorus::cli {

namespace {

// The reference, or the start of the uuid (which the commands also accept) when there is none.
std::string name_of(const Complaint& complaint)
{
    return complaint.reference.empty() ? complaint.uuid.substr(0, 8) : complaint.reference;
}

std::string or_dash(const std::string& text)
{
    return text.empty() ? "-" : text;
}

OrderedJson nullable(const std::string& text)
{
    return text.empty() ? OrderedJson(nullptr) : OrderedJson(text);
}

void print_register_table(std::ostream& out, const std::vector<RegisterEntry>& entries,
                          const ComplaintsPlugin& plugin, const std::string& today)
{
    std::int64_t open = 0;
    std::int64_t overdue = 0;
    for (const auto& entry : entries) {
        open += entry.status.open ? 1 : 0;
        overdue += entry.status.open && entry.status.overdue ? 1 : 0;
    }
    out << "As at " << today << ": "
        << count_noun(static_cast<std::int64_t>(entries.size()), "complaint", "complaints")
        << ", " << open << " open, " << overdue << " overdue.\n";
    if (entries.empty())
        return;
    out << '\n';
    Table table({{"Reference"}, {"Received"}, {"Procedure"}, {"Stage"}, {"Next due"}, {"Status"}, {"Outcome"}});
    bool any_late = false;
    for (const auto& [complaint, status] : entries) {
        // A marker and a footnote rather than a column: the table fits 100 columns.
        any_late = any_late || status.late_request;
        table.add_row({name_of(complaint), complaint.received + (status.late_request ? "*" : ""),
                       complaint.procedure, short_stage_name(status), status.open ? or_dash(status.next_due) : "-",
                       status_text(status), outcome_summary(complaint, plugin)});
    }
    table.print(out);
    if (any_late)
        out << "\n* late request: received more than a year after the complainant became aware of the matter\n";
}

OrderedJson register_json(const std::vector<RegisterEntry>& entries, const ComplaintsPlugin& plugin,
                          const std::string& today)
{
    auto list = OrderedJson::array();
    for (const auto& [complaint, status] : entries) {
        std::size_t decided = 0;
        auto outcome_counts = OrderedJson::object();
        for (const auto& point : complaint.points)
            if (!point.outcome.empty()) {
                ++decided;
                outcome_counts[point.outcome] = outcome_counts.value(point.outcome, 0) + 1;
            }
        list.push_back({{"uuid", complaint.uuid},
                        {"reference", complaint.reference},
                        {"received", complaint.received},
                        {"procedure", complaint.procedure},
                        {"stage", status.stage},
                        {"stage_label", status.stage_label},
                        {"next_due", nullable(status.next_due)},
                        {"working_days_left", status.working_days_left},
                        {"overdue", status.overdue},
                        {"open", status.open},
                        {"late_request", status.late_request},
                        {"status", status_text(status)},
                        {"points", complaint.points.size()},
                        {"points_decided", decided},
                        {"outcome", outcome_summary(complaint, plugin)},
                        {"outcomes", outcome_counts}});
    }
    return {{"today", today}, {"complaints", list}};
}

// "due 2025-01-08, done 2025-01-07", "due 2025-01-08: OVERDUE by 2 working days".
std::string deadline_text(const DeadlineStatus& deadline, bool current_stage)
{
    if (deadline.due.empty())
        return deadline.done.empty() ? "no due date yet (its clock has not started)" : "done " + deadline.done;
    std::string text = "due " + deadline.due;
    if (!deadline.done.empty())
        return text + ", done " + deadline.done + (deadline.late ? " (late)" : "");
    if (!current_stage)
        return text + ", not done";
    ComplaintStatus one; // the complaint-level words for this one deadline
    one.next_due = deadline.due;
    one.working_days_left = deadline.working_days_left;
    one.overdue = deadline.overdue;
    one.deadlines = {deadline};
    return text + ": " + status_text(one);
}

void print_stages(std::ostream& out, const Complaint& complaint, ComplaintRegister& complaints,
                  const std::string& today)
{
    out << "\nStages:\n";
    // The procedure reports on the current stage; each earlier one is assessed as the
    // complaint stood while it was current.
    Complaint as_then = complaint;
    for (std::size_t i = 0; i < complaint.stages.size(); ++i) {
        const ComplaintStage& stage = complaint.stages[i];
        as_then.stages.assign(complaint.stages.begin(),
                              complaint.stages.begin() + static_cast<std::ptrdiff_t>(i + 1));
        const ComplaintStatus status = complaints.status(as_then, today);
        const bool current = i + 1 == complaint.stages.size();
        out << "  " << status.stage_label << ", started " << stage.started << (current ? " (current)" : "") << '\n';
        if (stage.extended)
            out << "    extended: " << stage.extension_reason << '\n';
        for (const auto& deadline : status.deadlines)
            out << "    " << deadline.label << ": " << deadline_text(deadline, current) << '\n';
        if (status.deadlines.empty())
            out << "    no council deadline at this stage\n";
    }
}

void print_complaint(std::ostream& out, const Complaint& complaint, const ComplaintStatus& status,
                     const ComplaintsPlugin& plugin, ComplaintRegister& complaints, const std::string& today)
{
    std::vector<std::string> theme_labels;
    for (const auto& theme : complaint.themes)
        theme_labels.push_back(plugin.label(complaint_themes, theme));
    std::string themes;
    for (const auto& label : theme_labels)
        themes += (themes.empty() ? "" : "; ") + label;

    out << "Complaint " << or_dash(complaint.reference) << '\n'
        << "  uuid:              " << complaint.uuid << '\n'
        << "  received:          " << complaint.received << '\n'
        << "  became aware:      " << (complaint.became_aware.empty() ? "not recorded" : complaint.became_aware)
        << (status.late_request ? " (late request: received more than a year later)" : "") << '\n'
        << "  complainant:       " << plugin.label(complainant_types, complaint.complainant_type) << '\n'
        << "  service area:      " << plugin.label(service_areas, complaint.service_area) << '\n'
        << "  procedure:         " << plugin.label(procedures, complaint.procedure) << '\n'
        << "  team:              " << or_dash(complaint.team) << '\n'
        << "  themes:            " << or_dash(themes) << '\n'
        << "  advocate offered:  " << (complaint.advocate_offered ? "yes" : "no") << '\n'
        << "  recorded by:       " << complaint.recorded_by << '\n'
        << "  status on " << today << ": " << status.stage_label << "; " << status_text(status)
        << (status.open && !status.next_due.empty() ? " (next due " + status.next_due + ")" : "") << '\n';
    if (status.open && !status.escalates_to.empty())
        out << "  next stage:        " << plugin.stage_label(complaint.procedure, status.escalates_to) << '\n';

    print_stages(out, complaint, complaints, today);

    out << "\nPoints:\n";
    for (std::size_t i = 0; i < complaint.points.size(); ++i) {
        const auto& point = complaint.points[i];
        out << "  " << i + 1 << ". " << point.summary << "\n     outcome: "
            << (point.outcome.empty() ? "not decided"
                                      : plugin.label(outcomes, point.outcome) + " at " +
                                            plugin.stage_label(complaint.procedure, point.outcome_stage))
            << '\n';
    }

    out << "\nLearning actions:" << (complaint.learning.empty() ? " none\n" : "\n");
    for (std::size_t i = 0; i < complaint.learning.size(); ++i) {
        const auto& action = complaint.learning[i];
        out << "  " << i + 1 << ". " << action.action << "\n     owner: " << action.owner
            << (action.due.empty() ? "" : "; due " + action.due)
            << (action.completed.empty() ? "; open" : "; completed " + action.completed) << '\n';
    }
}

} // namespace

int complaints_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    ComplaintFilter filter;
    filter.received_from = arguments.date("from").value_or("");
    filter.received_to = arguments.date("to").value_or("");
    filter.procedure = arguments.choice("procedure", {"statutory", "corporate"}, "");
    filter.limit = arguments.integer("limit", 1, std::numeric_limits<std::int64_t>::max()).value_or(-1);
    const std::string today = today_option(arguments);

    const ComplaintsPlugin plugin = complaints_plugin(context);
    ComplaintRegister complaints(context.store(), plugin.procedure());
    const auto entries = complaints.list_with_status(filter, today, arguments.has("open"));
    if (format == "json")
        print_json(context.out(), register_json(entries, plugin, today));
    else
        print_register_table(context.out(), entries, plugin, today);
    return 0;
}

int complaints_show(const Arguments& arguments, Context& context)
{
    const std::string today = today_option(arguments);
    const ComplaintsPlugin plugin = complaints_plugin(context);
    ComplaintRegister complaints(context.store(), plugin.procedure());
    const std::string uuid = find_complaint(complaints.log(), arguments.operands().front());
    const Complaint complaint = complaints.log().complaint(uuid);
    print_complaint(context.out(), complaint, complaints.status(complaint, today), plugin, complaints, today);
    return 0;
}

} // namespace chorus::cli

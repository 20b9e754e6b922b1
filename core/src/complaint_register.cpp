#include "chorus/complaint_register.hpp"

#include "chorus/dates.hpp"

#include <algorithm>
#include <utility>

namespace chorus {

namespace {

void require_date(const std::string& what, const std::string& date)
{
    if (!is_valid_date(date))
        throw Error(what + ": \"" + date + "\" is not a date in the form YYYY-MM-DD");
}

std::string context_of(const std::string& uuid)
{
    return "complaint " + uuid;
}

const StageRule* find_rule(const std::vector<StageRule>& rules, const std::string& code)
{
    const auto found = std::find_if(rules.begin(), rules.end(), [&](const StageRule& rule) { return rule.code == code; });
    return found == rules.end() ? nullptr : &*found;
}

} // namespace

ComplaintRegister::ComplaintRegister(Store& store, const CaseProcedure& procedure)
    : log_(store), procedure_(procedure)
{
}

WorkingDayCalendar ComplaintRegister::calendar()
{
    WorkingDayCalendar calendar(procedure_.bank_holidays());
    for (const ClosureDay& day : log_.closure_days())
        calendar.add_closed_day(day.date);
    return calendar;
}

void ComplaintRegister::check(const Complaint& complaint, const std::string& context) const
{
    // The procedure's rules assume a well-formed complaint, so they are only asked then.
    auto problems = complaint_problems(complaint);
    if (problems.empty())
        problems = procedure_.check(complaint);
    if (!problems.empty())
        throw ComplaintError(context, std::move(problems));
}

std::string ComplaintRegister::record(Complaint complaint, const std::string& actor)
{
    if (complaint.stages.empty()) {
        const auto rules = procedure_.stages(complaint.procedure);
        if (!rules.empty())
            complaint.stages.push_back({rules.front().code, complaint.received, false, "", {}});
    }
    check(complaint, complaint.uuid.empty() ? std::string("the new complaint") : context_of(complaint.uuid));
    return log_.add(std::move(complaint), actor);
}

void ComplaintRegister::correct(const Complaint& complaint, const std::string& actor, const std::string& reason)
{
    check(complaint, context_of(complaint.uuid));
    log_.replace(complaint, actor, reason);
}

Complaint ComplaintRegister::change(const std::string& uuid, const std::string& actor, const std::string& action,
                                    const std::function<std::string(Complaint&)>& edit)
{
    return log_.update(uuid, actor, action, [&](Complaint& complaint) {
        std::string detail = edit(complaint);
        check(complaint, context_of(uuid));
        return detail;
    });
}

Complaint ComplaintRegister::escalate(const std::string& uuid, const std::string& date, const std::string& actor)
{
    require_date("escalation date", date);
    const WorkingDayCalendar days = calendar();
    return change(uuid, actor, "complaint.escalate", [&](Complaint& complaint) {
        if (const std::string refusal = procedure_.escalation_refusal(complaint, date, days); !refusal.empty())
            throw Error(context_of(uuid) + " cannot be escalated: " + refusal);
        const std::string from = complaint.stages.back().stage;
        const std::string to = procedure_.assess(complaint, days, date).escalates_to;
        if (to.empty())
            throw Error(context_of(uuid) + " cannot be escalated: " + from + " is the last stage");
        complaint.stages.push_back({to, date, false, "", {}});
        return from + " to " + to + " on " + date;
    });
}

Complaint ComplaintRegister::record_milestone(const std::string& uuid, const std::string& milestone,
                                              const std::string& date, const std::string& actor)
{
    require_date("milestone \"" + milestone + "\"", date);
    return change(uuid, actor, "complaint.milestone", [&](Complaint& complaint) {
        ComplaintStage& stage = complaint.stages.back();
        const std::vector<StageRule> rules = procedure_.stages(complaint.procedure);
        const StageRule* rule = find_rule(rules, stage.stage);
        if (rule && std::none_of(rule->deadlines.begin(), rule->deadlines.end(),
                                 [&](const DeadlineRule& deadline) { return deadline.milestone == milestone; })) {
            std::string known;
            for (const DeadlineRule& deadline : rule->deadlines)
                known += (known.empty() ? "" : ", ") + deadline.milestone;
            throw Error(context_of(uuid) + ": " + stage.stage + " has no milestone \"" + milestone + "\""
                        + (known.empty() ? std::string() : "; its milestones are " + known));
        }
        if (const auto done = stage.milestones.find(milestone); done != stage.milestones.end())
            throw Error(context_of(uuid) + ": " + stage.stage + " milestone \"" + milestone
                        + "\" is already recorded (" + done->second + "); correct the complaint to change it");
        stage.milestones[milestone] = date;
        return stage.stage + " " + milestone + " on " + date;
    });
}

Complaint ComplaintRegister::extend(const std::string& uuid, const std::string& reason, const std::string& actor)
{
    if (reason.empty())
        throw ComplaintError(context_of(uuid), {"extension reason: a reason is needed"});
    return change(uuid, actor, "complaint.extend", [&](Complaint& complaint) {
        ComplaintStage& stage = complaint.stages.back();
        if (stage.extended)
            throw Error(context_of(uuid) + ": " + stage.stage + " is already extended");
        const std::vector<StageRule> rules = procedure_.stages(complaint.procedure);
        const StageRule* rule = find_rule(rules, stage.stage);
        if (!rule || std::none_of(rule->deadlines.begin(), rule->deadlines.end(),
                                  [](const DeadlineRule& deadline) { return deadline.extended_working_days > 0; }))
            throw Error(context_of(uuid) + ": " + stage.stage + " cannot be extended");
        stage.extended = true;
        stage.extension_reason = reason;
        return stage.stage;
    });
}

Complaint ComplaintRegister::record_outcome(const std::string& uuid, std::size_t point, const std::string& outcome,
                                            const std::string& actor)
{
    if (outcome.empty())
        throw ComplaintError(context_of(uuid), {"outcome: a code is needed"});
    return change(uuid, actor, "complaint.outcome", [&](Complaint& complaint) {
        if (point >= complaint.points.size())
            throw Error(context_of(uuid) + ": there is no point " + std::to_string(point + 1) + " (it has "
                        + std::to_string(complaint.points.size()) + ")");
        ComplaintPoint& target = complaint.points[point];
        const std::string& stage = complaint.stages.back().stage;
        if (target.outcome_stage == stage)
            throw Error(context_of(uuid) + ": point " + std::to_string(point + 1) + " already has its " + stage
                        + " outcome; correct the complaint to change it");
        target.outcome = outcome;
        target.outcome_stage = stage;
        return "point " + std::to_string(point + 1) + " " + outcome + " at " + stage;
    });
}

Complaint ComplaintRegister::add_learning(const std::string& uuid, const LearningAction& action,
                                          const std::string& actor)
{
    return change(uuid, actor, "complaint.learning.add", [&](Complaint& complaint) {
        complaint.learning.push_back(action);
        return "learning action " + std::to_string(complaint.learning.size());
    });
}

Complaint ComplaintRegister::complete_learning(const std::string& uuid, std::size_t index, const std::string& date,
                                               const std::string& actor)
{
    require_date("learning action completed", date);
    return change(uuid, actor, "complaint.learning.complete", [&](Complaint& complaint) {
        if (index >= complaint.learning.size())
            throw Error(context_of(uuid) + ": there is no learning action " + std::to_string(index + 1));
        LearningAction& action = complaint.learning[index];
        if (!action.completed.empty())
            throw Error(context_of(uuid) + ": learning action " + std::to_string(index + 1)
                        + " was already completed on " + action.completed);
        action.completed = date;
        return "learning action " + std::to_string(index + 1) + " completed on " + date;
    });
}

ComplaintStatus ComplaintRegister::status(const Complaint& complaint, std::string_view today)
{
    require_date("today", std::string(today));
    return procedure_.assess(complaint, calendar(), today);
}

bool ComplaintRegister::is_open(const std::string& uuid, std::string_view today)
{
    const auto complaint = log_.find(uuid);
    return complaint && status(*complaint, today).open;
}

std::vector<RegisterEntry> ComplaintRegister::list_with_status(const ComplaintFilter& filter, std::string_view today,
                                                               bool open_only)
{
    require_date("today", std::string(today));
    const WorkingDayCalendar days = calendar();
    ComplaintFilter query = filter;
    if (open_only) { // only the procedure knows which are open: page after assessing
        query.limit = -1;
        query.offset = 0;
    }
    std::vector<RegisterEntry> entries;
    for (Complaint& complaint : log_.list(query)) {
        ComplaintStatus status = procedure_.assess(complaint, days, today);
        if (!open_only || status.open)
            entries.push_back({std::move(complaint), std::move(status)});
    }
    if (open_only) {
        const auto size = static_cast<std::int64_t>(entries.size());
        const auto begin = std::min(std::max<std::int64_t>(filter.offset, 0), size);
        const auto end = filter.limit < 0 ? size : std::min(size, begin + filter.limit);
        entries = std::vector<RegisterEntry>(std::make_move_iterator(entries.begin() + begin),
                                             std::make_move_iterator(entries.begin() + end));
    }
    return entries;
}

} // namespace chorus

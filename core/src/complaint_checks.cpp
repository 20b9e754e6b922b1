// Structural checks of complaints and compliments (complaint_log.hpp): what must hold
// whatever the procedure. Problems name the field and never quote free text.
#include "chorus/complaint_log.hpp"

#include "chorus/dates.hpp"
#include "chorus/uuid.hpp"
#include "text_util.hpp"

#include <set>
#include <utility>

namespace chorus {

namespace {

std::string numbered(std::string_view what, std::size_t index)
{
    return std::string(what) + " " + std::to_string(index + 1);
}

// Dates are shown in problems: a date is not free text and says what is wrong.
void check_date(std::vector<std::string>& problems, const std::string& field, const std::string& value,
                bool required)
{
    if (value.empty()) {
        if (required)
            problems.push_back(field + ": a date is needed");
    } else if (!is_valid_date(value)) {
        problems.push_back(field + ": \"" + value + "\" is not a date in the form YYYY-MM-DD");
    }
}

void check_required(std::vector<std::string>& problems, const std::string& field, const std::string& value)
{
    if (value.empty())
        problems.push_back(field + ": a value is needed");
}

} // namespace

ComplaintError::ComplaintError(const std::string& context, std::vector<std::string> problems)
    : Error(context + " cannot be saved: " + join(problems, "; ")), problems_(std::move(problems))
{
}

std::vector<std::string> complaint_problems(const Complaint& complaint)
{
    std::vector<std::string> problems;
    if (!complaint.uuid.empty() && !is_uuid(complaint.uuid))
        problems.push_back("uuid: \"" + complaint.uuid + "\" is not a lower-case UUID");
    check_date(problems, "received", complaint.received, true);
    check_date(problems, "became aware", complaint.became_aware, false);
    check_required(problems, "complainant type", complaint.complainant_type);
    check_required(problems, "service area", complaint.service_area);
    if (complaint.procedure != "statutory" && complaint.procedure != "corporate")
        problems.push_back("procedure: must be \"statutory\" or \"corporate\"");

    std::set<std::string> themes;
    for (std::size_t i = 0; i < complaint.themes.size(); ++i) {
        const std::string& theme = complaint.themes[i];
        if (theme.empty())
            problems.push_back(numbered("theme", i) + ": a code is needed");
        else if (!themes.insert(theme).second)
            problems.push_back(numbered("theme", i) + ": \"" + theme + "\" is given twice");
    }

    std::set<std::string> stage_codes;
    if (complaint.stages.empty())
        problems.push_back("stages: the complaint needs its first stage");
    for (std::size_t i = 0; i < complaint.stages.size(); ++i) {
        const ComplaintStage& stage = complaint.stages[i];
        const std::string name = numbered("stage", i);
        if (stage.stage.empty())
            problems.push_back(name + ": a stage code is needed");
        else if (!stage_codes.insert(stage.stage).second)
            problems.push_back(name + ": \"" + stage.stage + "\" is given twice");
        check_date(problems, name + " started", stage.started, true);
        for (const auto& [milestone, date] : stage.milestones) {
            if (milestone.empty())
                problems.push_back(name + ": a milestone needs a code");
            else
                check_date(problems, name + " milestone \"" + milestone + "\"", date, true);
        }
    }

    if (complaint.points.empty())
        problems.push_back("points: at least one point of complaint is needed");
    for (std::size_t i = 0; i < complaint.points.size(); ++i) {
        const ComplaintPoint& point = complaint.points[i];
        const std::string name = numbered("point", i);
        if (point.summary.empty())
            problems.push_back(name + ": the summary is empty");
        if (point.outcome.empty() != point.outcome_stage.empty())
            problems.push_back(name + ": an outcome needs the stage it was decided at, and a stage needs an outcome");
        else if (!point.outcome_stage.empty() && !stage_codes.count(point.outcome_stage))
            problems.push_back(name + ": the outcome's stage \"" + point.outcome_stage
                               + "\" is not one of the complaint's stages");
    }

    for (std::size_t i = 0; i < complaint.learning.size(); ++i) {
        const LearningAction& action = complaint.learning[i];
        const std::string name = numbered("learning action", i);
        if (action.action.empty())
            problems.push_back(name + ": the action is empty");
        check_date(problems, name + " due", action.due, false);
        check_date(problems, name + " completed", action.completed, false);
    }
    return problems;
}

std::vector<std::string> compliment_problems(const Compliment& compliment)
{
    std::vector<std::string> problems;
    if (!compliment.uuid.empty() && !is_uuid(compliment.uuid))
        problems.push_back("uuid: \"" + compliment.uuid + "\" is not a lower-case UUID");
    check_date(problems, "received", compliment.received, true);
    check_required(problems, "source type", compliment.source_type);
    return problems;
}

} // namespace chorus

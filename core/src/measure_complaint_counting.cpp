// Complaints and compliments measures, counted from the log with the complaints plugin's
// procedure: its deadlines decide what was answered in time, counted in working days over
// its bank holidays and the council's closure days.
#include "measure_counting.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/complaint_register.hpp"
#include "chorus/store.hpp"

#include <algorithm>

namespace chorus {

namespace {

bool contains(const std::vector<std::string>& codes, const std::string& code)
{
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The milestone of a stage's last deadline, which ends it ("responded"; at stage 3 that is the
// council's response to the panel's report), or "" for a stage with no council deadline.
std::string final_milestone(const CaseProcedure& procedure, const std::string& procedure_code,
                            const std::string& stage)
{
    for (const StageRule& rule : procedure.stages(procedure_code))
        if (rule.code == stage)
            return rule.deadlines.empty() ? std::string() : rule.deadlines.back().milestone;
    return {};
}

std::string milestone_date(const ComplaintStage& stage, const std::string& milestone)
{
    const auto found = stage.milestones.find(milestone);
    return found == stage.milestones.end() ? std::string() : found->second;
}

// A response to one stage, on the day it was sent, and whether it met the stage's deadline.
struct StageResponse {
    std::string sent;
    bool in_time = false;
};

// The stage's final deadline as the procedure assesses it on the day the response was sent,
// seen as though the complaint had gone no further (assess() reads the current stage).
std::optional<StageResponse> stage_response(const CaseProcedure& procedure, const WorkingDayCalendar& calendar,
                                            const Complaint& complaint, std::size_t stage_index)
{
    const ComplaintStage& stage = complaint.stages[stage_index];
    const std::string milestone = final_milestone(procedure, complaint.procedure, stage.stage);
    const std::string sent = milestone_date(stage, milestone);
    if (milestone.empty() || sent.empty())
        return std::nullopt;
    Complaint as_then = complaint;
    as_then.stages.resize(stage_index + 1);
    const ComplaintStatus status = procedure.assess(as_then, calendar, sent);
    const auto deadline = std::find_if(status.deadlines.begin(), status.deadlines.end(),
                                       [&](const DeadlineStatus& d) { return d.milestone == milestone; });
    if (deadline == status.deadlines.end())
        return std::nullopt;
    return StageResponse{sent, !deadline->late};
}

// When a point's outcome was decided: the day its stage's response was sent, else the day
// the stage started (an outcome recorded before the response).
std::string decision_date(const CaseProcedure& procedure, const Complaint& complaint, const ComplaintPoint& point)
{
    for (const ComplaintStage& stage : complaint.stages)
        if (stage.stage == point.outcome_stage) {
            const std::string sent = milestone_date(stage, final_milestone(procedure, complaint.procedure, stage.stage));
            return sent.empty() ? stage.started : sent;
        }
    return complaint.received;
}

class ComplaintCounter {
public:
    ComplaintCounter(Store& store, const CaseProcedure& procedure)
        : procedure_(procedure), register_(store, procedure), calendar_(register_.calendar()),
          complaints_(register_.log().list()), compliments_(register_.log().list_compliments())
    {
    }

    MeasureFigures figures(const MeasureDefinition& measure, const Period& period) const
    {
        switch (measure.source) {
        case MeasureSource::complaints_within_timescale: return within_timescale(measure, period);
        case MeasureSource::complaint_outcomes: return outcomes(measure, period);
        case MeasureSource::complaints_received: return received(measure, period);
        case MeasureSource::compliments_received: return compliments(measure, period);
        case MeasureSource::survey: break;
        }
        return make_figures(measure, period, 0, 0, {});
    }

private:
    bool in_scope(const MeasureDefinition& measure, const Complaint& complaint) const
    {
        return measure.procedure.empty() || complaint.procedure == measure.procedure;
    }

    // Responses sent in the period to the measure's stage; positive when within its deadline.
    MeasureFigures within_timescale(const MeasureDefinition& measure, const Period& period) const
    {
        std::int64_t base = 0, positive = 0;
        for (const Complaint& complaint : complaints_) {
            if (!in_scope(measure, complaint))
                continue;
            for (std::size_t i = 0; i < complaint.stages.size(); ++i) {
                if (complaint.stages[i].stage != measure.stage)
                    continue;
                const auto response = stage_response(procedure_, calendar_, complaint, i);
                if (response && period.contains(response->sent)) {
                    ++base;
                    positive += response->in_time ? 1 : 0;
                }
            }
        }
        return make_figures(measure, period, base, positive, {});
    }

    // Points of complaint decided in the period (at the measure's stage, if it names one).
    MeasureFigures outcomes(const MeasureDefinition& measure, const Period& period) const
    {
        const std::vector<std::string> excluded = measure.out_of_base.value_or(std::vector<std::string>{"withdrawn"});
        std::int64_t base = 0, positive = 0;
        std::vector<std::pair<std::string, std::int64_t>> out_of_base;
        for (const std::string& code : excluded)
            out_of_base.emplace_back(code, 0);
        for (const Complaint& complaint : complaints_) {
            if (!in_scope(measure, complaint))
                continue;
            for (const ComplaintPoint& point : complaint.points) {
                if (point.outcome.empty() || (!measure.stage.empty() && point.outcome_stage != measure.stage)
                    || !period.contains(decision_date(procedure_, complaint, point)))
                    continue;
                if (auto out = std::find(excluded.begin(), excluded.end(), point.outcome); out != excluded.end()) {
                    ++out_of_base[static_cast<std::size_t>(out - excluded.begin())].second;
                    continue;
                }
                ++base;
                positive += contains(measure.positive, point.outcome) ? 1 : 0;
            }
        }
        return make_figures(measure, period, base, positive, std::move(out_of_base));
    }

    // Complaints received in the period or, for a stage, that reached it in the period.
    MeasureFigures received(const MeasureDefinition& measure, const Period& period) const
    {
        std::int64_t count = 0;
        for (const Complaint& complaint : complaints_) {
            if (!in_scope(measure, complaint) || (!measure.theme.empty() && !contains(complaint.themes, measure.theme)))
                continue;
            if (measure.stage.empty()) {
                count += period.contains(complaint.received) ? 1 : 0;
                continue;
            }
            count += std::count_if(complaint.stages.begin(), complaint.stages.end(), [&](const ComplaintStage& stage) {
                return stage.stage == measure.stage && period.contains(stage.started);
            });
        }
        return make_figures(measure, period, count, count, {});
    }

    MeasureFigures compliments(const MeasureDefinition& measure, const Period& period) const
    {
        const auto count = std::count_if(compliments_.begin(), compliments_.end(), [&](const Compliment& compliment) {
            return period.contains(compliment.received)
                && (measure.source_type.empty() || compliment.source_type == measure.source_type);
        });
        return make_figures(measure, period, count, count, {});
    }

    const CaseProcedure& procedure_;
    ComplaintRegister register_;
    WorkingDayCalendar calendar_;
    std::vector<Complaint> complaints_;
    std::vector<Compliment> compliments_;
};

} // namespace

void count_complaint_measures(Store& store, const MeasureSet& set, const CaseProcedure& procedure,
                              const std::vector<std::vector<Period>>& periods, FiguresTable& figures)
{
    const ComplaintCounter counter(store, procedure);
    for (std::size_t m = 0; m < set.measures.size(); ++m)
        if (set.measures[m].source != MeasureSource::survey)
            for (std::size_t i = 0; i < periods[m].size(); ++i)
                figures[m][i] = counter.figures(set.measures[m], periods[m][i]);
}

} // namespace chorus

#pragma once
// The children's complaints procedure: the statutory one of the Children Act 1989
// Representations Procedure (England) Regulations 2006 and the council's corporate one.
// The rules are described for people in docs/complaints.md; keep the two in step.
#include "chorus/case_procedure.hpp"
#include "chorus/plugin_api.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chorus::complaints {

class ComplaintsProcedure final : public CaseProcedure {
public:
    ComplaintsProcedure(std::vector<std::string> bank_holidays, std::vector<plugin::Vocabulary> vocabularies);

    std::vector<std::string> bank_holidays() const override { return bank_holidays_; }
    std::vector<StageRule> stages(std::string_view procedure) const override;
    std::vector<std::string> check(const Complaint& complaint) const override;
    ComplaintStatus assess(const Complaint& complaint, const WorkingDayCalendar& calendar,
                           std::string_view today) const override;
    std::string escalation_refusal(const Complaint& complaint, std::string_view date,
                                   const WorkingDayCalendar& calendar) const override;

private:
    std::vector<std::string> bank_holidays_;
    std::vector<plugin::Vocabulary> vocabularies_;
};

} // namespace chorus::complaints

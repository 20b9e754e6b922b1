#include "complaints_vocabularies.hpp"

#include <algorithm>
#include <string>

namespace chorus::complaints {

std::vector<plugin::Vocabulary> complaint_vocabularies() {
    return {
        {std::string(complainant_types),
         "Who complained",
         {{"parent", "Parent"},
          {"carer", "Carer"},
          {"young_person", "Young person"},
          {"child", "Child"},
          {"care_leaver", "Care leaver"},
          {"grandparent", "Grandparent"},
          {"foster_carer", "Foster carer"},
          {"advocate", "Advocate"},
          {"other_family", "Other family member"},
          {"professional", "Professional"},
          {"other", "Other"}}},
        {std::string(service_areas),
         "Service area",
         {{"front_door", "Front door / MASH"},
          {"assessment", "Assessment"},
          {"children_in_need", "Children in need"},
          {"child_protection", "Child protection"},
          {"children_looked_after", "Children looked after"},
          {"care_leavers", "Care leavers"},
          {"fostering", "Fostering"},
          {"adoption", "Adoption"},
          {"disabled_children", "Disabled children"},
          {"early_help", "Early help"}}},
        {std::string(complaint_themes),
         "Complaint themes",
         {{"communication", "Communication"},
          {"delay", "Delay"},
          {"staff_attitude", "Staff attitude"},
          {"factual_errors_in_assessment", "Factual errors in an assessment or report"},
          {"contact_arrangements", "Contact arrangements / family time"},
          {"allowances_and_finance", "Allowances and finance"},
          {"placement", "Placements and moves"},
          {"decision_disagreement", "Disagreement with a decision"},
          {"service_not_provided", "Service not provided"},
          {"other", "Other"}}},
        {std::string(outcomes),
         "Outcome of a point of complaint",
         {{"upheld", "Upheld"},
          {"partially_upheld", "Partially upheld"},
          {"not_upheld", "Not upheld"},
          {"withdrawn", "Withdrawn"},
          {"resolved", "Resolved"},
          {"out_of_time", "Out of time"}}},
        {std::string(compliment_sources),
         "Who paid the compliment",
         {{"parent", "Parent"},
          {"grandparent", "Grandparent"},
          {"foster_carer", "Foster carer"},
          {"teacher", "Teacher"},
          {"child", "Child"},
          {"young_person", "Young person"},
          {"professional", "Professional"},
          {"other", "Other"}}},
        {std::string(procedures),
         "Complaints procedure",
         {{"statutory", "Statutory children's procedure (Children Act 1989)"},
          {"corporate", "Council's corporate procedure"}}},
        {std::string(stages),
         "Complaint stages",
         {{"stage1", "Stage 1: local resolution"},
          {"stage2", "Stage 2: investigation"},
          {"stage3", "Stage 3: review panel"},
          {"ombudsman", "Local Government and Social Care Ombudsman"}}},
    };
}

bool is_term(const std::vector<plugin::Vocabulary>& vocabularies, std::string_view vocabulary_id,
             std::string_view code) {
    const auto vocabulary = std::find_if(vocabularies.begin(), vocabularies.end(),
                                         [&](const plugin::Vocabulary& v) { return v.id == vocabulary_id; });
    return vocabulary != vocabularies.end() &&
           std::any_of(vocabulary->terms.begin(), vocabulary->terms.end(),
                       [&](const Option& term) { return term.code == code; });
}

} // namespace chorus::complaints

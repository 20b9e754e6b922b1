#pragma once
// What the complaints, compliments and closure-days commands share: the loaded complaints
// plugin (its procedure and code lists), today's date, finding a complaint by uuid or
// reference, and the words for a complaint's status.
#include "commands.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/dates.hpp"
#include "chorus/complaint_log.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chorus::cli {

// The vocabulary ids shared with the host (case_procedure.hpp).
using namespace ::chorus::complaint_vocabulary;

class ComplaintsPlugin {
public:
    ComplaintsPlugin(const CaseProcedure& procedure, const std::vector<plugin::Vocabulary>& vocabularies)
        : procedure_(procedure), vocabularies_(vocabularies) {}

    const CaseProcedure& procedure() const { return procedure_; }
    const std::vector<plugin::Vocabulary>& vocabularies() const { return vocabularies_; }

    // Adds a problem naming the option and listing the known codes when `code` is not a
    // term of the vocabulary; nothing when the plugin offers no such vocabulary (the
    // procedure's own check still applies).
    void check_code(std::vector<std::string>& problems, std::string_view option, std::string_view vocabulary,
                    const std::string& code) const;
    // The term's label, or the code itself when there is none.
    std::string label(std::string_view vocabulary, const std::string& code) const;
    // The label of a stage of `procedure`, e.g. "Stage 3: review panel"; the code when unknown.
    std::string stage_label(const std::string& procedure, const std::string& stage) const;

private:
    const plugin::Vocabulary* find(std::string_view vocabulary) const;

    const CaseProcedure& procedure_;
    const std::vector<plugin::Vocabulary>& vocabularies_;
};

// The first loaded plugin that offers a complaints procedure. Throws Error saying the
// complaints plugin is not loaded, and where the host looked, when none does.
ComplaintsPlugin complaints_plugin(Context& context);

// --today, else the local date: the day status figures are counted to.
std::string today_option(const Arguments& arguments);

// A date operand (YYYY-MM-DD or DD/MM/YYYY) as "YYYY-MM-DD"; UsageError naming `what` otherwise.
std::string date_operand(const std::string& text, std::string_view what);

// The uuid of the complaint named by its uuid, its case reference, or the start of its uuid
// (8 characters or more). Throws Error when none (or more than one) matches; the message
// never repeats the reference.
std::string find_complaint(ComplaintLog& log, const std::string& id);

// "4 working days left", "due today", "OVERDUE by 3 working days", "outcomes to record",
// "no council deadline", "closed".
std::string status_text(const ComplaintStatus& status);

// A stage's name for a table column: "Stage 1" from "Stage 1: local resolution", "LGSCO"
// from "Local Government and Social Care Ombudsman" (a long label's initials); else the code.
std::string short_stage_name(const ComplaintStatus& status);

// What the points' outcomes add up to: "not decided", "1 of 3 decided", "upheld" (every
// point the same), "mixed".
std::string outcome_summary(const Complaint& complaint, const ComplaintsPlugin& plugin);

} // namespace chorus::cli

#pragma once
// The complaints register: the stored log (complaint_log.hpp) with a plugin's procedure
// (case_procedure.hpp) applied. Every change is checked against the procedure before it
// is written, and is one transaction with its audit row; status and due dates come from
// the procedure, counted on the bank holidays it ships plus the council's closure days.
#include "chorus/case_procedure.hpp"
#include "chorus/complaint_log.hpp"
#include "chorus/export.hpp"
#include "chorus/working_days.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class Store;

struct RegisterEntry {
    Complaint complaint;
    ComplaintStatus status;
};

class CHORUS_CORE_API ComplaintRegister {
public:
    // The store and the procedure must outlive the register.
    ComplaintRegister(Store& store, const CaseProcedure& procedure);

    ComplaintLog& log() { return log_; }
    const CaseProcedure& procedure() const { return procedure_; }

    // The procedure's bank holidays plus the stored local closure days.
    WorkingDayCalendar calendar();

    // Records a new complaint (first stage added when it has none: the procedure's
    // first stage, started on the received date). Refused with ComplaintError listing
    // every problem, structural or the procedure's. Returns the uuid.
    std::string record(Complaint complaint, const std::string& actor);
    // A correction with its reason (ComplaintLog::replace), checked like record().
    void correct(const Complaint& complaint, const std::string& actor, const std::string& reason);

    // Each of these changes one stored complaint and returns it as stored. Refused
    // (Error, or ComplaintError with the procedure's problems) without changing anything.
    // Moves the complaint to its next stage, requested on `date`.
    Complaint escalate(const std::string& uuid, const std::string& date, const std::string& actor);
    // Records that a milestone of the current stage happened on `date`; one already recorded
    // is refused (correct() changes it, with a reason).
    Complaint record_milestone(const std::string& uuid, const std::string& milestone, const std::string& date,
                               const std::string& actor);
    // Extends the current stage (complex stage 1, extended stage 2); the reason is required.
    Complaint extend(const std::string& uuid, const std::string& reason, const std::string& actor);
    // The outcome of point `point` (0-based), decided at the current stage.
    Complaint record_outcome(const std::string& uuid, std::size_t point, const std::string& outcome,
                             const std::string& actor);
    Complaint add_learning(const std::string& uuid, const LearningAction& action, const std::string& actor);
    // Marks learning action `index` (0-based) completed on `date`.
    Complaint complete_learning(const std::string& uuid, std::size_t index, const std::string& date,
                                const std::string& actor);

    ComplaintStatus status(const Complaint& complaint, std::string_view today);
    // Whether the stored complaint `uuid` is still open on `today` (false when there is none):
    // what a purge asks before deleting a complaint past retention.
    bool is_open(const std::string& uuid, std::string_view today);
    // The register view: complaints as ComplaintLog::list filters them, each with its
    // status on `today`. open_only keeps those the procedure counts as open; paging then
    // applies to the open ones.
    std::vector<RegisterEntry> list_with_status(const ComplaintFilter& filter, std::string_view today,
                                                bool open_only = false);

private:
    // Applies `change` to the stored complaint in one transaction, checks the result
    // against the procedure and writes it with an audit row.
    Complaint change(const std::string& uuid, const std::string& actor, const std::string& action,
                     const std::function<std::string(Complaint&)>& edit);
    void check(const Complaint& complaint, const std::string& context) const;

    ComplaintLog log_;
    const CaseProcedure& procedure_;
};

} // namespace chorus

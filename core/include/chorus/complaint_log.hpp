#pragma once
// Storage of the complaints and compliments log (complaints.hpp) and of the council's
// local closure days, in a Store's database. This checks structure only (real dates,
// required fields, at least one point); the procedure's rules (codes, deadlines,
// escalation) are the plugin's, applied by ComplaintRegister.
//
// Every write is one transaction with its audit row. Audit rows name the complaint by
// its uuid and never hold free text, names or the case reference.
#include "chorus/complaints.hpp"
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class Store;

// A complaint (or compliment) that cannot be saved; problems() has every reason, each a
// sentence naming the field, and what() lists them all. Never quotes free text.
class CHORUS_CORE_API ComplaintError : public Error {
public:
    ComplaintError(const std::string& context, std::vector<std::string> problems);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<std::string> problems_;
};

// Structural problems of a complaint; empty when it may be stored. An empty uuid is
// allowed (add() makes one).
CHORUS_CORE_API std::vector<std::string> complaint_problems(const Complaint& complaint);
CHORUS_CORE_API std::vector<std::string> compliment_problems(const Compliment& compliment);

struct ComplaintFilter {
    std::string received_from{}; // inclusive date; "" = no lower bound
    std::string received_to{};   // inclusive date; "" = no upper bound
    std::string procedure{};     // "statutory", "corporate"; "" = both
    std::int64_t limit = -1;   // -1 = no limit
    std::int64_t offset = 0;
};

struct ComplimentFilter {
    std::string received_from{}; // inclusive date; "" = no lower bound
    std::string received_to{};   // inclusive date; "" = no upper bound
    std::string source_type{};   // "" = every source
    std::int64_t limit = -1;
    std::int64_t offset = 0;
};

struct ComplaintEdit { // a correction made with replace()
    std::string at;    // UTC timestamp
    std::string actor;
    std::string reason;
    std::string fields; // what changed, e.g. "received, points"
};

struct ClosureDay {
    std::string date;
    std::string reason; // e.g. "Council offices closed between Christmas and New Year"
    std::string added_by;
    std::string added_at; // UTC timestamp
};

class CHORUS_CORE_API ComplaintLog {
public:
    explicit ComplaintLog(Store& store); // uses the store's connection; the store must outlive this

    // Complaints. add() makes a uuid when the complaint has none and returns it; a uuid
    // already stored is refused. Throws ComplaintError when the complaint is not complete.
    std::string add(Complaint complaint, const std::string& actor);
    // Adds all or none, with one audit row naming `audit_entity` (e.g. a file, "demo data").
    void add_all(std::vector<Complaint> complaints, const std::string& actor, const std::string& audit_entity);
    // A correction of a stored complaint (same uuid); `reason` is required and kept with
    // the complaint (edits()); the audit row lists the fields that changed.
    void replace(const Complaint& complaint, const std::string& actor, const std::string& reason);
    // One change to a stored complaint in one write transaction, so a concurrent change
    // waits instead of being lost: reads it, calls `edit` (which changes it and returns
    // the audit detail, or throws to abandon the change), checks the result and writes it
    // back with an audit row `action`. Returns the complaint as stored.
    Complaint update(const std::string& uuid, const std::string& actor, const std::string& action,
                     const std::function<std::string(Complaint&)>& edit);

    std::optional<Complaint> find(const std::string& uuid);
    Complaint complaint(const std::string& uuid); // throws Error when absent
    // Newest received first (then most recently recorded first).
    std::vector<Complaint> list(const ComplaintFilter& filter = {});
    std::int64_t count(const ComplaintFilter& filter = {}); // limit and offset ignored
    std::vector<ComplaintEdit> edits(const std::string& uuid); // oldest first

    // Compliments: add() makes a uuid when there is none and returns it.
    std::string add_compliment(Compliment compliment, const std::string& actor);
    void add_compliments(std::vector<Compliment> compliments, const std::string& actor,
                         const std::string& audit_entity);
    std::vector<Compliment> list_compliments(const ComplimentFilter& filter = {}); // newest first
    std::int64_t count_compliments(const ComplimentFilter& filter = {});

    // Local closure days, which complaint deadlines skip like bank holidays. Adding a day
    // already there, or removing one that is not, throws Error naming the date.
    void add_closure_day(const std::string& date, const std::string& reason, const std::string& actor);
    void remove_closure_day(const std::string& date, const std::string& actor);
    std::vector<ClosureDay> closure_days(); // by date

private:
    Store& store_;
};

} // namespace chorus

#pragma once
// Records retention: how long each kind of record is kept, legal holds that keep one
// record past that, the purge that deletes what is past retention, and the erasure of one
// person's records on request. Every change is one transaction with its audit rows, which
// name records by uuid and say why, never what the record held.
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class Store;
class Progress;

enum class RecordType { response, draft, complaint, compliment };

CHORUS_CORE_API std::string_view record_type_name(RecordType type); // "response", ...
CHORUS_CORE_API std::optional<RecordType> parse_record_type(std::string_view name);
CHORUS_CORE_API const std::vector<RecordType>& all_record_types();

// Kept for `months` after the date it counts from: a response's capture, a draft's last
// save, a compliment's receipt, a complaint's last recorded date (received, a stage started,
// a milestone, a learning action completed).
struct RetentionRule {
    RecordType type;
    int months = 0;
    std::string set_by;
    std::string set_at; // UTC timestamp
};

struct LegalHold {
    RecordType type;
    std::string uuid;
    std::string reason;
    std::string placed_by;
    std::string placed_at;
};

// One record past its retention, with the date its retention counted from.
struct ExpiredRecord {
    RecordType type;
    std::string uuid;
    std::string dated; // "YYYY-MM-DD"
};

struct CHORUS_CORE_API PurgePlan {
    std::string today;
    std::vector<ExpiredRecord> expired;   // what a purge deletes
    std::size_t kept_on_hold = 0;         // past retention, kept by a legal hold
    std::size_t kept_open = 0;            // complaints past retention that are still open
    std::size_t count(RecordType type) const;
};

// "2019-04-30" for ("2025-04-30", 72): the same day `months` earlier, or the month's last day.
CHORUS_CORE_API std::string months_before(std::string_view date, int months);

class CHORUS_CORE_API RecordsRetention {
public:
    explicit RecordsRetention(Store& store); // the store must outlive it

    std::vector<RetentionRule> rules();             // by record type; types without a rule are kept
    std::optional<RetentionRule> rule(RecordType type);
    // 1 to 1200 months; `reason` is required (the council's retention schedule, say).
    void set_rule(RecordType type, int months, const std::string& actor, const std::string& reason);
    void remove_rule(RecordType type, const std::string& actor, const std::string& reason);

    std::vector<LegalHold> holds();
    bool is_held(RecordType type, const std::string& uuid);
    // The record must exist; a hold already placed is refused. Reasons are required.
    void place_hold(RecordType type, const std::string& uuid, const std::string& actor, const std::string& reason);
    void release_hold(RecordType type, const std::string& uuid, const std::string& actor, const std::string& reason);

    // What purge(today) would delete. `complaint_open` says whether the complaints
    // procedure still counts a complaint open (never purged); without it none is.
    using OpenComplaint = std::function<bool(const std::string& uuid)>;
    PurgePlan plan_purge(std::string_view today, const OpenComplaint& complaint_open = {});
    // Deletes the plan's records in one transaction: one audit row per record deleted and
    // one for the purge. Returns what it deleted.
    PurgePlan purge(std::string_view today, const std::string& actor, const std::string& reason,
                    const OpenComplaint& complaint_open = {}, Progress* progress = nullptr);

    // Erasure on request: these records and everything kept with them (answers, theme
    // tags, change history, stages), in one transaction with one audit row each. A held
    // record or an unknown uuid refuses the whole request, naming it.
    void erase(RecordType type, const std::vector<std::string>& uuids, const std::string& actor,
               const std::string& reason);
    // The complaints recorded with this case reference (one complainant's), for erase().
    std::vector<std::string> complaints_with_reference(const std::string& reference);

private:
    Store& store_;
};

} // namespace chorus

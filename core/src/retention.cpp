#include "chorus/retention.hpp"

#include "audit_row.hpp"
#include "chorus/dates.hpp"
#include "chorus/progress.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace chorus {

namespace {

constexpr int longest_rule_months = 1200;

struct TypeInfo {
    RecordType type;
    std::string_view name;
    std::string_view plural;
    const char* table;
    // Columns uuid and dated: the date its retention counts from ("YYYY-MM-DD").
    const char* dated_query;
};

const std::array<TypeInfo, 4>& type_infos()
{
    static const std::array<TypeInfo, 4> infos{{
        {RecordType::response, "response", "responses", "response",
         "SELECT uuid, substr(captured_at, 1, 10) AS dated FROM response"},
        {RecordType::draft, "draft", "drafts", "draft", "SELECT uuid, substr(saved_at, 1, 10) AS dated FROM draft"},
        {RecordType::complaint, "complaint", "complaints", "complaint",
         "SELECT c.uuid AS uuid, max(c.received,"
         " coalesce((SELECT max(s.started) FROM complaint_stage s WHERE s.complaint_id = c.id), ''),"
         " coalesce((SELECT max(m.date) FROM complaint_milestone m WHERE m.complaint_id = c.id), ''),"
         " coalesce((SELECT max(l.completed) FROM complaint_learning l WHERE l.complaint_id = c.id), '')) AS dated"
         " FROM complaint c"},
        {RecordType::compliment, "compliment", "compliments", "compliment", "SELECT uuid, received AS dated FROM compliment"},
    }};
    return infos;
}

const TypeInfo& info(RecordType type)
{
    for (const TypeInfo& candidate : type_infos())
        if (candidate.type == type)
            return candidate;
    throw Error("unknown record type");
}

std::string plural(std::size_t count, RecordType type)
{
    const TypeInfo& about = info(type);
    return std::to_string(count) + " " + std::string(count == 1 ? about.name : about.plural);
}

void require_reason(const std::string& reason, const std::string& what)
{
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(what + " needs a reason");
}

bool exists(sql::Connection& connection, RecordType type, const std::string& uuid)
{
    auto row = connection.prepare(std::string("SELECT 1 FROM ") + info(type).table + " WHERE uuid = ?");
    row.bind(1, uuid);
    return row.step();
}

bool held(sql::Connection& connection, RecordType type, const std::string& uuid)
{
    auto row = connection.prepare("SELECT 1 FROM legal_hold WHERE record_type = ? AND uuid = ?");
    row.bind(1, record_type_name(type)).bind(2, uuid);
    return row.step();
}

// Deletes one record with everything kept with it. Complaint parts and a response's
// answers and tags go by ON DELETE CASCADE; a response's change history is keyed by uuid
// (it outlives a plain deletion), so an erasure or a purge removes it here.
void delete_record(sql::Connection& connection, RecordType type, const std::string& uuid)
{
    auto remove = connection.prepare(std::string("DELETE FROM ") + info(type).table + " WHERE uuid = ?");
    remove.bind(1, uuid);
    remove.run();
    if (type == RecordType::response) {
        auto history = connection.prepare("DELETE FROM response_change WHERE uuid = ?");
        history.bind(1, uuid);
        history.run();
    }
}

} // namespace

std::string_view record_type_name(RecordType type)
{
    return info(type).name;
}

std::optional<RecordType> parse_record_type(std::string_view name)
{
    for (const TypeInfo& candidate : type_infos())
        if (candidate.name == name || candidate.plural == name)
            return candidate.type;
    return std::nullopt;
}

const std::vector<RecordType>& all_record_types()
{
    static const std::vector<RecordType> types{RecordType::response, RecordType::draft, RecordType::complaint,
                                               RecordType::compliment};
    return types;
}

std::size_t PurgePlan::count(RecordType type) const
{
    return static_cast<std::size_t>(
        std::count_if(expired.begin(), expired.end(), [&](const ExpiredRecord& record) { return record.type == type; }));
}

std::string months_before(std::string_view date, int months)
{
    if (!is_valid_date(date))
        throw Error("\"" + std::string(date) + "\" is not a date (YYYY-MM-DD)");
    const int year = std::stoi(std::string(date.substr(0, 4)));
    const int month = std::stoi(std::string(date.substr(5, 2)));
    const int day = std::stoi(std::string(date.substr(8, 2)));
    const int total = year * 12 + (month - 1) - months;
    const int to_year = total / 12;
    const int to_month = total % 12 + 1;
    if (to_year < 1)
        throw Error("the retention period reaches back before year 1");
    static const std::array<int, 12> month_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (to_year % 4 == 0 && to_year % 100 != 0) || to_year % 400 == 0;
    const int last_day = month_days[static_cast<std::size_t>(to_month - 1)] + (to_month == 2 && leap ? 1 : 0);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", to_year, to_month, std::min(day, last_day));
    return text;
}

RecordsRetention::RecordsRetention(Store& store) : store_(store) {}

std::vector<RetentionRule> RecordsRetention::rules()
{
    std::vector<RetentionRule> result;
    for (RecordType type : all_record_types())
        if (auto found = rule(type))
            result.push_back(*found);
    return result;
}

std::optional<RetentionRule> RecordsRetention::rule(RecordType type)
{
    auto row = store_.connection().prepare("SELECT months, set_by, set_at FROM retention_rule WHERE record_type = ?");
    row.bind(1, record_type_name(type));
    if (!row.step())
        return std::nullopt;
    return RetentionRule{type, row.column_int(0), row.column_text(1), row.column_text(2)};
}

void RecordsRetention::set_rule(RecordType type, int months, const std::string& actor, const std::string& reason)
{
    if (months < 1 || months > longest_rule_months)
        throw Error("a retention period is 1 to " + std::to_string(longest_rule_months) + " months, not "
                    + std::to_string(months));
    require_reason(reason, "a retention rule");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    const auto before = rule(type);
    auto upsert = connection.prepare(
        "INSERT OR REPLACE INTO retention_rule (record_type, months, set_by, set_at) VALUES (?, ?, ?, ?)");
    upsert.bind(1, record_type_name(type)).bind(2, months).bind(3, actor).bind(4, utc_now());
    upsert.run();
    insert_audit_row(connection, actor, "retention.set", std::string(record_type_name(type)),
                     std::to_string(months) + " months"
                         + (before ? " (was " + std::to_string(before->months) + ")" : std::string()),
                     reason);
    transaction.commit();
}

void RecordsRetention::remove_rule(RecordType type, const std::string& actor, const std::string& reason)
{
    require_reason(reason, "removing a retention rule");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    const auto before = rule(type);
    if (!before)
        throw Error("there is no retention rule for " + std::string(info(type).plural));
    auto remove = connection.prepare("DELETE FROM retention_rule WHERE record_type = ?");
    remove.bind(1, record_type_name(type));
    remove.run();
    insert_audit_row(connection, actor, "retention.remove", std::string(record_type_name(type)),
                     "was " + std::to_string(before->months) + " months", reason);
    transaction.commit();
}

std::vector<LegalHold> RecordsRetention::holds()
{
    auto rows = store_.connection().prepare(
        "SELECT record_type, uuid, reason, placed_by, placed_at FROM legal_hold ORDER BY placed_at, record_type, uuid");
    std::vector<LegalHold> result;
    while (rows.step())
        result.push_back({*parse_record_type(rows.column_text(0)), rows.column_text(1), rows.column_text(2),
                          rows.column_text(3), rows.column_text(4)});
    return result;
}

bool RecordsRetention::is_held(RecordType type, const std::string& uuid)
{
    return held(store_.connection(), type, uuid);
}

void RecordsRetention::place_hold(RecordType type, const std::string& uuid, const std::string& actor,
                                  const std::string& reason)
{
    require_reason(reason, "a legal hold");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    if (!exists(connection, type, uuid))
        throw Error("there is no " + std::string(record_type_name(type)) + " " + uuid);
    if (held(connection, type, uuid))
        throw Error(std::string(record_type_name(type)) + " " + uuid + " is already on legal hold");
    auto insert = connection.prepare(
        "INSERT INTO legal_hold (record_type, uuid, reason, placed_by, placed_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, record_type_name(type)).bind(2, uuid).bind(3, reason).bind(4, actor).bind(5, utc_now());
    insert.run();
    insert_audit_row(connection, actor, "hold.place", uuid, std::string(record_type_name(type)), reason);
    transaction.commit();
}

void RecordsRetention::release_hold(RecordType type, const std::string& uuid, const std::string& actor,
                                    const std::string& reason)
{
    require_reason(reason, "releasing a legal hold");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    if (!held(connection, type, uuid))
        throw Error(std::string(record_type_name(type)) + " " + uuid + " is not on legal hold");
    auto remove = connection.prepare("DELETE FROM legal_hold WHERE record_type = ? AND uuid = ?");
    remove.bind(1, record_type_name(type)).bind(2, uuid);
    remove.run();
    insert_audit_row(connection, actor, "hold.release", uuid, std::string(record_type_name(type)), reason);
    transaction.commit();
}

PurgePlan RecordsRetention::plan_purge(std::string_view today, const OpenComplaint& complaint_open)
{
    PurgePlan plan;
    plan.today = std::string(today);
    if (!is_valid_date(today))
        throw Error("\"" + plan.today + "\" is not a date (YYYY-MM-DD)");
    auto& connection = store_.connection();
    for (const RetentionRule& rule : rules()) {
        const TypeInfo& about = info(rule.type);
        // Kept for `months` after its date: past retention when that date is before the cut-off.
        const std::string cutoff = months_before(today, rule.months);
        auto rows = connection.prepare(std::string("SELECT uuid, dated, EXISTS (SELECT 1 FROM legal_hold h "
                                                   "WHERE h.record_type = ? AND h.uuid = d.uuid) FROM (")
                                       + about.dated_query + ") AS d WHERE dated < ? ORDER BY dated, uuid");
        rows.bind(1, about.name).bind(2, cutoff);
        while (rows.step()) {
            ExpiredRecord record{rule.type, rows.column_text(0), rows.column_text(1)};
            if (rows.column_int(2) != 0)
                ++plan.kept_on_hold;
            else if (rule.type == RecordType::complaint && complaint_open && complaint_open(record.uuid))
                ++plan.kept_open;
            else
                plan.expired.push_back(std::move(record));
        }
    }
    return plan;
}

PurgePlan RecordsRetention::purge(std::string_view today, const std::string& actor, const std::string& reason,
                                  const OpenComplaint& complaint_open, Progress* progress)
{
    require_reason(reason, "a purge");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    PurgePlan plan = plan_purge(today, complaint_open);
    std::map<RecordType, int> months;
    for (const RetentionRule& rule : rules())
        months[rule.type] = rule.months;
    std::uint64_t done = 0;
    for (const ExpiredRecord& record : plan.expired) {
        if (progress) {
            if (progress->cancelled())
                throw Cancelled();
            progress->update(done, plan.expired.size(), "Deleting records past retention");
        }
        delete_record(connection, record.type, record.uuid);
        insert_audit_row(connection, actor, std::string(record_type_name(record.type)) + ".purge", record.uuid,
                         "dated " + record.dated + ", kept " + std::to_string(months[record.type]) + " months", reason);
        ++done;
    }
    std::string summary;
    for (RecordType type : all_record_types())
        if (months.count(type))
            summary += (summary.empty() ? "" : ", ") + plural(plan.count(type), type);
    summary = "deleted " + (summary.empty() ? std::string("nothing (no retention rules)") : summary)
              + "; kept on legal hold: " + std::to_string(plan.kept_on_hold)
              + "; complaints still open: " + std::to_string(plan.kept_open);
    insert_audit_row(connection, actor, "purge", plan.today, summary, reason);
    transaction.commit();
    if (progress)
        progress->update(done, plan.expired.size(), "Done");
    return plan;
}

void RecordsRetention::erase(RecordType type, const std::vector<std::string>& uuids, const std::string& actor,
                             const std::string& reason)
{
    require_reason(reason, "an erasure");
    if (uuids.empty())
        throw Error("an erasure needs at least one record");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    for (const std::string& uuid : uuids) {
        if (!exists(connection, type, uuid))
            throw Error("there is no " + std::string(record_type_name(type)) + " " + uuid + "; nothing was erased");
        if (held(connection, type, uuid))
            throw Error(std::string(record_type_name(type)) + " " + uuid
                        + " is on legal hold and cannot be erased; release the hold first. Nothing was erased");
    }
    for (const std::string& uuid : uuids) {
        delete_record(connection, type, uuid);
        if (type == RecordType::response) {
            // A response saved from a draft may have left nothing behind, but one still
            // being completed elsewhere would: it is the same person's answers.
            delete_record(connection, RecordType::draft, uuid);
        }
        insert_audit_row(connection, actor, std::string(record_type_name(type)) + ".erase", uuid, "on request", reason);
    }
    transaction.commit();
}

std::vector<std::string> RecordsRetention::complaints_with_reference(const std::string& reference)
{
    std::vector<std::string> uuids;
    if (reference.empty())
        return uuids;
    auto rows = store_.connection().prepare("SELECT uuid FROM complaint WHERE reference = ? ORDER BY received, uuid");
    rows.bind(1, reference);
    while (rows.step())
        uuids.push_back(rows.column_text(0));
    return uuids;
}

} // namespace chorus

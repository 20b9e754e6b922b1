#include "chorus/complaint_log.hpp"

#include "audit_row.hpp"
#include "chorus/dates.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "text_util.hpp"

#include <utility>

namespace chorus {

namespace {

// The names of the fields that differ: the audit detail of a correction.
std::string changed_fields(const Complaint& before, const Complaint& after)
{
    std::vector<std::string> fields;
    auto compare = [&fields](const char* name, const auto& a, const auto& b) {
        if (!(a == b))
            fields.emplace_back(name);
    };
    compare("reference", before.reference, after.reference);
    compare("received", before.received, after.received);
    compare("became_aware", before.became_aware, after.became_aware);
    compare("complainant_type", before.complainant_type, after.complainant_type);
    compare("service_area", before.service_area, after.service_area);
    compare("procedure", before.procedure, after.procedure);
    compare("team", before.team, after.team);
    compare("themes", before.themes, after.themes);
    compare("advocate_offered", before.advocate_offered, after.advocate_offered);
    compare("points", before.points, after.points);
    compare("stages", before.stages, after.stages);
    compare("learning", before.learning, after.learning);
    compare("recorded_by", before.recorded_by, after.recorded_by);
    return fields.empty() ? "no fields" : join(fields, ", ");
}

std::string plural(std::size_t count, std::string_view noun)
{
    return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

// Reads complaints; the statements are prepared once per read of one or many.
class ComplaintReader {
public:
    explicit ComplaintReader(sql::Connection& connection)
        : points_(connection.prepare("SELECT summary, outcome, outcome_stage FROM complaint_point "
                                     "WHERE complaint_id = ? ORDER BY position")),
          themes_(connection.prepare("SELECT theme FROM complaint_theme WHERE complaint_id = ? ORDER BY position")),
          stages_(connection.prepare("SELECT stage, started, extended, extension_reason FROM complaint_stage "
                                     "WHERE complaint_id = ? ORDER BY position")),
          milestones_(connection.prepare("SELECT stage_position, milestone, date FROM complaint_milestone "
                                         "WHERE complaint_id = ?")),
          learning_(connection.prepare("SELECT action, owner, due, completed FROM complaint_learning "
                                       "WHERE complaint_id = ? ORDER BY position"))
    {
    }

    // Columns as in `columns`.
    static constexpr const char* columns =
        "id, uuid, reference, received, became_aware, complainant_type, service_area, procedure, team, "
        "advocate_offered, recorded_by";

    Complaint read(const sql::Statement& row)
    {
        Complaint complaint;
        const std::int64_t id = row.column_int64(0);
        complaint.uuid = row.column_text(1);
        complaint.reference = row.column_text(2);
        complaint.received = row.column_text(3);
        complaint.became_aware = row.column_text(4);
        complaint.complainant_type = row.column_text(5);
        complaint.service_area = row.column_text(6);
        complaint.procedure = row.column_text(7);
        complaint.team = row.column_text(8);
        complaint.advocate_offered = row.column_int(9) != 0;
        complaint.recorded_by = row.column_text(10);

        points_.bind(1, id);
        while (points_.step())
            complaint.points.push_back({points_.column_text(0), points_.column_text(1), points_.column_text(2)});
        points_.reset();
        themes_.bind(1, id);
        while (themes_.step())
            complaint.themes.push_back(themes_.column_text(0));
        themes_.reset();
        stages_.bind(1, id);
        while (stages_.step()) {
            ComplaintStage stage;
            stage.stage = stages_.column_text(0);
            stage.started = stages_.column_text(1);
            stage.extended = stages_.column_int(2) != 0;
            stage.extension_reason = stages_.column_text(3);
            complaint.stages.push_back(std::move(stage));
        }
        stages_.reset();
        milestones_.bind(1, id);
        while (milestones_.step()) {
            const auto position = static_cast<std::size_t>(milestones_.column_int64(0));
            if (position < complaint.stages.size())
                complaint.stages[position].milestones[milestones_.column_text(1)] = milestones_.column_text(2);
        }
        milestones_.reset();
        learning_.bind(1, id);
        while (learning_.step())
            complaint.learning.push_back({learning_.column_text(0), learning_.column_text(1),
                                          learning_.column_text(2), learning_.column_text(3)});
        learning_.reset();
        return complaint;
    }

private:
    sql::Statement points_;
    sql::Statement themes_;
    sql::Statement stages_;
    sql::Statement milestones_;
    sql::Statement learning_;
};

// Writes a complaint's rows; the statements are prepared once per write transaction.
class ComplaintWriter {
public:
    explicit ComplaintWriter(sql::Connection& connection)
        : connection_(connection),
          insert_(connection.prepare(
              "INSERT INTO complaint (uuid, reference, received, became_aware, complainant_type, service_area, "
              "procedure, team, advocate_offered, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
          exists_(connection.prepare("SELECT id FROM complaint WHERE uuid = ?")),
          point_(connection.prepare("INSERT INTO complaint_point VALUES (?, ?, ?, ?, ?)")),
          theme_(connection.prepare("INSERT INTO complaint_theme VALUES (?, ?, ?)")),
          stage_(connection.prepare("INSERT INTO complaint_stage VALUES (?, ?, ?, ?, ?, ?)")),
          milestone_(connection.prepare("INSERT INTO complaint_milestone VALUES (?, ?, ?, ?)")),
          learning_(connection.prepare("INSERT INTO complaint_learning VALUES (?, ?, ?, ?, ?, ?)"))
    {
    }

    std::optional<std::int64_t> find(const std::string& uuid)
    {
        exists_.bind(1, uuid);
        std::optional<std::int64_t> id;
        if (exists_.step())
            id = exists_.column_int64(0);
        exists_.reset();
        return id;
    }

    void insert(const Complaint& complaint, const std::string& recorded_at)
    {
        if (find(complaint.uuid))
            throw Error("complaint " + complaint.uuid + " is already stored");
        insert_.bind(1, complaint.uuid).bind(2, complaint.reference).bind(3, complaint.received)
            .bind(4, complaint.became_aware).bind(5, complaint.complainant_type).bind(6, complaint.service_area)
            .bind(7, complaint.procedure).bind(8, complaint.team).bind(9, complaint.advocate_offered ? 1 : 0)
            .bind(10, complaint.recorded_by).bind(11, recorded_at);
        insert_.run();
        insert_parts(connection_.last_insert_rowid(), complaint);
    }

    // Everything but the uuid and when it was first recorded.
    void overwrite(std::int64_t id, const Complaint& complaint)
    {
        auto update = connection_.prepare(
            "UPDATE complaint SET reference = ?, received = ?, became_aware = ?, complainant_type = ?, "
            "service_area = ?, procedure = ?, team = ?, advocate_offered = ?, recorded_by = ? WHERE id = ?");
        update.bind(1, complaint.reference).bind(2, complaint.received).bind(3, complaint.became_aware)
            .bind(4, complaint.complainant_type).bind(5, complaint.service_area).bind(6, complaint.procedure)
            .bind(7, complaint.team).bind(8, complaint.advocate_offered ? 1 : 0).bind(9, complaint.recorded_by)
            .bind(10, id);
        update.run();
        for (const char* table : {"complaint_milestone", "complaint_stage", "complaint_point", "complaint_theme",
                                  "complaint_learning"}) {
            auto remove = connection_.prepare(std::string("DELETE FROM ") + table + " WHERE complaint_id = ?");
            remove.bind(1, id);
            remove.run();
        }
        insert_parts(id, complaint);
    }

private:
    void insert_parts(std::int64_t id, const Complaint& complaint)
    {
        for (std::size_t i = 0; i < complaint.points.size(); ++i) {
            const ComplaintPoint& point = complaint.points[i];
            point_.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, point.summary).bind(4, point.outcome)
                .bind(5, point.outcome_stage);
            point_.run();
        }
        for (std::size_t i = 0; i < complaint.themes.size(); ++i) {
            theme_.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, complaint.themes[i]);
            theme_.run();
        }
        for (std::size_t i = 0; i < complaint.stages.size(); ++i) {
            const ComplaintStage& stage = complaint.stages[i];
            const auto position = static_cast<std::int64_t>(i);
            stage_.bind(1, id).bind(2, position).bind(3, stage.stage).bind(4, stage.started)
                .bind(5, stage.extended ? 1 : 0).bind(6, stage.extension_reason);
            stage_.run();
            for (const auto& [milestone, date] : stage.milestones) {
                milestone_.bind(1, id).bind(2, position).bind(3, milestone).bind(4, date);
                milestone_.run();
            }
        }
        for (std::size_t i = 0; i < complaint.learning.size(); ++i) {
            const LearningAction& action = complaint.learning[i];
            learning_.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, action.action).bind(4, action.owner)
                .bind(5, action.due).bind(6, action.completed);
            learning_.run();
        }
    }

    sql::Connection& connection_;
    sql::Statement insert_;
    sql::Statement exists_;
    sql::Statement point_;
    sql::Statement theme_;
    sql::Statement stage_;
    sql::Statement milestone_;
    sql::Statement learning_;
};

// "WHERE ..." for a date range (parameters 1 and 2) and one code column (parameter 3).
std::string filter_clause(const char* code_column)
{
    return std::string(" WHERE (?1 = '' OR received >= ?1) AND (?2 = '' OR received <= ?2) AND (?3 = '' OR ")
         + code_column + " = ?3)";
}

void check_range(const std::string& from, const std::string& to)
{
    for (const auto& [field, date] : {std::pair{"received from", &from}, std::pair{"received to", &to}})
        if (!date->empty() && !is_valid_date(*date))
            throw Error(std::string("complaint filter: ") + field + " \"" + *date
                        + "\" is not a date in the form YYYY-MM-DD");
}

std::string complaint_context(const Complaint& complaint)
{
    return complaint.uuid.empty() ? std::string("the new complaint") : "complaint " + complaint.uuid;
}

// Gives the complaint a uuid and a recorder, then checks it.
void prepare_new(Complaint& complaint, const std::string& actor)
{
    if (complaint.uuid.empty())
        complaint.uuid = new_uuid();
    if (complaint.recorded_by.empty())
        complaint.recorded_by = actor;
    if (auto problems = complaint_problems(complaint); !problems.empty())
        throw ComplaintError(complaint_context(complaint), std::move(problems));
}

void prepare_new(Compliment& compliment, const std::string& actor)
{
    if (compliment.uuid.empty())
        compliment.uuid = new_uuid();
    if (compliment.recorded_by.empty())
        compliment.recorded_by = actor;
    if (auto problems = compliment_problems(compliment); !problems.empty())
        throw ComplaintError("compliment " + compliment.uuid, std::move(problems));
}

} // namespace

ComplaintLog::ComplaintLog(Store& store) : store_(store) {}

std::string ComplaintLog::add(Complaint complaint, const std::string& actor)
{
    prepare_new(complaint, actor);
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    ComplaintWriter writer(connection);
    writer.insert(complaint, utc_now());
    insert_audit_row(connection, actor, "complaint.add", complaint.uuid,
                     complaint.procedure + "; " + plural(complaint.points.size(), "point"));
    transaction.commit();
    return complaint.uuid;
}

void ComplaintLog::add_all(std::vector<Complaint> complaints, const std::string& actor,
                           const std::string& audit_entity)
{
    for (Complaint& complaint : complaints)
        prepare_new(complaint, actor);
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    ComplaintWriter writer(connection);
    const std::string recorded_at = utc_now();
    for (const Complaint& complaint : complaints)
        writer.insert(complaint, recorded_at);
    insert_audit_row(connection, actor, "complaints.import", audit_entity, plural(complaints.size(), "complaint"));
    transaction.commit();
}

Complaint ComplaintLog::update(const std::string& uuid, const std::string& actor, const std::string& action,
                               const std::function<std::string(Complaint&)>& edit)
{
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    ComplaintWriter writer(connection);
    const auto id = writer.find(uuid);
    if (!id)
        throw Error(store_.file().string() + ": there is no complaint " + uuid);
    Complaint complaint = *find(uuid);
    const std::string detail = edit(complaint);
    if (complaint.uuid != uuid)
        throw Error("complaint " + uuid + ": the uuid of a stored complaint cannot change");
    if (auto problems = complaint_problems(complaint); !problems.empty())
        throw ComplaintError("complaint " + uuid, std::move(problems));
    writer.overwrite(*id, complaint);
    insert_audit_row(connection, actor, action, uuid, detail);
    transaction.commit();
    return complaint;
}

void ComplaintLog::replace(const Complaint& complaint, const std::string& actor, const std::string& reason)
{
    if (reason.empty())
        throw ComplaintError("complaint " + complaint.uuid, {"reason: a correction needs a reason"});
    std::string fields;
    update(complaint.uuid, actor, "complaint.replace", [&](Complaint& stored) {
        fields = changed_fields(stored, complaint);
        stored = complaint;
        // Still inside update()'s transaction: the reason is kept only if the change is.
        auto insert = store_.connection().prepare(
            "INSERT INTO complaint_edit (complaint_id, at, actor, reason, fields) "
            "SELECT id, ?, ?, ?, ? FROM complaint WHERE uuid = ?");
        insert.bind(1, utc_now()).bind(2, actor).bind(3, reason).bind(4, fields).bind(5, complaint.uuid);
        insert.run();
        return "changed " + fields;
    });
}

std::optional<Complaint> ComplaintLog::find(const std::string& uuid)
{
    auto& connection = store_.connection();
    auto row = connection.prepare(std::string("SELECT ") + ComplaintReader::columns + " FROM complaint WHERE uuid = ?");
    row.bind(1, uuid);
    if (!row.step())
        return std::nullopt;
    ComplaintReader reader(connection);
    return reader.read(row);
}

Complaint ComplaintLog::complaint(const std::string& uuid)
{
    if (auto found = find(uuid))
        return std::move(*found);
    throw Error(store_.file().string() + ": there is no complaint " + uuid);
}

std::vector<Complaint> ComplaintLog::list(const ComplaintFilter& filter)
{
    check_range(filter.received_from, filter.received_to);
    auto& connection = store_.connection();
    auto rows = connection.prepare(std::string("SELECT ") + ComplaintReader::columns + " FROM complaint"
                                   + filter_clause("procedure") + " ORDER BY received DESC, id DESC LIMIT ?4 OFFSET ?5");
    rows.bind(1, filter.received_from).bind(2, filter.received_to).bind(3, filter.procedure).bind(4, filter.limit)
        .bind(5, filter.offset);
    ComplaintReader reader(connection);
    std::vector<Complaint> result;
    while (rows.step())
        result.push_back(reader.read(rows));
    return result;
}

std::int64_t ComplaintLog::count(const ComplaintFilter& filter)
{
    check_range(filter.received_from, filter.received_to);
    auto rows = store_.connection().prepare("SELECT count(*) FROM complaint" + filter_clause("procedure"));
    rows.bind(1, filter.received_from).bind(2, filter.received_to).bind(3, filter.procedure);
    rows.step();
    return rows.column_int64(0);
}

std::vector<ComplaintEdit> ComplaintLog::edits(const std::string& uuid)
{
    auto rows = store_.connection().prepare(
        "SELECT e.at, e.actor, e.reason, e.fields FROM complaint_edit e JOIN complaint c ON c.id = e.complaint_id "
        "WHERE c.uuid = ? ORDER BY e.id");
    rows.bind(1, uuid);
    std::vector<ComplaintEdit> result;
    while (rows.step())
        result.push_back({rows.column_text(0), rows.column_text(1), rows.column_text(2), rows.column_text(3)});
    return result;
}

namespace {

constexpr int sqlite_constraint = 19; // SQLITE_CONSTRAINT, without including sqlite3.h here

void insert_compliments(sql::Connection& connection, const std::vector<Compliment>& compliments)
{
    auto insert = connection.prepare(
        "INSERT INTO compliment (uuid, received, source_type, service_area, team, summary, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string recorded_at = utc_now();
    for (const Compliment& compliment : compliments) {
        insert.bind(1, compliment.uuid).bind(2, compliment.received).bind(3, compliment.source_type)
            .bind(4, compliment.service_area).bind(5, compliment.team).bind(6, compliment.summary)
            .bind(7, compliment.recorded_by).bind(8, recorded_at);
        try {
            insert.run();
        } catch (const sql::SqliteError& error) {
            if (error.code() == sqlite_constraint) // the uuid: everything else was checked
                throw Error("compliment " + compliment.uuid + " is already stored");
            throw;
        }
    }
}

} // namespace

std::string ComplaintLog::add_compliment(Compliment compliment, const std::string& actor)
{
    prepare_new(compliment, actor);
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    insert_compliments(connection, {compliment});
    insert_audit_row(connection, actor, "compliment.add", compliment.uuid, compliment.source_type);
    transaction.commit();
    return compliment.uuid;
}

void ComplaintLog::add_compliments(std::vector<Compliment> compliments, const std::string& actor,
                                   const std::string& audit_entity)
{
    for (Compliment& compliment : compliments)
        prepare_new(compliment, actor);
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    insert_compliments(connection, compliments);
    insert_audit_row(connection, actor, "compliments.import", audit_entity, plural(compliments.size(), "compliment"));
    transaction.commit();
}

std::vector<Compliment> ComplaintLog::list_compliments(const ComplimentFilter& filter)
{
    check_range(filter.received_from, filter.received_to);
    auto rows = store_.connection().prepare(
        "SELECT uuid, received, source_type, service_area, team, summary, recorded_by FROM compliment"
        + filter_clause("source_type") + " ORDER BY received DESC, id DESC LIMIT ?4 OFFSET ?5");
    rows.bind(1, filter.received_from).bind(2, filter.received_to).bind(3, filter.source_type).bind(4, filter.limit)
        .bind(5, filter.offset);
    std::vector<Compliment> result;
    while (rows.step())
        result.push_back({rows.column_text(0), rows.column_text(1), rows.column_text(2), rows.column_text(3),
                          rows.column_text(4), rows.column_text(5), rows.column_text(6)});
    return result;
}

std::int64_t ComplaintLog::count_compliments(const ComplimentFilter& filter)
{
    check_range(filter.received_from, filter.received_to);
    auto rows = store_.connection().prepare("SELECT count(*) FROM compliment" + filter_clause("source_type"));
    rows.bind(1, filter.received_from).bind(2, filter.received_to).bind(3, filter.source_type);
    rows.step();
    return rows.column_int64(0);
}

void ComplaintLog::add_closure_day(const std::string& date, const std::string& reason, const std::string& actor)
{
    if (!is_valid_date(date))
        throw Error("closure day: \"" + date + "\" is not a date in the form YYYY-MM-DD");
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    auto existing = connection.prepare("SELECT 1 FROM closure_day WHERE date = ?");
    existing.bind(1, date);
    if (existing.step())
        throw Error("closure day: " + date + " is already a closure day");
    auto insert = connection.prepare("INSERT INTO closure_day (date, reason, added_by, added_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, date).bind(2, reason).bind(3, actor).bind(4, utc_now());
    insert.run();
    insert_audit_row(connection, actor, "closure_day.add", date, "");
    transaction.commit();
}

void ComplaintLog::remove_closure_day(const std::string& date, const std::string& actor)
{
    auto& connection = store_.connection();
    sql::Transaction transaction(connection);
    auto remove = connection.prepare("DELETE FROM closure_day WHERE date = ?");
    remove.bind(1, date);
    remove.run();
    if (connection.changes() == 0)
        throw Error("closure day: " + date + " is not a closure day");
    insert_audit_row(connection, actor, "closure_day.remove", date, "");
    transaction.commit();
}

std::vector<ClosureDay> ComplaintLog::closure_days()
{
    auto rows = store_.connection().prepare("SELECT date, reason, added_by, added_at FROM closure_day ORDER BY date");
    std::vector<ClosureDay> result;
    while (rows.step())
        result.push_back({rows.column_text(0), rows.column_text(1), rows.column_text(2), rows.column_text(3)});
    return result;
}

} // namespace chorus

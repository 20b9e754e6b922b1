#include "chorus/store.hpp"

#include "audit_row.hpp"
#include "choice_pack.hpp"
#include "store_internal.hpp"
#include "chorus/dates.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/periods.hpp"
#include "chorus/progress.hpp"
#include "chorus/response_validation.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace chorus {

namespace {

constexpr std::size_t progress_every = 1000;
constexpr int sqlite_constraint = 19; // SQLITE_CONSTRAINT, without including sqlite3.h here

nlohmann::json answers_to_json(const std::map<std::string, Answer>& answers)
{
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, answer] : answers)
        std::visit([&, k = key](const auto& value) { object[k] = value; }, answer);
    return object;
}

std::map<std::string, Answer> answers_from_json(const nlohmann::json& object, const Instrument& instrument)
{
    std::map<std::string, Answer> answers;
    for (const auto& item : object.items()) {
        const Question* question = instrument.find_question(item.key());
        const auto& value = item.value();
        if (value.is_array())
            answers[item.key()] = value.get<std::vector<std::string>>();
        else if (value.is_string())
            answers[item.key()] = value.get<std::string>();
        else if (value.is_number_integer() && !(question && question->type == QuestionType::decimal))
            answers[item.key()] = value.get<std::int64_t>();
        else if (value.is_number())
            answers[item.key()] = value.get<double>();
    }
    return answers;
}

// Columns: uuid, instrument, version, captured_at, captured_by, team, respondent_type.
ResponseSummary summary_of(const sql::Statement& row)
{
    return {row.column_text(0), row.column_text(1), row.column_int(2), row.column_text(3),
            row.column_text(4), row.column_text(5), row.column_text(6)};
}

} // namespace

std::string version_name(const std::string& id, int version)
{
    return id + " version " + std::to_string(version);
}

const LoadedVersion* Store::Impl::find_version(const std::string& id, int version)
{
    if (version == 0) {
        auto latest = connection.prepare("SELECT max(version) FROM instrument_version WHERE instrument = ?");
        latest.bind(1, id);
        if (!latest.step() || latest.is_null(0))
            return nullptr;
        version = latest.column_int(0);
    }
    auto key = std::make_pair(id, version);
    if (auto it = versions.find(key); it != versions.end())
        return it->second.get();

    auto row = connection.prepare("SELECT id, definition FROM instrument_version WHERE instrument = ? AND version = ?");
    row.bind(1, id).bind(2, version);
    if (!row.step())
        return nullptr;
    auto loaded = std::make_unique<LoadedVersion>();
    loaded->row_id = row.column_int64(0);
    loaded->instrument = parse_instrument(row.column_text(1), connection.file().string() + " (" + version_name(id, version) + ")");
    auto rows = connection.prepare(
        "SELECT q.key, q.id, c.code, c.id, c.position FROM question q LEFT JOIN choice c ON c.question_id = q.id "
        "WHERE q.instrument_version_id = ?");
    rows.bind(1, loaded->row_id);
    while (rows.step()) {
        auto& question = loaded->questions[rows.column_text(0)];
        question.id = rows.column_int64(1);
        if (!rows.is_null(2)) {
            question.choice_list.emplace_back(rows.column_text(2), rows.column_int64(3));
            loaded->choices[rows.column_int64(3)] = {rows.column_text(0), rows.column_text(2), rows.column_int(4)};
        }
    }
    for (const auto& [question_key, question] : loaded->questions)
        loaded->sorted_questions.emplace_back(question_key, &question);
    std::sort(loaded->sorted_questions.begin(), loaded->sorted_questions.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    loaded->validator = std::make_unique<ResponseValidator>(loaded->instrument);
    return versions.emplace(key, std::move(loaded)).first->second.get();
}

const LoadedVersion& Store::Impl::version_of(const Response& response)
{
    const LoadedVersion* loaded = find_version(response.instrument_id, response.instrument_version);
    if (!loaded || response.instrument_version == 0)
        throw Error(connection.file().string() + ": there is no instrument "
                    + version_name(response.instrument_id, response.instrument_version)
                    + " for response " + response.uuid);
    return *loaded;
}

// `from` moves forward through sorted_questions: a response's answers come in key order.
const LoadedVersion::QuestionRows& LoadedVersion::rows_of(std::string_view key, std::size_t& from) const
{
    while (from < sorted_questions.size() && sorted_questions[from].first < key)
        ++from;
    if (from == sorted_questions.size() || sorted_questions[from].first != key)
        throw std::out_of_range("no question " + std::string(key));
    return *sorted_questions[from].second;
}

std::string choice_pack_of(const LoadedVersion& loaded, const Response& response)
{
    std::string pack;
    std::size_t from = 0;
    for (const auto& [key, answer] : response.answers) {
        const auto& rows = loaded.rows_of(key, from);
        if (rows.choice_list.empty())
            continue;
        if (auto code = std::get_if<std::string>(&answer))
            append_choice_id(pack, rows.choice_id(*code));
        else if (auto codes = std::get_if<std::vector<std::string>>(&answer))
            for (const auto& each : *codes)
                append_choice_id(pack, rows.choice_id(each));
    }
    return finish_choice_pack(std::move(pack));
}

ResponseInserter::ResponseInserter(sql::Connection& connection)
    : connection_(connection),
      insert_response_(connection.prepare(
          "INSERT INTO response (uuid, instrument_version_id, captured_at, captured_by, team, respondent_type, "
          "saved_at, choices) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")),
      insert_value_(connection.prepare("INSERT INTO answer_value VALUES (?, ?, ?)")),
      delete_draft_(connection.prepare("DELETE FROM draft WHERE uuid = ?"))
{
}

void ResponseInserter::insert(const LoadedVersion& loaded, const Response& response, const std::string& saved_at)
{
    insert_response_.bind(1, response.uuid)
        .bind(2, loaded.row_id)
        .bind(3, response.captured_at)
        .bind(4, response.captured_by)
        .bind(5, response.team)
        .bind(6, response.respondent_type)
        .bind(7, saved_at)
        .bind(8, choice_pack_of(loaded, response));
    try {
        insert_response_.run();
    } catch (const sql::SqliteError& error) {
        if (error.code() == sqlite_constraint)
            throw Error(connection_.file().string() + ": response " + response.uuid + " is already stored");
        throw;
    }
    insert_values(loaded, connection_.last_insert_rowid(), response);
    if (completes_drafts) {
        delete_draft_.bind(1, response.uuid);
        delete_draft_.run();
    }
}

void ResponseInserter::insert_values(const LoadedVersion& loaded, std::int64_t response_id, const Response& response)
{
    std::size_t from = 0;
    for (const auto& [key, answer] : response.answers) {
        const auto& rows = loaded.rows_of(key, from);
        if (!rows.choice_list.empty() || std::holds_alternative<std::vector<std::string>>(answer))
            continue; // in the choice pack
        insert_value_.bind(1, response_id).bind(2, rows.id);
        std::visit([&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (!std::is_same_v<T, std::vector<std::string>>)
                insert_value_.bind(3, value);
        }, answer);
        insert_value_.run();
    }
}

void insert_audit_row(sql::Connection& connection, const std::string& actor, const std::string& action,
                      const std::string& entity, const std::string& detail, const std::string& reason)
{
    auto insert = connection.prepare(
        "INSERT INTO audit_log (at, actor, action, entity, detail, reason_id) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, utc_now()).bind(2, actor).bind(3, action).bind(4, entity).bind(5, detail);
    if (reason.empty()) {
        insert.bind_null(6);
    } else {
        auto why = connection.prepare("INSERT INTO audit_reason (text) VALUES (?)");
        why.bind(1, reason);
        why.run();
        insert.bind(6, connection.last_insert_rowid());
    }
    insert.run();
}

void Store::Impl::audit(const std::string& actor, const std::string& action, const std::string& entity,
                        const std::string& detail, const std::string& reason)
{
    insert_audit_row(connection, actor, action, entity, detail, reason);
}

Store::Store(const std::filesystem::path& file, const std::string& passphrase)
    : impl_(std::make_unique<Impl>(file, passphrase))
{
    auto& connection = impl_->connection;
    connection.exec("PRAGMA journal_mode = WAL");
    // FULL: a response reported as saved survives a power cut, not just a crash.
    connection.exec("PRAGMA synchronous = FULL");
    if (connection.user_version() == 0) {
        auto tables = connection.prepare("SELECT count(*) FROM sqlite_master");
        tables.step();
        if (tables.column_int64(0) != 0)
            throw Error(file.string() + ": this is an SQLite database, but not a Chorus database");
    }
    migrate(connection);
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::filesystem::path& Store::file() const
{
    return impl_->connection.file();
}

sql::Connection& Store::connection()
{
    return impl_->connection;
}

AddOutcome Store::add_instrument(const Instrument& instrument, const std::string& actor)
{
    if (auto problems = validate_instrument(instrument, instrument.id.empty() ? "instrument" : instrument.id);
        !problems.empty())
        throw DefinitionError(std::move(problems));
    const std::string definition = instrument_to_json(instrument);
    auto& connection = impl_->connection;
    sql::Transaction transaction(connection);

    auto existing = connection.prepare("SELECT definition FROM instrument_version WHERE instrument = ? AND version = ?");
    existing.bind(1, instrument.id).bind(2, instrument.version);
    if (existing.step()) {
        if (existing.column_text(0) == definition)
            return AddOutcome::unchanged;
        throw Error(version_name(instrument.id, instrument.version)
                    + " is already stored with a different definition; a changed definition needs a new "
                      "version number (for example "
                    + std::to_string(std::int64_t{instrument.version} + 1) + ")");
    }

    auto insert_version = connection.prepare(
        "INSERT INTO instrument_version (instrument, version, title, plugin, definition, stored_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    insert_version.bind(1, instrument.id).bind(2, instrument.version).bind(3, instrument.title)
        .bind(4, instrument.plugin).bind(5, definition).bind(6, utc_now());
    insert_version.run();
    const std::int64_t version_id = connection.last_insert_rowid();

    auto insert_question = connection.prepare(
        "INSERT INTO question (instrument_version_id, key, type, position) VALUES (?, ?, ?, ?)");
    auto insert_choice = connection.prepare(
        "INSERT INTO choice (question_id, code, label, position) VALUES (?, ?, ?, ?)");
    int position = 0;
    for (const Question& question : instrument.questions) {
        insert_question.bind(1, version_id).bind(2, question.key).bind(3, to_string(question.type)).bind(4, position++);
        insert_question.run();
        const std::int64_t question_id = connection.last_insert_rowid();
        int option_position = 0;
        for (const Option& option : question.options) {
            insert_choice.bind(1, question_id).bind(2, option.code).bind(3, option.label).bind(4, option_position++);
            insert_choice.run();
        }
    }
    impl_->audit(actor, "instrument.add", instrument.id + "@" + std::to_string(instrument.version),
                 std::to_string(instrument.questions.size()) + " questions");
    transaction.commit();
    return AddOutcome::added;
}

std::vector<InstrumentSummary> Store::list_instruments()
{
    // Every version's count from one pass over a covering index, counted here: no index
    // starts with the version (schema 9), and SQLite's GROUP BY would sort a million ids
    // first (0.26 s against 0.06 s).
    std::unordered_map<std::int64_t, std::int64_t> responses;
    auto versions = impl_->connection.prepare("SELECT instrument_version_id FROM response");
    while (versions.step())
        ++responses[versions.column_int64(0)];
    auto rows = impl_->connection.prepare(
        "SELECT v.instrument, v.version, v.title, v.plugin, v.stored_at, v.id "
        "FROM instrument_version v ORDER BY v.instrument, v.version");
    std::vector<InstrumentSummary> result;
    while (rows.step()) {
        auto count = responses.find(rows.column_int64(5));
        result.push_back({rows.column_text(0), rows.column_int(1), rows.column_text(2), rows.column_text(3),
                          rows.column_text(4), count == responses.end() ? 0 : count->second});
    }
    return result;
}

std::optional<Instrument> Store::find_instrument(const std::string& id, int version)
{
    const LoadedVersion* loaded = impl_->find_version(id, version);
    if (!loaded)
        return std::nullopt;
    return loaded->instrument;
}

Instrument Store::instrument(const std::string& id, int version)
{
    if (auto found = find_instrument(id, version))
        return *found;
    throw Error(file().string() + ": there is no instrument \"" + id + "\""
                + (version ? " version " + std::to_string(version) : std::string()));
}

void Store::add_response(const Response& response, const std::string& actor)
{
    const LoadedVersion& loaded = impl_->version_of(response);
    if (auto problems = loaded.validator->check(response, ValidationMode::complete); !problems.empty())
        throw InvalidResponse("response " + response.uuid, std::move(problems));
    auto& connection = impl_->connection;
    sql::Transaction transaction(connection);
    ResponseInserter(connection).insert(loaded, response, utc_now());
    impl_->audit(actor, "response.add", response.uuid,
                 version_name(response.instrument_id, response.instrument_version));
    transaction.commit();
}

void Store::add_responses(const std::vector<Response>& responses, const std::string& actor,
                          const std::string& audit_entity, Progress* progress)
{
    // Validate everything before writing, so a bad response anywhere changes nothing.
    std::map<std::pair<std::string, int>, std::size_t> per_version;
    std::vector<const LoadedVersion*> versions; // parallel to responses, for the write loop
    versions.reserve(responses.size());
    for (std::size_t i = 0; i < responses.size(); ++i) {
        const Response& response = responses[i];
        const LoadedVersion& loaded = impl_->version_of(response);
        versions.push_back(&loaded);
        if (auto problems = loaded.validator->check(response, ValidationMode::complete); !problems.empty())
            throw InvalidResponse("response " + std::to_string(i + 1) + " of " + std::to_string(responses.size())
                                      + " (" + response.uuid + ")",
                                  std::move(problems));
        ++per_version[{response.instrument_id, response.instrument_version}];
    }
    auto& connection = impl_->connection;
    sql::Transaction transaction(connection);
    ResponseInserter inserter(connection);
    const std::string saved_at = utc_now();
    for (std::size_t i = 0; i < responses.size(); ++i) {
        if (progress && i % progress_every == 0) {
            if (progress->cancelled())
                throw Cancelled();
            progress->update(i, responses.size(), "saving responses");
        }
        inserter.insert(*versions[i], responses[i], saved_at);
    }
    std::string detail;
    for (const auto& [version, count] : per_version)
        detail += (detail.empty() ? "" : "; ") + std::to_string(count) + " responses to "
                + version_name(version.first, version.second);
    impl_->audit(actor, "responses.import", audit_entity, detail.empty() ? "0 responses" : detail);
    transaction.commit();
    if (progress)
        progress->update(responses.size(), responses.size(), "saving responses");
}

std::optional<Response> Store::find_response(const std::string& uuid)
{
    auto& connection = impl_->connection;
    auto row = connection.prepare(
        "SELECT r.id, v.instrument, v.version, r.captured_at, r.captured_by, r.team, r.respondent_type, r.choices "
        "FROM response r JOIN instrument_version v ON v.id = r.instrument_version_id WHERE r.uuid = ?");
    row.bind(1, uuid);
    if (!row.step())
        return std::nullopt;
    Response response;
    const std::int64_t response_id = row.column_int64(0);
    response.uuid = uuid;
    response.instrument_id = row.column_text(1);
    response.instrument_version = row.column_int(2);
    response.captured_at = row.column_text(3);
    response.captured_by = row.column_text(4);
    response.team = row.column_text(5);
    response.respondent_type = row.column_text(6);

    const LoadedVersion& loaded = impl_->version_of(response);
    std::map<std::string, std::vector<const LoadedVersion::ChoiceRow*>> chosen; // key -> options
    for_each_choice_id(row.column_text_view(7), [&](std::int64_t id) {
        if (auto found = loaded.choices.find(id); found != loaded.choices.end())
            chosen[found->second.key].push_back(&found->second);
    });
    for (auto& [key, options] : chosen) {
        if (loaded.instrument.find_question(key)->type != QuestionType::multiple_choice) {
            response.answers[key] = options.front()->code;
            continue;
        }
        std::sort(options.begin(), options.end(), [](auto* a, auto* b) { return a->position < b->position; });
        std::vector<std::string> codes;
        for (const auto* option : options)
            codes.push_back(option->code);
        response.answers[key] = std::move(codes);
    }
    auto values = connection.prepare(
        "SELECT q.key, q.type, a.value FROM answer_value a JOIN question q ON q.id = a.question_id "
        "WHERE a.response_id = ?");
    values.bind(1, response_id);
    while (values.step()) {
        std::string type = values.column_text(1);
        if (type == to_string(QuestionType::integer))
            response.answers[values.column_text(0)] = values.column_int64(2);
        else if (type == to_string(QuestionType::decimal))
            response.answers[values.column_text(0)] = values.column_double(2);
        else
            response.answers[values.column_text(0)] = values.column_text(2);
    }
    return response;
}

namespace {

// The WHERE clause of a response filter over `response r` alone (no join, so counting and
// paging every response are index-only), bound as ?1 instrument, ?2 from, ?3 to, ?4 team.
// The dates are days in England, bound as the UTC range they cover (periods.hpp), so the
// captured_at index still applies.
constexpr const char* response_filter_clause =
    "WHERE (?1 = '' OR r.instrument_version_id IN (SELECT id FROM instrument_version WHERE instrument = ?1)) "
    "AND (?2 = '' OR r.captured_at >= ?2) AND (?3 = '' OR r.captured_at < ?3) AND (?4 = '' OR r.team = ?4)";

void bind_response_filter(sql::Statement& statement, const ResponseFilter& filter)
{
    statement.bind(1, filter.instrument_id)
        .bind(2, filter.captured_from.empty() ? std::string() : utc_start_of_uk_day(filter.captured_from))
        .bind(3, filter.captured_to.empty() ? std::string() : utc_end_of_uk_day(filter.captured_to))
        .bind(4, filter.team);
}

// The fields of `after` that differ from `before`: metadata names and question keys, never values.
std::string changed_fields(const Response& before, const Response& after)
{
    std::vector<std::string> fields;
    if (before.captured_at != after.captured_at)
        fields.emplace_back("captured_at");
    if (before.team != after.team)
        fields.emplace_back("team");
    if (before.respondent_type != after.respondent_type)
        fields.emplace_back("respondent_type");
    std::set<std::string> keys;
    for (const auto& [key, answer] : before.answers)
        keys.insert(key);
    for (const auto& [key, answer] : after.answers)
        keys.insert(key);
    for (const auto& key : keys) {
        auto old_answer = before.answers.find(key);
        auto new_answer = after.answers.find(key);
        const bool same = old_answer != before.answers.end() && new_answer != after.answers.end()
                          && old_answer->second == new_answer->second;
        if (!same)
            fields.push_back(key);
    }
    std::string text;
    for (const auto& field : fields)
        text += (text.empty() ? "" : ", ") + field;
    return text.empty() ? "nothing" : text;
}

} // namespace

std::vector<ResponseSummary> Store::list_responses(const ResponseFilter& filter)
{
    // The page's ids first, from the list-order index alone (schema 9), so an offset deep into
    // a million responses steps over index entries instead of sorting or reading the table;
    // with `after`, the index is entered at that response.
    constexpr const char* list_order = " ORDER BY r.captured_at, r.instrument_version_id, r.id";
    auto rows = impl_->connection.prepare(
        std::string("SELECT r.uuid, v.instrument, v.version, r.captured_at, r.captured_by, r.team, r.respondent_type, "
                    "r.instrument_version_id, r.id FROM response r JOIN instrument_version v ON v.id = r.instrument_version_id "
                    "WHERE r.id IN (SELECT r.id FROM response r ")
        + response_filter_clause
        + (filter.after ? " AND (r.captured_at, r.instrument_version_id, r.id) > (?7, ?8, ?9)" : "") + list_order
        + " LIMIT ?5 OFFSET ?6)" + list_order);
    bind_response_filter(rows, filter);
    rows.bind(5, filter.limit).bind(6, filter.offset);
    if (filter.after)
        rows.bind(7, filter.after->captured_at).bind(8, filter.after->version_row).bind(9, filter.after->row);
    std::vector<ResponseSummary> result;
    while (rows.step()) {
        result.push_back(summary_of(rows));
        result.back().position = {result.back().captured_at, rows.column_int64(7), rows.column_int64(8)};
    }
    return result;
}

std::int64_t Store::count_responses(const std::string& instrument_id)
{
    ResponseFilter filter;
    filter.instrument_id = instrument_id;
    return count_responses(filter);
}

std::int64_t Store::count_responses(const ResponseFilter& filter)
{
    auto count = impl_->connection.prepare(std::string("SELECT count(*) FROM response r ")
                                           + response_filter_clause);
    bind_response_filter(count, filter);
    count.step();
    return count.column_int64(0);
}

std::vector<std::string> Store::response_teams()
{
    // One index seek per team (a skip scan), not a pass over every response.
    auto rows = impl_->connection.prepare(
        "WITH RECURSIVE next(team) AS (SELECT min(team) FROM response WHERE team > '' "
        "UNION ALL SELECT (SELECT min(team) FROM response WHERE team > next.team) FROM next "
        "WHERE next.team IS NOT NULL) SELECT team FROM next WHERE team IS NOT NULL");
    std::vector<std::string> teams;
    while (rows.step())
        teams.push_back(rows.column_text(0));
    return teams;
}

void Store::Impl::record_change(const std::string& uuid, const std::string& actor, const std::string& action,
                                const std::string& reason)
{
    auto insert = connection.prepare("INSERT INTO response_change (uuid, at, actor, action, reason) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, uuid).bind(2, utc_now()).bind(3, actor).bind(4, action).bind(5, reason);
    insert.run();
}

void Store::update_response(const Response& response, const std::string& actor, const std::string& reason)
{
    if (reason.empty())
        throw Error("response " + response.uuid + ": a correction needs a reason");
    auto& connection = impl_->connection;
    sql::Transaction transaction(connection);
    const std::optional<Response> before = find_response(response.uuid);
    if (!before)
        throw Error(file().string() + ": there is no response " + response.uuid);
    if (before->instrument_id != response.instrument_id || before->instrument_version != response.instrument_version)
        throw Error("response " + response.uuid + " answers " + version_name(before->instrument_id, before->instrument_version)
                    + "; a correction cannot move it to another instrument or version");
    const LoadedVersion& loaded = impl_->version_of(response);
    if (auto problems = loaded.validator->check(response, ValidationMode::complete); !problems.empty())
        throw InvalidResponse("response " + response.uuid, std::move(problems));

    auto row = connection.prepare("SELECT id FROM response WHERE uuid = ?");
    row.bind(1, response.uuid);
    row.step();
    const std::int64_t response_id = row.column_int64(0);
    auto remove = connection.prepare("DELETE FROM answer_value WHERE response_id = ?");
    remove.bind(1, response_id);
    remove.run();
    auto update = connection.prepare(
        "UPDATE response SET captured_at = ?, captured_by = ?, team = ?, respondent_type = ?, choices = ? WHERE id = ?");
    update.bind(1, response.captured_at).bind(2, response.captured_by).bind(3, response.team)
        .bind(4, response.respondent_type).bind(5, choice_pack_of(loaded, response)).bind(6, response_id);
    update.run();
    ResponseInserter(connection).insert_values(loaded, response_id, response);
    impl_->record_change(response.uuid, actor, "edit", reason);
    impl_->audit(actor, "response.edit", response.uuid, "changed: " + changed_fields(*before, response), reason);
    transaction.commit();
}

void Store::delete_response(const std::string& uuid, const std::string& actor, const std::string& reason)
{
    if (reason.empty())
        throw Error("response " + uuid + ": deleting needs a reason");
    auto& connection = impl_->connection;
    sql::Transaction transaction(connection);
    auto row = connection.prepare(
        "SELECT r.id, v.instrument, v.version FROM response r JOIN instrument_version v ON v.id = r.instrument_version_id "
        "WHERE r.uuid = ?");
    row.bind(1, uuid);
    if (!row.step())
        throw Error(file().string() + ": there is no response " + uuid);
    const std::int64_t response_id = row.column_int64(0);
    const std::string version = version_name(row.column_text(1), row.column_int(2));
    auto remove = connection.prepare("DELETE FROM response WHERE id = ?");
    remove.bind(1, response_id);
    remove.run();
    impl_->record_change(uuid, actor, "delete", reason);
    impl_->audit(actor, "response.delete", uuid, version, reason);
    transaction.commit();
}

std::vector<ResponseChange> Store::response_changes(const std::string& uuid)
{
    auto rows = impl_->connection.prepare(
        "SELECT at, actor, action, reason FROM response_change WHERE uuid = ? ORDER BY id");
    rows.bind(1, uuid);
    std::vector<ResponseChange> changes;
    while (rows.step())
        changes.push_back({rows.column_text(0), rows.column_text(1), rows.column_text(2), rows.column_text(3)});
    return changes;
}

void Store::save_draft(const Response& draft, const std::string& actor)
{
    const LoadedVersion& loaded = impl_->version_of(draft);
    if (auto problems = loaded.validator->check(draft, ValidationMode::draft); !problems.empty())
        throw InvalidResponse("draft " + draft.uuid, std::move(problems));
    auto& connection = impl_->connection;
    sql::Transaction transaction(connection);
    auto complete = connection.prepare("SELECT 1 FROM response WHERE uuid = ?");
    complete.bind(1, draft.uuid);
    if (complete.step())
        throw Error("response " + draft.uuid + " is already complete; it cannot become a draft again");
    auto upsert = connection.prepare(
        "INSERT OR REPLACE INTO draft (uuid, instrument_version_id, captured_at, captured_by, team, respondent_type, "
        "answers, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    upsert.bind(1, draft.uuid).bind(2, loaded.row_id).bind(3, draft.captured_at).bind(4, draft.captured_by)
        .bind(5, draft.team).bind(6, draft.respondent_type).bind(7, answers_to_json(draft.answers).dump())
        .bind(8, utc_now());
    upsert.run();
    impl_->audit(actor, "draft.save", draft.uuid, version_name(draft.instrument_id, draft.instrument_version));
    transaction.commit();
}

std::optional<Response> Store::find_draft(const std::string& uuid)
{
    auto row = impl_->connection.prepare(
        "SELECT v.instrument, v.version, d.captured_at, d.captured_by, d.team, d.respondent_type, d.answers "
        "FROM draft d JOIN instrument_version v ON v.id = d.instrument_version_id WHERE d.uuid = ?");
    row.bind(1, uuid);
    if (!row.step())
        return std::nullopt;
    Response draft;
    draft.uuid = uuid;
    draft.instrument_id = row.column_text(0);
    draft.instrument_version = row.column_int(1);
    draft.captured_at = row.column_text(2);
    draft.captured_by = row.column_text(3);
    draft.team = row.column_text(4);
    draft.respondent_type = row.column_text(5);
    const LoadedVersion& loaded = impl_->version_of(draft);
    draft.answers = answers_from_json(nlohmann::json::parse(row.column_text(6)), loaded.instrument);
    return draft;
}

std::vector<ResponseSummary> Store::list_drafts(const std::string& instrument_id)
{
    auto rows = impl_->connection.prepare(
        "SELECT d.uuid, v.instrument, v.version, d.captured_at, d.captured_by, d.team, d.respondent_type "
        "FROM draft d JOIN instrument_version v ON v.id = d.instrument_version_id "
        "WHERE (?1 = '' OR v.instrument = ?1) ORDER BY d.saved_at, d.uuid");
    rows.bind(1, instrument_id);
    std::vector<ResponseSummary> result;
    while (rows.step())
        result.push_back(summary_of(rows));
    return result;
}

std::vector<AuditEntry> Store::audit_log(std::int64_t limit)
{
    auto rows = impl_->connection.prepare(
        "SELECT a.id, a.at, a.actor, a.action, a.entity, a.detail, coalesce(r.text, '') FROM audit_log a "
        "LEFT JOIN audit_reason r ON r.id = a.reason_id ORDER BY a.id DESC LIMIT ?");
    rows.bind(1, limit);
    std::vector<AuditEntry> result;
    while (rows.step())
        result.push_back({rows.column_int64(0), rows.column_text(1), rows.column_text(2), rows.column_text(3),
                          rows.column_text(4), rows.column_text(5), rows.column_text(6)});
    return result;
}

void Store::audit(const std::string& actor, const std::string& action, const std::string& entity,
                  const std::string& detail, const std::string& reason)
{
    sql::Transaction transaction(impl_->connection);
    impl_->audit(actor, action, entity, detail, reason);
    transaction.commit();
}

} // namespace chorus

#include "chorus/themes.hpp"

#include "audit_row.hpp"
#include "chorus/dates.hpp"
#include "chorus/store.hpp"
#include "response_scope.hpp"

namespace chorus {

namespace {

constexpr std::size_t longest_tag = 60;

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Throws unless the instrument has a text question `key` in some version.
void require_text_question(Store& store, const StatsQuery& query)
{
    auto versions = store.connection().prepare(
        "SELECT q.type FROM question q JOIN instrument_version v ON v.id = q.instrument_version_id "
        "WHERE v.instrument = ? AND q.key = ? ORDER BY v.version DESC LIMIT 1");
    versions.bind(1, query.instrument_id).bind(2, query.question_key);
    if (!versions.step())
        throw Error("instrument \"" + query.instrument_id + "\" has no question \"" + query.question_key + "\"");
    const std::string type = versions.column_text(0);
    if (type != to_string(QuestionType::short_text) && type != to_string(QuestionType::long_text))
        throw Error("question \"" + query.question_key + "\" of " + query.instrument_id
                    + " is not a text question; only free text is tagged with themes");
}

// The FROM/WHERE shared by the listing and its count: answers to the question's rows,
// with the filter. Parameters: ?1 instrument, ?2 question key, then the scope's values.
std::string text_answers_from(const ResponseScope& scope)
{
    return " FROM answer_value a JOIN question q ON q.id = a.question_id "
           "JOIN instrument_version v ON v.id = q.instrument_version_id"
           + (scope.join.empty() ? std::string(" JOIN response r ON r.id = a.response_id") : scope.join)
           + " WHERE v.instrument = ? AND q.key = ? AND q.type IN ('short_text', 'long_text')" + scope.where;
}

void bind_scope(sql::Statement& statement, const StatsQuery& query, const ResponseScope& scope)
{
    statement.bind(1, query.instrument_id).bind(2, query.question_key);
    int index = 3;
    for (const auto& value : scope.values)
        statement.bind(index++, value);
}

std::int64_t response_row(Store& store, const std::string& uuid)
{
    auto row = store.connection().prepare("SELECT id FROM response WHERE uuid = ?");
    row.bind(1, uuid);
    if (!row.step())
        throw Error(store.file().string() + ": there is no response " + uuid);
    return row.column_int64(0);
}

} // namespace

std::vector<TextAnswer> list_text_answers(Store& store, const StatsQuery& query, std::int64_t limit,
                                          std::int64_t offset)
{
    require_text_question(store, query);
    const ResponseScope scope = response_scope(query);
    const int paging = 3 + static_cast<int>(scope.values.size());
    auto rows = store.connection().prepare("SELECT r.id, r.uuid, r.captured_at, r.team, a.value"
                                           + text_answers_from(scope) + " ORDER BY r.captured_at DESC, r.id DESC "
                                           + "LIMIT ?" + std::to_string(paging) + " OFFSET ?"
                                           + std::to_string(paging + 1));
    bind_scope(rows, query, scope);
    rows.bind(paging, limit).bind(paging + 1, offset);
    auto tags = store.connection().prepare(
        "SELECT tag FROM answer_tag WHERE response_id = ? AND question_key = ? ORDER BY tag");
    std::vector<TextAnswer> answers;
    while (rows.step()) {
        TextAnswer answer{rows.column_text(1), rows.column_text(2), rows.column_text(3), rows.column_text(4), {}};
        tags.bind(1, rows.column_int64(0)).bind(2, query.question_key);
        while (tags.step())
            answer.tags.push_back(tags.column_text(0));
        tags.reset();
        answers.push_back(std::move(answer));
    }
    return answers;
}

std::int64_t count_text_answers(Store& store, const StatsQuery& query)
{
    require_text_question(store, query);
    const ResponseScope scope = response_scope(query);
    auto count = store.connection().prepare("SELECT count(*)" + text_answers_from(scope));
    bind_scope(count, query, scope);
    count.step();
    return count.column_int64(0);
}

void add_theme_tag(Store& store, const std::string& uuid, const std::string& question_key, const std::string& tag,
                   const std::string& actor)
{
    const std::string name = trimmed(tag);
    if (name.empty())
        throw Error("a theme tag needs a name");
    if (name.size() > longest_tag)
        throw Error("a theme tag is at most " + std::to_string(longest_tag) + " characters (this one has "
                    + std::to_string(name.size()) + ")");
    auto& connection = store.connection();
    sql::Transaction transaction(connection);
    const std::int64_t response_id = response_row(store, uuid);
    auto answered = connection.prepare(
        "SELECT q.type FROM answer_value a JOIN question q ON q.id = a.question_id "
        "WHERE a.response_id = ? AND q.key = ?");
    answered.bind(1, response_id).bind(2, question_key);
    if (!answered.step())
        throw Error("response " + uuid + " has no answer to question \"" + question_key + "\" to tag");
    const std::string type = answered.column_text(0);
    if (type != to_string(QuestionType::short_text) && type != to_string(QuestionType::long_text))
        throw Error("question \"" + question_key + "\" is not a text question; only free text is tagged with themes");
    auto insert = connection.prepare(
        "INSERT OR IGNORE INTO answer_tag (response_id, question_key, tag, added_by, added_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, response_id).bind(2, question_key).bind(3, name).bind(4, actor).bind(5, utc_now());
    insert.run();
    if (connection.changes() == 0)
        return; // already tagged: nothing changed, so nothing to audit
    insert_audit_row(connection, actor, "answer.tag", uuid, "question " + question_key);
    transaction.commit();
}

void remove_theme_tag(Store& store, const std::string& uuid, const std::string& question_key, const std::string& tag,
                      const std::string& actor)
{
    auto& connection = store.connection();
    sql::Transaction transaction(connection);
    auto remove = connection.prepare("DELETE FROM answer_tag WHERE response_id = ? AND question_key = ? AND tag = ?");
    remove.bind(1, response_row(store, uuid)).bind(2, question_key).bind(3, trimmed(tag));
    remove.run();
    if (connection.changes() == 0)
        throw Error("the answer of response " + uuid + " to \"" + question_key + "\" has no such tag");
    insert_audit_row(connection, actor, "answer.untag", uuid, "question " + question_key);
    transaction.commit();
}

std::vector<std::pair<std::string, std::int64_t>> theme_tag_counts(Store& store, const StatsQuery& query)
{
    require_text_question(store, query);
    const ResponseScope scope = response_scope(query);
    auto rows = store.connection().prepare(
        "SELECT t.tag, count(*) FROM answer_tag t JOIN response r ON r.id = t.response_id "
        "JOIN instrument_version v ON v.id = r.instrument_version_id "
        "WHERE v.instrument = ? AND t.question_key = ?" + scope.where + " GROUP BY t.tag ORDER BY count(*) DESC, t.tag");
    bind_scope(rows, query, scope);
    std::vector<std::pair<std::string, std::int64_t>> counts;
    while (rows.step())
        counts.emplace_back(rows.column_text(0), rows.column_int64(1));
    return counts;
}

} // namespace chorus

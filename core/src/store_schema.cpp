// The database schema, as a list of migrations applied by PRAGMA user_version.
// A migration is never edited once released: change the schema with a new one.
#include "chorus/store.hpp"

#include <string>
#include <vector>

namespace chorus {

namespace {

// Each entry takes the schema from version (index) to (index + 1).
const std::vector<const char*>& migrations()
{
    static const std::vector<const char*> steps{
        // 1: instruments, responses and their answers.
        R"sql(
CREATE TABLE instrument_version (
    id            INTEGER PRIMARY KEY,
    instrument    TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    title         TEXT NOT NULL,
    plugin        TEXT NOT NULL DEFAULT '',
    definition    TEXT NOT NULL,          -- canonical JSON (instrument_to_json)
    stored_at     TEXT NOT NULL,
    UNIQUE (instrument, version)
);
CREATE TABLE question (
    id                    INTEGER PRIMARY KEY,
    instrument_version_id INTEGER NOT NULL REFERENCES instrument_version(id),
    key                   TEXT NOT NULL,
    type                  TEXT NOT NULL,
    position              INTEGER NOT NULL,
    UNIQUE (instrument_version_id, key)
);
CREATE INDEX question_by_key ON question(key);
CREATE TABLE choice (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES question(id),
    code        TEXT NOT NULL,
    label       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    UNIQUE (question_id, code)
);
CREATE TABLE response (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    instrument_version_id INTEGER NOT NULL REFERENCES instrument_version(id),
    captured_at           TEXT NOT NULL,
    captured_by           TEXT NOT NULL DEFAULT '',
    team                  TEXT NOT NULL DEFAULT '',
    respondent_type       TEXT NOT NULL DEFAULT '',
    saved_at              TEXT NOT NULL
);
CREATE INDEX response_by_instrument ON response(instrument_version_id, captured_at);
-- One row per chosen option: counting answers per option is an index-only scan.
CREATE TABLE answer_choice (
    response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES question(id),
    choice_id   INTEGER NOT NULL REFERENCES choice(id),
    PRIMARY KEY (response_id, question_id, choice_id)
) WITHOUT ROWID;
CREATE INDEX answer_choice_count ON answer_choice(question_id, choice_id);
-- Numbers, dates and text: one value per question.
CREATE TABLE answer_value (
    response_id INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES question(id),
    value       BLOB NOT NULL,          -- BLOB affinity: stored exactly as bound (text "007" stays text)
    PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;
CREATE INDEX answer_value_by_question ON answer_value(question_id);
-- Partial responses: never counted, so kept whole as JSON until completed.
CREATE TABLE draft (
    uuid                  TEXT PRIMARY KEY,
    instrument_version_id INTEGER NOT NULL REFERENCES instrument_version(id),
    captured_at           TEXT NOT NULL,
    captured_by           TEXT NOT NULL DEFAULT '',
    team                  TEXT NOT NULL DEFAULT '',
    respondent_type       TEXT NOT NULL DEFAULT '',
    answers               TEXT NOT NULL,
    saved_at              TEXT NOT NULL
);
)sql",
        // 2: the append-only audit log.
        R"sql(
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    };
    return steps;
}

} // namespace

void migrate(sql::Connection& connection, int target)
{
    const auto& steps = migrations();
    if (target < 0 || target > static_cast<int>(steps.size()))
        throw Error("no schema version " + std::to_string(target));
    int current = connection.user_version();
    if (current == target)
        return; // up to date: no write lock, so read-only files open too
    // Read again inside the write transaction so two processes opening a new
    // file at once cannot both apply the same migration.
    sql::Transaction transaction(connection);
    current = connection.user_version();
    if (current > static_cast<int>(steps.size()))
        throw Error(connection.file().string() + ": the database was written by a newer version of Chorus "
                    "(schema " + std::to_string(current) + "; this version knows up to "
                    + std::to_string(steps.size()) + "); install the newer version to open it");
    for (int version = current; version < target; ++version)
        connection.exec(steps[static_cast<std::size_t>(version)]);
    if (current < target)
        connection.exec("PRAGMA user_version = " + std::to_string(target));
    transaction.commit();
}

} // namespace chorus

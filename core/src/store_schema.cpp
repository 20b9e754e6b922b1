// The database schema, as a list of migrations applied by PRAGMA user_version.
// A migration is never edited once released: change the schema with a new one.
#include "chorus/store.hpp"

#include <optional>
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
        // 3: the complaints and compliments log and the council's local closure days.
        // Dates are "YYYY-MM-DD" (the GLOBs catch a wrong form; ComplaintLog checks the calendar).
        R"sql(
CREATE TABLE complaint (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    reference        TEXT NOT NULL DEFAULT '',
    received         TEXT NOT NULL CHECK (received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    became_aware     TEXT NOT NULL DEFAULT ''
                     CHECK (became_aware = '' OR became_aware GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    complainant_type TEXT NOT NULL CHECK (complainant_type <> ''),
    service_area     TEXT NOT NULL CHECK (service_area <> ''),
    procedure        TEXT NOT NULL CHECK (procedure IN ('statutory', 'corporate')),
    team             TEXT NOT NULL DEFAULT '',
    advocate_offered INTEGER NOT NULL DEFAULT 0 CHECK (advocate_offered IN (0, 1)),
    recorded_by      TEXT NOT NULL DEFAULT '',
    recorded_at      TEXT NOT NULL
);
-- The register lists by received date; measures count per period.
CREATE INDEX complaint_by_received ON complaint(received);
CREATE TABLE complaint_point (
    complaint_id  INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    summary       TEXT NOT NULL CHECK (summary <> ''),
    outcome       TEXT NOT NULL DEFAULT '',
    outcome_stage TEXT NOT NULL DEFAULT '',
    CHECK ((outcome = '') = (outcome_stage = '')),
    PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;
CREATE INDEX complaint_point_by_outcome ON complaint_point(outcome_stage, outcome);
CREATE TABLE complaint_theme (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    theme        TEXT NOT NULL CHECK (theme <> ''),
    PRIMARY KEY (complaint_id, position),
    UNIQUE (complaint_id, theme)
) WITHOUT ROWID;
CREATE INDEX complaint_theme_by_theme ON complaint_theme(theme, complaint_id);
CREATE TABLE complaint_stage (
    complaint_id     INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    stage            TEXT NOT NULL CHECK (stage <> ''),
    started          TEXT NOT NULL CHECK (started GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    extended         INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
    extension_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (complaint_id, position),
    UNIQUE (complaint_id, stage)
) WITHOUT ROWID;
CREATE INDEX complaint_stage_by_stage ON complaint_stage(stage, started);
CREATE TABLE complaint_milestone (
    complaint_id   INTEGER NOT NULL,
    stage_position INTEGER NOT NULL,
    milestone      TEXT NOT NULL CHECK (milestone <> ''),
    date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (complaint_id, stage_position, milestone),
    FOREIGN KEY (complaint_id, stage_position) REFERENCES complaint_stage(complaint_id, position)
        ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX complaint_milestone_by_date ON complaint_milestone(milestone, date);
CREATE TABLE complaint_learning (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    action       TEXT NOT NULL CHECK (action <> ''),
    owner        TEXT NOT NULL DEFAULT '',
    due          TEXT NOT NULL DEFAULT '' CHECK (due = '' OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    completed    TEXT NOT NULL DEFAULT ''
                 CHECK (completed = '' OR completed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (complaint_id, position)
) WITHOUT ROWID;
-- Why a stored complaint was corrected. Kept with the complaint, not in the audit log,
-- because a reason is free text that may identify people.
CREATE TABLE complaint_edit (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason <> ''),
    fields       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_edit_by_complaint ON complaint_edit(complaint_id);
CREATE TABLE compliment (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    received     TEXT NOT NULL CHECK (received GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source_type  TEXT NOT NULL CHECK (source_type <> ''),
    service_area TEXT NOT NULL DEFAULT '',
    team         TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL
);
CREATE INDEX compliment_by_received ON compliment(received, source_type);
-- Days the council is closed besides bank holidays: complaint deadlines skip them.
CREATE TABLE closure_day (
    date     TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason   TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
) WITHOUT ROWID;
)sql",
        // 4: why responses were corrected or deleted, and theme tags on free-text answers.
        R"sql(
-- Reasons are free text that may identify people, so they live here, not in the audit
-- log. Keyed by uuid, not a foreign key: the reason for a deletion outlives the response.
CREATE TABLE response_change (
    id     INTEGER PRIMARY KEY,
    uuid   TEXT NOT NULL,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('edit', 'delete')),
    reason TEXT NOT NULL CHECK (reason <> '')
);
CREATE INDEX response_change_by_uuid ON response_change(uuid);
-- Themes a lead tags free-text answers with (three houses, "what could be better?").
-- By question key, not question row, so a tag counts across instrument versions.
CREATE TABLE answer_tag (
    response_id  INTEGER NOT NULL REFERENCES response(id) ON DELETE CASCADE,
    question_key TEXT NOT NULL,
    tag          TEXT NOT NULL CHECK (tag <> ''),
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    PRIMARY KEY (response_id, question_key, tag)
) WITHOUT ROWID;
CREATE INDEX answer_tag_by_tag ON answer_tag(question_key, tag);
)sql",
        // 5: the responses list pages through a million responses in list order, and lists
        // the teams, from indexes alone (no sort, no scan of the table).
        R"sql(
CREATE INDEX response_in_list_order ON response(captured_at, id);
CREATE INDEX response_by_team ON response(team, captured_at, id);
)sql",
        // 6: a response's chosen options move into its own row, as a JSON array of choice
        // ids: a million-response import wrote 20 million answer_choice rows and their index,
        // eight times the time SQLite needs to load the same file (docs/benchmarks.md). The
        // uuid's UNIQUE constraint becomes a unique index, which a bulk write can build once
        // at commit instead of row by row in random order. SQLite cannot drop a constraint, so
        // the table is rebuilt (with foreign key actions off: see table_rebuilds).
        R"sql(
CREATE TABLE response_v6 (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL,
    instrument_version_id INTEGER NOT NULL REFERENCES instrument_version(id),
    captured_at           TEXT NOT NULL,
    captured_by           TEXT NOT NULL DEFAULT '',
    team                  TEXT NOT NULL DEFAULT '',
    respondent_type       TEXT NOT NULL DEFAULT '',
    saved_at              TEXT NOT NULL,
    choices               TEXT NOT NULL DEFAULT '[]'  -- JSON array of choice ids (choice_pack.hpp)
);
INSERT INTO response_v6
SELECT r.id, r.uuid, r.instrument_version_id, r.captured_at, r.captured_by, r.team, r.respondent_type, r.saved_at,
       coalesce((SELECT json_group_array(a.choice_id) FROM answer_choice a WHERE a.response_id = r.id), '[]')
FROM response r ORDER BY r.id;
DROP TABLE answer_choice;
DROP TABLE response;
ALTER TABLE response_v6 RENAME TO response;
CREATE UNIQUE INDEX response_by_uuid ON response(uuid);
CREATE INDEX response_by_instrument ON response(instrument_version_id, captured_at);
CREATE INDEX response_in_list_order ON response(captured_at, id);
CREATE INDEX response_by_team ON response(team, captured_at, id);
)sql",
        // 7: records retention and why each audited change was made. Reasons are free text
        // that may identify people, so they live in their own table, never in the audit row
        // itself; both are append-only.
        R"sql(
CREATE TABLE audit_reason (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL CHECK (text <> '')
);
CREATE TRIGGER audit_reason_no_update BEFORE UPDATE ON audit_reason
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_reason_no_delete BEFORE DELETE ON audit_reason
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
ALTER TABLE audit_log ADD COLUMN reason_id INTEGER REFERENCES audit_reason(id);
-- The last row of an action on an entity (the plugin loads recorded, a record's history).
CREATE INDEX audit_log_by_entity ON audit_log(action, entity, id);
-- How long each kind of record is kept; a kind without a row is kept until deleted by hand.
CREATE TABLE retention_rule (
    record_type TEXT PRIMARY KEY CHECK (record_type IN ('response', 'draft', 'complaint', 'compliment')),
    months      INTEGER NOT NULL CHECK (months BETWEEN 1 AND 1200),
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
) WITHOUT ROWID;
-- Records kept past retention (litigation, an investigation, a subject access request).
-- By uuid, not a foreign key, as the records live in several tables.
CREATE TABLE legal_hold (
    record_type TEXT NOT NULL CHECK (record_type IN ('response', 'draft', 'complaint', 'compliment')),
    uuid        TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason <> ''),
    placed_by   TEXT NOT NULL,
    placed_at   TEXT NOT NULL,
    PRIMARY KEY (record_type, uuid)
) WITHOUT ROWID;
)sql",
        // 8: user accounts (users.hpp). Only a salted Argon2id hash of each password.
        R"sql(
CREATE TABLE user_account (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('worker', 'lead', 'admin')),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
) WITHOUT ROWID;
)sql",
        // 9: one capture-time index fewer for a bulk import to build (docs/benchmarks.md).
        // The list order index also carries the version, so it serves the counting scans of
        // a version's responses over a date range, which response_by_instrument did; the
        // list's order within one second becomes version, then storage order. The trailing id
        // of the list and team indexes was the row id SQLite appends to every index anyway,
        // stored twice.
        R"sql(
DROP INDEX response_by_instrument;
DROP INDEX response_in_list_order;
DROP INDEX response_by_team;
CREATE INDEX response_in_list_order ON response(captured_at, instrument_version_id);
CREATE INDEX response_by_team ON response(team, captured_at, instrument_version_id);
)sql",
    };
    return steps;
}

// Migrations (by the version they reach) that rebuild a table other tables refer to: they run
// with foreign key actions off, or dropping the old table would delete its children
// (ON DELETE CASCADE); the references are checked before commit instead.
bool rebuilds_tables(int version) { return version == 6; }

} // namespace

void migrate(sql::Connection& connection, int target)
{
    const auto& steps = migrations();
    if (target < 0 || target > static_cast<int>(steps.size()))
        throw Error("no schema version " + std::to_string(target));
    int current = connection.user_version();
    if (current == target)
        return; // up to date: no write lock, so read-only files open too
    bool rebuilding = false;
    for (int version = current + 1; version <= target; ++version)
        rebuilding = rebuilding || rebuilds_tables(version);
    std::optional<sql::ForeignKeysOff> foreign_keys_off; // outside the transaction, as SQLite needs
    if (rebuilding)
        foreign_keys_off.emplace(connection);
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
    if (rebuilding) {
        auto broken = connection.prepare("PRAGMA foreign_key_check");
        if (broken.step())
            throw Error(connection.file().string() + ": the database refers to missing rows (table "
                        + broken.column_text(0) + "); it was left as it was");
    }
    transaction.commit();
}

} // namespace chorus

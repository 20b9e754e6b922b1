#pragma once
// The SQLite store: instrument definitions (every version), responses, drafts
// and the append-only audit log. One Store is one connection; open several
// (even in several processes) on the same file and they see each other's writes.
//
// Every write is one transaction: it happens whole or not at all.
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"
#include "chorus/response.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/sqlite.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chorus {

class Progress;

struct InstrumentSummary {
    std::string id;
    int version = 0;
    std::string title;
    std::string plugin;
    std::string stored_at;
    std::int64_t responses = 0; // complete responses to this version
};

// Where a response stands in the responses list's order (capture time, then the version's
// storage order, then the response's): a page can start just after it (keyset paging) instead
// of counting rows from the first.
struct ResponsePosition {
    std::string captured_at;
    std::int64_t version_row = 0;
    std::int64_t row = 0;
};

struct ResponseSummary {
    std::string uuid;
    std::string instrument_id;
    int instrument_version = 0;
    std::string captured_at;
    std::string captured_by;
    std::string team;
    std::string respondent_type;
    ResponsePosition position{}; // list_responses only; drafts have none
};

struct ResponseFilter {
    std::string instrument_id{}; // "" = all
    std::int64_t limit = -1;     // -1 = no limit
    std::int64_t offset = 0;
    std::string captured_from{}; // inclusive day in England, "YYYY-MM-DD"; "" = no lower bound
    std::string captured_to{};   // inclusive date; "" = no upper bound
    std::string team{};          // "" = every team
    // list_responses: start just after this response, `offset` then counting from there, so
    // the page after a known one costs a seek however deep in the list it is.
    std::optional<ResponsePosition> after{};
};

// Why a stored response was corrected or deleted. Kept apart from the audit log because
// a reason is free text that may identify people; it outlives a deleted response.
struct ResponseChange {
    std::string at;     // UTC timestamp
    std::string actor;
    std::string action; // "edit" or "delete"
    std::string reason;
};

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;     // UTC timestamp
    std::string actor;  // who
    std::string action; // e.g. "instrument.add", "response.add", "responses.import"
    std::string entity; // what: an instrument "id@version", a response uuid, a file name
    std::string detail; // counts and codes; never answers or names of respondents
    std::string reason; // why, as the person gave it (free text); "" when none was asked
};

enum class AddOutcome { added, unchanged };

class CHORUS_CORE_API Store {
public:
    static constexpr int schema_version = 9;

    class BulkWriter;

    // Opens (creating if needed) and migrates to schema_version, in a transaction.
    // Throws Error naming the file when it is not a database, is from a newer Chorus,
    // is locked, read-only or damaged. `passphrase`: for an encrypted database (empty for a
    // plain one; docs/encryption.md); a missing or wrong one is a sql::PassphraseError.
    explicit Store(const std::filesystem::path& file, const std::string& passphrase = {});
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;

    const std::filesystem::path& file() const;

    // Instruments. A definition with an (id, version) already stored is `unchanged`
    // when identical and refused (Error) when different: change the version instead.
    // The definition is validated first (DefinitionError).
    AddOutcome add_instrument(const Instrument& instrument, const std::string& actor);
    std::vector<InstrumentSummary> list_instruments();     // every version, by id then version
    std::optional<Instrument> find_instrument(const std::string& id, int version = 0); // 0 = latest
    Instrument instrument(const std::string& id, int version = 0); // throws Error when absent

    // Responses. Validated in full against their instrument version (InvalidResponse);
    // a uuid already stored is refused. add_responses is all or nothing; for more
    // responses than fit in memory, use a BulkWriter.
    void add_response(const Response& response, const std::string& actor);
    void add_responses(const std::vector<Response>& responses, const std::string& actor,
                       const std::string& audit_entity, Progress* progress = nullptr);
    std::optional<Response> find_response(const std::string& uuid);
    std::vector<ResponseSummary> list_responses(const ResponseFilter& filter = {});
    std::int64_t count_responses(const std::string& instrument_id = {});
    std::int64_t count_responses(const ResponseFilter& filter); // limit and offset ignored
    // Teams that complete responses name, in order; for filter choices.
    std::vector<std::string> response_teams();

    // A correction of a stored response (same uuid and instrument version),
    // validated in full; `reason` is required and kept with response_changes(). The audit
    // row names the changed fields (question keys, metadata), never their values.
    void update_response(const Response& response, const std::string& actor, const std::string& reason);
    // Deletes a complete response with its answers and theme tags; `reason` is required.
    void delete_response(const std::string& uuid, const std::string& actor, const std::string& reason);
    std::vector<ResponseChange> response_changes(const std::string& uuid); // oldest first

    // Drafts: partial responses, validated as drafts, never counted in figures.
    // Saving a draft with the uuid of an earlier draft replaces it; add_response
    // with a draft's uuid completes it (the draft is removed).
    void save_draft(const Response& draft, const std::string& actor);
    std::optional<Response> find_draft(const std::string& uuid);
    std::vector<ResponseSummary> list_drafts(const std::string& instrument_id = {});

    // Audit log, newest first. Rows can be added, never changed or deleted.
    std::vector<AuditEntry> audit_log(std::int64_t limit = 100);
    void audit(const std::string& actor, const std::string& action, const std::string& entity,
               const std::string& detail, const std::string& reason = {}); // in its own transaction

    sql::Connection& connection();

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// Writes many responses to one instrument version as ONE transaction, with its statements
// prepared once, the version looked up once and a bigger page cache: the bulk path of CSV
// imports and the benchmark generator, for a million responses streamed from a file.
// Other connections see nothing until commit(); a writer destroyed without commit() (after
// an exception, a cancel or a bad row) rolls everything back. Its transaction runs with
// foreign key checks off: every id it writes comes from the stored version or the row it has
// just written (docs/storage.md, "Bulk writes"). The Store must outlive the writer and takes
// no other writes meanwhile.
class CHORUS_CORE_API Store::BulkWriter {
public:
    // Takes the write lock. version 0 = latest; throws Error naming the store when absent.
    BulkWriter(Store& store, const std::string& instrument_id, int version = 0);
    ~BulkWriter();
    BulkWriter(const BulkWriter&) = delete;
    BulkWriter& operator=(const BulkWriter&) = delete;

    const Instrument& instrument() const;
    // The problems add() would find, as Store::add_response checks them; writes nothing.
    std::vector<AnswerProblem> check(const Response& response) const;
    // Writes the response when it has no problems; returns its problems (then nothing is
    // written). A uuid already stored throws Error: ask stored_before() first when it may be.
    // With the indexes deferred on an empty store (expect()), a uuid the batch repeats is
    // found only at commit(), which then throws Error and writes nothing.
    std::vector<AnswerProblem> add(const Response& response);
    // Writes a response that check() found no problems in, without checking it again: a CSV
    // import checks rows on its own thread while another writes them. add_checked() may run
    // on one thread while stored_before() and expect() run on another (each waits for the
    // other's SQLite work); any other call must not overlap it.
    void add_checked(const Response& response);
    // A response with this uuid is stored, before this writer or by it.
    // A response with this uuid was stored before this writer began (the writer's own rows do
    // not count: a file's repeats are the caller's to find). Free when the store held none.
    bool stored_before(const std::string& uuid);
    std::size_t added() const;
    // A hint: about this many responses will be added. When they are many (10,000 or more)
    // and outnumber the responses already stored, the secondary indexes of responses and
    // answers (and the uuid index, when none are stored) are dropped now and built once at
    // commit, from sorted rows, which is faster than keeping them up to date row by row.
    // A rollback restores them.
    void expect(std::size_t responses);
    // Records "responses.import" of audit_entity (a file name) with the count, and commits.
    void commit(const std::string& actor, const std::string& audit_entity);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Applies migrations up to `target` (for tests of older schemas) on an open connection.
CHORUS_CORE_API void migrate(sql::Connection& connection, int target = Store::schema_version);

} // namespace chorus

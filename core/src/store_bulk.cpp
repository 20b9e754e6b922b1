// Store::BulkWriter: many responses to one instrument version in one transaction.
#include "audit_row.hpp"
#include "chorus/dates.hpp"
#include "store_internal.hpp"

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chorus {

namespace {

// 32 MiB instead of SQLite's 2 MiB: fewer pages of the growing tables (and of the uuid index,
// when it stays) spilled to the WAL and read back. The index builds at commit sort in as much again, so a
// million-row import peaks near 130 MB; with 64 MiB it came within 10 MB of its 200 MB budget.
constexpr int bulk_cache_kib = 32 * 1024;
// Below this, rebuilding the indexes at commit saves less than it costs to decide.
constexpr std::size_t defer_indexes_from = 10'000;
constexpr int sqlite_constraint = 19; // SQLITE_CONSTRAINT, without including sqlite3.h here

} // namespace

struct Store::BulkWriter::Impl {
    Impl(Store::Impl& owner, const LoadedVersion& version)
        : store(owner), loaded(version), foreign_keys_off(owner.connection), transaction(owner.connection),
          inserter(owner.connection), find_uuid(owner.connection.prepare("SELECT 1 FROM response WHERE uuid = ? AND id <= ?")),
          saved_at(utc_now())
    {
        auto& connection = owner.connection;
        auto cache = connection.prepare("PRAGMA cache_size");
        cache.step();
        cache_size_before = cache.column_int64(0);
        connection.exec("PRAGMA cache_size = -" + std::to_string(bulk_cache_kib));
        // Row ids only grow, so rows up to this one were there before the writer.
        auto last = connection.prepare("SELECT max(id) FROM response");
        last.step();
        if (!last.is_null(0))
            last_id_before = last.column_int64(0);
        auto drafts = connection.prepare("SELECT EXISTS (SELECT 1 FROM draft)");
        drafts.step();
        inserter.completes_drafts = drafts.column_int(0) != 0;
    }

    ~Impl()
    {
        try {
            store.connection.exec("PRAGMA cache_size = " + std::to_string(cache_size_before));
        } catch (...) {
            // Only a setting of this connection: the default would do as well.
        }
    }

    Store::Impl& store;
    const LoadedVersion& loaded;
    // Checks would look up the response, question and choice of every answer row, the biggest
    // cost of a bulk write; the writer takes those ids from the stored version and the
    // response row it has just written, so every answer refers to existing rows by construction.
    sql::ForeignKeysOff foreign_keys_off; // before the transaction, ended after it
    sql::Transaction transaction;
    ResponseInserter inserter;
    sql::Statement find_uuid;
    const std::string saved_at; // one save time for the whole batch, as add_responses
    std::int64_t cache_size_before = 0;
    std::optional<std::int64_t> last_id_before; // none: the store held no responses
    std::size_t added = 0;
    std::vector<std::string> deferred_indexes; // CREATE INDEX statements to run at commit
    // The connection is opened without SQLite's own mutex: add_checked() on a writing thread
    // and stored_before() or expect() on a checking thread take turns through this one.
    std::mutex connection_use;

    std::int64_t stored_responses()
    {
        auto count = store.connection.prepare("SELECT count(*) FROM response");
        count.step();
        return count.column_int64(0);
    }

    void defer_indexes()
    {
        auto& connection = store.connection;
        std::vector<std::string> names;
        auto indexes = connection.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('response', 'answer_value') ORDER BY name");
        while (indexes.step()) {
            // stored_before() looks responses up by uuid: with some stored, that index stays.
            if (last_id_before && indexes.column_text(0) == "response_by_uuid")
                continue;
            names.push_back(indexes.column_text(0));
            deferred_indexes.push_back(indexes.column_text(1));
        }
        for (const auto& name : names)
            connection.exec("DROP INDEX \"" + name + "\"");
    }
};

namespace {

const LoadedVersion& loaded_version(Store::Impl& store, const std::string& id, int version)
{
    const LoadedVersion* loaded = store.find_version(id, version);
    if (!loaded)
        throw Error(store.connection.file().string() + ": there is no instrument \"" + id + "\""
                    + (version ? " version " + std::to_string(version) : std::string()));
    return *loaded;
}

} // namespace

Store::BulkWriter::BulkWriter(Store& store, const std::string& instrument_id, int version)
    : impl_(std::make_unique<Impl>(*store.impl_, loaded_version(*store.impl_, instrument_id, version)))
{
}

Store::BulkWriter::~BulkWriter() = default;

const Instrument& Store::BulkWriter::instrument() const
{
    return impl_->loaded.instrument;
}

std::vector<AnswerProblem> Store::BulkWriter::check(const Response& response) const
{
    return impl_->loaded.validator->check(response, ValidationMode::complete);
}

std::vector<AnswerProblem> Store::BulkWriter::add(const Response& response)
{
    auto problems = check(response);
    if (problems.empty())
        add_checked(response);
    return problems;
}

void Store::BulkWriter::add_checked(const Response& response)
{
    std::lock_guard lock(impl_->connection_use);
    impl_->inserter.insert(impl_->loaded, response, impl_->saved_at);
    ++impl_->added;
}

bool Store::BulkWriter::stored_before(const std::string& uuid)
{
    if (!impl_->last_id_before)
        return false;
    std::lock_guard lock(impl_->connection_use);
    auto& find = impl_->find_uuid;
    find.bind(1, uuid).bind(2, *impl_->last_id_before);
    const bool found = find.step();
    find.reset();
    return found;
}

std::size_t Store::BulkWriter::added() const
{
    return impl_->added;
}

void Store::BulkWriter::expect(std::size_t responses)
{
    if (!impl_->deferred_indexes.empty() || responses < defer_indexes_from)
        return;
    std::lock_guard lock(impl_->connection_use);
    if (static_cast<std::int64_t>(responses) > impl_->stored_responses())
        impl_->defer_indexes();
}

void Store::BulkWriter::commit(const std::string& actor, const std::string& audit_entity)
{
    for (const auto& create : impl_->deferred_indexes) {
        try {
            impl_->store.connection.exec(create);
        } catch (const sql::SqliteError& error) {
            if (error.code() != sqlite_constraint)
                throw;
            // Only the uuid index can refuse: the batch gave one uuid to two responses.
            throw Error(impl_->store.connection.file().string()
                        + ": two of the responses written have the same uuid; nothing was written");
        }
    }
    const Instrument& instrument = impl_->loaded.instrument;
    insert_audit_row(impl_->store.connection, actor, "responses.import", audit_entity,
                     std::to_string(impl_->added) + " responses to " + version_name(instrument.id, instrument.version));
    impl_->transaction.commit();
    impl_->foreign_keys_off.restore();
}

} // namespace chorus

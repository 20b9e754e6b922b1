#pragma once
// A thin RAII layer over SQLite. sqlite3.h stays out of this header.
// Errors become SqliteError with a message that names the database file
// and says in plain words what went wrong (locked, read-only, full, not a database,
// encrypted with another passphrase). SQLite here is SQLite3 Multiple Ciphers: a database
// can be encrypted at rest (docs/encryption.md).
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace chorus::sql {

class CHORUS_CORE_API SqliteError : public Error {
public:
    SqliteError(const std::string& message, int code) : Error(message), code_(code) {}
    int code() const { return code_; } // primary SQLite result code
    bool is_busy() const;              // locked by another connection
    bool is_read_only() const;         // the file or its folder cannot be written
private:
    int code_;
};

// The file is encrypted and the passphrase given (or none) does not open it; also thrown
// when a passphrase is given for a plain database.
class CHORUS_CORE_API PassphraseError : public SqliteError {
public:
    using SqliteError::SqliteError;
};

// True when the file exists and is not a plain SQLite database but has the shape of an
// encrypted one (whole pages that start with noise): an encrypted database carries no
// marker, so a file of random bytes in page-sized blocks looks the same.
CHORUS_CORE_API bool looks_encrypted(const std::filesystem::path& file);

class Statement;

class CHORUS_CORE_API Connection {
public:
    enum class Mode { read_write_create, read_write, read_only };

    // Opens the file with foreign keys on and a busy timeout; the caller chooses WAL.
    // `passphrase`: the key of an encrypted database, applied before anything reads the file
    // (a new file is created encrypted); empty for a plain one. A wrong or missing one is a
    // PassphraseError, here rather than at the first query. The passphrase is not kept.
    explicit Connection(const std::filesystem::path& file, Mode mode = Mode::read_write_create,
                        const std::string& passphrase = {});
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);          // one or more statements, no results
    Statement prepare(std::string_view sql);  // one statement
    std::int64_t last_insert_rowid() const;
    int changes() const;
    int user_version();
    void set_busy_timeout(int milliseconds);
    // Re-encrypts every page with a new passphrase (empty: decrypts), in one transaction.
    // Not in WAL mode (SQLite3 Multiple Ciphers refuses it there).
    void rekey(const std::string& passphrase);
    const std::filesystem::path& file() const { return file_; }

    // Throws SqliteError for a result code that is not OK/ROW/DONE; `doing` says what was attempted.
    [[noreturn]] void fail(int code, std::string_view doing) const;
    // The same with errno as the failed call left it (it tells a full disk from other I/O errors).
    [[noreturn]] void fail(int code, std::string_view doing, int os_error) const;

private:
    friend class Statement;
    friend class Transaction;
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
    bool keyed_ = false; // opened with a passphrase
};

class CHORUS_CORE_API Statement {
public:
    Statement(Connection& connection, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite. Each returns *this for chaining.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);

    bool step();  // true while a row is available
    void run();   // step once, expecting no row (INSERT/UPDATE/DELETE)
    void reset(); // ready to bind and run again (bindings cleared)

    bool is_null(int column) const; // columns are 0-based
    std::int64_t column_int64(int column) const;
    int column_int(int column) const { return static_cast<int>(column_int64(column)); }
    double column_double(int column) const;
    std::string column_text(int column) const;
    // The same text without a copy, valid until the next step() or reset(): for hot loops.
    std::string_view column_text_view(int column) const;
    bool column_is_integer(int column) const;
    bool column_is_real(int column) const;

private:
    Connection* connection_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE: takes the write lock up front, so two writers wait for each
// other (busy timeout) instead of one failing when it upgrades a read lock.
// Rolls back on destruction unless commit() was called. Opened while the connection is
// already in a transaction, it is a savepoint inside it: its commit keeps its writes for the
// outer transaction to commit or roll back, so several writes can become one (a JSON import).
class CHORUS_CORE_API Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& connection_;
    bool nested_ = false;
    bool open_ = true;
};

// Foreign key checks and actions off while it lives (SQLite allows the switch only outside a
// transaction: make it before one, and call restore() once that one has ended).
class CHORUS_CORE_API ForeignKeysOff {
public:
    explicit ForeignKeysOff(Connection& connection);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    void restore();

private:
    Connection& connection_;
    bool off_ = true;
};

} // namespace chorus::sql

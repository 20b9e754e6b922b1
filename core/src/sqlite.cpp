#include "chorus/sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <utility>

namespace chorus::sql {

namespace {

constexpr int default_busy_timeout_ms = 5000;

constexpr const char* disk_full = "the disk is full (no room left to save); free some space and try again";

bool out_of_room(int os_error)
{
    return os_error == ENOSPC || os_error == EFBIG;
}

// Plain words for the failures a user can do something about. `os_error` is errno as the
// failed call left it: a write that ran out of room can come back as a plain I/O error.
std::string explain(int code, sqlite3* db, int os_error)
{
    if ((code & 0xff) == SQLITE_IOERR) {
        if (os_error == ENOSPC)
            return disk_full;
        if (os_error == EFBIG)
            return "the database file has reached the largest size allowed (no room left to save); "
                   "free some space or ask your IT team about the limit";
    }
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database is locked by another program or window; close it or try again";
    case SQLITE_READONLY:
        return "the database file is read-only; check its permissions";
    case SQLITE_FULL:
        return disk_full;
    case SQLITE_NOTADB:
        return "the file is not a Chorus database (not an SQLite database)";
    case SQLITE_CORRUPT:
        return "the database file is damaged; restore it from a backup";
    case SQLITE_CANTOPEN:
        return "the database file cannot be opened; check that its folder exists and is writable";
    case SQLITE_IOERR:
        return std::string("a disk read or write failed (") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code)) + ")";
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "access to the database file was refused";
    default:
        return db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    }
}

constexpr std::array<char, 16> plain_header{'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                             'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

// The first 16 bytes of the file, when it has that many.
std::optional<std::array<char, 16>> file_header(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::array<char, 16> header{};
    if (!in.read(header.data(), header.size()))
        return std::nullopt;
    return header;
}

std::string passphrase_problem(const std::filesystem::path& file)
{
    if (file_header(file) == plain_header)
        return "the database is not encrypted, but a passphrase was given";
    return "the database is encrypted: the passphrase is missing or wrong";
}

} // namespace

bool looks_encrypted(const std::filesystem::path& file)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    // 512 bytes is SQLite's smallest page; the file is always whole pages.
    if (error || size < 512 || size % 512 != 0)
        return false;
    std::ifstream in(file, std::ios::binary);
    std::array<char, 512> start{};
    if (!in.read(start.data(), start.size())
        || std::equal(plain_header.begin(), plain_header.end(), start.begin()))
        return false;
    // Noise: 512 random bytes take about 220 different values; text takes under 100.
    std::array<bool, 256> seen{};
    int different = 0;
    for (char byte : start)
        if (!std::exchange(seen[static_cast<unsigned char>(byte)], true))
            ++different;
    return different >= 128;
}

bool SqliteError::is_busy() const
{
    return code_ == SQLITE_BUSY || code_ == SQLITE_LOCKED;
}

bool SqliteError::is_read_only() const
{
    return code_ == SQLITE_READONLY;
}

Connection::Connection(const std::filesystem::path& file, Mode mode, const std::string& passphrase)
    : file_(file), keyed_(!passphrase.empty())
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::read_write_create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
    }
    errno = 0;
    int rc = sqlite3_open_v2(file.string().c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = file.string() + ": " + explain(rc, db_, errno);
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(message, rc & 0xff);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, default_busy_timeout_ms);
    if (keyed_) {
        // Before anything reads the file: SQLite3 Multiple Ciphers decrypts from the first read.
        rc = sqlite3_key_v2(db_, "main", passphrase.data(), static_cast<int>(passphrase.size()));
        if (rc != SQLITE_OK) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw SqliteError(file.string() + ": the passphrase cannot be applied (" + sqlite3_errstr(rc) + ")", rc);
        }
    }
    // A wrong passphrase shows at the first read: make that read here, so the failure is the
    // opening's and nothing has been attempted yet.
    if (keyed_ || looks_encrypted(file)) {
        try {
            exec("SELECT count(*) FROM sqlite_master");
        } catch (...) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw;
        }
    }
    exec("PRAGMA foreign_keys = ON");
}

Connection::~Connection()
{
    // Statements are owned by their holders and finalised first; close_v2 copes if not.
    if (db_)
        sqlite3_close_v2(db_);
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)), keyed_(other.keyed_)
{
}

Connection& Connection::operator=(Connection&& other) noexcept
{
    if (this != &other) {
        if (db_)
            sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        file_ = std::move(other.file_);
        keyed_ = other.keyed_;
    }
    return *this;
}

void Connection::fail(int code, std::string_view doing) const
{
    fail(code, doing, errno);
}

void Connection::fail(int code, std::string_view doing, int os_error) const
{
    if ((code & 0xff) == SQLITE_NOTADB && (keyed_ || looks_encrypted(file_)))
        throw PassphraseError(file_.string() + ": " + passphrase_problem(file_), SQLITE_NOTADB);
    std::string message = file_.string() + ": " + explain(code, db_, os_error);
    // What was being done helps a developer with an odd failure, not a user with a full disk.
    const int primary = code & 0xff;
    const bool plain = primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL
                       || primary == SQLITE_READONLY
                       || (primary == SQLITE_IOERR && out_of_room(os_error));
    if (!doing.empty() && !plain)
        message += " (while " + std::string(doing) + ")";
    throw SqliteError(message, code & 0xff);
}

void Connection::exec(std::string_view sql)
{
    std::string text(sql);
    char* error = nullptr;
    errno = 0;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    const int os_error = errno;
    sqlite3_free(error);
    if (rc != SQLITE_OK)
        fail(rc, "running " + text.substr(0, 60), os_error);
}

Statement Connection::prepare(std::string_view sql)
{
    return Statement(*this, sql);
}

std::int64_t Connection::last_insert_rowid() const
{
    return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const
{
    return sqlite3_changes(db_);
}

int Connection::user_version()
{
    Statement statement(*this, "PRAGMA user_version");
    statement.step();
    return statement.column_int(0);
}

void Connection::set_busy_timeout(int milliseconds)
{
    sqlite3_busy_timeout(db_, milliseconds);
}

void Connection::rekey(const std::string& passphrase)
{
    const int rc = sqlite3_rekey_v2(db_, "main", passphrase.data(), static_cast<int>(passphrase.size()));
    if (rc != SQLITE_OK)
        fail(rc, "changing the passphrase");
    keyed_ = !passphrase.empty();
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(&connection)
{
    int rc = sqlite3_prepare_v2(connection.db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK)
        connection.fail(rc, "preparing " + std::string(sql.substr(0, 60)));
}

Statement::~Statement()
{
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(stmt_);
        connection_ = other.connection_;
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK)
        connection_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK)
        connection_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        connection_->fail(rc, "binding a value");
    return *this;
}

Statement& Statement::bind_null(int index)
{
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK)
        connection_->fail(rc, "binding a value");
    return *this;
}

bool Statement::step()
{
    errno = 0;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const int os_error = errno;
    std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
    sqlite3_reset(stmt_);
    connection_->fail(rc, "running " + sql.substr(0, 60), os_error);
}

void Statement::run()
{
    while (step()) {
    }
    sqlite3_reset(stmt_);
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const
{
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const
{
    return sqlite3_column_int64(stmt_, column);
}

double Statement::column_double(int column) const
{
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::column_text(int column) const
{
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!text)
        return {};
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::column_text_view(int column) const
{
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!text)
        return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

bool Statement::column_is_integer(int column) const
{
    return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER;
}

bool Statement::column_is_real(int column) const
{
    return sqlite3_column_type(stmt_, column) == SQLITE_FLOAT;
}

Transaction::Transaction(Connection& connection)
    : connection_(connection), nested_(sqlite3_get_autocommit(connection.db_) == 0)
{
    connection_.exec(nested_ ? "SAVEPOINT chorus_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (open_) {
        try {
            connection_.exec(nested_ ? "ROLLBACK TO chorus_nested; RELEASE chorus_nested" : "ROLLBACK");
        } catch (...) {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing else to undo.
        }
    }
}

void Transaction::commit()
{
    connection_.exec(nested_ ? "RELEASE chorus_nested" : "COMMIT");
    open_ = false;
}

ForeignKeysOff::ForeignKeysOff(Connection& connection) : connection_(connection)
{
    connection_.exec("PRAGMA foreign_keys = OFF");
}

ForeignKeysOff::~ForeignKeysOff()
{
    try {
        restore();
    } catch (...) {
        // Cannot fail outside a transaction, which has ended by now.
    }
}

void ForeignKeysOff::restore()
{
    if (std::exchange(off_, false))
        connection_.exec("PRAGMA foreign_keys = ON");
}

} // namespace chorus::sql

#include "chorus/encryption.hpp"

#include "chorus/error.hpp"
#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"

#include <fcntl.h>
#if defined(_WIN32)
#  include <io.h>
#else
#  include <unistd.h>
#endif

#include <cerrno>
#include <cstring>
#include <system_error>

namespace chorus {

namespace {

constexpr int sqlite_busy = 5; // SQLITE_BUSY, without including sqlite3.h here

// Data on the disk, not in a cache, before the rename makes it the database (and the
// rename itself, by flushing the folder).
void flush_to_disk(const std::filesystem::path& path)
{
#if defined(_WIN32)
    // NTFS journals the rename; a folder cannot be opened for flushing there.
    if (std::filesystem::is_directory(path))
        return;
    const int fd = ::_wopen(path.c_str(), _O_RDWR | _O_BINARY);
    const bool flushed = fd >= 0 && ::_commit(fd) == 0;
#else
    const int fd = ::open(path.c_str(), O_RDONLY);
    const bool flushed = fd >= 0 && ::fsync(fd) == 0;
#endif
    const int error = errno;
    if (fd >= 0) {
#if defined(_WIN32)
        ::_close(fd);
#else
        ::close(fd);
#endif
    }
    if (!flushed)
        throw Error(path.string() + ": cannot be flushed to disk: " + std::strerror(error));
}

void remove_leftovers(const std::filesystem::path& staging)
{
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::error_code ignored;
        std::filesystem::remove(staging.string() + suffix, ignored);
    }
}

// The converted copy is written to `staging` with the source's key (VACUUM INTO keeps it),
// re-encrypted there, audited, checked, and only then renamed over the source, which stays
// locked (exclusive) to the end so no other program writes to it meanwhile.
void convert(const std::filesystem::path& file, const std::string& old_passphrase,
             const std::string& new_passphrase, const std::string& actor, const std::string& action)
{
    if (!std::filesystem::exists(file))
        throw Error(file.string() + ": no such database file");
    // A Chorus database, at the current schema, opened with the right passphrase.
    { Store check(file, old_passphrase); }

    const std::filesystem::path staging = file.string() + ".converting";
    sql::Connection source(file, sql::Connection::Mode::read_write, old_passphrase);
    source.exec("PRAGMA locking_mode = EXCLUSIVE");
    // Out of WAL, so everything is in the main file; SQLite keeps WAL while another connection
    // has the file open.
    {
        auto journal = source.prepare("PRAGMA journal_mode = DELETE");
        if (!journal.step() || journal.column_text(0) != "delete")
            throw sql::SqliteError(file.string() + ": the database is open in another window or program; "
                                   "close it and try again", sqlite_busy);
    }
    source.exec("BEGIN EXCLUSIVE; COMMIT");
    remove_leftovers(staging); // from a conversion that was cut short (ours now: the lock is held)
    try {
        source.prepare("VACUUM INTO ?").bind(1, staging.string()).run();
        {
            sql::Connection copy(staging, sql::Connection::Mode::read_write, old_passphrase);
            copy.exec("PRAGMA journal_mode = DELETE");
            copy.rekey(new_passphrase);
        }
        {
            Store converted(staging, new_passphrase);
            converted.audit(actor, action, file.filename().string(), "");
        }
        {
            // Read-write: the last connection to close a WAL database removes its -wal and -shm.
            sql::Connection verify(staging, sql::Connection::Mode::read_write, new_passphrase);
            auto integrity = verify.prepare("PRAGMA integrity_check");
            if (!integrity.step() || integrity.column_text(0) != "ok")
                throw Error(file.string() + ": the converted copy failed its integrity check; nothing was changed");
        }
        flush_to_disk(staging);
        std::filesystem::rename(staging, file);
        flush_to_disk(file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path());
    } catch (...) {
        remove_leftovers(staging);
        throw;
    }
}

} // namespace

bool is_encrypted_database(const std::filesystem::path& file)
{
    return sql::looks_encrypted(file);
}

void encrypt_database(const std::filesystem::path& file, const std::string& passphrase, const std::string& actor)
{
    if (passphrase.empty())
        throw Error("the passphrase is empty; an encrypted database needs one");
    if (is_encrypted_database(file))
        throw Error(file.string() + ": the database is already encrypted (change its passphrase instead)");
    convert(file, {}, passphrase, actor, "database.encrypt");
}

void decrypt_database(const std::filesystem::path& file, const std::string& passphrase, const std::string& actor)
{
    if (!is_encrypted_database(file))
        throw Error(file.string() + ": the database is not encrypted");
    convert(file, passphrase, {}, actor, "database.decrypt");
}

void change_passphrase(const std::filesystem::path& file, const std::string& old_passphrase,
                       const std::string& new_passphrase, const std::string& actor)
{
    if (new_passphrase.empty())
        throw Error("the new passphrase is empty; to remove encryption, decrypt the database");
    if (!is_encrypted_database(file))
        throw Error(file.string() + ": the database is not encrypted (encrypt it instead)");
    convert(file, old_passphrase, new_passphrase, actor, "database.rekey");
}

} // namespace chorus

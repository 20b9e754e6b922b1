#include "chorus/store.hpp"

#include "chorus/sqlite.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace chorus;

namespace {

std::string message_of(const std::function<void()>& action)
{
    try {
        action();
    } catch (const std::exception& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST(Migration, NewDatabaseIsAtTheCurrentSchema)
{
    test::TempDir dir;
    Store store(dir / "new.db");
    EXPECT_EQ(store.connection().user_version(), Store::schema_version);
}

TEST(Migration, SchemaOneDatabaseIsUpgradedWithItsDataKept)
{
    test::TempDir dir;
    auto file = dir / "old.db";
    {
        sql::Connection old(file);
        migrate(old, 1);
        ASSERT_EQ(old.user_version(), 1);
        auto insert = old.prepare("INSERT INTO instrument_version (instrument, version, title, definition, stored_at) "
                                  "VALUES ('every-type', 1, 'Every question type', ?, '2024-01-01T00:00:00Z')");
        insert.bind(1, test::every_type_json(1));
        insert.run();
        old.exec("INSERT INTO response (uuid, instrument_version_id, captured_at, saved_at) VALUES "
                 "('3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', 1, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z')");
        auto tables = old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'");
        tables.step();
        ASSERT_EQ(tables.column_int(0), 0);
    }
    Store store(file);
    EXPECT_EQ(store.connection().user_version(), Store::schema_version);
    EXPECT_EQ(store.count_responses("every-type"), 1);
    EXPECT_EQ(store.instrument("every-type").title, "Every question type");
    store.audit("tester", "check", "", "");
    EXPECT_EQ(store.audit_log().size(), 1u);
}

TEST(Migration, SchemaTwoDatabaseGainsTheComplaintsLogWithItsDataKept)
{
    test::TempDir dir;
    auto file = dir / "two.db";
    {
        sql::Connection old(file);
        migrate(old, 2);
        ASSERT_EQ(old.user_version(), 2);
        auto insert = old.prepare("INSERT INTO instrument_version (instrument, version, title, definition, stored_at) "
                                  "VALUES ('every-type', 1, 'Every question type', ?, '2024-01-01T00:00:00Z')");
        insert.bind(1, test::every_type_json(1));
        insert.run();
        old.exec("INSERT INTO response (uuid, instrument_version_id, captured_at, saved_at) VALUES "
                 "('3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', 1, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z');"
                 "INSERT INTO draft (uuid, instrument_version_id, captured_at, answers, saved_at) VALUES "
                 "('4f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', 1, '2024-01-03T00:00:00Z', '{}', '2024-01-03T00:00:00Z');"
                 "INSERT INTO audit_log (at, actor, action, entity, detail) VALUES "
                 "('2024-01-02T00:00:00Z', 'tester', 'response.add', '3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', '')");
        auto tables = old.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'complaint%'");
        tables.step();
        ASSERT_EQ(tables.column_int(0), 0);
    }
    Store store(file);
    EXPECT_EQ(store.connection().user_version(), Store::schema_version);
    EXPECT_EQ(store.count_responses("every-type"), 1);
    EXPECT_TRUE(store.find_response("3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f"));
    EXPECT_TRUE(store.find_draft("4f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f"));
    const auto audit = store.audit_log();
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "response.add");
    EXPECT_THROW(store.connection().exec("DELETE FROM audit_log"), sql::SqliteError)
        << "the audit log stays append-only";

    // The new tables are there and usable.
    for (const char* table : {"complaint", "complaint_point", "complaint_theme", "complaint_stage",
                              "complaint_milestone", "complaint_learning", "complaint_edit", "compliment",
                              "closure_day"}) {
        auto exists = store.connection().prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
        exists.bind(1, table);
        exists.step();
        EXPECT_EQ(exists.column_int(0), 1) << table;
    }
    store.connection().exec("INSERT INTO closure_day VALUES ('2025-12-29', '', 'tester', '2025-01-01T00:00:00Z')");
    EXPECT_THROW(store.connection().exec("INSERT INTO closure_day VALUES ('29/12/2025', '', 'tester', 'x')"),
                 sql::SqliteError);
}

TEST(Migration, FailedMigrationChangesNothing)
{
    test::TempDir dir;
    auto file = dir / "clash.db";
    {
        sql::Connection old(file);
        migrate(old, 1);
        // Someone made a table migration 2 also creates: the migration must fail whole.
        old.exec("CREATE TABLE audit_log (x)");
    }
    EXPECT_THROW(Store{file}, sql::SqliteError);
    sql::Connection check(file);
    EXPECT_EQ(check.user_version(), 1);
    auto triggers = check.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'");
    triggers.step();
    EXPECT_EQ(triggers.column_int(0), 0);
}

TEST(Migration, NewerSchemaIsRefusedClearly)
{
    test::TempDir dir;
    auto file = dir / "future.db";
    {
        Store store(file);
        store.connection().exec("PRAGMA user_version = 99");
    }
    std::string message = message_of([&] { Store store(file); });
    EXPECT_NE(message.find("future.db: the database was written by a newer version of Chorus (schema 99"),
              std::string::npos) << message;
}

TEST(Migration, NotADatabaseIsRefusedClearly)
{
    test::TempDir dir;
    auto file = dir / "notes.db";
    test::write_file(file, std::string(4096, 'x'));
    std::string message = message_of([&] { Store store(file); });
    EXPECT_NE(message.find("notes.db: the file is not a Chorus database"), std::string::npos) << message;
    EXPECT_EQ(test::read_file(file), std::string(4096, 'x')) << "the file must be left as it was";
}

TEST(Migration, ForeignSqliteDatabaseIsRefused)
{
    test::TempDir dir;
    auto file = dir / "other.db";
    {
        sql::Connection other(file);
        other.exec("CREATE TABLE customers (name TEXT)");
    }
    std::string message = message_of([&] { Store store(file); });
    EXPECT_NE(message.find("other.db: this is an SQLite database, but not a Chorus database"), std::string::npos)
        << message;
}

TEST(Migration, MissingFolderIsAClearError)
{
    test::TempDir dir;
    std::string message = message_of([&] { Store store(dir / "no-such-folder" / "x.db"); });
    EXPECT_NE(message.find("cannot be opened"), std::string::npos) << message;
}

#include "chorus/store.hpp"

#include "chorus/sqlite.hpp"
#include "chorus/stats.hpp"
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

TEST(Migration, SchemaFiveAnswerRowsBecomeChoicePacks)
{
    test::TempDir dir;
    auto file = dir / "five.db";
    const char* first = "3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f";
    const char* second = "4f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f";
    const char* third = "5f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f";
    {
        sql::Connection old(file);
        migrate(old, 5);
        auto insert = old.prepare("INSERT INTO instrument_version (instrument, version, title, definition, stored_at) "
                                  "VALUES ('mini', 1, 'Mini', ?, '2024-01-01T00:00:00Z')");
        insert.bind(1, std::string(R"json({"id": "mini", "version": 1, "title": "Mini", "questions": [
            {"key": "one", "type": "single_choice", "label": "One",
             "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]},
            {"key": "many", "type": "multiple_choice", "label": "Many",
             "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}, {"code": "c", "label": "C"}]},
            {"key": "count", "type": "integer", "label": "Count"}]})json"));
        insert.run();
        old.exec("INSERT INTO question VALUES (1, 1, 'one', 'single_choice', 0), (2, 1, 'many', 'multiple_choice', 1), "
                 "(3, 1, 'count', 'integer', 2);"
                 "INSERT INTO choice VALUES (1, 1, 'yes', 'Yes', 0), (2, 1, 'no', 'No', 1), (3, 2, 'a', 'A', 0), "
                 "(4, 2, 'b', 'B', 1), (5, 2, 'c', 'C', 2);");
        auto response = old.prepare("INSERT INTO response (id, uuid, instrument_version_id, captured_at, saved_at) "
                                    "VALUES (?, ?, 1, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z')");
        int id = 1;
        for (const char* uuid : {first, second, third}) {
            response.bind(1, id++).bind(2, std::string(uuid));
            response.run();
            response.reset();
        }
        old.exec("INSERT INTO answer_choice VALUES (1, 1, 2), (1, 2, 5), (1, 2, 3), (2, 1, 1);"
                 "INSERT INTO answer_value VALUES (1, 3, 7);"
                 "INSERT INTO answer_tag VALUES (1, 'count', 'delay', 'lead', '2024-01-03T00:00:00Z');");
    }
    Store store(file);
    EXPECT_EQ(store.connection().user_version(), Store::schema_version);
    auto table = store.connection().prepare("SELECT count(*) FROM sqlite_master WHERE name = 'answer_choice'");
    table.step();
    EXPECT_EQ(table.column_int(0), 0) << "the old answer table is gone";

    const auto one = store.find_response(first);
    ASSERT_TRUE(one);
    EXPECT_EQ(std::get<std::string>(one->answers.at("one")), "no");
    EXPECT_EQ(std::get<std::vector<std::string>>(one->answers.at("many")), (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(std::get<std::int64_t>(one->answers.at("count")), 7);
    auto tags = store.connection().prepare("SELECT count(*) FROM answer_tag WHERE response_id = 1");
    tags.step();
    EXPECT_EQ(tags.column_int(0), 1) << "rebuilding the response table must not cascade to its tags";
    const auto two = store.find_response(second);
    ASSERT_TRUE(two);
    EXPECT_EQ(two->answers.size(), 1u);
    EXPECT_EQ(std::get<std::string>(two->answers.at("one")), "yes");
    const auto three = store.find_response(third);
    ASSERT_TRUE(three);
    EXPECT_TRUE(three->answers.empty());

    const QuestionStats many = compute_question_stats(store, {"mini", "many", {}});
    EXPECT_EQ(many.responses, 3);
    EXPECT_EQ(many.blank, 2);
    EXPECT_EQ(many.base, 1);
    ASSERT_EQ(many.options.size(), 3u);
    EXPECT_EQ(many.options[0].count, 1);
    EXPECT_EQ(many.options[1].count, 0);
    EXPECT_EQ(many.options[2].count, 1);
}

TEST(Migration, SchemaEightListIndexesCarryTheVersionAndKeepEveryResponse)
{
    test::TempDir dir;
    auto file = dir / "eight.db";
    {
        sql::Connection old(file);
        migrate(old, 8);
        auto insert = old.prepare("INSERT INTO instrument_version (instrument, version, title, definition, stored_at) "
                                  "VALUES ('every-type', ?, 'Every question type', ?, '2024-01-01T00:00:00Z')");
        for (int version : {1, 2}) {
            insert.bind(1, version).bind(2, test::every_type_json(version));
            insert.run();
            insert.reset();
        }
        // Stored version 2 first at the same time: the list puts version 1 first from schema 9.
        old.exec("INSERT INTO response (uuid, instrument_version_id, captured_at, team, saved_at) VALUES "
                 "('3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', 2, '2024-01-02T00:00:00Z', 'North', '2024-01-02T00:00:00Z'), "
                 "('4f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', 1, '2024-01-02T00:00:00Z', 'North', '2024-01-02T00:00:00Z'), "
                 "('5f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f', 1, '2024-01-01T00:00:00Z', 'South', '2024-01-02T00:00:00Z')");
    }
    Store store(file);
    EXPECT_EQ(store.connection().user_version(), Store::schema_version);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
    const auto listed = store.list_responses();
    ASSERT_EQ(listed.size(), 3u);
    EXPECT_EQ(listed[0].uuid, "5f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f");
    EXPECT_EQ(listed[1].uuid, "4f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f");
    EXPECT_EQ(listed[2].uuid, "3f2b8c1e-5d4a-4b6f-9c2d-1a2b3c4d5e6f");
    const auto versions = store.list_instruments();
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].responses, 2);
    EXPECT_EQ(versions[1].responses, 1);
    EXPECT_EQ(store.response_teams(), (std::vector<std::string>{"North", "South"}));
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

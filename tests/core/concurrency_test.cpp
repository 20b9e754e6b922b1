#include "chorus/store.hpp"

#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

using namespace chorus;

namespace {

// A valid response to every-type version 1 with a fresh uuid.
Response agreeing_response()
{
    Response r;
    r.uuid = new_uuid();
    r.instrument_id = "every-type";
    r.instrument_version = 1;
    r.captured_at = "2025-01-01T00:00:00Z";
    r.answers["agree"] = std::string("agree");
    return r;
}

} // namespace

// Two connections (as two windows or two processes would have) write at the same
// time; the busy timeout and BEGIN IMMEDIATE make them take turns, losing nothing.
TEST(Concurrency, TwoWritersLoseNoWrites)
{
    test::TempDir dir;
    auto file = dir / "shared.db";
    {
        Store setup(file);
        setup.add_instrument(test::every_type_instrument(), "setup");
    }
    constexpr int per_writer = 150;
    std::atomic<int> failures{0};
    std::vector<std::string> written[2];
    std::atomic<bool> go{false};
    auto writer = [&](int index) {
        try {
            Store store(file);
            while (!go)
                std::this_thread::yield();
            for (int i = 0; i < per_writer; ++i) {
                Response r = agreeing_response();
                r.team = index == 0 ? "North" : "South";
                r.answers["agree"] = std::string(i % 2 ? "agree" : "disagree");
                r.answers["count"] = std::int64_t{i % 100};
                store.add_response(r, "writer" + std::to_string(index));
                written[index].push_back(r.uuid);
            }
        } catch (const std::exception& error) {
            ADD_FAILURE() << "writer " << index << ": " << error.what();
            ++failures;
        }
    };
    std::thread first(writer, 0), second(writer, 1);
    go = true;
    first.join();
    second.join();
    ASSERT_EQ(failures, 0);

    Store check(file);
    EXPECT_EQ(check.count_responses(), 2 * per_writer);
    std::set<std::string> stored;
    for (const auto& summary : check.list_responses())
        stored.insert(summary.uuid);
    for (const auto& uuids : written)
        for (const auto& uuid : uuids)
            EXPECT_TRUE(stored.count(uuid)) << uuid << " was reported saved but is missing";
    // Every answer row arrived too, not just the response rows.
    auto answers = check.connection().prepare("SELECT count(*) FROM answer_value");
    answers.step();
    EXPECT_EQ(answers.column_int64(0), 2 * per_writer);
    EXPECT_EQ(check.audit_log(1000).size(), 2u * per_writer + 1);
}

// A reader in the middle of a long read does not block a writer (WAL), and
// sees a consistent snapshot.
TEST(Concurrency, ReaderDoesNotBlockWriter)
{
    test::TempDir dir;
    auto file = dir / "wal.db";
    Store writer(file);
    writer.add_instrument(test::every_type_instrument(), "setup");
    Store reader(file);
    auto& connection = reader.connection();
    connection.exec("BEGIN");
    auto count = connection.prepare("SELECT count(*) FROM response");
    count.step();
    EXPECT_EQ(count.column_int64(0), 0);
    count.reset();

    Response r = agreeing_response();
    writer.add_response(r, "writer");

    count.step();
    EXPECT_EQ(count.column_int64(0), 0) << "the open read keeps its snapshot";
    count.reset();
    connection.exec("COMMIT");
    count.step();
    EXPECT_EQ(count.column_int64(0), 1);
}

// A writer that cannot get the lock in time gets a plain-words message naming the
// file, and the database keeps what it had.
TEST(Concurrency, LockedDatabaseIsAClearErrorAndLosesNothing)
{
    test::TempDir dir;
    auto file = dir / "locked.db";
    Store holder(file);
    holder.add_instrument(test::every_type_instrument(), "setup");
    Store waiting(file);
    waiting.connection().set_busy_timeout(50);

    holder.connection().exec("BEGIN IMMEDIATE");
    Response r = agreeing_response();
    try {
        waiting.add_response(r, "writer");
        FAIL() << "the write should not get the lock";
    } catch (const sql::SqliteError& error) {
        EXPECT_TRUE(error.is_busy());
        EXPECT_NE(std::string(error.what()).find("locked.db: the database is locked by another program"),
                  std::string::npos) << error.what();
    }
    holder.connection().exec("COMMIT");

    waiting.add_response(r, "writer"); // once the lock is free, the same save succeeds
    EXPECT_EQ(holder.count_responses(), 1);
    EXPECT_EQ(holder.instrument("every-type").id, "every-type");
}

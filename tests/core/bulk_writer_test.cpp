#include "chorus/store.hpp"

#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace chorus;

namespace {

class BulkWriterTest : public ::testing::Test {
protected:
    BulkWriterTest() { store.add_instrument(test::every_type_instrument(), "tester"); }

    static Response response(std::string agree)
    {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = 1;
        r.captured_at = "2025-07-01T09:30:00Z";
        r.respondent_type = "parent";
        r.answers = {{"agree", std::move(agree)}, {"many", std::vector<std::string>{"cin", "cp"}}};
        return r;
    }

    int pragma(const std::string& name)
    {
        auto row = store.connection().prepare("PRAGMA " + name);
        row.step();
        return row.column_int(0);
    }

    test::TempDir dir;
    Store store{dir / "chorus.db"};
};

TEST_F(BulkWriterTest, WritesValidResponsesInOneTransactionSeenOnlyAfterCommit)
{
    const Response good = response("agree");
    Response bad = response("maybe");
    Store::BulkWriter writer(store, "every-type");
    EXPECT_EQ(writer.instrument().version, 1);
    EXPECT_TRUE(writer.add(good).empty());
    EXPECT_FALSE(writer.check(bad).empty());
    EXPECT_FALSE(writer.add(bad).empty());
    EXPECT_FALSE(writer.stored_before(good.uuid)) << "its own rows were not there before it";
    EXPECT_FALSE(writer.stored_before(bad.uuid));
    EXPECT_EQ(writer.added(), 1u);

    Store other(dir / "chorus.db"); // another connection sees nothing before the commit
    EXPECT_EQ(other.count_responses(), 0);
    writer.commit("tester", "batch.csv");
    EXPECT_EQ(other.count_responses(), 1);
    EXPECT_EQ(other.find_response(good.uuid)->answers, good.answers);
    const auto log = store.audit_log(1);
    EXPECT_EQ(log.at(0).action, "responses.import");
    EXPECT_EQ(log.at(0).entity, "batch.csv");
    EXPECT_EQ(log.at(0).detail, "1 responses to every-type version 1");
}

TEST_F(BulkWriterTest, KnowsTheResponsesStoredBeforeIt)
{
    const Response earlier = response("agree");
    store.add_response(earlier, "tester");
    const Response later = response("disagree");
    Store::BulkWriter writer(store, "every-type");
    EXPECT_TRUE(writer.stored_before(earlier.uuid));
    EXPECT_FALSE(writer.stored_before(later.uuid));
    EXPECT_TRUE(writer.add(later).empty());
    EXPECT_FALSE(writer.stored_before(later.uuid));
    EXPECT_THROW(writer.add(earlier), Error) << "the uuid index still refuses a stored response";
}

TEST_F(BulkWriterTest, WithoutCommitNothingIsWrittenAndSettingsAreRestored)
{
    {
        Store::BulkWriter writer(store, "every-type", 1);
        writer.expect(20'000); // many more than stored: indexes are dropped until the commit
        EXPECT_TRUE(test::response_indexes(store).empty());
        EXPECT_TRUE(writer.add(response("agree")).empty());
    }
    EXPECT_EQ(store.count_responses(), 0);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
    EXPECT_EQ(pragma("foreign_keys"), 1);
    EXPECT_EQ(store.audit_log().size(), 1u); // the instrument's only
}

TEST_F(BulkWriterTest, DeferredIndexesAreBuiltAtCommit)
{
    Store::BulkWriter writer(store, "every-type");
    writer.expect(20'000);
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(writer.add(response("agree")).empty());
    writer.commit("tester", "batch.csv");
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
    EXPECT_EQ(store.count_responses("every-type"), 3);
    EXPECT_EQ(pragma("foreign_keys"), 1);
}

TEST_F(BulkWriterTest, AUuidRepeatedInADeferredBatchFailsTheCommitAndWritesNothing)
{
    const Response twice = response("agree");
    {
        Store::BulkWriter writer(store, "every-type");
        writer.expect(20'000); // an empty store: the uuid index waits for the commit too
        ASSERT_TRUE(writer.add(twice).empty());
        ASSERT_TRUE(writer.add(response("disagree")).empty());
        ASSERT_TRUE(writer.add(twice).empty());
        try {
            writer.commit("tester", "batch.csv");
            FAIL() << "the commit should refuse the repeated uuid";
        } catch (const Error& error) {
            EXPECT_NE(std::string(error.what()).find("the same uuid"), std::string::npos) << error.what();
        }
    }
    EXPECT_EQ(store.count_responses(), 0);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
    EXPECT_EQ(store.audit_log().size(), 1u); // the instrument's only
}

TEST_F(BulkWriterTest, WithResponsesStoredTheUuidIndexStays)
{
    store.add_response(response("agree"), "tester");
    Store::BulkWriter writer(store, "every-type");
    writer.expect(20'000);
    EXPECT_EQ(test::response_indexes(store), std::vector<std::string>{"response_by_uuid"});
}

TEST_F(BulkWriterTest, SmallBatchesKeepTheIndexes)
{
    Store::BulkWriter writer(store, "every-type");
    writer.expect(100);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
}

TEST_F(BulkWriterTest, CompletesADraftWithTheSameUuid)
{
    Response draft = response("agree");
    store.save_draft(draft, "tester");
    Store::BulkWriter writer(store, "every-type");
    EXPECT_TRUE(writer.add(draft).empty());
    writer.commit("tester", "batch.csv");
    EXPECT_FALSE(store.find_draft(draft.uuid));
    EXPECT_TRUE(store.find_response(draft.uuid));
}

TEST_F(BulkWriterTest, UnknownInstrumentIsAnErrorNamingTheFile)
{
    try {
        Store::BulkWriter writer(store, "no-such-survey");
        ADD_FAILURE() << "no error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("chorus.db: there is no instrument \"no-such-survey\""),
                  std::string::npos)
            << error.what();
    }
    Store::BulkWriter after(store, "every-type"); // the failed writer took no lock
}

} // namespace

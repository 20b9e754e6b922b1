#include "chorus/store.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace chorus;

namespace {

Response make_response(const std::string& instrument, int version, std::map<std::string, Answer> answers)
{
    Response r;
    r.uuid = new_uuid();
    r.instrument_id = instrument;
    r.instrument_version = version;
    r.captured_at = "2025-07-01T09:30:00Z";
    r.captured_by = "pw-014";
    r.team = "North locality";
    r.respondent_type = "parent";
    r.answers = std::move(answers);
    return r;
}

class StoreTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::filesystem::path file = dir / "chorus.db";
};

} // namespace

TEST_F(StoreTest, RoundTripsEveryQuestionType)
{
    Store store(file);
    ASSERT_EQ(store.add_instrument(test::every_type_instrument(), "tester"), AddOutcome::added);
    auto original = make_response("every-type", 1,
                                  {{"choice", std::string("friend")},
                                   {"many", std::vector<std::string>{"early_help", "cp"}},
                                   {"agree", std::string("strongly_disagree")},
                                   {"why", std::string("They didn't \"listen\",\nreally")},
                                   {"faces3", std::string("ok")},
                                   {"faces5", std::string("very_sad")},
                                   {"yesno", std::string("no")},
                                   {"rating", std::string("0")},
                                   {"count", std::int64_t{7}},
                                   {"amount", 12.25},
                                   {"when", std::string("2025-03-31")},
                                   {"name", std::string("007")}});
    store.add_response(original, "tester");

    // A second connection reads what the first wrote.
    Store reader(file);
    auto loaded = reader.find_response(original.uuid);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->instrument_id, "every-type");
    EXPECT_EQ(loaded->instrument_version, 1);
    EXPECT_EQ(loaded->captured_at, original.captured_at);
    EXPECT_EQ(loaded->captured_by, "pw-014");
    EXPECT_EQ(loaded->team, "North locality");
    EXPECT_EQ(loaded->respondent_type, "parent");
    EXPECT_EQ(loaded->answers, original.answers); // "007" stays text, 12.25 stays a number
    EXPECT_EQ(reader.count_responses(), 1);
    EXPECT_EQ(reader.count_responses("every-type"), 1);
    EXPECT_EQ(reader.count_responses("other"), 0);
    EXPECT_FALSE(reader.find_response(new_uuid()));
}

TEST_F(StoreTest, InvalidResponseIsRefusedWholeAndChangesNothing)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    auto bad = make_response("every-type", 1, {{"choice", std::string("school")}, {"agree", std::string("maybe")}});
    EXPECT_THROW(store.add_response(bad, "tester"), InvalidResponse);
    EXPECT_EQ(store.count_responses(), 0);
    auto count_rows = [&](const char* table) {
        auto statement = store.connection().prepare(std::string("SELECT count(*) FROM ") + table);
        statement.step();
        return statement.column_int64(0);
    };
    EXPECT_EQ(count_rows("response"), 0);
    EXPECT_EQ(count_rows("answer_value"), 0);
}

TEST_F(StoreTest, AddResponsesIsAllOrNothing)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    std::vector<Response> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back(make_response("every-type", 1, {{"agree", std::string("agree")}}));
    batch.push_back(batch.front()); // the same uuid twice: the database refuses the second
    EXPECT_THROW(store.add_responses(batch, "tester", "batch.csv"), Error);
    EXPECT_EQ(store.count_responses(), 0);
    batch.pop_back();
    store.add_responses(batch, "tester", "batch.csv");
    EXPECT_EQ(store.count_responses(), 5);
    EXPECT_THROW(store.add_response(batch.front(), "tester"), Error) << "a stored uuid cannot be added again";
}

TEST_F(StoreTest, VersionsAreKeptAndOldResponsesStayValid)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(1), "tester");
    auto old_response = make_response("every-type", 1, {{"agree", std::string("agree")}, {"name", std::string("x")}});
    store.add_response(old_response, "tester");

    // Version 2 drops the "name" question and relabels an option.
    std::string v2 = test::every_type_json(2);
    auto name_at = v2.find(R"({"key": "name")");
    auto name_end = v2.find('\n', name_at);
    v2.erase(name_at, name_end - name_at + 1);
    Instrument second = parse_instrument(v2, "v2");
    second.questions[1].options[0].label = "At school";
    ASSERT_EQ(store.add_instrument(second, "tester"), AddOutcome::added);

    EXPECT_EQ(store.instrument("every-type").version, 2);
    EXPECT_TRUE(store.instrument("every-type", 1).find_question("name"));
    EXPECT_FALSE(store.instrument("every-type", 2).find_question("name"));
    auto loaded = store.find_response(old_response.uuid);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->instrument_version, 1);
    EXPECT_EQ(std::get<std::string>(loaded->answers.at("name")), "x");
    EXPECT_TRUE(validate_response(store.instrument("every-type", 1), *loaded, ValidationMode::complete).empty());

    auto list = store.list_instruments();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].responses, 1);
    EXPECT_EQ(list[1].responses, 0);
}

TEST_F(StoreTest, ReimportIdenticalIsUnchangedAndChangedIsRefused)
{
    Store store(file);
    Instrument instrument = test::every_type_instrument();
    EXPECT_EQ(store.add_instrument(instrument, "tester"), AddOutcome::added);
    EXPECT_EQ(store.add_instrument(instrument, "tester"), AddOutcome::unchanged);
    instrument.questions[1].label = "Changed wording";
    try {
        store.add_instrument(instrument, "tester");
        FAIL() << "a changed definition with the same version must be refused";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("needs a new version number (for example 2)"), std::string::npos);
    }
    EXPECT_EQ(store.instrument("every-type").questions[1].label, "How did you hear about us?");
}

TEST_F(StoreTest, InvalidDefinitionIsRefused)
{
    Store store(file);
    Instrument instrument = test::every_type_instrument();
    instrument.questions[0].key = "Bad Key";
    EXPECT_THROW(store.add_instrument(instrument, "tester"), DefinitionError);
    EXPECT_TRUE(store.list_instruments().empty());
}

TEST_F(StoreTest, UnknownInstrumentIsAClearError)
{
    Store store(file);
    try {
        store.add_response(make_response("nope", 1, {}), "tester");
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("there is no instrument nope version 1"), std::string::npos);
    }
    EXPECT_THROW(store.instrument("nope"), Error);
    EXPECT_FALSE(store.find_instrument("nope"));
}

TEST_F(StoreTest, DraftsSaveResumeAndComplete)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    auto draft = make_response("every-type", 1, {{"count", std::int64_t{3}}, {"amount", 2.0}});
    store.save_draft(draft, "tester"); // "agree" is required but a draft may leave it blank
    auto resumed = store.find_draft(draft.uuid);
    ASSERT_TRUE(resumed);
    EXPECT_EQ(resumed->answers, draft.answers);
    EXPECT_EQ(store.list_drafts().size(), 1u);
    EXPECT_EQ(store.count_responses(), 0) << "drafts are never counted";

    draft.answers["count"] = std::int64_t{200}; // out of range: refused even as a draft
    EXPECT_THROW(store.save_draft(draft, "tester"), InvalidResponse);

    draft.answers["count"] = std::int64_t{4};
    draft.answers["agree"] = std::string("agree");
    store.add_response(draft, "tester");
    EXPECT_FALSE(store.find_draft(draft.uuid));
    EXPECT_EQ(store.count_responses(), 1);
    EXPECT_THROW(store.save_draft(draft, "tester"), Error) << "a complete response cannot become a draft";
}

TEST_F(StoreTest, ListResponsesFiltersAndPages)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    std::vector<Response> batch;
    for (int i = 0; i < 10; ++i) {
        batch.push_back(make_response("every-type", 1, {{"agree", std::string("agree")}}));
        batch.back().captured_at = "2025-07-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1) + "T09:00:00Z";
    }
    store.add_responses(batch, "tester", "test");
    auto page = store.list_responses({"every-type", 3, 2});
    ASSERT_EQ(page.size(), 3u);
    EXPECT_EQ(page[0].captured_at, "2025-07-03T09:00:00Z");
    EXPECT_EQ(page[0].uuid, batch[2].uuid);
    EXPECT_EQ(store.list_responses({"other"}).size(), 0u);
    EXPECT_EQ(store.list_responses().size(), 10u);
}

TEST_F(StoreTest, APageStartsAfterAKnownResponseAsTheOffsetWouldGiveIt)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    auto second = test::every_type_instrument();
    second.version = 2;
    store.add_instrument(second, "tester");
    std::vector<Response> batch;
    // Two at each time: the version breaks the tie, and the later one is stored first, so
    // the list's order is not the storage order.
    for (int i = 0; i < 12; ++i) {
        batch.push_back(make_response("every-type", i % 2 == 0 ? 2 : 1, {{"agree", std::string("agree")}}));
        batch.back().captured_at = "2025-07-0" + std::to_string(i / 2 + 1) + "T09:00:00Z";
        batch.back().team = i % 3 == 0 ? "North" : "South";
    }
    store.add_responses(batch, "tester", "test");
    for (const std::string team : {"", "South"}) {
        ResponseFilter filter;
        filter.team = team;
        const auto all = store.list_responses(filter);
        ASSERT_GE(all.size(), 8u);
        filter.limit = 3;
        filter.offset = 2;
        filter.after = all[2].position;
        const auto page = store.list_responses(filter);
        ASSERT_EQ(page.size(), 3u);
        for (std::size_t i = 0; i < page.size(); ++i)
            EXPECT_EQ(page[i].uuid, all[5 + i].uuid) << "team " << team << ", row " << i;
    }
    EXPECT_EQ(store.list_responses().front().position.captured_at, "2025-07-01T09:00:00Z");
    // The list is paged from indexes: no sort of the table however many responses it holds.
    auto plan = store.connection().prepare("EXPLAIN QUERY PLAN SELECT r.id FROM response r "
                                           "ORDER BY r.captured_at, r.instrument_version_id, r.id LIMIT 100 OFFSET 5");
    std::string details;
    while (plan.step())
        details += plan.column_text(3) + "\n";
    EXPECT_NE(details.find("response_in_list_order"), std::string::npos) << details;
    EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;
}

TEST_F(StoreTest, AuditLogRecordsWritesAndIsAppendOnly)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "alice");
    auto r = make_response("every-type", 1, {{"agree", std::string("agree")}, {"name", std::string("Secret Name")}});
    store.add_response(r, "bob");
    auto log = store.audit_log();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action, "response.add");
    EXPECT_EQ(log[0].actor, "bob");
    EXPECT_EQ(log[0].entity, r.uuid);
    EXPECT_EQ(log[0].detail.find("Secret"), std::string::npos) << "answers never go into the log";
    EXPECT_EQ(log[1].action, "instrument.add");
    EXPECT_EQ(log[1].entity, "every-type@1");
    EXPECT_THROW(store.connection().exec("UPDATE audit_log SET actor = 'mallory'"), sql::SqliteError);
    EXPECT_THROW(store.connection().exec("DELETE FROM audit_log"), sql::SqliteError);
    EXPECT_EQ(store.audit_log().size(), 2u);
}

TEST_F(StoreTest, UsesWalAndForeignKeys)
{
    Store store(file);
    auto mode = store.connection().prepare("PRAGMA journal_mode");
    mode.step();
    EXPECT_EQ(mode.column_text(0), "wal");
    auto keys = store.connection().prepare("PRAGMA foreign_keys");
    keys.step();
    EXPECT_EQ(keys.column_int(0), 1);
    EXPECT_THROW(store.connection().exec("INSERT INTO question (instrument_version_id, key, type, position) "
                                         "VALUES (999, 'k', 'note', 0)"),
                 sql::SqliteError);
}

TEST_F(StoreTest, ChoiceCountsReadResponsesThroughTheListOrderIndex)
{
    Store store(file);
    // The statement of the measures' and the analysis's counting scans (choice_pack.hpp).
    auto plan = store.connection().prepare(
        "EXPLAIN QUERY PLAN SELECT r.captured_at, r.choices FROM response r "
        "WHERE r.instrument_version_id IN (1, 2) AND r.captured_at >= '2025-04-01' AND r.captured_at < '2025-07-01'");
    std::string details;
    while (plan.step())
        details += plan.column_text(3) + "\n";
    EXPECT_NE(details.find("USING INDEX response_in_list_order"), std::string::npos) << details;
}

TEST_F(StoreTest, ChosenOptionsAreReadableWithPlainSql)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    store.add_response(make_response("every-type", 1, {{"agree", std::string("agree")},
                                                       {"many", std::vector<std::string>{"cp", "early_help"}}}),
                       "tester");
    // docs/storage.md promises that sqlite3 alone can count from the packs.
    auto codes = store.connection().prepare(
        "SELECT q.key, c.code FROM response r, json_each(r.choices) j JOIN choice c ON c.id = j.value "
        "JOIN question q ON q.id = c.question_id ORDER BY q.key, c.code");
    std::vector<std::string> found;
    while (codes.step())
        found.push_back(codes.column_text(0) + "=" + codes.column_text(1));
    EXPECT_EQ(found, (std::vector<std::string>{"agree=agree", "many=cp", "many=early_help"}));
}

// SQLITE_FULL, as a full disk gives it, made here by capping the file's size.
TEST_F(StoreTest, FullDiskIsAClearErrorAndLosesNothing)
{
    Store store(file);
    store.add_instrument(test::every_type_instrument(), "tester");
    store.add_response(make_response("every-type", 1, {{"agree", std::string("agree")}}), "tester");
    auto pages = store.connection().prepare("PRAGMA page_count");
    pages.step();
    store.connection().exec("PRAGMA max_page_count = " + std::to_string(pages.column_int64(0) + 2));

    std::vector<Response> batch;
    for (int i = 0; i < 2000; ++i)
        batch.push_back(make_response("every-type", 1, {{"agree", std::string("agree")},
                                                        {"story", std::string(200, 'x')}}));
    try {
        store.add_responses(batch, "tester", "big.csv");
        FAIL() << "the batch cannot fit";
    } catch (const sql::SqliteError& error) {
        EXPECT_NE(std::string(error.what()).find("chorus.db: the disk is full"), std::string::npos) << error.what();
    }
    EXPECT_EQ(store.count_responses(), 1);
    store.add_response(make_response("every-type", 1, {{"agree", std::string("disagree")}}), "tester");
    EXPECT_EQ(Store(file).count_responses(), 2) << "the store keeps working after the failure";
}

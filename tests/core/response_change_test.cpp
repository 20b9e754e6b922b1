// Correcting and deleting responses, and the filters of the responses list.
#include "chorus/store.hpp"

#include "chorus/response_validation.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

class ResponseChangeTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "changes.db"};

    void SetUp() override { store.add_instrument(test::every_type_instrument(), "tester"); }

    Response add(const std::string& captured_at, const std::string& team, std::map<std::string, Answer> answers = {})
    {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = 1;
        r.captured_at = captured_at;
        r.team = team;
        r.respondent_type = "parent";
        if (!answers.count("agree"))
            answers["agree"] = std::string("agree");
        r.answers = std::move(answers);
        store.add_response(r, "tester");
        return r;
    }
};

} // namespace

TEST_F(ResponseChangeTest, CorrectionReplacesAnswersAndKeepsTheReasonOutOfTheAudit)
{
    Response response = add("2025-07-01T09:00:00Z", "North", {{"agree", std::string("disagree")},
                                                              {"why", std::string("Nobody called me back")},
                                                              {"count", std::int64_t{3}}});
    response.answers["agree"] = std::string("strongly_agree");
    response.answers.erase("why"); // hidden once agree is positive, so it must go
    response.team = "South";
    store.update_response(response, "lead-2", "Typed the wrong option for Ms X");

    auto stored = store.find_response(response.uuid);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->answers, response.answers);
    EXPECT_EQ(stored->team, "South");
    EXPECT_EQ(store.count_responses(), 1);

    const auto audit = store.audit_log(1);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "response.edit");
    EXPECT_EQ(audit[0].entity, response.uuid);
    EXPECT_EQ(audit[0].detail, "changed: team, agree, why");
    for (const char* secret : {"Ms X", "wrong option", "Nobody", "strongly_agree"})
        EXPECT_EQ(audit[0].detail.find(secret), std::string::npos) << secret;

    const auto changes = store.response_changes(response.uuid);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].action, "edit");
    EXPECT_EQ(changes[0].actor, "lead-2");
    EXPECT_EQ(changes[0].reason, "Typed the wrong option for Ms X");
}

TEST_F(ResponseChangeTest, InvalidCorrectionOrNoReasonChangesNothing)
{
    Response response = add("2025-07-01T09:00:00Z", "North");
    const auto audit_rows = store.audit_log().size();
    Response bad = response;
    bad.answers["agree"] = std::string("maybe");
    EXPECT_THROW(store.update_response(bad, "lead", "reason"), InvalidResponse);
    Response changed = response;
    changed.team = "South";
    EXPECT_THROW(store.update_response(changed, "lead", ""), Error);
    Response moved = response;
    moved.instrument_version = 2;
    EXPECT_THROW(store.update_response(moved, "lead", "reason"), Error);
    Response unknown = response;
    unknown.uuid = new_uuid();
    EXPECT_THROW(store.update_response(unknown, "lead", "reason"), Error);

    EXPECT_EQ(store.find_response(response.uuid)->answers, response.answers);
    EXPECT_EQ(store.find_response(response.uuid)->team, "North");
    EXPECT_EQ(store.audit_log().size(), audit_rows);
    EXPECT_TRUE(store.response_changes(response.uuid).empty());
}

TEST_F(ResponseChangeTest, DeleteRemovesTheResponseAndAuditsIt)
{
    Response kept = add("2025-07-01T09:00:00Z", "North");
    Response gone = add("2025-07-02T09:00:00Z", "North", {{"choice", std::string("friend")}, {"count", std::int64_t{5}}});
    EXPECT_THROW(store.delete_response(gone.uuid, "lead", ""), Error);
    store.delete_response(gone.uuid, "lead", "Entered twice");

    EXPECT_FALSE(store.find_response(gone.uuid));
    EXPECT_TRUE(store.find_response(kept.uuid));
    EXPECT_EQ(store.count_responses(), 1);
    auto answers = store.connection().prepare("SELECT (SELECT sum(json_array_length(choices)) FROM response) + (SELECT count(*) FROM answer_value)");
    answers.step();
    EXPECT_EQ(answers.column_int(0), 1) << "only the kept response's answer is left";
    const auto audit = store.audit_log(1);
    EXPECT_EQ(audit[0].action, "response.delete");
    EXPECT_EQ(audit[0].entity, gone.uuid);
    EXPECT_EQ(audit[0].detail.find("twice"), std::string::npos);
    ASSERT_EQ(store.response_changes(gone.uuid).size(), 1u);
    EXPECT_EQ(store.response_changes(gone.uuid)[0].action, "delete");
    EXPECT_THROW(store.delete_response(gone.uuid, "lead", "again"), Error);
}

TEST_F(ResponseChangeTest, ListFiltersByDateRangeAndTeamAndPages)
{
    add("2025-03-31T23:59:59Z", "North");
    add("2025-04-01T00:00:00Z", "North");
    add("2025-06-30T23:59:59Z", "South");
    add("2025-07-01T00:00:00Z", "North");

    ResponseFilter quarter;
    quarter.captured_from = "2025-04-01";
    quarter.captured_to = "2025-06-30";
    // The days are days in England: under BST, 23:59:59 UTC on 31 March is 1 April and
    // 23:59:59 UTC on 30 June is already 1 July.
    EXPECT_EQ(store.count_responses(quarter), 2) << "both ends of the range are whole days";
    ASSERT_EQ(store.list_responses(quarter).size(), 2u);
    EXPECT_EQ(store.list_responses(quarter)[0].captured_at, "2025-03-31T23:59:59Z");
    EXPECT_EQ(store.list_responses(quarter)[1].captured_at, "2025-04-01T00:00:00Z");

    ResponseFilter north;
    north.team = "North";
    EXPECT_EQ(store.count_responses(north), 3);
    north.limit = 2;
    north.offset = 2;
    const auto page = store.list_responses(north);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].captured_at, "2025-07-01T00:00:00Z");

    EXPECT_EQ(store.response_teams(), (std::vector<std::string>{"North", "South"}));
}

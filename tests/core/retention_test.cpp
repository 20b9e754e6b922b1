// Records retention: rules per record type, legal holds, the purge and erasure on request,
// on a real database. Every deletion leaves an audit row naming the record and why, and a
// refused request changes nothing.
#include "chorus/retention.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace chorus;

namespace {

Response response_captured(const std::string& captured_at)
{
    Response r;
    r.uuid = new_uuid();
    r.instrument_id = "every-type";
    r.instrument_version = 1;
    r.captured_at = captured_at;
    r.answers["agree"] = std::string("agree");
    r.answers["story"] = std::string("Some free text");
    return r;
}

Complaint complaint_received(const std::string& received, const std::string& reference = "")
{
    Complaint complaint;
    complaint.reference = reference;
    complaint.received = received;
    complaint.complainant_type = "young_person";
    complaint.service_area = "children_in_care";
    complaint.procedure = "statutory";
    complaint.points = {{"A point", "", ""}};
    complaint.stages = {{"stage1", received, false, "", {}}};
    return complaint;
}

int audit_count(Store& store, const std::string& action)
{
    const auto log = store.audit_log(10000);
    return static_cast<int>(std::count_if(log.begin(), log.end(), [&](const AuditEntry& e) { return e.action == action; }));
}

class RetentionTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "retention.db"};
    RecordsRetention retention{store};

    void SetUp() override { store.add_instrument(test::every_type_instrument(), "setup"); }
};

} // namespace

TEST(MonthsBefore, CountsCalendarMonthsAndClampsToTheMonthsLastDay)
{
    EXPECT_EQ(months_before("2025-04-30", 72), "2019-04-30");
    EXPECT_EQ(months_before("2025-03-31", 1), "2025-02-28");
    EXPECT_EQ(months_before("2024-03-31", 1), "2024-02-29");
    EXPECT_EQ(months_before("2025-01-15", 1), "2024-12-15");
    EXPECT_EQ(months_before("2025-01-15", 25), "2022-12-15");
    EXPECT_THROW(months_before("2025-02-30", 1), Error);
}

TEST_F(RetentionTest, RulesAreSetChangedAndRemovedWithAReasonEachAudited)
{
    EXPECT_TRUE(retention.rules().empty());
    EXPECT_THROW(retention.set_rule(RecordType::response, 0, "lead", "schedule"), Error);
    EXPECT_THROW(retention.set_rule(RecordType::response, 1201, "lead", "schedule"), Error);
    EXPECT_THROW(retention.set_rule(RecordType::response, 72, "lead", "  "), Error);
    retention.set_rule(RecordType::response, 72, "lead", "council retention schedule 4.2");
    retention.set_rule(RecordType::response, 84, "lead", "schedule revised");
    ASSERT_EQ(retention.rules().size(), 1u);
    EXPECT_EQ(retention.rule(RecordType::response)->months, 84);
    EXPECT_EQ(retention.rule(RecordType::response)->set_by, "lead");
    const auto latest = store.audit_log(1).front();
    EXPECT_EQ(latest.action, "retention.set");
    EXPECT_EQ(latest.detail, "84 months (was 72)");
    EXPECT_EQ(latest.reason, "schedule revised");
    retention.remove_rule(RecordType::response, "lead", "no longer needed");
    EXPECT_FALSE(retention.rule(RecordType::response));
    EXPECT_THROW(retention.remove_rule(RecordType::response, "lead", "again"), Error);
}

TEST_F(RetentionTest, PurgeDeletesWhatIsPastRetentionExceptHeldRecords)
{
    const Response old_one = response_captured("2018-05-01T10:00:00Z");
    const Response held_one = response_captured("2018-06-01T10:00:00Z");
    const Response on_the_day = response_captured("2019-04-30T09:00:00Z"); // exactly 72 months: kept
    const Response recent = response_captured("2024-01-01T10:00:00Z");
    for (const Response* r : {&old_one, &held_one, &on_the_day, &recent})
        store.add_response(*r, "worker");
    store.update_response(old_one, "worker", "typo"); // leaves a change record keyed by uuid
    ComplaintLog log(store);
    const std::string old_complaint = log.add(complaint_received("2017-01-10"), "cm");
    const std::string new_complaint = log.add(complaint_received("2025-01-10"), "cm");
    retention.set_rule(RecordType::response, 72, "lead", "schedule");
    retention.set_rule(RecordType::complaint, 72, "lead", "schedule");
    retention.place_hold(RecordType::response, held_one.uuid, "lead", "subject access request 2025/17");

    const PurgePlan plan = retention.plan_purge("2025-04-30");
    EXPECT_EQ(plan.count(RecordType::response), 1u);
    EXPECT_EQ(plan.count(RecordType::complaint), 1u);
    EXPECT_EQ(plan.kept_on_hold, 1u);
    EXPECT_EQ(store.count_responses(), 4) << "planning deletes nothing";

    EXPECT_THROW(retention.purge("2025-04-30", "admin", ""), Error) << "a purge needs a reason";
    const PurgePlan done = retention.purge("2025-04-30", "admin", "quarterly purge");
    EXPECT_EQ(done.expired.size(), 2u);
    EXPECT_FALSE(store.find_response(old_one.uuid));
    EXPECT_TRUE(store.response_changes(old_one.uuid).empty()) << "its history goes with it";
    EXPECT_TRUE(store.find_response(held_one.uuid));
    EXPECT_TRUE(store.find_response(on_the_day.uuid));
    EXPECT_TRUE(store.find_response(recent.uuid));
    EXPECT_FALSE(log.find(old_complaint));
    EXPECT_TRUE(log.find(new_complaint));

    EXPECT_EQ(audit_count(store, "response.purge"), 1);
    EXPECT_EQ(audit_count(store, "complaint.purge"), 1);
    const AuditEntry summary = store.audit_log(1).front();
    EXPECT_EQ(summary.action, "purge");
    EXPECT_EQ(summary.reason, "quarterly purge");
    EXPECT_NE(summary.detail.find("deleted 1 response, 1 complaint"), std::string::npos) << summary.detail;
    EXPECT_NE(summary.detail.find("kept on legal hold: 1"), std::string::npos) << summary.detail;

    // Released, the held one goes at the next purge.
    retention.release_hold(RecordType::response, held_one.uuid, "lead", "request answered");
    retention.purge("2025-04-30", "admin", "quarterly purge");
    EXPECT_FALSE(store.find_response(held_one.uuid));
}

TEST_F(RetentionTest, AnOpenComplaintIsNeverPurged)
{
    ComplaintLog log(store);
    const std::string open = log.add(complaint_received("2015-01-10"), "cm");
    retention.set_rule(RecordType::complaint, 12, "lead", "schedule");
    const PurgePlan plan = retention.purge("2025-04-30", "admin", "purge",
                                           [&](const std::string& uuid) { return uuid == open; });
    EXPECT_TRUE(plan.expired.empty());
    EXPECT_EQ(plan.kept_open, 1u);
    EXPECT_TRUE(log.find(open));
}

TEST_F(RetentionTest, HoldsNeedARecordAReasonAndCannotBeDoubled)
{
    const Response r = response_captured("2024-01-01T10:00:00Z");
    store.add_response(r, "worker");
    EXPECT_THROW(retention.place_hold(RecordType::response, new_uuid(), "lead", "why"), Error);
    EXPECT_THROW(retention.place_hold(RecordType::response, r.uuid, "lead", ""), Error);
    retention.place_hold(RecordType::response, r.uuid, "lead", "litigation");
    EXPECT_THROW(retention.place_hold(RecordType::response, r.uuid, "lead", "again"), Error);
    EXPECT_TRUE(retention.is_held(RecordType::response, r.uuid));
    ASSERT_EQ(retention.holds().size(), 1u);
    EXPECT_EQ(retention.holds().front().reason, "litigation");
    EXPECT_THROW(retention.release_hold(RecordType::complaint, r.uuid, "lead", "no"), Error);
}

TEST_F(RetentionTest, ErasureRemovesAPersonsRecordsAndRefusesHeldOnesWhole)
{
    const Response first = response_captured("2024-01-01T10:00:00Z");
    const Response second = response_captured("2024-02-01T10:00:00Z");
    const Response other = response_captured("2024-03-01T10:00:00Z");
    for (const Response* r : {&first, &second, &other})
        store.add_response(*r, "worker");
    retention.place_hold(RecordType::response, second.uuid, "lead", "investigation");

    EXPECT_THROW(retention.erase(RecordType::response, {first.uuid, second.uuid}, "admin", "request 12"), Error);
    EXPECT_TRUE(store.find_response(first.uuid)) << "a refused erasure erases nothing";
    EXPECT_THROW(retention.erase(RecordType::response, {first.uuid, new_uuid()}, "admin", "request 12"), Error);
    EXPECT_TRUE(store.find_response(first.uuid));
    EXPECT_THROW(retention.erase(RecordType::response, {first.uuid}, "admin", ""), Error);

    retention.release_hold(RecordType::response, second.uuid, "lead", "closed");
    retention.erase(RecordType::response, {first.uuid, second.uuid}, "admin", "erasure request 12");
    EXPECT_FALSE(store.find_response(first.uuid));
    EXPECT_FALSE(store.find_response(second.uuid));
    EXPECT_TRUE(store.find_response(other.uuid));
    EXPECT_EQ(audit_count(store, "response.erase"), 2);
    EXPECT_EQ(store.audit_log(1).front().reason, "erasure request 12");
}

TEST_F(RetentionTest, OneComplainantsComplaintsAreFoundByTheirCaseReference)
{
    ComplaintLog log(store);
    const std::string a = log.add(complaint_received("2024-01-10", "CASE-77"), "cm");
    const std::string b = log.add(complaint_received("2024-05-10", "CASE-77"), "cm");
    const std::string c = log.add(complaint_received("2024-05-10", "CASE-78"), "cm");
    const auto same = retention.complaints_with_reference("CASE-77");
    EXPECT_EQ(same, (std::vector<std::string>{a, b}));
    retention.erase(RecordType::complaint, same, "admin", "erasure request 13");
    EXPECT_FALSE(log.find(a));
    EXPECT_FALSE(log.find(b));
    EXPECT_TRUE(log.find(c));
    for (const AuditEntry& entry : store.audit_log(1000))
        EXPECT_EQ(entry.detail.find("CASE-77"), std::string::npos) << "no case reference in the audit log";
}

TEST_F(RetentionTest, TheAuditReasonsCannotBeChangedOrDeleted)
{
    retention.set_rule(RecordType::draft, 6, "lead", "drafts are kept six months");
    EXPECT_THROW(store.connection().exec("UPDATE audit_reason SET text = 'x'"), Error);
    EXPECT_THROW(store.connection().exec("DELETE FROM audit_reason"), Error);
    EXPECT_THROW(store.connection().exec("DELETE FROM audit_log"), Error);
}

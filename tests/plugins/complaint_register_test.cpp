// The complaints register with the real complaints plugin, loaded by the real plugin host
// from the build's plugin folder (CHORUS_PLUGIN_DIR), on real SQLite files.
#include "test_support.hpp"

#include "chorus/complaint_register.hpp"
#include "chorus/demo.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace chorus;

namespace {

class ComplaintRegisterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        host.load_folders({CHORUS_PLUGIN_DIR});
        for (const RefusedPlugin& refused : host.refused())
            ADD_FAILURE() << refused.file << ": " << refused.reason;
        procedure = host.case_procedure();
        ASSERT_NE(procedure, nullptr) << "no plugin in " << CHORUS_PLUGIN_DIR << " offers a complaints procedure";
        store.emplace(dir / "register.db");
        complaints.emplace(*store, *procedure);
    }

    // A statutory complaint from a parent, as the complaints manager would record it.
    static Complaint new_complaint(const std::string& received)
    {
        Complaint complaint;
        complaint.reference = "REF-TEST-0001";
        complaint.received = received;
        complaint.became_aware = received;
        complaint.complainant_type = "parent";
        complaint.service_area = "children_in_need";
        complaint.procedure = "statutory";
        complaint.team = "North locality";
        complaint.themes = {"communication"};
        complaint.points = {{"Calls were not returned", "", ""}, {"The plan was not shared", "", ""}};
        return complaint;
    }

    std::vector<std::string> problems_of(const std::function<void()>& action)
    {
        try {
            action();
        } catch (const ComplaintError& error) {
            return error.problems();
        }
        return {};
    }

    PluginHost host;
    const CaseProcedure* procedure = nullptr;
    test::TempDir dir;
    std::optional<Store> store;
    std::optional<ComplaintRegister> complaints;
};

bool mentions(const std::vector<std::string>& problems, const std::string& part)
{
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& problem) { return problem.find(part) != std::string::npos; });
}

} // namespace

TEST_F(ComplaintRegisterTest, RecordIsRefusedWithEveryProblemAndStoresNothing)
{
    Complaint complaint = new_complaint("2025-03-03");
    complaint.complainant_type = "neighbour";
    complaint.themes = {"communication", "weather"};
    complaint.became_aware = "2025-03-10"; // after it was received
    const auto problems = problems_of([&] { complaints->record(complaint, "cm-001"); });
    EXPECT_GE(problems.size(), 3u);
    EXPECT_TRUE(mentions(problems, "complainant")) << ::testing::PrintToString(problems);
    EXPECT_TRUE(mentions(problems, "weather")) << ::testing::PrintToString(problems);
    EXPECT_TRUE(mentions(problems, "aware")) << ::testing::PrintToString(problems);
    for (const std::string& problem : problems)
        EXPECT_EQ(problem.find("Calls were not returned"), std::string::npos) << problem;

    // Structural problems come first, whole, before the procedure is asked.
    Complaint empty = new_complaint("2025-03-03");
    empty.points.clear();
    EXPECT_EQ(problems_of([&] { complaints->record(empty, "cm-001"); }),
              (std::vector<std::string>{"points: at least one point of complaint is needed"}));
    EXPECT_EQ(complaints->log().count(), 0);
    EXPECT_TRUE(store->audit_log().empty());
}

TEST_F(ComplaintRegisterTest, RecordStartsTheFirstStageOnTheReceivedDate)
{
    const std::string uuid = complaints->record(new_complaint("2025-03-03"), "cm-001");
    const Complaint stored = complaints->log().complaint(uuid);
    ASSERT_EQ(stored.stages.size(), 1u);
    EXPECT_EQ(stored.stages[0].stage, procedure->stages("statutory").front().code);
    EXPECT_EQ(stored.stages[0].started, "2025-03-03");
    EXPECT_EQ(stored.recorded_by, "cm-001");
    const AuditEntry audit = store->audit_log(1).front();
    EXPECT_EQ(audit.action, "complaint.add");
    EXPECT_EQ(audit.entity, uuid);
}

TEST_F(ComplaintRegisterTest, DueDatesSkipRealBankHolidaysAndLocalClosureDays)
{
    // Received on Friday 19 December 2025: ten working days skip Christmas Day, Boxing Day
    // and New Year's Day, so the response is due on Wednesday 7 January 2026.
    const std::string uuid = complaints->record(new_complaint("2025-12-19"), "cm-001");
    const Complaint complaint = complaints->log().complaint(uuid);
    ComplaintStatus status = complaints->status(complaint, "2025-12-22");
    EXPECT_EQ(status.stage, "stage1");
    EXPECT_EQ(status.next_due, "2026-01-07");
    EXPECT_EQ(status.working_days_left, 9);
    EXPECT_FALSE(status.overdue);
    EXPECT_TRUE(status.open);

    // The council closes its offices on 29 December: one more day to respond.
    complaints->log().add_closure_day("2025-12-29", "Offices closed between Christmas and New Year", "admin-1");
    EXPECT_TRUE(complaints->calendar().is_closed_day("2025-12-29"));
    status = complaints->status(complaint, "2025-12-22");
    EXPECT_EQ(status.next_due, "2026-01-08");
    EXPECT_EQ(status.working_days_left, 9);

    status = complaints->status(complaint, "2026-01-09");
    EXPECT_TRUE(status.overdue);
    EXPECT_EQ(status.working_days_left, -1);

    complaints->log().remove_closure_day("2025-12-29", "admin-1");
    EXPECT_EQ(complaints->status(complaint, "2025-12-22").next_due, "2026-01-07");
}

TEST_F(ComplaintRegisterTest, MilestonesOutcomesAndEscalation)
{
    const std::string uuid = complaints->record(new_complaint("2025-03-03"), "cm-001");
    EXPECT_THROW(complaints->record_milestone(uuid, "panel_held", "2025-03-10", "cm-001"), Error)
        << "stage 1 has no panel";
    EXPECT_THROW(complaints->record_milestone(uuid, "responded", "2025-03-32", "cm-001"), Error);

    Complaint complaint = complaints->record_milestone(uuid, "responded", "2025-03-14", "cm-001");
    EXPECT_EQ(complaint.stages[0].milestones.at("responded"), "2025-03-14");
    EXPECT_THROW(complaints->record_milestone(uuid, "responded", "2025-03-17", "cm-001"), Error)
        << "a recorded milestone is changed only by a correction with a reason";
    EXPECT_EQ(store->audit_log(1).front().detail, "stage1 responded on 2025-03-14");

    EXPECT_THROW(complaints->record_outcome(uuid, 2, "upheld", "cm-001"), Error) << "there are two points";
    EXPECT_FALSE(problems_of([&] { complaints->record_outcome(uuid, 0, "mostly_fine", "cm-001"); }).empty());
    complaint = complaints->record_outcome(uuid, 0, "upheld", "cm-001");
    complaint = complaints->record_outcome(uuid, 1, "not_upheld", "cm-001");
    EXPECT_EQ(complaint.points[0].outcome, "upheld");
    EXPECT_EQ(complaint.points[0].outcome_stage, "stage1");
    EXPECT_EQ(complaint.points[1].outcome, "not_upheld");
    EXPECT_FALSE(complaints->status(complaint, "2025-03-17").open);

    complaint = complaints->escalate(uuid, "2025-03-24", "cm-002");
    ASSERT_EQ(complaint.stages.size(), 2u);
    EXPECT_EQ(complaint.stages[1].stage, "stage2");
    EXPECT_EQ(complaint.stages[1].started, "2025-03-24");
    const AuditEntry audit = store->audit_log(1).front();
    EXPECT_EQ(audit.action, "complaint.escalate");
    EXPECT_EQ(audit.detail, "stage1 to stage2 on 2025-03-24");
    const ComplaintStatus status = complaints->status(complaint, "2025-03-24");
    EXPECT_EQ(status.stage, "stage2");
    EXPECT_TRUE(status.open);
    EXPECT_EQ(status.next_due, "2025-04-30"); // 25 working days, past Good Friday and Easter Monday 2025

    // A second outcome for a point at the new stage is allowed; a second at the same stage is not.
    complaint = complaints->record_outcome(uuid, 1, "partially_upheld", "cm-002");
    EXPECT_EQ(complaint.points[1].outcome_stage, "stage2");
    EXPECT_THROW(complaints->record_outcome(uuid, 1, "upheld", "cm-002"), Error);
}

TEST_F(ComplaintRegisterTest, EscalationIsRefusedWhenTheProcedureSaysSo)
{
    const std::string uuid = complaints->record(new_complaint("2025-03-03"), "cm-001");
    const auto audit_before = store->audit_log().size();
    const Complaint before = complaints->log().complaint(uuid);
    // Before stage 1 has even begun.
    EXPECT_THROW(complaints->escalate(uuid, "2025-02-28", "cm-001"), Error);
    EXPECT_THROW(complaints->escalate(uuid, "not a date", "cm-001"), Error);
    EXPECT_EQ(complaints->log().complaint(uuid), before);
    EXPECT_EQ(store->audit_log().size(), audit_before);
}

TEST_F(ComplaintRegisterTest, ExtendingAStageGivesItsLongerDeadline)
{
    const std::string uuid = complaints->record(new_complaint("2025-03-03"), "cm-001");
    EXPECT_FALSE(problems_of([&] { complaints->extend(uuid, "", "cm-001"); }).empty());
    const Complaint complaint = complaints->extend(uuid, "Records from three services are needed", "cm-001");
    EXPECT_TRUE(complaint.stages[0].extended);
    EXPECT_EQ(complaint.stages[0].extension_reason, "Records from three services are needed");
    EXPECT_EQ(complaints->status(complaint, "2025-03-03").next_due, "2025-03-31"); // 20 working days
    EXPECT_THROW(complaints->extend(uuid, "again", "cm-001"), Error);
    const AuditEntry audit = store->audit_log(1).front();
    EXPECT_EQ(audit.action, "complaint.extend");
    EXPECT_EQ(audit.detail, "stage1");
}

TEST_F(ComplaintRegisterTest, LearningActions)
{
    const std::string uuid = complaints->record(new_complaint("2025-03-03"), "cm-001");
    Complaint complaint = complaints->add_learning(
        uuid, {"Return calls within two working days", "Service manager, localities", "2025-06-30", ""}, "cm-001");
    ASSERT_EQ(complaint.learning.size(), 1u);
    EXPECT_EQ(store->audit_log(1).front().detail, "learning action 1");
    EXPECT_THROW(complaints->complete_learning(uuid, 1, "2025-06-01", "cm-001"), Error);
    complaint = complaints->complete_learning(uuid, 0, "2025-06-01", "cm-001");
    EXPECT_EQ(complaint.learning[0].completed, "2025-06-01");
    EXPECT_THROW(complaints->complete_learning(uuid, 0, "2025-06-02", "cm-001"), Error);
    for (const AuditEntry& entry : store->audit_log())
        EXPECT_EQ(entry.detail.find("Return calls"), std::string::npos) << entry.action;
}

TEST_F(ComplaintRegisterTest, CorrectionsAreCheckedByTheProcedure)
{
    const std::string uuid = complaints->record(new_complaint("2025-03-03"), "cm-001");
    Complaint complaint = complaints->log().complaint(uuid);
    complaint.service_area = "somewhere_else";
    EXPECT_FALSE(problems_of([&] { complaints->correct(complaint, "cm-002", "wrong area"); }).empty());
    complaint.service_area = "children_looked_after";
    complaints->correct(complaint, "cm-002", "The service area was chosen wrongly");
    EXPECT_EQ(complaints->log().complaint(uuid).service_area, "children_looked_after");
    EXPECT_EQ(complaints->log().edits(uuid).size(), 1u);
}

TEST_F(ComplaintRegisterTest, TheDemoLogPassesTheRealProcedureAndTellsItsStory)
{
    for (const Complaint& complaint : demo_complaints())
        for (const std::string& problem : procedure->check(complaint))
            ADD_FAILURE() << complaint.reference << ": " << problem;
    seed_demo(*store, "tester");

    const auto all = complaints->list_with_status({}, demo_today());
    ASSERT_EQ(all.size(), demo_complaints().size());
    int open = 0, overdue = 0, late_requests = 0;
    for (const RegisterEntry& entry : all) {
        open += entry.status.open ? 1 : 0;
        overdue += entry.status.overdue ? 1 : 0;
        late_requests += entry.status.late_request ? 1 : 0;
        if (entry.status.overdue) {
            EXPECT_TRUE(entry.status.open) << entry.complaint.reference;
        }
    }
    EXPECT_GE(open, 5);
    EXPECT_LE(open, 8);
    EXPECT_GE(overdue, 2);
    EXPECT_LT(overdue, open);
    EXPECT_EQ(late_requests, 1);

    const auto open_entries = complaints->list_with_status({}, demo_today(), true);
    EXPECT_EQ(static_cast<int>(open_entries.size()), open);
    const auto page = complaints->list_with_status({.limit = 2, .offset = 1}, demo_today(), true);
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].complaint.uuid, open_entries[1].complaint.uuid);
    EXPECT_EQ(page[1].complaint.uuid, open_entries[2].complaint.uuid);
}

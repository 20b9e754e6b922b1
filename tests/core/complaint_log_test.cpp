#include "chorus/complaint_log.hpp"

#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace chorus;

namespace {

// Free text that must never reach the audit log.
constexpr const char* reference = "REF-SECRET-4471";
constexpr const char* point_text = "PRIVATE point: the visit was cancelled twice without notice";
constexpr const char* extension_text = "PRIVATE extension: waiting for the school's records";
constexpr const char* learning_text = "PRIVATE learning: confirm visits by text the day before";
constexpr const char* compliment_text = "PRIVATE thanks: the worker helped us through a hard winter";
constexpr const char* reason_text = "PRIVATE reason: the received date was typed wrongly";

Complaint full_complaint()
{
    Complaint complaint;
    complaint.reference = reference;
    complaint.received = "2025-03-03";
    complaint.became_aware = "2025-02-20";
    complaint.complainant_type = "parent";
    complaint.service_area = "children_in_need";
    complaint.procedure = "statutory";
    complaint.team = "North locality";
    complaint.themes = {"communication", "delay", "staff_attitude"};
    complaint.advocate_offered = true;
    complaint.points = {{point_text, "upheld", "stage1"},
                        {"A second point about the plan", "", ""}};
    ComplaintStage first{"stage1", "2025-03-03", true, extension_text, {{"responded", "2025-03-28"}}};
    ComplaintStage second{"stage2", "2025-04-10", false, "", {}};
    complaint.stages = {first, second};
    complaint.learning = {{learning_text, "North locality team manager", "2025-06-30", "2025-06-12"},
                          {"Review the visit booking guidance", "Practice standards", "", ""}};
    complaint.recorded_by = "cm-001";
    return complaint;
}

Complaint simple_complaint(const std::string& received, const std::string& procedure = "statutory")
{
    Complaint complaint;
    complaint.received = received;
    complaint.complainant_type = "young_person";
    complaint.service_area = "children_in_care";
    complaint.procedure = procedure;
    complaint.points = {{"A point", "", ""}};
    complaint.stages = {{"stage1", received, false, "", {}}};
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

std::vector<std::string> received_dates(const std::vector<Complaint>& complaints)
{
    std::vector<std::string> dates;
    for (const Complaint& complaint : complaints)
        dates.push_back(complaint.received);
    return dates;
}

} // namespace

TEST(ComplaintLog, EveryFieldRoundTrips)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    Complaint complaint = full_complaint();
    const std::string uuid = log.add(complaint, "cm-002");
    EXPECT_TRUE(is_uuid(uuid)) << uuid;
    complaint.uuid = uuid;
    const auto found = log.find(uuid);
    ASSERT_TRUE(found);
    EXPECT_EQ(*found, complaint);
    EXPECT_EQ(found->recorded_by, "cm-001") << "the recorder given is kept, not replaced by the actor";

    // Reopening the file reads the same.
    Store again(dir / "log.db");
    EXPECT_EQ(ComplaintLog(again).complaint(uuid), complaint);
}

TEST(ComplaintLog, RecorderDefaultsToTheActorAndAGivenUuidIsKept)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    Complaint complaint = simple_complaint("2025-01-06");
    complaint.uuid = "0b7e3c52-7d0e-4f1a-9a51-0c5f3c2d1e00";
    EXPECT_EQ(log.add(complaint, "cm-003"), complaint.uuid);
    EXPECT_EQ(log.complaint(complaint.uuid).recorded_by, "cm-003");
    EXPECT_THROW(log.add(complaint, "cm-003"), Error);
    EXPECT_EQ(log.count(), 1);
    EXPECT_FALSE(log.find("0b7e3c52-7d0e-4f1a-9a51-0c5f3c2d1eff"));
    EXPECT_THROW(log.complaint("0b7e3c52-7d0e-4f1a-9a51-0c5f3c2d1eff"), Error);
}

TEST(ComplaintLog, EveryStructuralProblemIsListedAndNothingIsStored)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    const auto audit_before = store.audit_log().size();
    Complaint complaint;
    complaint.received = "2025-02-30";
    complaint.became_aware = "last week";
    complaint.procedure = "informal";
    complaint.themes = {"delay", "delay"};
    complaint.stages = {{"stage1", "", false, "", {{"responded", "soon"}}}};
    complaint.learning = {{"", "", "2025-13-01", ""}};
    const auto problems = problems_of([&] { log.add(complaint, "cm-001"); });
    const std::vector<std::string> expected{
        "received: \"2025-02-30\" is not a date in the form YYYY-MM-DD",
        "became aware: \"last week\" is not a date in the form YYYY-MM-DD",
        "complainant type: a value is needed",
        "service area: a value is needed",
        "procedure: must be \"statutory\" or \"corporate\"",
        "theme 2: \"delay\" is given twice",
        "stage 1 started: a date is needed",
        "stage 1 milestone \"responded\": \"soon\" is not a date in the form YYYY-MM-DD",
        "points: at least one point of complaint is needed",
        "learning action 1: the action is empty",
        "learning action 1 due: \"2025-13-01\" is not a date in the form YYYY-MM-DD"};
    EXPECT_EQ(problems, expected);
    EXPECT_EQ(log.count(), 0);
    EXPECT_EQ(store.audit_log().size(), audit_before);

    Complaint points = simple_complaint("2025-01-06");
    points.points = {{"", "upheld", ""}, {"Fine", "not_upheld", "stage2"}};
    points.stages.clear();
    EXPECT_EQ(problems_of([&] { log.add(points, "cm-001"); }),
              (std::vector<std::string>{
                  "stages: the complaint needs its first stage", "point 1: the summary is empty",
                  "point 1: an outcome needs the stage it was decided at, and a stage needs an outcome",
                  "point 2: the outcome's stage \"stage2\" is not one of the complaint's stages"}));
}

TEST(ComplaintLog, ErrorMessageListsEveryProblemWithoutFreeText)
{
    Complaint complaint = full_complaint();
    complaint.received = "";
    complaint.points[1].summary = "";
    try {
        test::TempDir dir;
        Store store(dir / "log.db");
        ComplaintLog(store).add(complaint, "cm-001");
        FAIL() << "no error";
    } catch (const ComplaintError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("cannot be saved: received: a date is needed; point 2: the summary is empty"),
                  std::string::npos) << message;
        EXPECT_EQ(message.find(reference), std::string::npos);
        EXPECT_EQ(message.find("PRIVATE"), std::string::npos);
    }
}

TEST(ComplaintLog, ReplaceNeedsAReasonKeepsItWithTheComplaintAndAuditsTheFields)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    Complaint complaint = full_complaint();
    complaint.uuid = log.add(complaint, "cm-001");

    Complaint corrected = complaint;
    corrected.received = "2025-03-04";
    corrected.stages[0].started = "2025-03-04";
    corrected.points.push_back({"A third point", "", ""});
    EXPECT_EQ(problems_of([&] { log.replace(corrected, "cm-002", ""); }),
              (std::vector<std::string>{"reason: a correction needs a reason"}));
    EXPECT_EQ(log.complaint(complaint.uuid), complaint);

    log.replace(corrected, "cm-002", reason_text);
    EXPECT_EQ(log.complaint(complaint.uuid), corrected);
    const auto edits = log.edits(complaint.uuid);
    ASSERT_EQ(edits.size(), 1u);
    EXPECT_EQ(edits[0].actor, "cm-002");
    EXPECT_EQ(edits[0].reason, reason_text);
    EXPECT_EQ(edits[0].fields, "received, points, stages");
    const AuditEntry latest = store.audit_log(1).front();
    EXPECT_EQ(latest.action, "complaint.replace");
    EXPECT_EQ(latest.entity, complaint.uuid);
    EXPECT_EQ(latest.actor, "cm-002");
    EXPECT_EQ(latest.detail, "changed received, points, stages");

    Complaint unknown = corrected;
    unknown.uuid = "0b7e3c52-7d0e-4f1a-9a51-0c5f3c2d1eff";
    EXPECT_THROW(log.replace(unknown, "cm-002", "typo"), Error);
    EXPECT_EQ(log.count(), 1);
}

TEST(ComplaintLog, AFailedWriteChangesNothing)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    Complaint complaint = full_complaint();
    complaint.uuid = log.add(complaint, "cm-001");
    const auto audit_before = store.audit_log().size();

    // An edit that gives up part-way.
    EXPECT_THROW(log.update(complaint.uuid, "cm-002", "complaint.test",
                            [](Complaint& stored) -> std::string {
                                stored.points.clear();
                                throw Error("abandoned");
                            }),
                 Error);
    // An edit that leaves the complaint broken.
    EXPECT_THROW(log.update(complaint.uuid, "cm-002", "complaint.test",
                            [](Complaint& stored) {
                                stored.points.clear();
                                return std::string("cleared");
                            }),
                 ComplaintError);
    // A correction that would change the uuid.
    EXPECT_THROW(log.update(complaint.uuid, "cm-002", "complaint.test",
                            [](Complaint& stored) {
                                stored.uuid = new_uuid();
                                return std::string();
                            }),
                 Error);
    EXPECT_EQ(log.complaint(complaint.uuid), complaint);
    EXPECT_TRUE(log.edits(complaint.uuid).empty());

    // A batch with a bad complaint, and one with a uuid already stored, store none.
    std::vector<Complaint> batch{simple_complaint("2025-05-01"), simple_complaint("2025-05-02")};
    batch[1].points.clear();
    EXPECT_THROW(log.add_all(batch, "cm-001", "import.csv"), ComplaintError);
    batch[1] = complaint;
    EXPECT_THROW(log.add_all(batch, "cm-001", "import.csv"), Error);
    EXPECT_EQ(log.count(), 1);
    EXPECT_EQ(store.audit_log().size(), audit_before);

    // A database constraint the structural check does not know about (here a
    // trigger standing in for a full disk or a damaged file) rolls the whole edit back.
    store.connection().exec("CREATE TRIGGER no_learning BEFORE INSERT ON complaint_learning "
                            "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    EXPECT_THROW(log.update(complaint.uuid, "cm-002", "complaint.test",
                            [](Complaint& stored) {
                                stored.team = "South locality";
                                return std::string();
                            }),
                 Error);
    EXPECT_EQ(log.complaint(complaint.uuid), complaint);
    EXPECT_EQ(store.audit_log().size(), audit_before);
}

TEST(ComplaintLog, BatchAddIsOneAuditRow)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    log.add_all({simple_complaint("2025-05-01"), simple_complaint("2025-05-02", "corporate")}, "cm-001",
                "demo data");
    EXPECT_EQ(log.count(), 2);
    const auto audit = store.audit_log();
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "complaints.import");
    EXPECT_EQ(audit[0].entity, "demo data");
    EXPECT_EQ(audit[0].detail, "2 complaints");
}

TEST(ComplaintLog, ListFiltersByPeriodAndProcedureNewestFirst)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    for (const char* date : {"2025-01-15", "2025-03-31", "2025-04-01", "2025-06-30", "2025-07-01"})
        log.add(simple_complaint(date), "cm-001");
    log.add(simple_complaint("2025-05-05", "corporate"), "cm-001");

    EXPECT_EQ(received_dates(log.list()), (std::vector<std::string>{"2025-07-01", "2025-06-30", "2025-05-05",
                                                                    "2025-04-01", "2025-03-31", "2025-01-15"}));
    const ComplaintFilter quarter{.received_from = "2025-04-01", .received_to = "2025-06-30"};
    EXPECT_EQ(received_dates(log.list(quarter)),
              (std::vector<std::string>{"2025-06-30", "2025-05-05", "2025-04-01"}));
    EXPECT_EQ(log.count(quarter), 3);
    ComplaintFilter statutory = quarter;
    statutory.procedure = "statutory";
    EXPECT_EQ(received_dates(log.list(statutory)), (std::vector<std::string>{"2025-06-30", "2025-04-01"}));
    EXPECT_EQ(log.count({.procedure = "corporate"}), 1);
    EXPECT_EQ(received_dates(log.list({.limit = 2, .offset = 1})),
              (std::vector<std::string>{"2025-06-30", "2025-05-05"}));
    EXPECT_EQ(log.count({.limit = 2, .offset = 1}), 6) << "count ignores paging";
    EXPECT_EQ(log.count({.received_to = "2025-01-14"}), 0);
    EXPECT_THROW(log.list({.received_from = "01/04/2025"}), Error);
}

TEST(ComplaintLog, ClosureDays)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    log.add_closure_day("2025-12-29", "Offices closed between Christmas and New Year", "admin-1");
    log.add_closure_day("2025-12-24", "Offices closed at noon", "admin-1");
    auto days = log.closure_days();
    ASSERT_EQ(days.size(), 2u);
    EXPECT_EQ(days[0].date, "2025-12-24");
    EXPECT_EQ(days[1].date, "2025-12-29");
    EXPECT_EQ(days[1].reason, "Offices closed between Christmas and New Year");
    EXPECT_EQ(days[1].added_by, "admin-1");
    EXPECT_FALSE(days[1].added_at.empty());

    EXPECT_THROW(log.add_closure_day("2025-12-24", "again", "admin-1"), Error);
    EXPECT_THROW(log.add_closure_day("29/12/2025", "", "admin-1"), Error);
    log.remove_closure_day("2025-12-24", "admin-2");
    EXPECT_THROW(log.remove_closure_day("2025-12-24", "admin-2"), Error);
    days = log.closure_days();
    ASSERT_EQ(days.size(), 1u);
    EXPECT_EQ(days[0].date, "2025-12-29");

    const auto audit = store.audit_log();
    ASSERT_EQ(audit.size(), 3u);
    EXPECT_EQ(audit[0].action, "closure_day.remove");
    EXPECT_EQ(audit[0].entity, "2025-12-24");
    EXPECT_EQ(audit[0].actor, "admin-2");
    EXPECT_EQ(audit[2].action, "closure_day.add");
}

TEST(ComplaintLog, ComplimentsByPeriodAndSource)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    Compliment compliment{"", "2025-02-03", "foster_carer", "children_in_care", "Children in care",
                          compliment_text, ""};
    const std::string uuid = log.add_compliment(compliment, "cm-001");
    EXPECT_TRUE(is_uuid(uuid));
    compliment.uuid = uuid;
    compliment.recorded_by = "cm-001";
    log.add_compliments({{"", "2025-04-10", "teacher", "children_in_need", "", "", "cm-004"},
                         {"", "2025-05-20", "parent", "children_in_need", "", "", ""}},
                        "cm-001", "import.csv");

    const auto all = log.list_compliments();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[2], compliment);
    EXPECT_EQ(all[1].recorded_by, "cm-004");
    EXPECT_EQ(log.count_compliments({.received_from = "2025-04-01", .received_to = "2025-06-30"}), 2);
    EXPECT_EQ(log.count_compliments({.source_type = "teacher"}), 1);
    EXPECT_EQ(log.list_compliments({.received_to = "2025-03-31"}).size(), 1u);

    EXPECT_EQ(problems_of([&] { log.add_compliment({"", "2025-02-31", "", "", "", "", ""}, "cm-001"); }),
              (std::vector<std::string>{"received: \"2025-02-31\" is not a date in the form YYYY-MM-DD",
                                        "source type: a value is needed"}));
    EXPECT_THROW(log.add_compliment(compliment, "cm-001"), Error) << "its uuid is already stored";
    EXPECT_EQ(log.count_compliments(), 3);
}

TEST(ComplaintLog, AuditRowsHoldNoFreeTextNamesOrReference)
{
    test::TempDir dir;
    Store store(dir / "log.db");
    ComplaintLog log(store);
    Complaint complaint = full_complaint();
    complaint.uuid = log.add(complaint, "cm-001");
    Complaint corrected = complaint;
    corrected.reference = "REF-SECRET-4472";
    corrected.points[0].summary = "PRIVATE corrected point";
    log.replace(corrected, "cm-002", reason_text);
    log.update(complaint.uuid, "cm-002", "complaint.extend", [](Complaint& stored) {
        stored.stages.back().extended = true;
        stored.stages.back().extension_reason = extension_text;
        return stored.stages.back().stage;
    });
    log.add_compliment({"", "2025-02-03", "parent", "", "", compliment_text, ""}, "cm-001");
    log.add_closure_day("2025-12-29", "PRIVATE closure reason", "admin-1");

    const auto audit = store.audit_log();
    ASSERT_EQ(audit.size(), 5u);
    for (const AuditEntry& entry : audit) {
        for (const std::string& field : {entry.entity, entry.detail}) {
            EXPECT_EQ(field.find("REF-SECRET"), std::string::npos) << entry.action << ": " << field;
            EXPECT_EQ(field.find("PRIVATE"), std::string::npos) << entry.action << ": " << field;
        }
    }
    EXPECT_EQ(audit[4].action, "complaint.add");
    EXPECT_EQ(audit[4].entity, complaint.uuid);
    EXPECT_EQ(audit[4].detail, "statutory; 2 points");
    EXPECT_EQ(audit[3].detail, "changed reference, points");
}

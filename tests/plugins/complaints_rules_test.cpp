// The complaints plugin's rules, loaded through the real plugin host: what check() reports
// about a recorded complaint, and when escalation to the next stage is refused.
#include "complaints_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace chorus;
using test::bank_holiday_calendar;
using test::complaint_received;

const CaseProcedure& procedure() { return test::complaints_procedure(); }

// A complete statutory complaint at stage 2, every point decided.
Complaint at_stage2() {
    Complaint complaint = complaint_received("2024-01-02");
    complaint.became_aware = "2023-11-20";
    complaint.points.push_back({"The assessment records the wrong school.", "upheld", "stage1"});
    complaint.points[0].outcome = "not_upheld";
    complaint.points[0].outcome_stage = "stage2";
    complaint.stages[0].milestones["responded"] = "2024-01-12";
    complaint.stages.push_back({"stage2", "2024-01-22", true, "Several services involved.", {{"responded", "2024-03-20"}}});
    complaint.learning = {{"Call-back standard for duty workers", "Duty team manager", "2024-06-30", ""}};
    return complaint;
}

std::vector<std::string> problems_of(const Complaint& complaint) { return procedure().check(complaint); }

// The one problem `complaint` has.
std::string problem(const Complaint& complaint) {
    const auto problems = problems_of(complaint);
    if (problems.size() != 1) {
        std::string all;
        for (const auto& p : problems) all += "\n  " + p;
        ADD_FAILURE() << problems.size() << " problems:" << all;
        return {};
    }
    return problems.front();
}

// --- check() -----------------------------------------------------------------------------------

TEST(ComplaintsCheck, ACompleteComplaintPasses) {
    EXPECT_TRUE(problems_of(at_stage2()).empty());
    EXPECT_TRUE(problems_of(complaint_received("2024-01-02")).empty());
    EXPECT_TRUE(problems_of(complaint_received("2024-01-02", "corporate")).empty());
}

TEST(ComplaintsCheck, CodesMustBeKnown) {
    Complaint complaint = at_stage2();
    complaint.complainant_type = "neighbour";
    EXPECT_EQ(problem(complaint), "complainant_type: \"neighbour\" is not a known complainant type");
    complaint = at_stage2();
    complaint.service_area = "";
    EXPECT_EQ(problem(complaint), "service_area: a service area is needed");
    complaint = at_stage2();
    complaint.themes.push_back("weather");
    EXPECT_EQ(problem(complaint), "themes: \"weather\" is not a known complaint theme");
    complaint = at_stage2();
    complaint.themes.push_back("delay");
    EXPECT_EQ(problem(complaint), "themes: \"delay\" is given twice");
    complaint = at_stage2();
    complaint.points[1].outcome = "sustained";
    EXPECT_EQ(problem(complaint), "point 2: outcome \"sustained\" is not a known outcome");
    complaint = at_stage2();
    complaint.procedure = "informal";
    EXPECT_EQ(problem(complaint), "procedure: \"informal\" is not a known procedure");
}

TEST(ComplaintsCheck, FreeTextIsNeverQuoted) {
    Complaint complaint = at_stage2();
    complaint.complainant_type = "Mrs Jane Smith";
    const std::string message = problem(complaint);
    EXPECT_EQ(message.find("Smith"), std::string::npos) << message;
    EXPECT_NE(message.find("complainant_type"), std::string::npos) << message;
    complaint = at_stage2();
    complaint.stages[1].milestones["responded"] = "call Jane on 07700 900123";
    EXPECT_EQ(problem(complaint).find("Jane"), std::string::npos);
}

TEST(ComplaintsCheck, DatesMustBeRealAndInOrder) {
    Complaint complaint = at_stage2();
    complaint.stages[1].milestones["responded"] = "2024-02-30";
    EXPECT_EQ(problem(complaint), "stage 2: milestone \"responded\": \"2024-02-30\" is not a date (YYYY-MM-DD)");

    complaint = at_stage2();
    complaint.received = "";
    complaint.stages[0].started = "";
    const auto problems = problems_of(complaint);
    EXPECT_NE(std::find(problems.begin(), problems.end(), "received: a date is needed"), problems.end());
    EXPECT_NE(std::find(problems.begin(), problems.end(), "stage 1: started: a date is needed"), problems.end());

    complaint = at_stage2();
    complaint.became_aware = "2024-01-03";
    EXPECT_EQ(problem(complaint), "became_aware: 2024-01-03 is after the received date 2024-01-02");

    complaint = at_stage2();
    complaint.stages[0].started = "2024-01-03";
    EXPECT_EQ(problem(complaint), "stage 1: started 2024-01-03 is not the received date 2024-01-02 "
                                  "(stage 1 starts when the complaint is received)");

    complaint = at_stage2();
    complaint.stages[1].started = "2024-01-10";
    EXPECT_EQ(problem(complaint), "stage 2: started 2024-01-10 is before stage 1's \"responded\" milestone (2024-01-12)");

    complaint = at_stage2();
    complaint.stages[1].started = "2023-12-01";
    EXPECT_EQ(problem(complaint), "stage 2: started 2023-12-01 is before stage 1 started (2024-01-02)");

    complaint = at_stage2();
    complaint.stages[0].milestones["responded"] = "2024-01-01";
    EXPECT_EQ(problem(complaint), "stage 1: milestone \"responded\": 2024-01-01 is before the stage started (2024-01-02)");

    complaint = at_stage2();
    complaint.learning[0].completed = "31/06/2024";
    EXPECT_EQ(problem(complaint), "learning action 1: completed: \"31/06/2024\" is not a date (YYYY-MM-DD)");
}

TEST(ComplaintsCheck, PointsAndOutcomes) {
    Complaint complaint = at_stage2();
    complaint.points.clear();
    EXPECT_EQ(problem(complaint), "points: a complaint needs at least one point");
    complaint = at_stage2();
    complaint.points[0].outcome_stage = "";
    EXPECT_EQ(problem(complaint), "point 1: an outcome needs outcome_stage, the stage that decided it");
    complaint = at_stage2();
    complaint.points[0].outcome_stage = "stage3";
    EXPECT_EQ(problem(complaint), "point 1: outcome_stage \"stage3\" is not one of this complaint's stages");
    complaint = at_stage2();
    complaint.points[0].outcome = "";
    EXPECT_EQ(problem(complaint), "point 1: outcome_stage is set but there is no outcome");
}

TEST(ComplaintsCheck, StagesInOrderWithoutSkipping) {
    Complaint complaint = at_stage2();
    complaint.stages.clear();
    complaint.points[0].outcome = complaint.points[1].outcome = "";
    complaint.points[0].outcome_stage = complaint.points[1].outcome_stage = "";
    EXPECT_EQ(problem(complaint), "stages: a complaint needs its stage 1, started on the received date");

    complaint = at_stage2();
    complaint.stages[1].stage = "stage3";
    complaint.stages[1].extended = false;
    complaint.points[0].outcome_stage = "stage3";
    EXPECT_EQ(problem(complaint), "stages: entry 2 is \"stage3\" where the statutory procedure's next stage is "
                                  "\"stage2\" (no stage may be skipped)");

    complaint = complaint_received("2024-01-02");
    complaint.stages[0].stage = "stage2";
    EXPECT_EQ(problem(complaint), "stages: entry 1 is \"stage2\" where the statutory procedure's first stage is "
                                  "\"stage1\" (no stage may be skipped)");

    complaint = at_stage2();
    complaint.procedure = "corporate";
    complaint.stages.push_back({"ombudsman", "2024-04-02", false, "", {}});
    complaint.stages.push_back({"stage3", "2024-05-01", false, "", {}});
    EXPECT_EQ(problem(complaint), "stages: entry 4 comes after the ombudsman, the last stage of the corporate procedure");
}

TEST(ComplaintsCheck, MilestonesBelongToTheirStageAndChain) {
    Complaint complaint = at_stage2();
    complaint.stages[1].milestones["panel_held"] = "2024-03-01";
    EXPECT_EQ(problem(complaint), "stage 2: milestone \"panel_held\" is not a milestone of stage 2");

    complaint = at_stage2();
    complaint.stages.push_back({"stage3", "2024-04-02", false, "", {{"report_sent", "2024-05-01"}}});
    EXPECT_EQ(problem(complaint), "stage 3: milestone \"report_sent\" is recorded but \"panel_held\" is not");

    complaint.stages[2].milestones["panel_held"] = "2024-05-02";
    EXPECT_EQ(problem(complaint), "stage 3: milestone \"report_sent\": 2024-05-01 is before \"panel_held\" (2024-05-02)");

    complaint.stages[2].milestones["panel_held"] = "2024-04-30";
    EXPECT_TRUE(problems_of(complaint).empty());
    complaint.stages[2].extended = true;
    EXPECT_EQ(problem(complaint), "stage 3: is marked extended, but its deadlines cannot be extended");
}

// --- Escalation ----------------------------------------------------------------------------------

TEST(ComplaintsEscalation, AfterTheResponse) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02"); // stage 1 due 2024-01-16
    complaint.stages[0].milestones["responded"] = "2024-01-10";
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-10", calendar), "");
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-12", calendar), "");
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-09", calendar),
              "2024-01-09 is before stage 1's response (2024-01-10)");
    // More than 20 working days after the response: the council may still accept it.
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-06-03", calendar), "");
}

TEST(ComplaintsEscalation, BeforeTheResponseOnlyWhenOverdue) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02");
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-10", calendar),
              "stage 1 has not finished and is not overdue: \"responded\" is due by 2024-01-16; the complainant "
              "may ask for stage 2 once stage 1 has responded or is overdue");
    EXPECT_NE(procedure().escalation_refusal(complaint, "2024-01-16", calendar), ""); // the due day itself
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-17", calendar), "");

    complaint.stages[0].extended = true; // now due 2024-01-30
    EXPECT_NE(procedure().escalation_refusal(complaint, "2024-01-17", calendar), "");
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-31", calendar), "");
}

TEST(ComplaintsEscalation, Stage3IsOverdueWhenAnyOfItsMilestonesIs) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02");
    complaint.stages[0].milestones["responded"] = "2024-01-12";
    complaint.stages.push_back({"stage2", "2024-01-22", false, "", {{"responded", "2024-02-20"}}});
    complaint.stages.push_back({"stage3", "2024-06-03", false, "", {{"panel_held", "2024-07-12"}}});
    EXPECT_EQ(procedure().assess(complaint, calendar, "2024-07-12").escalates_to, "ombudsman");
    // The report is due 2024-07-19.
    EXPECT_NE(procedure().escalation_refusal(complaint, "2024-07-19", calendar), "");
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-07-22", calendar), "");
    complaint.stages[2].milestones["report_sent"] = "2024-07-19";
    EXPECT_NE(procedure().escalation_refusal(complaint, "2024-07-22", calendar), "");
    complaint.stages[2].milestones["responded"] = "2024-08-01";
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-08-01", calendar), "");
}

TEST(ComplaintsEscalation, Refusals) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02");
    complaint.stages[0].milestones["responded"] = "2024-01-10";
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2023-12-29", calendar),
              "2023-12-29 is before stage 1 started (2024-01-02)");
    EXPECT_EQ(procedure().escalation_refusal(complaint, "2024-01-32", calendar),
              "the escalation date \"2024-01-32\" is not a date (YYYY-MM-DD)");

    Complaint withdrawn = complaint;
    withdrawn.points[0].outcome = "withdrawn";
    withdrawn.points[0].outcome_stage = "stage1";
    EXPECT_EQ(procedure().escalation_refusal(withdrawn, "2024-01-12", calendar),
              "every point of the complaint was withdrawn");

    Complaint corporate = complaint_received("2024-01-02", "corporate");
    corporate.stages[0].milestones["responded"] = "2024-01-10";
    corporate.stages.push_back({"stage2", "2024-01-15", false, "", {{"responded", "2024-02-01"}}});
    EXPECT_EQ(procedure().assess(corporate, calendar, "2024-02-02").escalates_to, "ombudsman");
    EXPECT_EQ(procedure().escalation_refusal(corporate, "2024-02-02", calendar), "");
    corporate.stages.push_back({"ombudsman", "2024-02-05", false, "", {}});
    EXPECT_EQ(procedure().escalation_refusal(corporate, "2024-03-01", calendar),
              "the complaint is at the ombudsman stage, the last stage of the corporate procedure: "
              "there is no stage after it");

    Complaint unknown = complaint;
    unknown.procedure = "informal";
    EXPECT_NE(procedure().escalation_refusal(unknown, "2024-01-12", calendar), "");
}

} // namespace

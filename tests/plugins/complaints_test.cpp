// The complaints plugin, loaded through the real plugin host from the build tree's plugin
// folder (CHORUS_PLUGIN_DIR): its bank holiday data, deadlines in working days, status,
// late requests, escalation and check() messages.
#include "complaints_support.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/complaints.hpp"
#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/working_days.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace chorus;

const CaseProcedure& procedure() { return test::complaints_procedure(); }
using test::bank_holiday_calendar;
using test::complaint_received;
using test::complaints_plugin;

std::string stage1_due(const std::string& received, const WorkingDayCalendar& calendar) {
    return procedure().assess(complaint_received(received), calendar, received).deadlines.at(0).due;
}

// --- Loading ------------------------------------------------------------------------------

TEST(ComplaintsPlugin, LoadsThroughTheRealHost) {
    const LoadedPlugin& plugin = complaints_plugin();
    EXPECT_EQ(plugin.info.id, "complaints");
    EXPECT_TRUE(plugin.instruments.empty());
    EXPECT_EQ(plugin.file.filename().string().rfind("complaints", 0), 0u);

    std::map<std::string, std::set<std::string>> vocabularies;
    for (const auto& vocabulary : plugin.vocabularies)
        for (const auto& term : vocabulary.terms) vocabularies[vocabulary.id].insert(term.code);
    const std::map<std::string, std::set<std::string>> expected_subsets{
        {"complainant-types", {"parent", "carer", "young_person", "child", "grandparent", "foster_carer", "advocate",
                               "other_family", "professional", "other"}},
        {"service-areas", {"front_door", "assessment", "children_in_need", "child_protection",
                           "children_looked_after", "care_leavers", "fostering", "adoption", "disabled_children",
                           "early_help"}},
        {"complaint-themes", {"communication", "delay", "staff_attitude", "factual_errors_in_assessment",
                              "contact_arrangements", "allowances_and_finance", "decision_disagreement",
                              "service_not_provided", "other"}},
        {"outcomes", {"upheld", "partially_upheld", "not_upheld", "withdrawn", "resolved", "out_of_time"}},
        {"compliment-sources", {"parent", "grandparent", "foster_carer", "teacher", "child", "young_person",
                                "professional", "other"}},
        {"procedures", {"statutory", "corporate"}},
        {"stages", {"stage1", "stage2", "stage3", "ombudsman"}},
    };
    for (const auto& [id, codes] : expected_subsets)
        for (const auto& code : codes) EXPECT_TRUE(vocabularies[id].count(code)) << id << ": " << code;
    EXPECT_EQ(vocabularies["outcomes"].size(), 6u);
}

TEST(ComplaintsPlugin, TheHostOffersItsProcedure) {
    PluginHost host;
    host.load_folders({CHORUS_PLUGIN_DIR});
    ASSERT_NE(host.case_procedure(), nullptr);
    EXPECT_EQ(host.case_procedure()->stages("statutory").size(), 4u);
}

TEST(ComplaintsPlugin, StagesAndDeadlines) {
    const auto statutory = procedure().stages("statutory");
    ASSERT_EQ(statutory.size(), 4u);
    EXPECT_EQ(statutory[0].code, "stage1");
    ASSERT_EQ(statutory[0].deadlines.size(), 1u);
    EXPECT_EQ(statutory[0].deadlines[0].milestone, "responded");
    EXPECT_EQ(statutory[0].deadlines[0].working_days, 10);
    EXPECT_EQ(statutory[0].deadlines[0].extended_working_days, 20);
    EXPECT_EQ(statutory[1].deadlines.at(0).working_days, 25);
    EXPECT_EQ(statutory[1].deadlines.at(0).extended_working_days, 65);
    ASSERT_EQ(statutory[2].deadlines.size(), 3u);
    const auto& panel = statutory[2].deadlines;
    EXPECT_EQ(panel[0].milestone + "/" + panel[0].clock_starts + "/" + std::to_string(panel[0].working_days),
              "panel_held/started/30");
    EXPECT_EQ(panel[1].milestone + "/" + panel[1].clock_starts + "/" + std::to_string(panel[1].working_days),
              "report_sent/panel_held/5");
    EXPECT_EQ(panel[2].milestone + "/" + panel[2].clock_starts + "/" + std::to_string(panel[2].working_days),
              "responded/report_sent/15");
    EXPECT_EQ(statutory[3].code, "ombudsman");
    EXPECT_TRUE(statutory[3].deadlines.empty());

    const auto corporate = procedure().stages("corporate");
    ASSERT_EQ(corporate.size(), 3u);
    EXPECT_EQ(corporate[1].deadlines.at(0).working_days, 20);
    EXPECT_EQ(corporate[1].deadlines.at(0).extended_working_days, 65);
    EXPECT_EQ(corporate[2].code, "ombudsman");
    EXPECT_TRUE(procedure().stages("informal").empty());
}

// --- The bank holiday data ------------------------------------------------------------------

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), written
// independently of the data file to check its Good Fridays and Easter Mondays.
std::int64_t easter_sunday(int year) {
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return day_number(text).value();
}

std::int64_t day_of(int year, int month, int day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return day_number(text).value();
}

std::int64_t first_monday(int year, int month) {
    std::int64_t day = day_of(year, month, 1);
    while (iso_weekday(day) != 1) ++day;
    return day;
}

std::int64_t last_monday(int year, int month) {
    std::int64_t day = month == 12 ? day_of(year + 1, 1, 1) - 1 : day_of(year, month + 1, 1) - 1;
    while (iso_weekday(day) != 1) --day;
    return day;
}

// The standing pattern of the Banking and Financial Dealings Act 1971, with the weekday
// substitutes for New Year, Christmas and Boxing Day, and the proclaimed changes.
std::set<std::string> expected_bank_holidays(int year) {
    std::set<std::int64_t> days;
    const std::int64_t new_year = day_of(year, 1, 1);
    days.insert(iso_weekday(new_year) == 6 ? new_year + 2 : iso_weekday(new_year) == 7 ? new_year + 1 : new_year);
    days.insert(easter_sunday(year) - 2);
    days.insert(easter_sunday(year) + 1);
    days.insert(first_monday(year, 5));
    days.insert(last_monday(year, 5));
    days.insert(last_monday(year, 8));
    // Christmas and Boxing Day, each moved to the next weekday not already taken.
    for (std::int64_t day : {day_of(year, 12, 25), day_of(year, 12, 26)}) {
        while (iso_weekday(day) >= 6 || days.count(day)) ++day;
        days.insert(day);
    }
    if (year == 2020) { // early May bank holiday moved to VE day
        days.erase(first_monday(2020, 5));
        days.insert(day_of(2020, 5, 8));
    }
    if (year == 2022) { // spring bank holiday moved for the Platinum Jubilee; state funeral
        days.erase(last_monday(2022, 5));
        days.insert({day_of(2022, 6, 2), day_of(2022, 6, 3), day_of(2022, 9, 19)});
    }
    if (year == 2023) days.insert(day_of(2023, 5, 8)); // coronation
    std::set<std::string> dates;
    for (const auto day : days) dates.insert(date_of_day_number(day));
    return dates;
}

TEST(ComplaintsBankHolidays, EveryYearFrom2015To2030MatchesThePatternAndItsExceptions) {
    std::map<int, std::set<std::string>> by_year;
    for (const auto& date : procedure().bank_holidays()) {
        const auto day = day_number(date);
        ASSERT_TRUE(day) << date;
        EXPECT_LT(iso_weekday(*day), 6) << date << " is a weekend day";
        by_year[std::stoi(date.substr(0, 4))].insert(date);
    }
    ASSERT_LE(by_year.begin()->first, 2015);
    ASSERT_GE(by_year.rbegin()->first, 2030);
    for (const auto& [year, dates] : by_year) {
        EXPECT_EQ(dates, expected_bank_holidays(year)) << year;
        const std::size_t count = year == 2022 ? 10 : year == 2023 ? 9 : 8;
        EXPECT_EQ(dates.size(), count) << year;
        EXPECT_TRUE(dates.count(date_of_day_number(easter_sunday(year) - 2))) << year << " Good Friday";
        EXPECT_TRUE(dates.count(date_of_day_number(easter_sunday(year) + 1))) << year << " Easter Monday";
    }
    for (const char* one_off : {"2020-05-08", "2022-06-02", "2022-06-03", "2022-09-19", "2023-05-08"})
        EXPECT_TRUE(by_year[std::stoi(std::string(one_off).substr(0, 4))].count(one_off)) << one_off;
    EXPECT_FALSE(by_year[2020].count("2020-05-04")); // the early May Monday that moved
    EXPECT_FALSE(by_year[2022].count("2022-05-30")); // the spring Monday that moved
    // Substitute days: Christmas 2021 and 2022 fell at weekends, New Year 2022 and 2023 too.
    for (const char* substitute : {"2021-12-27", "2021-12-28", "2022-01-03", "2022-12-27", "2023-01-02"})
        EXPECT_TRUE(by_year[std::stoi(std::string(substitute).substr(0, 4))].count(substitute)) << substitute;
}

TEST(ComplaintsBankHolidays, TheAlgorithmCheckingThemIsRight) {
    // Known Easter Sundays, so the cross-check above cannot pass by sharing a mistake.
    EXPECT_EQ(date_of_day_number(easter_sunday(2019)), "2019-04-21");
    EXPECT_EQ(date_of_day_number(easter_sunday(2024)), "2024-03-31");
    EXPECT_EQ(date_of_day_number(easter_sunday(2025)), "2025-04-20");
    EXPECT_EQ(date_of_day_number(easter_sunday(2038)), "2038-04-25"); // the latest possible
}

// --- Deadlines across bank holidays --------------------------------------------------------

TEST(ComplaintsDeadlines, Christmas) {
    const auto calendar = bank_holiday_calendar();
    // Friday 20 Dec 2024: 23, 24, 27, 30, 31 Dec, 2, 3, 6, 7, 8 Jan (25, 26 Dec and 1 Jan skipped).
    EXPECT_EQ(stage1_due("2024-12-20", calendar), "2025-01-08");
}

TEST(ComplaintsDeadlines, Easter) {
    const auto calendar = bank_holiday_calendar();
    // Thursday 28 Mar 2024: Good Friday 29 Mar and Easter Monday 1 Apr are skipped.
    EXPECT_EQ(stage1_due("2024-03-28", calendar), "2024-04-15");
    EXPECT_EQ(stage1_due("2024-03-28", WorkingDayCalendar()), "2024-04-11");
}

TEST(ComplaintsDeadlines, MovedAndExtraBankHolidays) {
    const auto calendar = bank_holiday_calendar();
    // 2020: the early May bank holiday moved from Monday 4 May to Friday 8 May (VE day).
    EXPECT_TRUE(calendar.is_working_day("2020-05-04"));
    EXPECT_FALSE(calendar.is_working_day("2020-05-08"));
    EXPECT_EQ(stage1_due("2020-05-01", calendar), "2020-05-18");
    // 2022: spring bank holiday on Thursday 2 June and the jubilee on Friday 3 June.
    EXPECT_TRUE(calendar.is_working_day("2022-05-30"));
    EXPECT_EQ(stage1_due("2022-05-27", calendar), "2022-06-14");
    // 2022: the state funeral on Monday 19 September.
    EXPECT_EQ(stage1_due("2022-09-16", calendar), "2022-10-03");
    // 2023: the coronation on Monday 8 May, a week after the early May bank holiday.
    EXPECT_EQ(stage1_due("2023-05-05", calendar), "2023-05-22");
}

TEST(ComplaintsDeadlines, ExtendedStagesAndStage2) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02");
    EXPECT_EQ(procedure().assess(complaint, calendar, "2024-01-02").deadlines.at(0).due, "2024-01-16");
    complaint.stages[0].extended = true;
    complaint.stages[0].extension_reason = "Complex: several services involved.";
    EXPECT_EQ(procedure().assess(complaint, calendar, "2024-01-02").deadlines.at(0).due, "2024-01-30");

    complaint.stages[0].milestones["responded"] = "2024-01-25";
    complaint.stages.push_back({"stage2", "2024-03-01", false, "", {}});
    auto status = procedure().assess(complaint, calendar, "2024-03-01");
    EXPECT_EQ(status.stage, "stage2");
    EXPECT_EQ(status.deadlines.at(0).due, "2024-04-09"); // 25 working days over Easter
    complaint.stages[1].extended = true;
    status = procedure().assess(complaint, calendar, "2024-03-01");
    EXPECT_EQ(status.deadlines.at(0).due, "2024-06-06"); // 65, over Easter and both May holidays

    Complaint corporate = complaint_received("2024-01-02", "corporate");
    corporate.stages[0].milestones["responded"] = "2024-01-10";
    corporate.stages.push_back({"stage2", "2024-03-12", false, "", {}});
    EXPECT_EQ(procedure().assess(corporate, calendar, "2024-03-12").deadlines.at(0).due, "2024-04-11");
    corporate.stages[1].extended = true;
    EXPECT_EQ(procedure().assess(corporate, calendar, "2024-03-12").deadlines.at(0).due, "2024-06-17");
}

Complaint at_stage3() {
    Complaint complaint = complaint_received("2024-01-02");
    complaint.stages[0].milestones["responded"] = "2024-01-12";
    complaint.stages.push_back({"stage2", "2024-01-22", false, "", {{"responded", "2024-02-20"}}});
    complaint.stages.push_back({"stage3", "2024-06-03", false, "", {}});
    return complaint;
}

TEST(ComplaintsDeadlines, Stage3MilestonesChain) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = at_stage3();
    auto status = procedure().assess(complaint, calendar, "2024-06-03");
    ASSERT_EQ(status.deadlines.size(), 3u);
    EXPECT_EQ(status.deadlines[0].due, "2024-07-15"); // panel: 30 working days from the request
    EXPECT_EQ(status.deadlines[1].due, "");           // its clock waits for the panel
    EXPECT_EQ(status.deadlines[2].due, "");
    EXPECT_EQ(status.next_due, "2024-07-15");
    EXPECT_EQ(status.working_days_left, 30);

    complaint.stages[2].milestones["panel_held"] = "2024-07-12";
    status = procedure().assess(complaint, calendar, "2024-07-12");
    EXPECT_EQ(status.deadlines[0].done, "2024-07-12");
    EXPECT_FALSE(status.deadlines[0].late);
    EXPECT_EQ(status.deadlines[1].due, "2024-07-19"); // report: 5 working days from the panel
    EXPECT_EQ(status.deadlines[2].due, "");
    EXPECT_EQ(status.next_due, "2024-07-19");

    complaint.stages[2].milestones["report_sent"] = "2024-07-19";
    status = procedure().assess(complaint, calendar, "2024-07-22");
    EXPECT_EQ(status.deadlines[2].due, "2024-08-09"); // response: 15 working days from the report
    EXPECT_EQ(status.next_due, "2024-08-09");
    EXPECT_EQ(status.working_days_left, 14);
    EXPECT_EQ(status.escalates_to, "ombudsman");
    EXPECT_TRUE(status.open);
}

TEST(ComplaintsDeadlines, LocalClosureDaysShiftADeadline) {
    auto calendar = bank_holiday_calendar();
    EXPECT_EQ(stage1_due("2024-12-20", calendar), "2025-01-08");
    for (const char* closed : {"2024-12-24", "2024-12-27", "2024-12-30", "2024-12-31"}) calendar.add_closed_day(closed);
    EXPECT_EQ(stage1_due("2024-12-20", calendar), "2025-01-14");
}

// --- Status on a given day --------------------------------------------------------------------

TEST(ComplaintsStatus, DaysLeftOverdueAndLate) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02"); // stage 1 due 2024-01-16
    auto status = procedure().assess(complaint, calendar, "2024-01-15");
    EXPECT_EQ(status.stage, "stage1");
    EXPECT_EQ(status.next_due, "2024-01-16");
    EXPECT_EQ(status.working_days_left, 1);
    EXPECT_FALSE(status.overdue);

    status = procedure().assess(complaint, calendar, "2024-01-16"); // the due day itself
    EXPECT_EQ(status.working_days_left, 0);
    EXPECT_EQ(status.deadlines.at(0).working_days_left, 0);
    EXPECT_FALSE(status.overdue);

    status = procedure().assess(complaint, calendar, "2024-01-17");
    EXPECT_EQ(status.working_days_left, -1);
    EXPECT_TRUE(status.overdue);
    EXPECT_TRUE(status.deadlines.at(0).overdue);

    status = procedure().assess(complaint, calendar, "2024-01-20"); // Saturday
    EXPECT_EQ(status.working_days_left, -3);
    EXPECT_TRUE(status.overdue);

    complaint.stages[0].milestones["responded"] = "2024-01-18";
    status = procedure().assess(complaint, calendar, "2024-01-20");
    EXPECT_EQ(status.deadlines.at(0).done, "2024-01-18");
    EXPECT_TRUE(status.deadlines.at(0).late);
    EXPECT_FALSE(status.overdue);
    EXPECT_EQ(status.next_due, "");
    EXPECT_TRUE(status.open); // the point has no outcome yet
    EXPECT_EQ(status.escalates_to, "stage2");

    complaint.points[0].outcome = "partially_upheld";
    complaint.points[0].outcome_stage = "stage1";
    EXPECT_FALSE(procedure().assess(complaint, calendar, "2024-01-20").open);

    complaint.stages[0].milestones["responded"] = "2024-01-16";
    EXPECT_FALSE(procedure().assess(complaint, calendar, "2024-01-20").deadlines.at(0).late);
}

TEST(ComplaintsStatus, TheOmbudsmanStageHasNoCouncilDeadlines) {
    const auto calendar = bank_holiday_calendar();
    Complaint complaint = complaint_received("2024-01-02", "corporate");
    complaint.stages[0].milestones["responded"] = "2024-01-12";
    complaint.stages.push_back({"stage2", "2024-01-22", false, "", {{"responded", "2024-02-14"}}});
    complaint.stages.push_back({"ombudsman", "2024-03-01", false, "", {}});
    complaint.points[0].outcome = "not_upheld";
    complaint.points[0].outcome_stage = "stage2";
    EXPECT_TRUE(procedure().check(complaint).empty());
    const auto status = procedure().assess(complaint, calendar, "2024-03-04");
    EXPECT_EQ(status.stage, "ombudsman");
    EXPECT_TRUE(status.deadlines.empty());
    EXPECT_EQ(status.next_due, "");
    EXPECT_FALSE(status.overdue);
    EXPECT_FALSE(status.open);
    EXPECT_EQ(status.escalates_to, "");
}

TEST(ComplaintsStatus, LateRequestsAtTheOneYearBoundary) {
    const auto calendar = bank_holiday_calendar();
    const auto late = [&](const std::string& became_aware, const std::string& received) {
        Complaint complaint = complaint_received(received);
        complaint.became_aware = became_aware;
        return procedure().assess(complaint, calendar, received).late_request;
    };
    EXPECT_FALSE(late("2023-03-15", "2024-03-14"));
    EXPECT_FALSE(late("2023-03-15", "2024-03-15")); // the anniversary is still within a year
    EXPECT_TRUE(late("2023-03-15", "2024-03-18"));
    EXPECT_TRUE(late("2023-03-15", "2024-03-16"));
    EXPECT_FALSE(late("2024-02-29", "2025-02-28")); // 29 February's anniversary is 28 February
    EXPECT_TRUE(late("2024-02-29", "2025-03-03"));
    Complaint not_recorded = complaint_received("2024-03-15");
    EXPECT_FALSE(procedure().assess(not_recorded, calendar, "2024-03-15").late_request);
}

TEST(ComplaintsStatus, BadInputIsAnError) {
    const auto calendar = bank_holiday_calendar();
    const Complaint complaint = complaint_received("2024-01-02");
    EXPECT_THROW(procedure().assess(complaint, calendar, "2024-13-01"), Error);
    Complaint unknown = complaint;
    unknown.procedure = "informal";
    EXPECT_THROW(procedure().assess(unknown, calendar, "2024-01-02"), Error);
    Complaint no_stage = complaint;
    no_stage.stages.clear();
    EXPECT_THROW(procedure().assess(no_stage, calendar, "2024-01-02"), Error);
}

} // namespace

// Tests for working_days.hpp and the day-number helpers of dates.hpp it is built on.
#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/working_days.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace chorus {
namespace {

TEST(DayNumbers, MatchTheCalendar) {
    EXPECT_EQ(day_number("1970-01-01"), 0);
    EXPECT_EQ(day_number("1970-01-02"), 1);
    EXPECT_EQ(day_number("1969-12-31"), -1);
    EXPECT_EQ(day_number("2000-03-01").value() - day_number("2000-02-28").value(), 2); // 2000 is leap
    EXPECT_EQ(day_number("1900-03-01").value() - day_number("1900-02-28").value(), 1); // 1900 is not
    EXPECT_EQ(day_number("2024-02-30"), std::nullopt);
    EXPECT_EQ(day_number("2024-1-01"), std::nullopt);
    EXPECT_EQ(day_number("2024-01-01 "), std::nullopt);
    for (const char* date : {"0001-01-01", "1970-01-01", "2024-02-29", "2100-12-31", "9999-12-31"})
        EXPECT_EQ(date_of_day_number(day_number(date).value()), date);
    EXPECT_THROW(date_of_day_number(day_number("9999-12-31").value() + 1), Error);
    EXPECT_THROW(date_of_day_number(day_number("0001-01-01").value() - 1), Error);
}

TEST(DayNumbers, IsoWeekday) {
    EXPECT_EQ(iso_weekday(day_number("1970-01-01").value()), 4); // Thursday
    EXPECT_EQ(iso_weekday(day_number("2024-12-25").value()), 3); // Wednesday
    EXPECT_EQ(iso_weekday(day_number("2022-09-19").value()), 1); // Monday
    EXPECT_EQ(iso_weekday(day_number("1969-12-28").value()), 7); // Sunday, before day 0
    EXPECT_EQ(iso_weekday(day_number("2000-01-01").value()), 6); // Saturday
}

TEST(WorkingDays, WeekendsOnly) {
    const WorkingDayCalendar calendar;
    EXPECT_TRUE(calendar.is_working_day("2024-01-05"));  // Friday
    EXPECT_FALSE(calendar.is_working_day("2024-01-06")); // Saturday
    EXPECT_FALSE(calendar.is_working_day("2024-01-07")); // Sunday
    EXPECT_EQ(calendar.add_working_days("2024-01-05", 1), "2024-01-08"); // Friday -> Monday
    EXPECT_EQ(calendar.add_working_days("2024-01-06", 1), "2024-01-08"); // Saturday -> Monday
    EXPECT_EQ(calendar.add_working_days("2024-01-08", 5), "2024-01-15");
    EXPECT_EQ(calendar.add_working_days("2024-01-08", 10), "2024-01-22");
    EXPECT_EQ(calendar.add_working_days("2024-01-06", 0), "2024-01-06");
    EXPECT_EQ(calendar.add_working_days("2024-01-08", -1), "2024-01-05");
    EXPECT_EQ(calendar.add_working_days("2024-01-07", -1), "2024-01-05");
    EXPECT_EQ(calendar.add_working_days("2024-01-08", -5), "2024-01-01");
    EXPECT_EQ(calendar.working_days_between("2024-01-05", "2024-01-08"), 1);
    EXPECT_EQ(calendar.working_days_between("2024-01-06", "2024-01-07"), 0);
    EXPECT_EQ(calendar.working_days_between("2024-01-08", "2024-01-05"), -1);
    EXPECT_EQ(calendar.working_days_between("2024-01-08", "2024-01-08"), 0);
    EXPECT_EQ(calendar.working_days_between("2024-01-01", "2024-12-31"), 261);
}

TEST(WorkingDays, ClosedDaysAreSkipped) {
    WorkingDayCalendar calendar({"2024-12-25", "2024-12-26", "2025-01-01"});
    EXPECT_TRUE(calendar.is_closed_day("2024-12-25"));
    EXPECT_FALSE(calendar.is_working_day("2024-12-25"));
    EXPECT_FALSE(calendar.is_closed_day("2024-12-24"));
    EXPECT_TRUE(calendar.is_working_day("2024-12-24"));
    EXPECT_EQ(calendar.add_working_days("2024-12-24", 1), "2024-12-27");
    // Friday 20 December: 23, 24, 27, 30, 31 December, 2, 3, 6, 7, 8 January.
    EXPECT_EQ(calendar.add_working_days("2024-12-20", 10), "2025-01-08");
    EXPECT_EQ(calendar.working_days_between("2024-12-20", "2025-01-08"), 10);
    EXPECT_EQ(calendar.add_working_days("2024-12-27", -1), "2024-12-24");

    // A local closure day on the due date pushes the deadline on by one working day.
    calendar.add_closed_day("2025-01-08");
    EXPECT_EQ(calendar.add_working_days("2024-12-20", 10), "2025-01-09");
    // One on a weekend changes nothing.
    calendar.add_closed_day("2025-01-04");
    EXPECT_TRUE(calendar.is_closed_day("2025-01-04"));
    EXPECT_EQ(calendar.add_working_days("2024-12-20", 10), "2025-01-09");
    EXPECT_EQ(calendar.working_days_between("2024-12-20", "2025-01-09"), 10);
}

TEST(WorkingDays, InvalidDatesAreNamed) {
    const WorkingDayCalendar calendar;
    const auto message = [](auto&& call) {
        try {
            call();
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message([&] { calendar.add_working_days("2024-02-30", 1); }),
              "\"2024-02-30\" is not a date (YYYY-MM-DD)");
    EXPECT_NE(message([&] { calendar.working_days_between("2024-01-01", "01/02/2024"); })
                  .find("\"01/02/2024\""),
              std::string::npos);
    EXPECT_NE(message([&] { calendar.is_working_day("tomorrow"); }).find("\"tomorrow\""), std::string::npos);
    EXPECT_NE(message([] { WorkingDayCalendar({"2024-12-25", "2024-13-01"}); }).find("\"2024-13-01\""),
              std::string::npos);
    WorkingDayCalendar growing;
    EXPECT_THROW(growing.add_closed_day(""), Error);
    EXPECT_THROW(calendar.add_working_days("9999-12-31", 1), Error); // past the last date
}

TEST(WorkingDays, LongSpansNeedNoDayByDayWalk) {
    const WorkingDayCalendar calendar;
    // 1,000,000 working days from a Monday are exactly 200,000 weeks.
    const std::string later = date_of_day_number(day_number("2024-01-01").value() + 1'400'000);
    EXPECT_EQ(calendar.add_working_days("2024-01-01", 1'000'000), later);
    EXPECT_EQ(calendar.working_days_between("2024-01-01", later), 1'000'000);
    EXPECT_EQ(calendar.working_days_between(later, "2024-01-01"), -1'000'000);
    EXPECT_EQ(calendar.add_working_days(later, -1'000'000), "2024-01-01");
}

// The fast arithmetic against the obvious day-by-day definition, for every start day of
// five weeks, every n in [-40, 40] and every span up to 60 days, with closed days that
// fall on weekdays, weekends, runs and the same day as a start.
TEST(WorkingDays, AgreesWithCountingDayByDay) {
    const std::vector<std::string> closed{"2024-03-29", "2024-04-01", "2024-04-02", "2024-04-06",
                                          "2024-04-15", "2024-04-16", "2024-04-17", "2024-04-18",
                                          "2024-04-19", "2024-05-06", "2024-05-27"};
    const WorkingDayCalendar calendar(closed);
    std::set<std::int64_t> closed_days;
    for (const auto& date : closed) closed_days.insert(day_number(date).value());
    const auto working = [&](std::int64_t day) { return iso_weekday(day) < 6 && !closed_days.count(day); };

    const std::int64_t first = day_number("2024-03-18").value();
    for (std::int64_t start = first; start < first + 35; ++start) {
        const std::string from = date_of_day_number(start);
        for (int n = -40; n <= 40; ++n) {
            std::int64_t day = start;
            for (int left = n < 0 ? -n : n; left > 0;) {
                day += n < 0 ? -1 : 1;
                if (working(day)) --left;
            }
            ASSERT_EQ(calendar.add_working_days(from, n), date_of_day_number(day)) << from << " + " << n;
        }
        for (std::int64_t end = start - 60; end <= start + 60; ++end) {
            int expected = 0;
            for (std::int64_t day = std::min(start, end) + 1; day <= std::max(start, end); ++day)
                if (working(day)) ++expected;
            if (end < start) expected = -expected;
            ASSERT_EQ(calendar.working_days_between(from, date_of_day_number(end)), expected)
                << from << " .. " << date_of_day_number(end);
        }
    }
}

} // namespace
} // namespace chorus

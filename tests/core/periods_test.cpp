#include "chorus/periods.hpp"

#include "chorus/error.hpp"

#include <gtest/gtest.h>

using namespace chorus;

TEST(PeriodsTest, QuartersFollowTheFinancialYear)
{
    const Period q1{Frequency::quarterly, 2025, 1};
    EXPECT_EQ(q1.first_day(), "2025-04-01");
    EXPECT_EQ(q1.last_day(), "2025-06-30");
    const Period q4{Frequency::quarterly, 2025, 4};
    EXPECT_EQ(q4.first_day(), "2026-01-01");
    EXPECT_EQ(q4.last_day(), "2026-03-31");
    EXPECT_EQ(q4.label(), "2025-Q4");
    EXPECT_EQ(q4.description(), "Q4 2025-26 (January to March 2026)");
    EXPECT_EQ(Period({Frequency::quarterly, 2025, 3}).description(), "Q3 2025-26 (October to December 2025)");
}

TEST(PeriodsTest, EveryFrequencyHasItsFirstAndLastDay)
{
    EXPECT_EQ(Period({Frequency::monthly, 2025, 11}).first_day(), "2026-02-01");
    EXPECT_EQ(Period({Frequency::monthly, 2023, 11}).last_day(), "2024-02-29"); // leap year
    EXPECT_EQ(Period({Frequency::monthly, 2025, 11}).label(), "2026-02");
    EXPECT_EQ(Period({Frequency::six_monthly, 2025, 2}).first_day(), "2025-10-01");
    EXPECT_EQ(Period({Frequency::six_monthly, 2025, 2}).last_day(), "2026-03-31");
    EXPECT_EQ(Period({Frequency::six_monthly, 2025, 1}).label(), "2025-H1");
    EXPECT_EQ(Period({Frequency::annual, 2025, 1}).first_day(), "2025-04-01");
    EXPECT_EQ(Period({Frequency::annual, 2025, 1}).last_day(), "2026-03-31");
    EXPECT_EQ(Period({Frequency::annual, 2025, 1}).label(), "FY2025-26");
    EXPECT_EQ(Period({Frequency::annual, 1999, 1}).label(), "FY1999-00");
    EXPECT_EQ(Period({Frequency::annual, 2025, 1}).description(), "Financial year 2025-26 (April 2025 to March 2026)");
    EXPECT_EQ(Period({Frequency::monthly, 2025, 9}).description(), "December 2025");
}

TEST(PeriodsTest, PreviousAndYearBeforeCrossYears)
{
    EXPECT_EQ(Period({Frequency::quarterly, 2025, 1}).previous(), Period({Frequency::quarterly, 2024, 4}));
    EXPECT_EQ(Period({Frequency::quarterly, 2025, 3}).previous(), Period({Frequency::quarterly, 2025, 2}));
    EXPECT_EQ(Period({Frequency::monthly, 2025, 1}).previous(), Period({Frequency::monthly, 2024, 12}));
    EXPECT_EQ(Period({Frequency::monthly, 2025, 1}).previous().label(), "2025-03");
    EXPECT_EQ(Period({Frequency::six_monthly, 2025, 1}).previous(), Period({Frequency::six_monthly, 2024, 2}));
    EXPECT_EQ(Period({Frequency::annual, 2025, 1}).previous(), Period({Frequency::annual, 2024, 1}));
    EXPECT_EQ(Period({Frequency::quarterly, 2024, 4}).next(), Period({Frequency::quarterly, 2025, 1}));
    EXPECT_EQ(Period({Frequency::monthly, 2025, 12}).next().label(), "2026-04");
    EXPECT_EQ(Period({Frequency::quarterly, 2025, 2}).year_before(), Period({Frequency::quarterly, 2024, 2}));
}

TEST(PeriodsTest, LabelsReadBack)
{
    for (const Period& period : {Period{Frequency::monthly, 2025, 1}, Period{Frequency::monthly, 2025, 12},
                                 Period{Frequency::quarterly, 2024, 4}, Period{Frequency::six_monthly, 2025, 2},
                                 Period{Frequency::annual, 2025, 1}})
        EXPECT_EQ(parse_period(period.label()), period) << period.label();
    EXPECT_EQ(parse_period("2026-03"), Period({Frequency::monthly, 2025, 12}));
    EXPECT_EQ(parse_period("2026-04"), Period({Frequency::monthly, 2026, 1}));
    for (const char* bad : {"", "2025", "2025-Q5", "2025-Q0", "2025-H3", "2025-13", "2025-00", "FY2025-27", "FY2025",
                            "25-Q1", "2025-q1", "2025-Q1x"})
        EXPECT_FALSE(parse_period(bad)) << bad;
}

TEST(PeriodsTest, ADateFallsInItsFinancialPeriod)
{
    EXPECT_EQ(period_containing("2025-04-01", Frequency::quarterly), Period({Frequency::quarterly, 2025, 1}));
    EXPECT_EQ(period_containing("2025-03-31", Frequency::quarterly), Period({Frequency::quarterly, 2024, 4}));
    EXPECT_EQ(period_containing("2026-02-14", Frequency::annual), Period({Frequency::annual, 2025, 1}));
    EXPECT_EQ(period_containing("2025-09-30", Frequency::six_monthly), Period({Frequency::six_monthly, 2025, 1}));
    EXPECT_EQ(period_containing("2025-10-01", Frequency::six_monthly), Period({Frequency::six_monthly, 2025, 2}));
    EXPECT_EQ(period_containing("2025-04-30", Frequency::monthly), Period({Frequency::monthly, 2025, 1}));
    EXPECT_THROW(period_containing("2025-02-30", Frequency::monthly), Error);
    EXPECT_TRUE(Period({Frequency::quarterly, 2025, 1}).contains("2025-06-30"));
    EXPECT_FALSE(Period({Frequency::quarterly, 2025, 1}).contains("2025-07-01"));
}

TEST(PeriodsTest, AMeasureReportsTheLatestPeriodOfItsFrequencyEndedByTheReport)
{
    const Period report{Frequency::quarterly, 2025, 3}; // October to December 2025
    EXPECT_EQ(latest_period_ended_by(report, Frequency::quarterly), report);
    EXPECT_EQ(latest_period_ended_by(report, Frequency::monthly).label(), "2025-12");
    EXPECT_EQ(latest_period_ended_by(report, Frequency::six_monthly).label(), "2025-H1");
    EXPECT_EQ(latest_period_ended_by(report, Frequency::annual).label(), "FY2024-25");
    const Period year_end{Frequency::quarterly, 2025, 4};
    EXPECT_EQ(latest_period_ended_by(year_end, Frequency::annual).label(), "FY2025-26");
    EXPECT_EQ(latest_period_ended_by(year_end, Frequency::six_monthly).label(), "2025-H2");
}

TEST(PeriodsTest, TheUkDateFollowsBritishSummerTime)
{
    // BST 2025: 30 March 01:00 UTC to 26 October 01:00 UTC.
    EXPECT_EQ(uk_date_of("2025-06-30T23:30:00Z"), "2025-07-01");
    EXPECT_EQ(uk_date_of("2025-06-30T22:59:59Z"), "2025-06-30");
    EXPECT_EQ(uk_date_of("2025-12-31T23:30:00Z"), "2025-12-31"); // GMT
    EXPECT_EQ(uk_date_of("2025-03-29T23:30:00Z"), "2025-03-29"); // the night before BST starts
    EXPECT_EQ(uk_date_of("2025-03-30T23:30:00Z"), "2025-03-31");
    EXPECT_EQ(uk_date_of("2025-10-25T23:30:00Z"), "2025-10-26"); // still BST that night
    EXPECT_EQ(uk_date_of("2025-10-26T23:30:00Z"), "2025-10-26");
    EXPECT_THROW(uk_date_of("2025-06-30 23:30"), Error);

    EXPECT_EQ(utc_start_of_uk_day("2025-07-01"), "2025-06-30T23:00:00Z");
    EXPECT_EQ(utc_start_of_uk_day("2026-01-01"), "2026-01-01T00:00:00Z");
    EXPECT_EQ(utc_start_of_uk_day("2025-03-30"), "2025-03-30T00:00:00Z"); // BST begins at 01:00 UTC
    EXPECT_EQ(utc_start_of_uk_day("2025-03-31"), "2025-03-30T23:00:00Z");
    EXPECT_EQ(utc_start_of_uk_day("2025-10-26"), "2025-10-25T23:00:00Z");
    EXPECT_EQ(utc_start_of_uk_day("2025-10-27"), "2025-10-27T00:00:00Z");
}

TEST(PeriodsTest, PeriodsCoveringTwoDates)
{
    const auto quarters = periods_covering("2024-05-10", "2025-01-02", Frequency::quarterly);
    ASSERT_EQ(quarters.size(), 4u);
    EXPECT_EQ(quarters.front().label(), "2024-Q1");
    EXPECT_EQ(quarters.back().label(), "2024-Q4");
    EXPECT_TRUE(periods_covering("2025-01-02", "2024-05-10", Frequency::quarterly).empty());
    EXPECT_EQ(utc_end_of_uk_day("2025-06-30"), "2025-06-30T23:00:00Z");
    EXPECT_EQ(utc_end_of_uk_day("2025-12-31"), "2026-01-01T00:00:00Z");
}

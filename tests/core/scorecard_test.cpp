#include "chorus/scorecard.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

MeasureDefinition percent_measure(const std::string& id, const std::string& area)
{
    MeasureDefinition measure;
    measure.id = id;
    measure.title = "Measure " + id;
    measure.plan_area = area;
    measure.target = 80;
    return measure;
}

MeasureFigures figures(const std::string& quarter, std::int64_t positive, std::int64_t base, std::int64_t minimum = 5)
{
    MeasureFigures f;
    f.period = *parse_period(quarter);
    f.base = base;
    f.positive = positive;
    if (base > 0)
        f.value = 100.0 * static_cast<double>(positive) / static_cast<double>(base);
    f.suppressed = base > 0 && base < minimum;
    return f;
}

MeasureResult result_of(const MeasureDefinition& measure, MeasureFigures current, MeasureFigures previous,
                        MeasureFigures year_before)
{
    MeasureResult result{&measure, std::move(current), std::move(previous), std::move(year_before)};
    result.rag = rate(measure, result.current);
    result.against_previous = direction_of_travel(measure, result.previous, result.current);
    result.against_year_before = direction_of_travel(measure, result.year_before, result.current);
    return result;
}

} // namespace

TEST(ScorecardTest, RowsAreGroupedByPlanAreaInTheOrderTheSetNamesThem)
{
    const MeasureDefinition a = percent_measure("a", "Voice of the child");
    const MeasureDefinition b = percent_measure("b", "Workforce");
    const MeasureDefinition c = percent_measure("c", "Voice of the child");
    const std::vector<MeasureResult> results{
        result_of(a, figures("2025-Q3", 45, 50), figures("2025-Q2", 40, 50), figures("2024-Q3", 46, 50)),
        result_of(b, figures("2025-Q3", 30, 50), figures("2025-Q2", 30, 50), figures("2024-Q3", 0, 0)),
        result_of(c, figures("2025-Q3", 3, 4), figures("2025-Q2", 40, 50), figures("2024-Q3", 40, 50))};
    const auto groups = scorecard_groups(results);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].plan_area, "Voice of the child");
    ASSERT_EQ(groups[0].rows.size(), 2u);
    EXPECT_EQ(groups[1].plan_area, "Workforce");

    const ScorecardRow& improving = groups[0].rows[0];
    EXPECT_EQ(improving.period, "2025-Q3");
    EXPECT_EQ(improving.value, "90%");
    EXPECT_EQ(improving.base, "50");
    EXPECT_EQ(improving.target, "80%");
    EXPECT_EQ(improving.rag_word, "Green");
    EXPECT_EQ(improving.against_previous.movement, Movement::up);
    EXPECT_EQ(improving.against_previous.text, "improving against 2025-Q2 (80%)");
    EXPECT_EQ(improving.against_year_before.movement, Movement::down);
    EXPECT_EQ(improving.against_year_before.text, "worsening against 2024-Q3 (92%)");
    EXPECT_EQ(groups[1].rows[0].against_previous.movement, Movement::flat);
    EXPECT_EQ(groups[1].rows[0].against_previous.text, "no change against 2025-Q2 (60%)");
}

TEST(ScorecardTest, ASuppressedValueShowsCAndNeverItsBase)
{
    const MeasureDefinition measure = percent_measure("small", "Voice of the child");
    const std::vector<MeasureResult> results{
        result_of(measure, figures("2025-Q3", 3, 4), figures("2025-Q2", 40, 50), figures("2024-Q3", 0, 0))};
    const auto groups = scorecard_groups(results);
    const ScorecardRow& row = groups[0].rows[0];
    EXPECT_EQ(row.value, "c");
    EXPECT_EQ(row.base, "<5");
    EXPECT_EQ(row.rag_word, "Not rated");
    EXPECT_EQ(row.against_previous.movement, Movement::none);
    EXPECT_EQ(row.against_previous.text, "no figure to compare");
}

TEST(ScorecardTest, ArrowsFollowTheValueAndTheirWordsFollowThePolarity)
{
    MeasureDefinition fewer = percent_measure("fewer", "Complaints");
    fewer.polarity = Polarity::decrease;
    const MeasureFigures before = figures("2025-Q2", 30, 50), after = figures("2025-Q3", 20, 50);
    EXPECT_EQ(movement(fewer, before, after), Movement::down);
    const MeasureResult result = result_of(fewer, after, before, figures("2024-Q3", 0, 0));
    const ScorecardRow row = scorecard_groups({result})[0].rows[0];
    EXPECT_EQ(row.against_previous.direction, Direction::improving);
    EXPECT_EQ(row.against_year_before.text, "no figure for 2024-Q3 to compare with");
}

TEST(ScorecardTest, SharesAreOfRatedMeasuresOnly)
{
    RagCounts counts;
    counts.green = 14;
    counts.amber = 4;
    counts.red = 1;
    counts.none = 3;
    EXPECT_EQ(rated_share(counts.green, counts), "74%");
    EXPECT_EQ(rated_share(0, RagCounts{}), "-");
    EXPECT_EQ(rag_word(Rag::blue), "Blue");
}

TEST(ScorecardTest, TargetsAndCountsAreShownWithTheMeasuresDecimals)
{
    MeasureDefinition measure = percent_measure("a", "x");
    measure.decimals = 1;
    measure.target = 85.5;
    EXPECT_EQ(target_text(measure), "85.5%");
    measure.source = MeasureSource::complaints_received;
    measure.decimals = 0;
    measure.target = 3;
    EXPECT_EQ(target_text(measure), "3");
    measure.target.reset();
    EXPECT_EQ(target_text(measure), "-");
}

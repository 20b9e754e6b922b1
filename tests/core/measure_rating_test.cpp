#include "chorus/measures.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

const Period quarter{Frequency::quarterly, 2025, 3};

MeasureDefinition percentage_measure(Polarity polarity, std::optional<double> target, Tolerance tolerance = {})
{
    MeasureDefinition measure;
    measure.id = "listened";
    measure.plan_area = "Voice of the child";
    measure.polarity = polarity;
    measure.target = target;
    measure.tolerance = tolerance;
    return measure;
}

MeasureFigures figures(std::int64_t positive, std::int64_t base, std::int64_t minimum_base = 5)
{
    MeasureFigures result;
    result.period = quarter;
    result.base = base;
    result.positive = positive;
    if (base > 0)
        result.value = static_cast<double>(positive) * 100.0 / static_cast<double>(base);
    result.suppressed = base > 0 && base < minimum_base;
    return result;
}

} // namespace

TEST(MeasureRatingTest, ValuesAreRoundedHalfAwayFromZeroFromTheCounts)
{
    MeasureDefinition measure = percentage_measure(Polarity::increase, 85);
    EXPECT_EQ(display_value(measure, figures(1, 8)), "13%");   // 12.5
    EXPECT_EQ(display_value(measure, figures(7, 8)), "88%");   // 87.5
    EXPECT_EQ(display_value(measure, figures(17, 40)), "43%"); // 42.5
    EXPECT_EQ(display_value(measure, figures(2, 3, 1)), "67%");
    measure.decimals = 1;
    EXPECT_EQ(display_value(measure, figures(1, 16)), "6.3%"); // 6.25
    EXPECT_EQ(display_value(measure, figures(31, 38)), "81.6%"); // 81.578...
    measure.decimals = 2;
    EXPECT_EQ(display_value(measure, figures(31, 38)), "81.58%");
    EXPECT_DOUBLE_EQ(*shown_value(measure, figures(31, 38)), 81.58);
    // 84.5% shows as 85% and so meets a target of 85; 84.49 would not.
    measure.decimals = 0;
    EXPECT_EQ(rate(measure, figures(169, 200)), Rag::green);
    EXPECT_EQ(rate(measure, figures(8449, 10000)), Rag::amber);
}

TEST(MeasureRatingTest, SuppressionAtTheThreshold)
{
    const MeasureDefinition measure = percentage_measure(Polarity::increase, 50);
    EXPECT_EQ(display_value(measure, figures(4, 4)), "c");
    EXPECT_EQ(rate(measure, figures(4, 4)), Rag::none);
    EXPECT_EQ(display_value(measure, figures(5, 5)), "100%");
    EXPECT_EQ(rate(measure, figures(5, 5)), Rag::green);
    EXPECT_EQ(display_value(measure, figures(0, 0)), "-");
    EXPECT_EQ(rate(measure, figures(0, 0)), Rag::none);
}

TEST(MeasureRatingTest, IncreaseWithTolerancePoints)
{
    const MeasureDefinition measure = percentage_measure(Polarity::increase, 80, {ToleranceMode::points, 5});
    EXPECT_EQ(rate(measure, figures(90, 100)), Rag::green);
    EXPECT_EQ(rate(measure, figures(80, 100)), Rag::green);
    EXPECT_EQ(rate(measure, figures(79, 100)), Rag::amber);
    EXPECT_EQ(rate(measure, figures(75, 100)), Rag::amber); // exactly the tolerance
    EXPECT_EQ(rate(measure, figures(74, 100)), Rag::red);
}

TEST(MeasureRatingTest, DecreaseWithRelativeTolerance)
{
    // 10% of a target of 20 is 2 points either way.
    const MeasureDefinition measure = percentage_measure(Polarity::decrease, 20, {ToleranceMode::relative_percent, 10});
    EXPECT_EQ(rate(measure, figures(15, 100)), Rag::green);
    EXPECT_EQ(rate(measure, figures(20, 100)), Rag::green);
    EXPECT_EQ(rate(measure, figures(22, 100)), Rag::amber);
    EXPECT_EQ(rate(measure, figures(23, 100)), Rag::red);
}

TEST(MeasureRatingTest, MaintainIsRatedByDistanceFromTheTarget)
{
    const MeasureDefinition measure = percentage_measure(Polarity::maintain, 90, {ToleranceMode::points, 2});
    EXPECT_EQ(rate(measure, figures(92, 100)), Rag::green);
    EXPECT_EQ(rate(measure, figures(88, 100)), Rag::green);
    EXPECT_EQ(rate(measure, figures(94, 100)), Rag::amber);
    EXPECT_EQ(rate(measure, figures(86, 100)), Rag::amber);
    EXPECT_EQ(rate(measure, figures(85, 100)), Rag::red);
    EXPECT_EQ(rate(measure, figures(95, 100)), Rag::red);
}

TEST(MeasureRatingTest, BlueWhenCompleteAndNoneWithoutATarget)
{
    MeasureDefinition measure = percentage_measure(Polarity::increase, std::nullopt);
    EXPECT_EQ(rate(measure, figures(50, 100)), Rag::none);
    measure.complete = true;
    EXPECT_EQ(rate(measure, figures(50, 100)), Rag::blue);
}

TEST(MeasureRatingTest, DirectionOfTravelFollowsPolarityWithANoChangeBand)
{
    MeasureDefinition measure = percentage_measure(Polarity::increase, 80);
    measure.no_change_band = 1;
    EXPECT_EQ(direction_of_travel(measure, figures(70, 100), figures(75, 100)), Direction::improving);
    EXPECT_EQ(direction_of_travel(measure, figures(75, 100), figures(70, 100)), Direction::worsening);
    EXPECT_EQ(direction_of_travel(measure, figures(70, 100), figures(71, 100)), Direction::no_change); // on the band
    EXPECT_EQ(direction_of_travel(measure, figures(70, 100), figures(72, 100)), Direction::improving);
    measure.polarity = Polarity::decrease;
    EXPECT_EQ(direction_of_travel(measure, figures(70, 100), figures(75, 100)), Direction::worsening);
    EXPECT_EQ(direction_of_travel(measure, figures(75, 100), figures(70, 100)), Direction::improving);
    measure.polarity = Polarity::maintain; // target 80
    EXPECT_EQ(direction_of_travel(measure, figures(70, 100), figures(78, 100)), Direction::improving);
    EXPECT_EQ(direction_of_travel(measure, figures(78, 100), figures(86, 100)), Direction::worsening);
    EXPECT_EQ(direction_of_travel(measure, figures(77, 100), figures(83, 100)), Direction::no_change);
    measure.target.reset(); // no target or baseline: any real move away from where it was
    EXPECT_EQ(direction_of_travel(measure, figures(78, 100), figures(86, 100)), Direction::worsening);
    measure.baseline = 90;
    EXPECT_EQ(direction_of_travel(measure, figures(78, 100), figures(86, 100)), Direction::improving);
}

TEST(MeasureRatingTest, NoDirectionWithoutBothFigures)
{
    const MeasureDefinition measure = percentage_measure(Polarity::increase, 80);
    EXPECT_EQ(direction_of_travel(measure, figures(0, 0), figures(75, 100)), Direction::not_available);
    EXPECT_EQ(direction_of_travel(measure, figures(3, 4), figures(75, 100)), Direction::not_available); // suppressed
    EXPECT_EQ(direction_of_travel(measure, figures(75, 100), figures(0, 0)), Direction::not_available);
}

TEST(MeasureRatingTest, CountsShowAsWholeNumbersAndRateAgainstACountTarget)
{
    MeasureDefinition measure = percentage_measure(Polarity::decrease, 10, {ToleranceMode::points, 2});
    measure.source = MeasureSource::complaints_received;
    MeasureFigures count;
    count.period = quarter;
    count.base = count.positive = 12;
    count.value = 12;
    EXPECT_EQ(display_value(measure, count), "12");
    EXPECT_EQ(rate(measure, count), Rag::amber);
    count.base = count.positive = 0;
    count.value = 0;
    EXPECT_EQ(display_value(measure, count), "0");
    EXPECT_EQ(rate(measure, count), Rag::green);
}

TEST(MeasureRatingTest, ScorecardCountsByPlanArea)
{
    MeasureDefinition voice = percentage_measure(Polarity::increase, 80);
    MeasureDefinition workforce = voice;
    workforce.plan_area = "Workforce";
    std::vector<MeasureResult> results;
    for (auto [measure, rag] : {std::pair{&voice, Rag::green}, std::pair{&voice, Rag::green},
                                std::pair{&workforce, Rag::amber}, std::pair{&voice, Rag::red},
                                std::pair{&workforce, Rag::none}}) {
        MeasureResult result;
        result.measure = measure;
        result.rag = rag;
        results.push_back(result);
    }
    const Scorecard scorecard = make_scorecard(results);
    ASSERT_EQ(scorecard.areas.size(), 2u);
    EXPECT_EQ(scorecard.areas[0].plan_area, "Voice of the child");
    EXPECT_EQ(scorecard.areas[0].green, 2);
    EXPECT_EQ(scorecard.areas[0].red, 1);
    EXPECT_EQ(scorecard.areas[1].amber, 1);
    EXPECT_EQ(scorecard.overall.rated(), 4);
    EXPECT_EQ(scorecard.overall.total(), 5);
    EXPECT_EQ(scorecard_sentence(scorecard.overall), "feedback measures: 2 green, 1 amber, 1 red, 1 not rated");
    EXPECT_EQ(scorecard_sentence(RagCounts{}), "feedback measures: none");
}

#include "chorus/measures.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

std::string set_with(const std::string& measure)
{
    return R"({"id": "plan", "title": "Improvement plan", "measures": [)" + measure + "]}";
}

const char* listened = R"({"id": "listened", "title": "Families say they were listened to",
    "plan_area": "Voice of the child",
    "source": {"type": "survey", "instrument": "cin", "questions": ["listened"]},
    "positive": ["agree", "strongly_agree"], "frequency": "quarterly", "polarity": "increase",
    "target": 85, "baseline": 72, "baseline_period": "2024-Q4", "collection_method": "CiN feedback survey"})";

std::vector<std::string> messages_of(const std::string& text)
{
    std::vector<std::string> messages;
    try {
        parse_measure_set(text, "plan.json");
    } catch (const DefinitionError& error) {
        for (const auto& problem : error.problems())
            messages.push_back(problem.path + ": " + problem.message);
    }
    return messages;
}

} // namespace

TEST(MeasureSetJsonTest, ReadsAMeasureWithItsDefaults)
{
    const MeasureSet set = parse_measure_set(set_with(listened), "plan.json");
    EXPECT_EQ(set.id, "plan");
    ASSERT_EQ(set.measures.size(), 1u);
    const MeasureDefinition& measure = set.measures[0];
    EXPECT_EQ(measure.source, MeasureSource::survey);
    EXPECT_EQ(measure.instrument, "cin");
    EXPECT_EQ(measure.questions, std::vector<std::string>{"listened"});
    EXPECT_EQ(measure.positive, (std::vector<std::string>{"agree", "strongly_agree"}));
    EXPECT_FALSE(measure.out_of_base);
    EXPECT_FALSE(measure.blank_in_base);
    EXPECT_EQ(*measure.target, 85);
    EXPECT_EQ(*measure.baseline, 72);
    EXPECT_EQ(measure.baseline_period, "2024-Q4");
    EXPECT_EQ(measure.tolerance.mode, ToleranceMode::points);
    EXPECT_EQ(measure.tolerance.amount, 5);
    EXPECT_EQ(measure.no_change_band, 1);
    EXPECT_EQ(measure.minimum_base, 5);
    EXPECT_EQ(measure.decimals, 0);
}

TEST(MeasureSetJsonTest, SetDefaultsApplyUnlessAMeasureSaysOtherwise)
{
    const std::string text = R"({"id": "plan", "title": "Plan",
        "defaults": {"minimum_base": 10, "decimals": 1, "tolerance": {"percent": 10}},
        "measures": [)" + std::string(listened) + R"(,
        {"id": "complaints", "title": "Complaints about communication", "plan_area": "Complaints",
         "source": {"type": "complaints_received", "theme": "communication"}, "frequency": "annual",
         "polarity": "decrease", "minimum_base": 3}]})";
    const MeasureSet set = parse_measure_set(text, "plan.json");
    EXPECT_EQ(set.measures[0].minimum_base, 10);
    EXPECT_EQ(set.measures[0].decimals, 1);
    EXPECT_EQ(set.measures[0].tolerance.mode, ToleranceMode::relative_percent);
    EXPECT_EQ(set.measures[1].minimum_base, 3);
    EXPECT_TRUE(set.measures[1].is_count());
    EXPECT_EQ(set.measures[1].frequency, Frequency::annual);
}

TEST(MeasureSetJsonTest, ComplaintMeasuresGetTheirDefaults)
{
    const MeasureSet set = parse_measure_set(set_with(R"(
        {"id": "in-time", "title": "Stage 1 complaints answered in time", "plan_area": "Complaints",
         "source": {"type": "complaints_within_timescale"}, "frequency": "quarterly", "polarity": "increase"},
        {"id": "upheld", "title": "Points upheld", "plan_area": "Complaints",
         "source": {"type": "complaint_outcomes", "stage": "stage1"}, "frequency": "annual", "polarity": "decrease"})"),
                                             "plan.json");
    EXPECT_EQ(set.measures[0].stage, "stage1");
    EXPECT_EQ(set.measures[1].positive, (std::vector<std::string>{"upheld", "partially_upheld"}));
}

TEST(MeasureSetJsonTest, RoundTripsThroughItsOwnJson)
{
    const MeasureSet set = parse_measure_set(set_with(listened), "plan.json");
    const MeasureSet again = parse_measure_set(measure_set_to_json(set), "again.json");
    EXPECT_EQ(measure_set_to_json(again), measure_set_to_json(set));
    EXPECT_EQ(again.measures[0].baseline_period, "2024-Q4");
    EXPECT_EQ(again.measures[0].collection_method, "CiN feedback survey");
}

TEST(MeasureSetJsonTest, EveryProblemIsReportedWithItsPath)
{
    const auto messages = messages_of(set_with(R"(
        {"id": "Bad Id", "title": "", "plan_area": "Voice", "source": {"type": "survey", "instrument": "cin",
         "questions": ["listened"]}, "positive": ["agree"], "out_of_base": ["agree"], "frequency": "weekly",
         "polarity": "up", "target": 120, "tolerance": {"points": 1, "percent": 2}, "decimals": 7,
         "minimum_base": 0, "baseline_period": "2024-Q5", "requird": true})"));
    const auto has = [&](const std::string& text) {
        return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return m.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(has("$.measures[0] (Bad Id).id: \"Bad Id\" is not a valid id"));
    EXPECT_TRUE(has(".title: must not be empty"));
    EXPECT_TRUE(has(".out_of_base: \"agree\" is also positive"));
    EXPECT_TRUE(has(".frequency: unknown frequency \"weekly\""));
    EXPECT_TRUE(has(".polarity: unknown polarity \"up\""));
    EXPECT_TRUE(has(".target: must be a percentage, 0 to 100"));
    EXPECT_TRUE(has(".tolerance: give either points"));
    EXPECT_TRUE(has(".decimals: must be 0 to 3"));
    EXPECT_TRUE(has(".minimum_base: must be 1 or more"));
    EXPECT_TRUE(has(".baseline_period: \"2024-Q5\" is not a period"));
    EXPECT_TRUE(has(".requird: unknown property \"requird\""));
    EXPECT_EQ(messages.size(), 11u);
}

TEST(MeasureSetJsonTest, SourcePropertiesMustFitTheSource)
{
    const auto messages = messages_of(set_with(R"(
        {"id": "a", "title": "A", "plan_area": "P", "source": {"type": "compliments_received", "theme": "delay",
         "instrument": "cin"}, "positive": ["x"], "frequency": "annual", "polarity": "increase"},
        {"id": "a", "title": "B", "plan_area": "P", "source": {"type": "survey", "instrument": "cin", "questions": []},
         "positive": [], "frequency": "annual", "polarity": "increase"},
        {"id": "c", "title": "C", "plan_area": "P", "source": {"type": "ratings"}, "frequency": "annual",
         "polarity": "increase"})"));
    const std::vector<std::string> expected{
        "$.measures[0] (a).source.instrument: applies only to survey measures",
        "$.measures[0] (a).source.theme: applies only to complaints_received measures",
        "$.measures[0] (a).positive: applies only to survey and complaint_outcomes measures",
        "$.measures[1] (a).source.questions: name at least one question",
        "$.measures[1] (a).positive: name at least one positive code",
        "$.measures[1].id: duplicate measure id \"a\"",
        "$.measures[2] (c).source.type: unknown source type \"ratings\"; expected survey, "
        "complaints_within_timescale, complaint_outcomes, complaints_received or compliments_received",
    };
    EXPECT_EQ(messages, expected);
}

TEST(MeasureSetJsonTest, SyntaxErrorsAndMissingFilesNameTheInput)
{
    EXPECT_EQ(messages_of("{\"id\": "), std::vector<std::string>{": line 1, column 8: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"});
    test::TempDir dir;
    try {
        load_measure_set(dir / "missing.json");
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("missing.json: cannot be read"), std::string::npos);
    }
}

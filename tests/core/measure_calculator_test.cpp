#include "chorus/measures.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/progress.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

// Version 1 has no "worries"; version 2 adds it and the "dont_know" option of "listened".
std::string feedback_json(int version)
{
    std::string listened_options = R"([{"code": "strongly_disagree", "label": "Strongly disagree"},
        {"code": "disagree", "label": "Disagree"}, {"code": "neither", "label": "Neither"},
        {"code": "agree", "label": "Agree"}, {"code": "strongly_agree", "label": "Strongly agree"},
        {"code": "na", "label": "Not applicable"})";
    if (version >= 2)
        listened_options += R"(, {"code": "dont_know", "label": "Don't know"})";
    std::string questions = R"({"key": "listened", "type": "agree_scale", "label": "Listened", "options": )"
                          + listened_options + R"(]},
        {"key": "reliable", "type": "yes_no_na", "label": "Reliable"},
        {"key": "overall", "type": "rating_0_10", "label": "Overall"},
        {"key": "comments", "type": "long_text", "label": "Anything else?"})";
    if (version >= 2)
        questions += R"(, {"key": "worries", "type": "multiple_choice", "label": "Worries", "options": [
            {"code": "school", "label": "School"}, {"code": "home", "label": "Home"},
            {"code": "friends", "label": "Friends"}, {"code": "dont_know", "label": "Don't know"}]})";
    return R"({"id": "feedback", "version": )" + std::to_string(version)
         + R"(, "title": "Feedback", "questions": [)" + questions + "]}";
}

class MeasureCalculatorTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "measures.db"};

    void SetUp() override
    {
        store.add_instrument(parse_instrument(feedback_json(1), "v1"), "tester");
        store.add_instrument(parse_instrument(feedback_json(2), "v2"), "tester");
    }

    void add(const std::string& captured_at, std::map<std::string, Answer> answers, int version = 2)
    {
        Response response;
        response.uuid = new_uuid();
        response.instrument_id = "feedback";
        response.instrument_version = version;
        response.captured_at = captured_at;
        response.answers = std::move(answers);
        store.add_response(response, "tester");
    }

    void add_many(int count, const std::string& captured_at, std::map<std::string, Answer> answers, int version = 2)
    {
        for (int i = 0; i < count; ++i)
            add(captured_at, answers, version);
    }

    static MeasureSet set_of(const std::string& measures)
    {
        return parse_measure_set(R"({"id": "plan", "title": "Plan", "measures": [)" + measures + "]}", "plan.json");
    }

    static std::string survey_measure(const std::string& id, const std::string& questions, const std::string& extra)
    {
        return R"({"id": ")" + id + R"(", "title": "T", "plan_area": "Voice of the child",
            "source": {"type": "survey", "instrument": "feedback", "questions": )" + questions + R"(},
            "frequency": "quarterly", "polarity": "increase", "target": 80, )" + extra + "}";
    }

    MeasureFigures figures_for(const MeasureSet& set, const Period& period, std::size_t measure = 0)
    {
        MeasureCalculator calculator(store, set);
        std::vector<std::vector<Period>> periods(set.measures.size());
        periods[measure] = {period};
        return calculator.figures(periods)[measure][0];
    }

    static std::int64_t out_of_base(const MeasureFigures& figures, const std::string& code)
    {
        for (const auto& [name, count] : figures.out_of_base)
            if (name == code)
                return count;
        return -1;
    }
};

const Period q2_2025{Frequency::quarterly, 2025, 2}; // July to September 2025

} // namespace

TEST_F(MeasureCalculatorTest, TopTwoBoxLeavesNotApplicableDontKnowAndBlanksOutOfTheBase)
{
    add_many(6, "2025-08-01T10:00:00Z", {{"listened", std::string("agree")}});
    add_many(3, "2025-08-01T10:00:00Z", {{"listened", std::string("strongly_agree")}});
    add_many(2, "2025-08-01T10:00:00Z", {{"listened", std::string("disagree")}});
    add_many(2, "2025-08-01T10:00:00Z", {{"listened", std::string("na")}});
    add(/*version 1 */ "2025-08-02T10:00:00Z", {{"listened", std::string("na")}}, 1);
    add("2025-08-01T10:00:00Z", {{"listened", std::string("dont_know")}});
    add_many(2, "2025-08-01T10:00:00Z", {}); // blank
    const MeasureSet set = set_of(survey_measure("listened", R"(["listened"])", R"("positive": ["agree", "strongly_agree"])"));

    const MeasureFigures figures = figures_for(set, q2_2025);
    EXPECT_EQ(figures.base, 11);
    EXPECT_EQ(figures.positive, 9);
    EXPECT_DOUBLE_EQ(*figures.value, 9 * 100.0 / 11);
    EXPECT_EQ(out_of_base(figures, "na"), 3);
    EXPECT_EQ(out_of_base(figures, "dont_know"), 1);
    EXPECT_EQ(out_of_base(figures, "blank"), 2);
    EXPECT_EQ(display_value(set.measures[0], figures), "82%");
    EXPECT_EQ(rate(set.measures[0], figures), Rag::green);
}

TEST_F(MeasureCalculatorTest, AMeasureMayKeepNotApplicableAndBlanksInTheBase)
{
    // "81.58% answered yes, 10.53% no, the rest said not applicable": 31, 4 and 3 of 38.
    add_many(31, "2025-07-10T10:00:00Z", {{"reliable", std::string("yes")}});
    add_many(4, "2025-07-10T10:00:00Z", {{"reliable", std::string("no")}});
    add_many(2, "2025-07-10T10:00:00Z", {{"reliable", std::string("na")}});
    add("2025-07-10T10:00:00Z", {});
    const MeasureSet set = set_of(survey_measure("reliable", R"(["reliable"])",
                                                 R"("positive": ["yes"], "out_of_base": [], "blank_in_base": true, "decimals": 2)"));
    const MeasureFigures figures = figures_for(set, q2_2025);
    EXPECT_EQ(figures.base, 38);
    EXPECT_EQ(figures.positive, 31);
    EXPECT_TRUE(figures.out_of_base.empty());
    EXPECT_EQ(display_value(set.measures[0], figures), "81.58%");
}

TEST_F(MeasureCalculatorTest, QuestionsArePooledAndRatingsCountedByTheirCodes)
{
    add_many(5, "2025-09-01T10:00:00Z", {{"overall", std::string("9")}, {"listened", std::string("agree")}});
    add_many(3, "2025-09-01T10:00:00Z", {{"overall", std::string("4")}, {"listened", std::string("disagree")}});
    const MeasureSet rating = set_of(survey_measure("overall", R"(["overall"])", R"("positive": ["7", "8", "9", "10"])"));
    EXPECT_EQ(figures_for(rating, q2_2025).positive, 5);
    EXPECT_EQ(figures_for(rating, q2_2025).base, 8);
    const MeasureSet pooled = set_of(survey_measure("both", R"(["overall", "listened"])",
                                                    R"("positive": ["9", "agree"])"));
    EXPECT_EQ(figures_for(pooled, q2_2025).base, 16);
    EXPECT_EQ(figures_for(pooled, q2_2025).positive, 10);
}

TEST_F(MeasureCalculatorTest, MultipleChoiceCountsRespondentsOnce)
{
    using Codes = std::vector<std::string>;
    add("2025-07-05T09:00:00Z", {{"worries", Codes{"school", "home"}}});
    add("2025-07-05T09:00:00Z", {{"worries", Codes{"school"}}});
    add("2025-07-05T09:00:00Z", {{"worries", Codes{"friends"}}});
    add("2025-07-05T09:00:00Z", {{"worries", Codes{"friends", "dont_know"}}});
    add("2025-07-05T09:00:00Z", {{"worries", Codes{"dont_know"}}});
    add("2025-07-05T09:00:00Z", {});
    add("2025-07-05T09:00:00Z", {{"listened", std::string("agree")}}, 1); // v1 never asked it
    const MeasureSet set = set_of(survey_measure("worries", R"(["worries"])",
                                                 R"("positive": ["school", "home"], "minimum_base": 1)"));
    const MeasureFigures figures = figures_for(set, q2_2025);
    EXPECT_EQ(figures.base, 4);
    EXPECT_EQ(figures.positive, 2);
    EXPECT_EQ(out_of_base(figures, "dont_know"), 1);
    EXPECT_EQ(out_of_base(figures, "blank"), 1);
}

TEST_F(MeasureCalculatorTest, PeriodsFollowTheUkDateOfCapture)
{
    // 23:30 UTC on 30 June 2025 is 00:30 on 1 July in England: Q2, not Q1.
    add_many(5, "2025-06-30T23:30:00Z", {{"listened", std::string("agree")}});
    add_many(5, "2025-06-30T22:30:00Z", {{"listened", std::string("disagree")}});
    // 23:30 UTC on 30 September is already 1 October: Q3.
    add_many(5, "2025-09-30T23:30:00Z", {{"listened", std::string("disagree")}});
    const MeasureSet set = set_of(survey_measure("listened", R"(["listened"])", R"("positive": ["agree"])"));
    const MeasureFigures q2 = figures_for(set, q2_2025);
    EXPECT_EQ(q2.base, 5);
    EXPECT_EQ(q2.positive, 5);
    EXPECT_EQ(figures_for(set, {Frequency::quarterly, 2025, 1}).positive, 0);
    EXPECT_EQ(figures_for(set, {Frequency::quarterly, 2025, 1}).base, 5);
    EXPECT_EQ(figures_for(set, {Frequency::quarterly, 2025, 3}).base, 5);
    // Periods of other frequencies are added up from the same counts.
    EXPECT_EQ(figures_for(set, {Frequency::monthly, 2025, 4}).base, 5);      // July 2025
    EXPECT_EQ(figures_for(set, {Frequency::six_monthly, 2025, 1}).base, 10); // April to September
    EXPECT_EQ(figures_for(set, {Frequency::annual, 2025, 1}).base, 15);
}

TEST_F(MeasureCalculatorTest, SuppressedBelowTheMinimumBase)
{
    add_many(4, "2025-08-01T10:00:00Z", {{"listened", std::string("agree")}});
    const MeasureSet set = set_of(survey_measure("listened", R"(["listened"])", R"("positive": ["agree"])"));
    MeasureFigures figures = figures_for(set, q2_2025);
    EXPECT_TRUE(figures.suppressed);
    EXPECT_EQ(display_value(set.measures[0], figures), "c");
    add("2025-08-01T10:00:00Z", {{"listened", std::string("agree")}});
    figures = figures_for(set, q2_2025);
    EXPECT_FALSE(figures.suppressed);
    EXPECT_EQ(display_value(set.measures[0], figures), "100%");
}

TEST_F(MeasureCalculatorTest, ReportComparesWithThePreviousPeriodAndTheYearBefore)
{
    add_many(6, "2024-08-01T10:00:00Z", {{"listened", std::string("agree")}}); // 2024-Q2: 60%
    add_many(4, "2024-08-01T10:00:00Z", {{"listened", std::string("disagree")}});
    add_many(9, "2025-05-01T10:00:00Z", {{"listened", std::string("agree")}}); // 2025-Q1: 90%
    add_many(1, "2025-05-01T10:00:00Z", {{"listened", std::string("disagree")}});
    add_many(8, "2025-08-01T10:00:00Z", {{"listened", std::string("agree")}}); // 2025-Q2: 80%
    add_many(2, "2025-08-01T10:00:00Z", {{"listened", std::string("disagree")}});
    const MeasureSet set = set_of(survey_measure("listened", R"(["listened"])", R"("positive": ["agree"])")
                                  + "," + survey_measure("annual", R"(["listened"])",
                                                         R"("positive": ["agree"], "frequency": "annual")"));
    MeasureCalculator calculator(store, set);
    const auto results = calculator.report(q2_2025);
    ASSERT_EQ(results.size(), 2u);
    const MeasureResult& quarterly = results[0];
    EXPECT_EQ(quarterly.current.period, q2_2025);
    EXPECT_EQ(display_value(set.measures[0], quarterly.current), "80%");
    EXPECT_EQ(display_value(set.measures[0], quarterly.previous), "90%");
    EXPECT_EQ(display_value(set.measures[0], quarterly.year_before), "60%");
    EXPECT_EQ(quarterly.rag, Rag::green);
    EXPECT_EQ(quarterly.against_previous, Direction::worsening);
    EXPECT_EQ(quarterly.against_year_before, Direction::improving);
    // The annual measure reports the last complete financial year, 2024-25, with no year before it.
    const MeasureResult& annual = results[1];
    EXPECT_EQ(annual.current.period.label(), "FY2024-25");
    EXPECT_EQ(annual.current.base, 10);
    EXPECT_EQ(annual.previous.base, 0);
    EXPECT_EQ(annual.against_previous, Direction::not_available);
    EXPECT_EQ(annual.rag, Rag::red); // 60% against 80, 5 points tolerance
}

TEST_F(MeasureCalculatorTest, ASetIsCheckedAgainstTheStore)
{
    const MeasureSet set = set_of(survey_measure("a", R"(["listend"])", R"("positive": ["agree"])") + ","
                                  + survey_measure("b", R"(["comments"])", R"("positive": ["agree"])") + ","
                                  + survey_measure("c", R"(["listened"])", R"("positive": ["agre"], "out_of_base": ["n/a"])")
                                  + R"(, {"id": "d", "title": "D", "plan_area": "P", "source": {"type": "survey",
                                    "instrument": "nothing", "questions": ["x"]}, "positive": ["y"],
                                    "frequency": "annual", "polarity": "increase"},
                                    {"id": "e", "title": "E", "plan_area": "P", "source": {"type": "compliments_received"},
                                    "frequency": "annual", "polarity": "increase"})");
    try {
        MeasureCalculator calculator(store, set);
        FAIL() << "expected problems";
    } catch (const DefinitionError& error) {
        std::vector<std::string> messages;
        for (const auto& problem : error.problems())
            messages.push_back(problem.to_string());
        const std::vector<std::string> expected{
            "measure set plan: $.measures[0] (a).source.questions: instrument feedback has no question \"listend\"",
            "measure set plan: $.measures[1] (b).source.questions: question \"comments\" of feedback is long_text: "
            "a measure counts the options of choice questions",
            "measure set plan: $.measures[2] (c).positive: \"agre\" is not an option of the question (expected one of "
            "strongly_disagree, disagree, neither, agree, strongly_agree, na, dont_know)",
            "measure set plan: $.measures[2] (c).out_of_base: \"n/a\" is not an option of the question (expected one "
            "of strongly_disagree, disagree, neither, agree, strongly_agree, na, dont_know)",
            "measure set plan: $.measures[3] (d).source.instrument: there is no instrument \"nothing\"",
            "measure set plan: $.measures[4] (e).source.type: counting complaints needs the complaints plugin, "
            "which is not loaded",
        };
        EXPECT_EQ(messages, expected);
    }
}

TEST_F(MeasureCalculatorTest, CountingCanBeCancelled)
{
    class CancelAtOnce : public Progress {
    public:
        void update(std::uint64_t, std::uint64_t, std::string_view) override {}
        bool cancelled() const override { return true; }
    } cancel;
    // Progress is polled every 65,536 responses; a bulk batch gets there quickly.
    std::vector<Response> responses(70000);
    for (auto& response : responses) {
        response.uuid = new_uuid();
        response.instrument_id = "feedback";
        response.instrument_version = 2;
        response.captured_at = "2025-08-01T10:00:00Z";
        response.answers["listened"] = std::string("agree");
    }
    store.add_responses(responses, "tester", "bulk");
    const MeasureSet set = set_of(survey_measure("listened", R"(["listened"])", R"("positive": ["agree"])"));
    MeasureCalculator calculator(store, set);
    EXPECT_THROW(calculator.report(q2_2025, &cancel), Cancelled);
    EXPECT_EQ(calculator.report(q2_2025)[0].current.base, 70000);
}

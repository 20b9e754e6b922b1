// Complaints and compliments measures with the real complaints plugin, loaded by the real
// plugin host, on a real SQLite file: deadlines counted over England and Wales bank holidays.
#include "complaints_support.hpp"
#include "test_support.hpp"

#include "chorus/complaint_register.hpp"
#include "chorus/measures.hpp"
#include "chorus/plugin_api.hpp"
#include "chorus/store.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

class ComplaintMeasuresTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "complaints.db"};
    const CaseProcedure& procedure = test::complaints_procedure();
    const std::vector<plugin::Vocabulary> codes = test::complaints_plugin().plugin->vocabularies();

    // A stage 1 complaint answered on `responded`, each point with its outcome.
    void add(const std::string& received, const std::string& responded, std::vector<std::string> outcomes = {"upheld"},
             bool extended = false, std::vector<std::string> themes = {"communication"})
    {
        Complaint complaint = test::complaint_received(received);
        complaint.uuid.clear();
        complaint.themes = std::move(themes);
        complaint.points.clear();
        for (const std::string& outcome : outcomes)
            complaint.points.push_back({"A point", outcome, outcome.empty() ? "" : "stage1"});
        complaint.stages[0].extended = extended;
        complaint.stages[0].extension_reason = extended ? "Complex: several agencies involved" : "";
        if (!responded.empty())
            complaint.stages[0].milestones["responded"] = responded;
        ComplaintRegister(store, procedure).record(complaint, "cm-001");
    }

    std::vector<MeasureResult> report(const std::string& measures, const Period& period)
    {
        set = parse_measure_set(R"({"id": "complaints", "title": "Complaints", "measures": [)" + measures + "]}",
                                "complaints.json");
        MeasureCalculator calculator(store, set, &procedure, &codes);
        return calculator.report(period);
    }

    MeasureSet set;
};

const Period q4_2024{Frequency::quarterly, 2024, 4}; // January to March 2025

const char* within_timescale = R"({"id": "in-time", "title": "Stage 1 complaints answered within timescale",
    "plan_area": "Complaints", "source": {"type": "complaints_within_timescale"}, "frequency": "quarterly",
    "polarity": "increase", "target": 80, "minimum_base": 1, "decimals": 1})";

} // namespace

TEST_F(ComplaintMeasuresTest, Stage1ResponsesAreTimedInWorkingDaysOverBankHolidays)
{
    // Received Friday 20 December 2024: ten working days, skipping Christmas, Boxing Day and
    // New Year's Day, end on Wednesday 8 January 2025.
    add("2024-12-20", "2025-01-08");                         // on the due day: in time
    add("2024-12-20", "2025-01-09");                         // a day late
    add("2024-12-20", "2025-01-20", {"upheld"}, true);       // complex: 20 working days, due 22 January
    add("2025-01-06", "2025-01-10");                         // in time
    add("2025-03-24", "2025-04-02");                         // answered in the next quarter
    add("2025-03-03", "");                                   // not answered yet
    const auto results = report(within_timescale, q4_2024);
    const MeasureFigures& figures = results[0].current;
    EXPECT_EQ(figures.base, 4);
    EXPECT_EQ(figures.positive, 3);
    EXPECT_EQ(display_value(set.measures[0], figures), "75.0%");
    EXPECT_EQ(results[0].rag, Rag::amber);
}

TEST_F(ComplaintMeasuresTest, AStage1ResponseStillCountsAfterEscalation)
{
    add("2024-12-20", "2025-01-09"); // late
    ComplaintRegister complaints(store, procedure);
    const std::string uuid = complaints.log().list().front().uuid;
    complaints.escalate(uuid, "2025-01-20", "cm-001");
    const auto results = report(within_timescale, q4_2024);
    EXPECT_EQ(results[0].current.base, 1);
    EXPECT_EQ(results[0].current.positive, 0);
}

TEST_F(ComplaintMeasuresTest, OutcomesOfPointsDecidedInThePeriod)
{
    add("2025-01-06", "2025-01-10", {"upheld", "not_upheld"});
    add("2025-01-06", "2025-01-17", {"partially_upheld", "withdrawn"});
    add("2025-01-06", "2025-01-17", {"not_upheld"});
    add("2024-11-04", "2024-11-15", {"upheld"}); // decided in the quarter before
    const auto results = report(R"({"id": "upheld", "title": "Points upheld or partially upheld",
        "plan_area": "Complaints", "source": {"type": "complaint_outcomes", "stage": "stage1"},
        "frequency": "quarterly", "polarity": "decrease", "target": 40, "minimum_base": 1})", q4_2024);
    const MeasureFigures& figures = results[0].current;
    EXPECT_EQ(figures.base, 4);
    EXPECT_EQ(figures.positive, 2);
    ASSERT_EQ(figures.out_of_base.size(), 1u);
    EXPECT_EQ(figures.out_of_base[0], (std::pair<std::string, std::int64_t>{"withdrawn", 1}));
    EXPECT_EQ(results[0].previous.base, 1);
    EXPECT_EQ(results[0].against_previous, Direction::improving); // 100% down to 50%, lower is better
}

TEST_F(ComplaintMeasuresTest, CountsByThemeAndCompliments)
{
    add("2025-01-06", "2025-01-10", {"upheld"}, false, {"communication", "delay"});
    add("2025-02-03", "2025-02-10", {"upheld"}, false, {"delay"});
    add("2025-02-04", "", {""}, false, {"communication"});
    add("2025-04-04", "", {""}, false, {"communication"}); // next quarter
    ComplaintLog log(store);
    for (const char* source : {"foster_carer", "parent", "parent"}) {
        Compliment compliment;
        compliment.received = "2025-02-14";
        compliment.source_type = source;
        compliment.service_area = "children_in_need";
        compliment.summary = "Thank you";
        log.add_compliment(compliment, "cm-001");
    }
    const auto results = report(R"({"id": "communication", "title": "Complaints about communication",
        "plan_area": "Complaints", "source": {"type": "complaints_received", "theme": "communication"},
        "frequency": "quarterly", "polarity": "decrease", "minimum_base": 1},
        {"id": "compliments", "title": "Compliments from parents", "plan_area": "Complaints",
         "source": {"type": "compliments_received", "source_type": "parent"}, "frequency": "quarterly",
         "polarity": "increase", "minimum_base": 1},
        {"id": "all-compliments", "title": "Compliments", "plan_area": "Complaints",
         "source": {"type": "compliments_received"}, "frequency": "quarterly", "polarity": "increase"})", q4_2024);
    EXPECT_EQ(display_value(set.measures[0], results[0].current), "2");
    EXPECT_EQ(display_value(set.measures[1], results[1].current), "2");
    EXPECT_EQ(display_value(set.measures[2], results[2].current), "c"); // 3 is under the default 5
    EXPECT_EQ(display_value(set.measures[2], results[2].previous), "0");
}

TEST_F(ComplaintMeasuresTest, UnknownCodesAndStagesAreRefused)
{
    try {
        report(R"({"id": "weather", "title": "Complaints about the weather", "plan_area": "Complaints",
            "source": {"type": "complaints_received", "theme": "weather", "stage": "stage9"},
            "frequency": "quarterly", "polarity": "decrease"})", q4_2024);
        FAIL() << "expected problems";
    } catch (const DefinitionError& error) {
        ASSERT_EQ(error.problems().size(), 2u);
        EXPECT_NE(error.problems()[0].message.find("\"stage9\" is not a stage of the procedure"), std::string::npos);
        EXPECT_NE(error.problems()[1].message.find("\"weather\" is not a code of the"), std::string::npos);
    }
}

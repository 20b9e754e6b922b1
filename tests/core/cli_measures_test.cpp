// chorus-cli measures, run as the real binary on the demo database with the example measure
// set (docs/measures/example-improvement-plan.json) and small sets written by the tests. The
// expected figures are counted here straight from the database or with other commands.
#include "cli_support.hpp"
#include "test_support.hpp"

#include "chorus/sqlite.hpp"
#include "chorus/store.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using chorus::test::CliResult;
using chorus::test::TempDir;
using Json = nlohmann::json;

const fs::path example_set = fs::path(CHORUS_DOCS_DIR) / "measures" / "example-improvement-plan.json";

// 2025-Q4 is January to March 2026 in England: it ends at midnight BST, 23:00 UTC.
constexpr const char* q4_start = "2026-01-01T00:00:00Z";
constexpr const char* q4_end = "2026-03-31T23:00:00Z";

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::set<std::string> keys_of(const Json& object)
{
    std::set<std::string> keys;
    for (const auto& item : object.items())
        keys.insert(item.key());
    return keys;
}

// A one-measure set on the listened question of the Child in Need survey, with `extra`
// properties added to the measure.
std::string listened_set(const Json& extra = Json::object(), const std::string& question = "listened")
{
    Json measure{{"id", "listened"},
                 {"title", "Parents and carers say their social worker listened to their views"},
                 {"plan_area", "Voice of the child"},
                 {"source", {{"type", "survey"}, {"instrument", "cin-family-feedback"}, {"questions", {question}}}},
                 {"positive", {"agree", "strongly_agree"}},
                 {"frequency", "quarterly"},
                 {"polarity", "increase"},
                 {"target", 85}};
    measure.update(extra);
    return Json{{"id", "test-set"}, {"title", "Test set"}, {"measures", {measure}}}.dump(2);
}

class CliMeasuresTest : public ::testing::Test {
protected:
    void SetUp() override
    {
#if defined(_WIN32)
        GTEST_SKIP() << "the chorus-cli tests run the binary with posix_spawn";
#endif
        const auto seeded = run({"demo"});
        ASSERT_EQ(seeded.status, 0) << seeded;
    }

    // chorus-cli with --db <temp>/demo.db; no CHORUS_PLUGIN_PATH, so only the plugins built
    // with it load.
    CliResult run(const std::vector<std::string>& arguments, const fs::path& program = CHORUS_CLI_PATH)
    {
        return chorus::test::run_on_database(program, arguments, database, temp.path());
    }

    Json report_json(const fs::path& set, const std::string& period = "2025-Q4")
    {
        const auto result = run({"measures", "--set", set.string(), "--period", period, "--format", "json"});
        EXPECT_EQ(result.status, 0) << result;
        return Json::parse(result.out);
    }

    fs::path write_set(const std::string& text)
    {
        chorus::test::write_file(temp / "set.json", text);
        return temp / "set.json";
    }

    // Answers with `code` to `question` of `instrument` captured in 2025-Q4.
    std::int64_t q4_answers(const std::string& instrument, const std::string& question, const std::string& code)
    {
        chorus::Store store(database);
        auto count = store.connection().prepare(
            "SELECT count(*) FROM response r JOIN instrument_version v ON v.id = r.instrument_version_id "
            "JOIN json_each(r.choices) a JOIN choice c ON c.id = a.value JOIN question q ON q.id = c.question_id "
            "WHERE v.instrument = ? AND q.key = ? AND c.code = ? AND r.captured_at >= ? AND r.captured_at < ?");
        count.bind(1, instrument).bind(2, question).bind(3, code).bind(4, q4_start).bind(5, q4_end);
        count.step();
        return count.column_int64(0);
    }

    // A copy, so that it may be taken from a temporary report.
    static Json measure(const Json& report, const std::string& id)
    {
        for (const auto& entry : report["measures"])
            if (entry["id"] == id)
                return entry;
        throw std::runtime_error("no measure " + id);
    }

    TempDir temp;
    fs::path database = temp / "demo.db";
};

TEST_F(CliMeasuresTest, ExampleSetGivesTheDocumentedJsonKeys)
{
    const Json report = report_json(example_set);
    EXPECT_EQ(keys_of(report), (std::set<std::string>{"set", "period", "measures", "scorecard"}));
    EXPECT_EQ(keys_of(report["set"]), (std::set<std::string>{"id", "title", "file"}));
    EXPECT_EQ(report["set"]["file"], example_set.string());
    EXPECT_EQ(report["period"],
              (Json{{"label", "2025-Q4"},
                    {"description", "Q4 2025-26 (January to March 2026)"},
                    {"first_day", "2026-01-01"},
                    {"last_day", "2026-03-31"}}));

    const std::set<std::string> measure_keys{
        "id",         "title",          "plan_area",  "source",         "unit",      "frequency",
        "collection_method", "base_rule", "positive_codes", "minimum_base", "decimals",  "baseline",
        "baseline_period", "target",     "polarity",   "tolerance",      "no_change_band", "complete",
        "current",    "previous",       "year_before", "rag",           "direction_of_travel"};
    const std::set<std::string> figure_keys{"period", "description", "base",  "positive",
                                            "out_of_base", "value",   "display", "suppressed"};
    ASSERT_EQ(report["measures"].size(), 18U);
    for (const auto& entry : report["measures"]) {
        EXPECT_EQ(keys_of(entry), measure_keys) << entry["id"];
        for (const char* figures : {"current", "previous", "year_before"})
            EXPECT_EQ(keys_of(entry[figures]), figure_keys) << entry["id"] << " " << figures;
        EXPECT_EQ(keys_of(entry["direction_of_travel"]),
                  (std::set<std::string>{"against_previous", "against_year_before"}));
    }

    const std::set<std::string> count_keys{"green", "amber",  "red",   "blue",           "not_rated",
                                           "rated", "total",  "sentence", "percent_of_rated"};
    std::set<std::string> area_keys = count_keys;
    area_keys.insert("plan_area");
    ASSERT_EQ(report["scorecard"]["areas"].size(), 4U);
    for (const auto& area : report["scorecard"]["areas"])
        EXPECT_EQ(keys_of(area), area_keys);
    const Json& overall = report["scorecard"]["overall"];
    EXPECT_EQ(keys_of(overall), count_keys);
    EXPECT_EQ(overall["sentence"], "feedback measures: 9 green, 5 amber, 3 red, 1 not rated");
    EXPECT_DOUBLE_EQ(overall["percent_of_rated"]["green"].get<double>(), 900.0 / 17.0);
}

TEST_F(CliMeasuresTest, SurveyFiguresAreTheAnswersOfThePeriodsUkDays)
{
    const Json report = report_json(example_set);

    const Json listened = measure(report, "voc-cin-listened");
    const std::int64_t agreed = q4_answers("cin-family-feedback", "listened", "agree")
                              + q4_answers("cin-family-feedback", "listened", "strongly_agree");
    std::int64_t answered = 0;
    for (const char* code : {"strongly_disagree", "disagree", "neither", "agree", "strongly_agree"})
        answered += q4_answers("cin-family-feedback", "listened", code);
    ASSERT_GT(answered, 0);
    EXPECT_EQ(listened["current"]["positive"], agreed);
    EXPECT_EQ(listened["current"]["base"], answered);
    EXPECT_DOUBLE_EQ(listened["current"]["value"].get<double>(),
                     static_cast<double>(agreed) * 100.0 / static_cast<double>(answered));
    EXPECT_EQ(listened["base_rule"], "excludes blanks");
    EXPECT_EQ(listened["current"]["period"], "2025-Q4");
    EXPECT_EQ(listened["previous"]["period"], "2025-Q3");
    EXPECT_EQ(listened["year_before"]["period"], "2024-Q4");

    // N/A leaves the base by default and is counted beside it.
    const Json plan = measure(report, "voc-cin-plan-helped");
    EXPECT_EQ(plan["base_rule"], "excludes na and blanks");
    EXPECT_EQ(plan["current"]["out_of_base"]["na"], q4_answers("cin-family-feedback", "plan_helped", "na"));

    // A measure that lists no out-of-base codes and keeps blanks says N/A is in its base.
    const Json know_who = measure(report, "voc-ypv-know-who");
    EXPECT_EQ(know_who["base_rule"], "includes na and blanks");
    EXPECT_EQ(know_who["current"]["positive"], q4_answers("young-peoples-views-8-11", "know_who", "yes"));
}

TEST_F(CliMeasuresTest, ComplimentsMeasureCountsWhatComplimentsListShows)
{
    const auto listed = run({"compliments", "list", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "json"});
    ASSERT_EQ(listed.status, 0) << listed;
    const Json report = report_json(example_set);
    const Json compliments = measure(report, "cl-compliments");
    EXPECT_EQ(compliments["unit"], "count");
    EXPECT_EQ(compliments["current"]["value"].get<double>(), static_cast<double>(Json::parse(listed.out).size()));
    EXPECT_EQ(compliments["base_rule"], "a count: no base");
}

TEST_F(CliMeasuresTest, StageOneTimelinessCountsTheResponsesSentInThePeriod)
{
    const Json report = report_json(example_set);
    const Json stage1 = measure(report, "cl-stage1-in-time");
    EXPECT_EQ(stage1["current"]["period"], "2025-H2"); // six-monthly, in the report period 2025-Q4

    chorus::Store store(database);
    auto sent = store.connection().prepare(
        "SELECT count(*) FROM complaint_stage s JOIN complaint_milestone m ON m.complaint_id = s.complaint_id "
        "AND m.stage_position = s.position AND m.milestone = 'responded' "
        "WHERE s.stage = 'stage1' AND m.date BETWEEN '2025-10-01' AND '2026-03-31'");
    sent.step();
    EXPECT_EQ(stage1["current"]["base"], sent.column_int64(0));
    // Counted by hand over the demo's 11 responses: the one to a complaint started on
    // 2025-09-11 (due 2025-09-25) and the one started on 2025-11-28 (due 2025-12-12) were late.
    EXPECT_EQ(stage1["current"]["positive"], sent.column_int64(0) - 2);
}

TEST_F(CliMeasuresTest, SuppressedFigureShowsNoCounts)
{
    const fs::path set = write_set(listened_set({{"minimum_base", 1000}}));
    const auto result = run({"measures", "--set", set.string(), "--period", "2025-Q4", "--format", "json"});
    ASSERT_EQ(result.status, 0) << result;
    const Json report = Json::parse(result.out);
    const Json& current = report["measures"][0]["current"];
    EXPECT_EQ(current["base"], "<1000");
    EXPECT_TRUE(current["positive"].is_null());
    EXPECT_TRUE(current["out_of_base"].is_null());
    EXPECT_TRUE(current["value"].is_null());
    EXPECT_EQ(current["display"], "c");
    EXPECT_EQ(current["suppressed"], true);
    EXPECT_EQ(report["measures"][0]["rag"], "none");

    const auto table = run({"measures", "--set", set.string(), "--period", "2025-Q4", "--format", "table"});
    ASSERT_EQ(table.status, 0) << table;
    EXPECT_TRUE(contains(table.out, "<1000 [1]")) << table;
    EXPECT_TRUE(contains(table.out, "c: not shown")) << table;
    const std::string base = std::to_string(q4_answers("cin-family-feedback", "listened", "agree"));
    EXPECT_FALSE(contains(table.out, " " + base + " ")) << table;
}

TEST_F(CliMeasuresTest, TableEndsWithTheScorecardSentences)
{
    const auto result = run({"measures", "--set", example_set.string(), "--today", "2026-03-31", "--format", "table"});
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_TRUE(contains(result.out, "Report period: Q4 2025-26 (January to March 2026)")) << result;
    EXPECT_TRUE(contains(result.out, "\nVoice of the child\nMeasure ")) << result;
    EXPECT_TRUE(contains(result.out, "\nScorecard:\n  Voice of the child\n    feedback measures: 4 green, 1 amber, "
                                     "1 red\n      of 6 rated: 67% green, 17% amber, 17% red\n"))
        << result;
    EXPECT_TRUE(contains(result.out, "  All plan areas\n    feedback measures: 9 green, 5 amber, 3 red, 1 not rated"
                                     "\n      of 17 rated: 53% green, 29% amber, 18% red\n"))
        << result;
    EXPECT_LE(chorus::test::widest_line(result.out), 100U) << "fits a 100-column terminal\n" << result;
    EXPECT_TRUE(contains(result.out, "[2] excludes na and blanks")) << result;
}

TEST_F(CliMeasuresTest, DefaultPeriodIsTheLatestQuarterEndedByToday)
{
    for (const auto& [today, period] : {std::pair{"2026-03-31", "2025-Q4"}, std::pair{"2026-03-30", "2025-Q3"},
                                        std::pair{"2026-04-15", "2025-Q4"}}) {
        const auto result = run({"measures", "--set", example_set.string(), "--today", today, "--format", "json"});
        ASSERT_EQ(result.status, 0) << result;
        EXPECT_EQ(Json::parse(result.out)["period"]["label"], period) << today;
    }
}

TEST_F(CliMeasuresTest, BadPeriodIsAUsageError)
{
    const auto result = run({"measures", "--set", example_set.string(), "--period", "2025-Q5"});
    EXPECT_EQ(result.status, 2) << result;
    for (const char* part : {"\"2025-Q5\"", "2025-Q3", "2025-12", "2025-H1", "FY2025-26"})
        EXPECT_TRUE(contains(result.err, part)) << part << "\n" << result;
    EXPECT_TRUE(result.out.empty()) << result;
}

TEST_F(CliMeasuresTest, UnknownQuestionNamesTheQuestionAndTheFile)
{
    const fs::path set = write_set(listened_set(Json::object(), "listened_to_me"));
    const auto result = run({"measures", "--set", set.string(), "--period", "2025-Q4"});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_TRUE(contains(result.err, "chorus-cli: " + set.string() + ": $.measures[0] (listened).source.questions: "
                                     "instrument cin-family-feedback has no question \"listened_to_me\""))
        << result;
}

TEST_F(CliMeasuresTest, SetFileProblemsAreListedOnePerLine)
{
    Json bad = Json::parse(listened_set({{"polarity", "upwards"}, {"decimals", 9}}));
    const fs::path set = write_set(bad.dump());
    const auto result = run({"measures", "--set", set.string(), "--period", "2025-Q4"});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_TRUE(contains(result.err, "(and 1 more problem)\n")) << result;
    EXPECT_TRUE(contains(result.err, "\n  " + set.string() + ": $.measures[0] (listened).decimals: must be 0 to 3\n"))
        << result;
    EXPECT_TRUE(contains(result.err, "\n  " + set.string() + ": $.measures[0] (listened).polarity: unknown polarity "
                                     "\"upwards\""))
        << result;
}

TEST_F(CliMeasuresTest, ComplaintsMeasuresWithoutTheComplaintsPluginSaySo)
{
    const fs::path program = chorus::test::install_without_plugins(CHORUS_CLI_PATH, temp / "install");

    const auto refused = run({"measures", "--set", example_set.string(), "--period", "2025-Q4"}, program);
    EXPECT_EQ(refused.status, 1) << refused;
    EXPECT_TRUE(contains(refused.err, "chorus-cli: measure set " + example_set.string()
                                          + " has complaints measures (cl-stage1-in-time, cl-upheld, "
                                            "cl-communication and cl-compliments), which need the complaints "
                                            "plugin; the complaints plugin is not loaded"))
        << refused;

    // A set of survey measures needs no plugin.
    const fs::path survey_only = write_set(listened_set());
    const auto counted = run({"measures", "--set", survey_only.string(), "--period", "2025-Q4"}, program);
    EXPECT_EQ(counted.status, 0) << counted;
}

} // namespace

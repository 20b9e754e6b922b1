#include "chorus/stats.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/store.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

class StatsTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "stats.db"};

    void SetUp() override { store.add_instrument(test::every_type_instrument(), "tester"); }

    void add(std::map<std::string, Answer> answers, int version = 1)
    {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = version;
        r.captured_at = "2025-05-05T12:00:00Z";
        if (!answers.count("agree"))
            answers["agree"] = std::string("neither");
        r.answers = std::move(answers);
        store.add_response(r, "tester");
    }

    const OptionCount& option(const QuestionStats& stats, const std::string& code)
    {
        for (const auto& entry : stats.options)
            if (entry.code == code)
                return entry;
        throw std::runtime_error("no option " + code);
    }
};

} // namespace

TEST_F(StatsTest, CountsPercentagesAndBlanks)
{
    for (const char* code : {"yes", "yes", "no", "na", "na"})
        add({{"yesno", std::string(code)}});
    add({}); // blank

    auto stats = compute_question_stats(store, {"every-type", "yesno", {}});
    EXPECT_EQ(stats.responses, 6);
    EXPECT_EQ(stats.blank, 1);
    EXPECT_EQ(stats.base, 5);
    EXPECT_TRUE(stats.excluded.empty());
    ASSERT_EQ(stats.options.size(), 3u);
    EXPECT_EQ(stats.options[0].code, "yes");
    EXPECT_EQ(stats.options[0].label, "Yes");
    EXPECT_EQ(stats.options[0].count, 2);
    EXPECT_DOUBLE_EQ(stats.options[0].percent, 40.0);

    // "Not applicable" out of the base: 2 of 3 said yes.
    stats = compute_question_stats(store, {"every-type", "yesno", {"na"}});
    EXPECT_EQ(stats.base, 3);
    ASSERT_EQ(stats.excluded.size(), 1u);
    EXPECT_EQ(stats.excluded[0], (std::pair<std::string, std::int64_t>{"na", 2}));
    ASSERT_EQ(stats.options.size(), 2u);
    EXPECT_DOUBLE_EQ(option(stats, "yes").percent, 200.0 / 3.0); // unrounded
    EXPECT_DOUBLE_EQ(option(stats, "no").percent, 100.0 / 3.0);
}

TEST_F(StatsTest, OptionsNobodyChoseAreListedWithZero)
{
    add({{"faces3", std::string("happy")}});
    auto stats = compute_question_stats(store, {"every-type", "faces3", {}});
    ASSERT_EQ(stats.options.size(), 3u);
    EXPECT_EQ(option(stats, "sad").count, 0);
    EXPECT_DOUBLE_EQ(option(stats, "happy").percent, 100.0);
}

TEST_F(StatsTest, MultipleChoiceBaseIsRespondents)
{
    add({{"many", std::vector<std::string>{"cin", "cp"}}});
    add({{"many", std::vector<std::string>{"cin"}}});
    add({{"many", std::vector<std::string>{"early_help"}}});
    add({});
    auto stats = compute_question_stats(store, {"every-type", "many", {}});
    EXPECT_EQ(stats.base, 3);
    EXPECT_EQ(stats.blank, 1);
    EXPECT_EQ(option(stats, "cin").count, 2);
    EXPECT_DOUBLE_EQ(option(stats, "cin").percent, 200.0 / 3.0);

    // Someone who chose only excluded options leaves the base; one who also chose another stays.
    stats = compute_question_stats(store, {"every-type", "many", {"early_help", "cp"}});
    EXPECT_EQ(stats.base, 2);
    EXPECT_DOUBLE_EQ(option(stats, "cin").percent, 100.0);
}

TEST_F(StatsTest, NumericSummary)
{
    for (std::int64_t value : {4, 1, 10, 7})
        add({{"count", value}});
    auto stats = compute_question_stats(store, {"every-type", "count", {}});
    EXPECT_EQ(stats.base, 4);
    ASSERT_TRUE(stats.numeric);
    EXPECT_EQ(stats.numeric->min, 1);
    EXPECT_EQ(stats.numeric->max, 10);
    EXPECT_DOUBLE_EQ(stats.numeric->mean, 5.5);
    EXPECT_DOUBLE_EQ(stats.numeric->median, 5.5);
    EXPECT_TRUE(stats.options.empty());
}

TEST_F(StatsTest, AddsUpAcrossVersionsByCode)
{
    add({{"choice", std::string("school")}});
    Instrument second = test::every_type_instrument(2);
    second.questions[1].options = {{"friend", "A friend"}, {"school", "At school"}, {"online", "Online"}};
    store.add_instrument(second, "tester");
    add({{"choice", std::string("school")}}, 2);
    add({{"choice", std::string("online")}}, 2);
    auto stats = compute_question_stats(store, {"every-type", "choice", {}});
    EXPECT_EQ(stats.base, 3);
    EXPECT_EQ(option(stats, "school").count, 2);
    EXPECT_EQ(option(stats, "school").label, "At school") << "labels come from the latest version";
    EXPECT_EQ(stats.options[0].code, "friend") << "the latest version's order comes first";
    EXPECT_EQ(stats.options.back().code, "other") << "codes only older versions had are still counted";
}

TEST_F(StatsTest, ClearErrors)
{
    auto message = [&](StatsQuery query) {
        try {
            compute_question_stats(store, query);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("(no error)");
    };
    EXPECT_NE(message({"nope", "x", {}}).find("there is no instrument \"nope\""), std::string::npos);
    EXPECT_EQ(message({"every-type", "nope", {}}), "instrument \"every-type\" has no question \"nope\"");
    EXPECT_EQ(message({"every-type", "yesno", {"dont_know"}}),
              "\"dont_know\" is not an option of question \"yesno\" (options: yes, no, na)");
    EXPECT_NE(message({"every-type", "intro", {}}).find("is a note"), std::string::npos);
}

TEST(FormatPercent, RoundsHalfAwayFromZeroFromExactCounts)
{
    EXPECT_EQ(format_percent(1, 8, 0), "13");   // 12.5
    EXPECT_EQ(format_percent(1, 8, 1), "12.5");
    EXPECT_EQ(format_percent(3, 8, 0), "38");   // 37.5
    EXPECT_EQ(format_percent(1, 16, 1), "6.3"); // 6.25
    EXPECT_EQ(format_percent(1, 3, 2), "33.33");
    EXPECT_EQ(format_percent(2, 3, 0), "67");
    EXPECT_EQ(format_percent(1, 200, 0), "1");  // 0.5
    EXPECT_EQ(format_percent(1, 201, 0), "0");  // 0.497...
    EXPECT_EQ(format_percent(0, 5, 1), "0.0");
    EXPECT_EQ(format_percent(5, 5, 0), "100");
    EXPECT_EQ(format_percent(31, 38, 2), "81.58"); // domain.md's example
    EXPECT_EQ(format_percent(1, 0, 0), "-");
    EXPECT_EQ(format_percent(1, 1000000, 4), "0.0001");
}

TEST_F(StatsTest, FiltersByPeriodTeamAndRespondentType)
{
    auto add_one = [&](const char* at, const char* team, const char* type, const char* yesno, std::int64_t count) {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = 1;
        r.captured_at = at;
        r.team = team;
        r.respondent_type = type;
        r.answers = {{"agree", std::string("agree")}, {"yesno", std::string(yesno)}, {"count", count},
                     {"many", std::vector<std::string>{"cp"}}};
        store.add_response(r, "tester");
    };
    add_one("2025-04-01T08:00:00Z", "North", "parent", "yes", 1);
    add_one("2025-06-30T22:00:00Z", "North", "child", "no", 2);
    add_one("2025-07-01T08:00:00Z", "South", "parent", "yes", 3);

    StatsQuery quarter{"every-type", "yesno", {}};
    quarter.captured_from = "2025-04-01";
    quarter.captured_to = "2025-06-30";
    auto stats = compute_question_stats(store, quarter);
    EXPECT_EQ(stats.responses, 2);
    EXPECT_EQ(stats.base, 2);
    EXPECT_EQ(option(stats, "yes").count, 1);
    EXPECT_EQ(option(stats, "no").count, 1);

    StatsQuery parents{"every-type", "yesno", {}};
    parents.respondent_type = "parent";
    stats = compute_question_stats(store, parents);
    EXPECT_EQ(stats.responses, 2);
    EXPECT_EQ(option(stats, "yes").count, 2);
    EXPECT_EQ(option(stats, "no").count, 0);

    StatsQuery south{"every-type", "count", {}};
    south.team = "South";
    stats = compute_question_stats(store, south);
    EXPECT_EQ(stats.base, 1);
    ASSERT_TRUE(stats.numeric);
    EXPECT_DOUBLE_EQ(stats.numeric->mean, 3.0);

    StatsQuery north_many{"every-type", "many", {}};
    north_many.team = "North";
    stats = compute_question_stats(store, north_many);
    EXPECT_EQ(stats.responses, 2);
    EXPECT_EQ(stats.base, 2);
    EXPECT_EQ(option(stats, "cp").count, 2);
}

// A small instrument among many responses is read through the index, a large one by reading
// the whole table (response_scan.hpp): both give the same counts.
TEST_F(StatsTest, CountsAlikeWhetherReadThroughTheIndexOrTheWholeTable)
{
    Instrument other = test::every_type_instrument();
    other.id = "other";
    store.add_instrument(other, "tester");
    for (int i = 0; i < 30; ++i) {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "other";
        r.instrument_version = 1;
        r.captured_at = "2025-05-05T12:00:00Z";
        r.answers = {{"agree", std::string("agree")}, {"yesno", std::string(i % 3 ? "yes" : "no")}};
        store.add_response(r, "tester");
    }
    add({{"yesno", std::string("no")}});
    add({{"yesno", std::string("yes")}});

    const QuestionStats few = compute_question_stats(store, {"every-type", "yesno", {}});
    EXPECT_EQ(few.responses, 2);
    EXPECT_EQ(option(few, "yes").count, 1);
    EXPECT_EQ(option(few, "no").count, 1);
    const QuestionStats many = compute_question_stats(store, {"other", "yesno", {}});
    EXPECT_EQ(many.responses, 30);
    EXPECT_EQ(option(many, "yes").count, 20);
    EXPECT_EQ(option(many, "no").count, 10);
}

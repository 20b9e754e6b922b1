// The family_feedback plugin: its definition files in the source folder, and the built
// plugin loaded by the real PluginHost from the build's plugin folder.
#include "survey_plugin_support.hpp"
#include "test_support.hpp"

#include "chorus/plugin_host.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace chorus;
using chorus::test::find_instrument;
using chorus::test::option_codes;
using chorus::test::sample_response;

namespace {

constexpr const char* plugin_id = "family_feedback";

// One realistic complete response per instrument, answered by the people it is for.
std::vector<Response> family_feedback_samples(const std::vector<Instrument>& instruments)
{
    using Answers = std::map<std::string, Answer>;
    return {
        sample_response(find_instrument(instruments, "cin-family-feedback"), "parent",
                        Answers{{"knew_why", "agree"},
                                {"easy_to_talk", "strongly_agree"},
                                {"listened", "disagree"},
                                {"listened_better", std::string("Ring back when she says she will.")},
                                {"reliable", "neither"},
                                {"respected", "agree"},
                                {"plan_helped", "na"},
                                {"could_be_better", std::string("Meetings after school pick-up.")}}),
        sample_response(find_instrument(instruments, "cin-family-feedback"), "young_person",
                        Answers{{"knew_why", "strongly_agree"},
                                {"easy_to_talk", "agree"},
                                {"listened", "agree"},
                                {"reliable", "agree"},
                                {"respected", "strongly_agree"},
                                {"plan_helped", "agree"}}),
        sample_response(find_instrument(instruments, "cp-conference-parent-feedback"), "carer",
                        Answers{{"conference_type", "initial"},
                                {"saw_report", "no"},
                                {"chair_explained", "agree"},
                                {"views_heard", "disagree"},
                                {"respected", "agree"},
                                {"understanding_concerns", "partly"},
                                {"understanding_help", std::string("Seeing the report a few days before.")},
                                {"know_next", "agree"},
                                {"rating", "requires_improvement"},
                                {"went_well", std::string("The chair was kind and explained things.")}}),
        sample_response(find_instrument(instruments, "young-peoples-views-4-7"), "child",
                        Answers{{"feel_social_worker", "happy"},
                                {"listened", "ok"},
                                {"feel_home", "happy"},
                                {"can_tell", "yes"},
                                {"one_wish", std::string("A puppy")}}),
        sample_response(find_instrument(instruments, "young-peoples-views-8-11"), "child",
                        Answers{{"feel_social_worker", "very_happy"},
                                {"listened", "happy"},
                                {"safe_home", "ok"},
                                {"know_who", "na"}}),
        sample_response(find_instrument(instruments, "young-peoples-views-11-18"), "young_person",
                        Answers{{"know_why", "agree"},
                                {"listened", "strongly_disagree"},
                                {"listened_better", std::string("Actually read my messages.")},
                                {"views_count", "neither"},
                                {"feel_safe", "agree"},
                                {"sw_helpful", "6"},
                                {"life_now", "7"}}),
    };
}

class FamilyFeedbackPlugin : public ::testing::Test {
protected:
    void SetUp() override
    {
        plugin = test::load_built_plugin(host, plugin_id);
        ASSERT_NE(plugin, nullptr);
    }

    PluginHost host;
    const LoadedPlugin* plugin = nullptr;
};

std::size_t word_count(const std::string& text)
{
    std::istringstream words(text);
    return static_cast<std::size_t>(std::distance(std::istream_iterator<std::string>(words),
                                                  std::istream_iterator<std::string>()));
}

} // namespace

TEST(FamilyFeedbackFiles, ConferenceRatingIsTheFourPointQualityScale)
{
    const auto instruments = test::load_instrument_files(plugin_id);
    const Instrument& conference = find_instrument(instruments, "cp-conference-parent-feedback");
    const Question* rating = conference.find_question("rating");
    ASSERT_NE(rating, nullptr);
    EXPECT_EQ(rating->type, QuestionType::single_choice);
    EXPECT_EQ(option_codes(*rating),
              (std::vector<std::string>{"inadequate", "requires_improvement", "good", "outstanding"}));
    const Question* understanding = conference.find_question("understanding_concerns");
    ASSERT_NE(understanding, nullptr);
    EXPECT_NE(understanding->label.find("increase your understanding of the concerns"), std::string::npos);
    EXPECT_EQ(conference.respondent_types, (std::vector<std::string>{"parent", "carer"}));
}

TEST(FamilyFeedbackFiles, YoungPeoplesViewsUseTheScaleForTheirAge)
{
    const auto instruments = test::load_instrument_files(plugin_id);
    const auto count = [](const Instrument& instrument, auto predicate) {
        return std::count_if(instrument.questions.begin(), instrument.questions.end(), predicate);
    };
    const auto faces = [](int n) {
        return [n](const Question& q) { return q.type == QuestionType::faces && q.faces == n; };
    };
    const auto of_type = [](QuestionType type) { return [type](const Question& q) { return q.type == type; }; };

    const Instrument& young = find_instrument(instruments, "young-peoples-views-4-7");
    EXPECT_GE(count(young, faces(3)), 3);
    EXPECT_EQ(count(young, faces(5)) + count(young, of_type(QuestionType::agree_scale)) +
                  count(young, of_type(QuestionType::rating_0_10)),
              0);
    const Instrument& middle = find_instrument(instruments, "young-peoples-views-8-11");
    EXPECT_GE(count(middle, faces(5)), 3);
    EXPECT_EQ(count(middle, faces(3)), 0);
    const Instrument& older = find_instrument(instruments, "young-peoples-views-11-18");
    EXPECT_GE(count(older, of_type(QuestionType::agree_scale)), 3);
    EXPECT_GE(count(older, of_type(QuestionType::rating_0_10)), 1);
    EXPECT_EQ(count(older, of_type(QuestionType::faces)), 0);

    // Read aloud to a child of four: every question short.
    for (const Question& question : young.questions)
        EXPECT_LE(word_count(question.label), 20u) << question.key;
    EXPECT_EQ(young.respondent_types, std::vector<std::string>{"child"});
    EXPECT_EQ(older.respondent_types, std::vector<std::string>{"young_person"});
}

TEST(FamilyFeedbackFiles, RecordChildrenYoungPeopleParentsAndCarers)
{
    std::set<std::string> recorded;
    for (const Instrument& instrument : test::load_instrument_files(plugin_id)) {
        EXPECT_FALSE(instrument.respondent_types.empty()) << instrument.id << " says who it is for";
        recorded.insert(instrument.respondent_types.begin(), instrument.respondent_types.end());
    }
    for (const char* type : {"child", "young_person", "parent", "carer"})
        EXPECT_TRUE(recorded.count(type)) << type;
}

TEST(FamilyFeedbackFiles, SampleResponsesValidateAndSave)
{
    test::TempDir dir;
    const auto instruments = test::load_instrument_files(plugin_id);
    test::expect_stored(dir / "chorus.db", instruments, family_feedback_samples(instruments));
}

TEST_F(FamilyFeedbackPlugin, LoadsFromTheBuildFolderAndSaysWhatItIs)
{
    EXPECT_EQ(plugin->info.id, plugin_id);
    EXPECT_EQ(plugin->info.name, "Family feedback surveys");
    EXPECT_EQ(plugin->info.version, "1.0.0");
    EXPECT_NE(plugin->info.description.find("young people's views"), std::string::npos);
    EXPECT_EQ(plugin->file.stem(), plugin_id);
    EXPECT_TRUE(plugin->vocabularies.empty());
}

TEST_F(FamilyFeedbackPlugin, InstrumentsAndSampleResponsesSaveInARealStore)
{
    test::TempDir dir;
    test::expect_stored(dir / "chorus.db", plugin->instruments, family_feedback_samples(plugin->instruments));
}


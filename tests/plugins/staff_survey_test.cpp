// The staff_survey plugin: its definition files in the source folder, and the built
// plugin loaded by the real PluginHost from the build's plugin folder.
#include "survey_plugin_support.hpp"
#include "test_support.hpp"

#include "chorus/plugin_host.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace chorus;
using chorus::test::find_instrument;
using chorus::test::option_codes;
using chorus::test::sample_response;

namespace {

constexpr const char* plugin_id = "staff_survey";

const std::vector<std::string> quality_codes{"inadequate", "requires_improvement", "good", "outstanding"};

// One realistic complete response per instrument.
std::vector<Response> staff_survey_samples(const std::vector<Instrument>& instruments)
{
    using Answers = std::map<std::string, Answer>;
    using Codes = std::vector<std::string>;
    return {
        sample_response(find_instrument(instruments, "practitioner-survey"), "staff",
                        Answers{{"role", "social_worker"},
                                {"years_in_role", std::int64_t{3}},
                                {"feedback_performance", "agree"},
                                {"supervision", "strongly_agree"},
                                {"learning_culture", "neither"},
                                {"confident_exploitation", "yes"},
                                {"confident_sos", "no"},
                                {"recommend", "8"},
                                {"one_change", std::string("Protected time for reflective group supervision.")}}),
        sample_response(find_instrument(instruments, "training-feedback"), "staff",
                        Answers{{"feedback_on", "training"},
                                {"topic", std::string("Contextual safeguarding, March")},
                                {"relevance", "very_relevant"},
                                {"more_confident", "agree"},
                                {"changed_practice", "yes"},
                                {"how_changed", std::string("I now map peer groups and places in assessments.")}}),
        sample_response(find_instrument(instruments, "training-feedback"), "partner",
                        Answers{{"feedback_on", "newsletter"},
                                {"relevance", "somewhat_relevant"},
                                {"changed_practice", "no"},
                                {"what_would_help", std::string("A one-page summary for schools.")}}),
        sample_response(find_instrument(instruments, "meeting-model-partner-feedback"), "partner",
                        Answers{{"agency", "education"},
                                {"meeting", "review_conference"},
                                {"preparation", "requires_improvement"},
                                {"child_focus", "good"},
                                {"family_voice", "outstanding"},
                                {"plan_clarity", "good"},
                                {"overall", "good"},
                                {"able_to_contribute", "strongly_agree"},
                                {"could_be_better", std::string("Reports shared three days before, not on the day.")}}),
        sample_response(find_instrument(instruments, "three-houses"), "staff",
                        Answers{{"worries", std::string("Caseloads went up when two posts were left empty.")},
                                {"working_well", std::string("Group supervision every fortnight; a good team.")},
                                {"dreams", std::string("Fewer handovers, so families keep one worker.")},
                                {"themes", Codes{"workload", "supervision", "staffing", "team_culture"}}}),
    };
}

class StaffSurveyPlugin : public ::testing::Test {
protected:
    void SetUp() override
    {
        plugin = test::load_built_plugin(host, plugin_id);
        ASSERT_NE(plugin, nullptr);
    }

    PluginHost host;
    const LoadedPlugin* plugin = nullptr;
};

} // namespace

TEST(StaffSurveyFiles, PractitionerSurveyAsksAboutSupervisionFeedbackLearningAndConfidence)
{
    const auto instruments = test::load_instrument_files(plugin_id);
    const Instrument& survey = find_instrument(instruments, "practitioner-survey");
    for (const char* key : {"feedback_performance", "supervision", "learning_culture"}) {
        const Question* question = survey.find_question(key);
        ASSERT_NE(question, nullptr) << key;
        EXPECT_EQ(question->type, QuestionType::agree_scale) << key;
    }
    for (const char* key : {"confident_exploitation", "confident_sos"}) {
        const Question* question = survey.find_question(key);
        ASSERT_NE(question, nullptr) << key;
        EXPECT_EQ(question->type, QuestionType::yes_no_na) << key;
        ASSERT_NE(question->find_option("na"), nullptr) << key;
        EXPECT_EQ(question->find_option("na")->label, "Not applicable to my role") << key;
    }
}

TEST(StaffSurveyFiles, TrainingFeedbackAsksRelevanceAndWhetherPracticeChanged)
{
    const auto instruments = test::load_instrument_files(plugin_id);
    const Instrument& training = find_instrument(instruments, "training-feedback");
    const Question* relevance = training.find_question("relevance");
    ASSERT_NE(relevance, nullptr);
    EXPECT_EQ(relevance->type, QuestionType::single_choice);
    EXPECT_EQ(option_codes(*relevance),
              (std::vector<std::string>{"not_relevant", "somewhat_relevant", "relevant", "very_relevant"}));
    const Question* changed = training.find_question("changed_practice");
    ASSERT_NE(changed, nullptr);
    EXPECT_EQ(option_codes(*changed), (std::vector<std::string>{"yes", "no"}));
    const Question* how = training.find_question("how_changed");
    ASSERT_NE(how, nullptr);
    EXPECT_EQ(how->type, QuestionType::long_text);
    EXPECT_EQ(how->relevant, "changed_practice = 'yes'");
}

TEST(StaffSurveyFiles, PartnerMeetingRatingsAreTheFourPointQualityScale)
{
    const auto instruments = test::load_instrument_files(plugin_id);
    const Instrument& meeting = find_instrument(instruments, "meeting-model-partner-feedback");
    std::size_t ratings = 0;
    for (const Question& question : meeting.questions) {
        if (question.find_option("outstanding") == nullptr)
            continue;
        EXPECT_EQ(option_codes(question), quality_codes) << question.key;
        ++ratings;
    }
    EXPECT_EQ(ratings, 5u);
}

TEST(StaffSurveyFiles, ThreeHousesHasThreeFreeTextHousesAndThemes)
{
    const auto instruments = test::load_instrument_files(plugin_id);
    const Instrument& houses = find_instrument(instruments, "three-houses");
    for (const char* key : {"worries", "working_well", "dreams"}) {
        const Question* house = houses.find_question(key);
        ASSERT_NE(house, nullptr) << key;
        EXPECT_EQ(house->type, QuestionType::long_text) << key;
    }
    const Question* themes = houses.find_question("themes");
    ASSERT_NE(themes, nullptr);
    EXPECT_EQ(themes->type, QuestionType::multiple_choice);
    EXPECT_GE(themes->options.size(), 8u);
}

TEST(StaffSurveyFiles, SampleResponsesValidateAndSave)
{
    test::TempDir dir;
    const auto instruments = test::load_instrument_files(plugin_id);
    test::expect_stored(dir / "chorus.db", instruments, staff_survey_samples(instruments));
}

TEST_F(StaffSurveyPlugin, LoadsFromTheBuildFolderAndSaysWhatItIs)
{
    EXPECT_EQ(plugin->info.id, plugin_id);
    EXPECT_EQ(plugin->info.name, "Staff surveys");
    EXPECT_EQ(plugin->info.version, "1.0.0");
    EXPECT_NE(plugin->info.description.find("three houses"), std::string::npos);
    EXPECT_EQ(plugin->file.stem(), plugin_id);
}

TEST_F(StaffSurveyPlugin, ThreeHousesThemesQuestionOffersExactlyTheVocabulary)
{
    ASSERT_EQ(plugin->vocabularies.size(), 1u);
    const plugin::Vocabulary& vocabulary = plugin->vocabularies.front();
    EXPECT_EQ(vocabulary.id, "three-houses-themes");
    EXPECT_EQ(vocabulary.title, "Three houses themes");
    const Question* themes = find_instrument(plugin->instruments, "three-houses").find_question("themes");
    ASSERT_NE(themes, nullptr);
    ASSERT_EQ(themes->options.size(), vocabulary.terms.size());
    for (std::size_t i = 0; i < vocabulary.terms.size(); ++i) {
        EXPECT_EQ(themes->options[i].code, vocabulary.terms[i].code);
        EXPECT_EQ(themes->options[i].label, vocabulary.terms[i].label);
    }
}

TEST_F(StaffSurveyPlugin, InstrumentsAndSampleResponsesSaveInARealStore)
{
    test::TempDir dir;
    test::expect_stored(dir / "chorus.db", plugin->instruments, staff_survey_samples(plugin->instruments));
}


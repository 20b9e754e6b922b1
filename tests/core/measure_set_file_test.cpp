#include "chorus/measure_set_file.hpp"

#include "chorus/instrument_json.hpp"
#include "chorus/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace chorus;

namespace {

MeasureSet agree_set(double target)
{
    return parse_measure_set(R"({"id": "plan", "title": "Plan", "measures": [
        {"id": "agreed", "title": "They agreed", "plan_area": "Voice of the child",
         "source": {"type": "survey", "instrument": "every-type", "questions": ["agree"]},
         "positive": ["agree", "strongly_agree"], "frequency": "quarterly", "polarity": "increase",
         "target": )" + std::to_string(target) + "}]}",
                             "plan.json");
}

class MeasureSetFileTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "store.db"};
    void SetUp() override { store.add_instrument(test::every_type_instrument(), "tester"); }
};

} // namespace

TEST_F(MeasureSetFileTest, SavedSetReadsBackTheSame)
{
    const MeasureSet set = agree_set(85);
    save_measure_set(set, dir / "plan.json");
    EXPECT_EQ(measure_set_to_json(load_measure_set(dir / "plan.json")), measure_set_to_json(set));
    save_measure_set(agree_set(90), dir / "plan.json");
    EXPECT_EQ(*load_measure_set(dir / "plan.json").measures[0].target, 90);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().extension() != ".tmp", true) << "no temporary file is left: " << entry.path();
}

TEST_F(MeasureSetFileTest, AFailedSaveNamesTheFileAndChangesNothing)
{
    test::write_file(dir / "plan.json", "old");
    try {
        save_measure_set(agree_set(85), dir / "missing-folder" / "plan.json");
        FAIL() << "saving into a missing folder should fail";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("plan.json"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("not saved"), std::string::npos) << error.what();
    }
    std::filesystem::create_directory(dir / "taken");
    EXPECT_THROW(save_measure_set(agree_set(85), dir / "taken"), Error) << "a folder is not replaced by a file";
    EXPECT_TRUE(std::filesystem::is_directory(dir / "taken"));
    EXPECT_EQ(test::read_file(dir / "plan.json"), "old");
}

TEST_F(MeasureSetFileTest, ProblemsAreThoseOfTheSetAsReadBackAndCheckedAgainstTheStore)
{
    EXPECT_TRUE(measure_set_problems(agree_set(85), dir / "plan.json", store, nullptr, nullptr).empty());

    MeasureSet wrong = agree_set(85);
    wrong.measures[0].target = 120;          // the parser refuses it
    wrong.measures[0].questions = {"nope"}; // the store has no such question
    auto problems = measure_set_problems(wrong, dir / "plan.json", store, nullptr, nullptr);
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems[0].source, "plan.json");
    EXPECT_EQ(problems[0].path, "$.measures[0] (agreed).target");

    wrong.measures[0].target = 85;
    problems = measure_set_problems(wrong, dir / "plan.json", store, nullptr, nullptr);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("nope"), std::string::npos) << problems[0].message;

    MeasureSet complaints = agree_set(85);
    complaints.measures[0] = MeasureDefinition{};
    complaints.measures[0].id = "stage1";
    complaints.measures[0].title = "Answered in time";
    complaints.measures[0].plan_area = "Complaints";
    complaints.measures[0].source = MeasureSource::complaints_within_timescale;
    complaints.measures[0].stage = "stage1";
    EXPECT_TRUE(counts_complaints(complaints));
    problems = measure_set_problems(complaints, dir / "plan.json", store, nullptr, nullptr);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("complaints procedure"), std::string::npos);
}

TEST_F(MeasureSetFileTest, MeasurableQuestionsAreTheChoiceQuestionsWithTheirOptions)
{
    const Instrument instrument = test::every_type_instrument();
    std::vector<std::string> keys;
    for (const Question* question : measurable_questions(instrument))
        keys.push_back(question->key);
    EXPECT_NE(std::find(keys.begin(), keys.end(), "agree"), keys.end());
    EXPECT_EQ(std::find(keys.begin(), keys.end(), "story"), keys.end()) << "free text is not counted";

    const auto options = options_of_questions(instrument, {"agree", "yesno"});
    ASSERT_FALSE(options.empty());
    EXPECT_EQ(options.front().code, instrument.find_question("agree")->options.front().code);
    std::set<std::string> codes;
    for (const auto& option : options)
        EXPECT_TRUE(codes.insert(option.code).second) << "each code once: " << option.code;
}

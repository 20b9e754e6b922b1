#include "chorus/instrument_json.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace chorus;

namespace {

// The problems a definition produces, as "path: message" lines.
std::vector<std::string> problems_of(const std::string& json)
{
    try {
        parse_instrument(json, "test.json");
    } catch (const DefinitionError& error) {
        std::vector<std::string> lines;
        for (const auto& problem : error.problems()) {
            EXPECT_EQ(problem.source, "test.json");
            lines.push_back(problem.path + ": " + problem.message);
        }
        return lines;
    }
    return {};
}

// A one-question instrument whose question is `question_json`.
std::string with_question(const std::string& question_json)
{
    return R"({"id": "t", "version": 1, "title": "T", "questions": [)" + question_json + "]}";
}

bool any_contains(const std::vector<std::string>& lines, const std::string& text)
{
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
        return line.find(text) != std::string::npos;
    });
}

} // namespace

TEST(InstrumentJson, LoadsEveryQuestionType)
{
    Instrument instrument = test::every_type_instrument();
    EXPECT_EQ(instrument.id, "every-type");
    EXPECT_EQ(instrument.version, 1);
    ASSERT_EQ(instrument.questions.size(), 14u);
    for (auto name : question_type_names()) {
        auto type = question_type_from_string(name);
        ASSERT_TRUE(type);
        EXPECT_TRUE(std::any_of(instrument.questions.begin(), instrument.questions.end(),
                                [&](const Question& q) { return q.type == *type; }))
            << "no question of type " << name;
    }
    EXPECT_TRUE(instrument.find_question("agree")->required);
    EXPECT_EQ(instrument.find_question("agree")->options.size(), 5u);
    EXPECT_EQ(instrument.find_question("faces3")->options.size(), 3u);
    EXPECT_EQ(instrument.find_question("faces5")->options.front().code, "very_sad");
    EXPECT_EQ(instrument.find_question("yesno")->options.back().code, "na");
    EXPECT_EQ(instrument.find_question("rating")->options.size(), 11u);
    EXPECT_EQ(instrument.find_question("rating")->min_label, "Not at all");
    EXPECT_EQ(*instrument.find_question("count")->max, 120.0);
    EXPECT_EQ(instrument.find_question("name")->max_length, 40);
    EXPECT_EQ(instrument.find_question("why")->relevant, "agree in ['disagree', 'strongly_disagree']");
}

TEST(InstrumentJson, CanonicalJsonRoundTrips)
{
    Instrument instrument = test::every_type_instrument();
    std::string canonical = instrument_to_json(instrument);
    Instrument again = parse_instrument(canonical, "canonical");
    EXPECT_EQ(instrument_to_json(again), canonical);
    // Whole-number bounds stay whole numbers in the text.
    EXPECT_NE(canonical.find("\"max\": 120"), std::string::npos);
    EXPECT_EQ(canonical.find("120.0"), std::string::npos);
}

TEST(InstrumentJson, SyntaxErrorNamesLineAndColumn)
{
    auto lines = problems_of("{\n  \"id\": \"t\",\n  \"version\": 1,\n}");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_TRUE(any_contains(lines, "line 4, column 1")) << lines[0];
}

TEST(InstrumentJson, MissingAndMistypedTopLevel)
{
    auto lines = problems_of(R"({"id": 7, "title": "T", "questions": []})");
    EXPECT_TRUE(any_contains(lines, "$.id: expected a string, found a number"));
    EXPECT_TRUE(any_contains(lines, "$.version: is required"));
    EXPECT_TRUE(problems_of("[1, 2]").size() == 1);
}

TEST(InstrumentJson, UnknownPropertyIsAnError)
{
    auto lines = problems_of(with_question(R"({"key": "a", "type": "short_text", "label": "A", "requird": true})"));
    EXPECT_TRUE(any_contains(lines, "$.questions[0] (a).requird: unknown property \"requird\""));
}

TEST(InstrumentJson, UnknownTypeListsTheKnownOnes)
{
    auto lines = problems_of(with_question(R"({"key": "a", "type": "likert5", "label": "A"})"));
    EXPECT_TRUE(any_contains(lines, "$.questions[0] (a).type: unknown question type \"likert5\"; expected one of single_choice"));
}

TEST(InstrumentJson, ReportsEveryProblemAtOnce)
{
    auto lines = problems_of(R"({"id": "Bad Id", "version": 0, "title": "", "questions": [
        {"key": "a", "type": "short_text", "label": "A"},
        {"key": "a", "type": "short_text", "label": "Again"},
        {"key": "team", "type": "short_text", "label": "Reserved"},
        {"key": "9lives", "type": "short_text", "label": "Bad key"}]})");
    EXPECT_TRUE(any_contains(lines, "$.id: \"Bad Id\" is not a valid instrument id"));
    EXPECT_TRUE(any_contains(lines, "$.version: must be 1 or more"));
    EXPECT_TRUE(any_contains(lines, "$.title: must not be empty"));
    EXPECT_TRUE(any_contains(lines, "$.questions[1] (a).key: duplicate question key \"a\""));
    EXPECT_TRUE(any_contains(lines, "$.questions[2] (team).key: \"team\" is reserved"));
    EXPECT_TRUE(any_contains(lines, "$.questions[3] (9lives).key: \"9lives\" is not a valid question key"));
    EXPECT_EQ(lines.size(), 6u);
}

TEST(InstrumentJson, OptionRules)
{
    EXPECT_TRUE(any_contains(problems_of(with_question(
                                 R"({"key": "a", "type": "single_choice", "label": "A", "options": [{"code": "x", "label": "X"}]})")),
                             "needs at least 2 options"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "single_choice", "label": "A"})")),
                             "needs at least 2 options"));
    EXPECT_TRUE(any_contains(
        problems_of(with_question(R"({"key": "a", "type": "single_choice", "label": "A",
            "options": [{"code": "x", "label": "X"}, {"code": "x", "label": "Y"}]})")),
        "$.questions[0] (a).options[1].code: duplicate option code \"x\""));
    EXPECT_TRUE(any_contains(
        problems_of(with_question(R"({"key": "a", "type": "single_choice", "label": "A",
            "options": [{"code": "has space", "label": "X"}, {"code": "y", "label": ""}]})")),
        "options[0].code: \"has space\" is not a valid option code"));
    EXPECT_TRUE(any_contains(
        problems_of(with_question(R"({"key": "a", "type": "short_text", "label": "A",
            "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]})")),
        "a short_text question has no options"));
    EXPECT_TRUE(any_contains(
        problems_of(with_question(R"({"key": "a", "type": "rating_0_10", "label": "A",
            "options": [{"code": "x", "label": "X"}, {"code": "y", "label": "Y"}]})")),
        "cannot be given"));
    EXPECT_TRUE(any_contains(
        problems_of(with_question(R"({"key": "a", "type": "yes_no_na", "label": "A",
            "options": [{"code": "y", "label": "Yes"}, {"code": "n", "label": "No"}]})")),
        "exactly the codes yes, no and na"));
}

TEST(InstrumentJson, ScaleOptionsMayBeReplaced)
{
    Instrument instrument = parse_instrument(with_question(R"({"key": "a", "type": "agree_scale", "label": "A",
        "options": [{"code": "disagree", "label": "Disagree"}, {"code": "agree", "label": "Agree"},
                    {"code": "na", "label": "Not applicable"}]})"), "t");
    EXPECT_EQ(instrument.questions[0].options.size(), 3u);
}

TEST(InstrumentJson, FacesRules)
{
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "faces", "label": "A", "faces": 4})")),
                             "faces: must be 3 or 5"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "faces", "label": "A"})")),
                             "faces: must be 3 or 5"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "faces", "label": "A", "faces": 3,
        "options": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]})")),
                             "needs exactly 3 options, found 2"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "short_text", "label": "A", "faces": 3})")),
                             "only a faces question has faces"));
}

TEST(InstrumentJson, RangeAndLengthRules)
{
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "integer", "label": "A", "min": 5, "max": 1})")),
                             "min (5) is greater than max (1)"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "integer", "label": "A", "max": 2.5})")),
                             "must be whole numbers"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "short_text", "label": "A", "min": 1})")),
                             "only integer and decimal questions have a range"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "integer", "label": "A", "max_length": 3})")),
                             "only text questions have a maximum length"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "integer", "label": "A", "min_label": "x"})")),
                             "only a rating_0_10 question has end labels"));
    EXPECT_TRUE(any_contains(problems_of(with_question(R"({"key": "a", "type": "note", "label": "A", "required": true})")),
                             "a note takes no answer"));
}

TEST(InstrumentJson, RelevanceMustReferToEarlierQuestions)
{
    std::string json = R"({"id": "t", "version": 1, "title": "T", "questions": [
        {"key": "a", "type": "short_text", "label": "A", "relevant": "b = 'x'"},
        {"key": "b", "type": "short_text", "label": "B", "relevant": "b = 'x'"},
        {"key": "c", "type": "short_text", "label": "C", "relevant": "nope = 'x'"},
        {"key": "d", "type": "short_text", "label": "D", "relevant": "a = "}]})";
    auto lines = problems_of(json);
    EXPECT_TRUE(any_contains(lines, "$.questions[0] (a).relevant: refers to \"b\", which comes later"));
    EXPECT_TRUE(any_contains(lines, "$.questions[1] (b).relevant: refers to its own question \"b\""));
    EXPECT_TRUE(any_contains(lines, "$.questions[2] (c).relevant: refers to \"nope\", which is not a question"));
    EXPECT_TRUE(any_contains(lines, "$.questions[3] (d).relevant: "));
    EXPECT_EQ(lines.size(), 4u);
}

TEST(InstrumentJson, RespondentTypesAreChecked)
{
    auto lines = problems_of(R"({"id": "t", "version": 1, "title": "T", "respondent_types": ["parent", "alien", "parent"],
        "questions": [{"key": "a", "type": "short_text", "label": "A"}]})");
    EXPECT_TRUE(any_contains(lines, "$.respondent_types[1]: unknown respondent type \"alien\""));
    EXPECT_TRUE(any_contains(lines, "$.respondent_types[2]: respondent type \"parent\" is listed twice"));
}

TEST(InstrumentJson, FileErrorsNameTheFile)
{
    test::TempDir dir;
    try {
        load_instrument_file(dir / "missing.json");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("missing.json: cannot be read"), std::string::npos);
    }
    test::write_file(dir / "bad.json", "{\"id\": ");
    try {
        load_instrument_file(dir / "bad.json");
        FAIL() << "expected an error";
    } catch (const DefinitionError& error) {
        EXPECT_NE(error.problems().at(0).source.find("bad.json"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("bad.json: line 1"), std::string::npos) << error.what();
    }
}

TEST(InstrumentJson, ValidateInstrumentChecksDefinitionsBuiltInCode)
{
    Instrument instrument;
    instrument.id = "built";
    instrument.title = "Built in code";
    Question question;
    question.key = "q";
    question.type = QuestionType::single_choice;
    question.label = "Q";
    instrument.questions.push_back(question);
    auto problems = validate_instrument(instrument, "plugin x");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].to_string(), "plugin x: $.questions[0] (q).options: a choice question needs at least 2 options");
}

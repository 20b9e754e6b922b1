#include "chorus/response_validation.hpp"

#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

class ResponseValidation : public ::testing::Test {
protected:
    Instrument instrument = test::every_type_instrument();

    Response response(std::map<std::string, Answer> answers)
    {
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = 1;
        r.captured_at = "2025-06-01T10:00:00Z";
        r.answers = std::move(answers);
        return r;
    }

    // "key: message" for each problem.
    std::vector<std::string> problems(const Response& r, ValidationMode mode = ValidationMode::complete)
    {
        std::vector<std::string> lines;
        for (const auto& problem : validate_response(instrument, r, mode))
            lines.push_back(problem.question_key + ": " + problem.message);
        return lines;
    }
};

} // namespace

TEST_F(ResponseValidation, AcceptsAValidAnswerToEveryType)
{
    auto r = response({{"choice", std::string("friend")},
                       {"many", std::vector<std::string>{"cin", "cp"}},
                       {"agree", std::string("disagree")},
                       {"why", std::string("Calls were not returned")},
                       {"faces3", std::string("happy")},
                       {"faces5", std::string("very_happy")},
                       {"yesno", std::string("na")},
                       {"rating", std::string("10")},
                       {"count", std::int64_t{120}},
                       {"amount", 12.5},
                       {"when", std::string("2024-02-29")},
                       {"name", std::string("Zoë")},
                       {"story", std::string("")}});
    EXPECT_EQ(problems(r), std::vector<std::string>{});
}

TEST_F(ResponseValidation, RequiredOnlyWhenComplete)
{
    auto r = response({});
    EXPECT_EQ(problems(r), std::vector<std::string>{"agree: an answer is required"});
    EXPECT_EQ(problems(r, ValidationMode::draft), std::vector<std::string>{});
    r.answers["many"] = std::vector<std::string>{}; // an empty selection is blank too
    EXPECT_EQ(problems(r, ValidationMode::draft), std::vector<std::string>{});
}

TEST_F(ResponseValidation, OptionsMustExist)
{
    auto r = response({{"agree", std::string("maybe")}, {"many", std::vector<std::string>{"cin", "cin"}},
                       {"rating", std::string("11")}});
    auto lines = problems(r);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "many: \"cin\" is chosen twice");
    EXPECT_EQ(lines[1], "agree: \"maybe\" is not an option of this question (options: strongly_disagree, "
                        "disagree, neither, agree, strongly_agree)");
    EXPECT_NE(lines[2].find("rating: \"11\" is not an option"), std::string::npos);
}

TEST_F(ResponseValidation, TypesAndRanges)
{
    auto r = response({{"agree", std::string("agree")},
                       {"choice", std::int64_t{1}},
                       {"count", 2.5},
                       {"amount", std::int64_t{1001}},
                       {"when", std::string("2023-02-29")},
                       {"name", std::int64_t{3}}});
    auto lines = problems(r);
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "choice: expected one option code",
                         "count: expected a whole number",
                         "amount: 1001 is out of range: the answer must be between 0 and 1000",
                         "when: \"2023-02-29\" is not a date in the form YYYY-MM-DD",
                         "name: expected text",
                     }));
}

TEST_F(ResponseValidation, TextLengthCountsCharactersAndNeverQuotesTheText)
{
    std::string secret = "My son's name is " + std::string(40, 'x');
    auto r = response({{"agree", std::string("agree")}, {"name", secret}});
    auto lines = problems(r);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "name: the answer is 57 characters long; the limit is 40");
    EXPECT_EQ(lines[0].find("son"), std::string::npos);
    // 40 two-byte characters are 40 characters, not 80.
    r.answers["name"] = [] { std::string s; for (int i = 0; i < 40; ++i) s += "é"; return s; }();
    EXPECT_EQ(problems(r), std::vector<std::string>{});
    r.answers["name"] = std::string("\xff\xfe");
    EXPECT_EQ(problems(r), std::vector<std::string>{"name: the answer is not valid UTF-8 text"});
}

TEST_F(ResponseValidation, HiddenQuestionsMustBeBlank)
{
    auto r = response({{"agree", std::string("agree")}, {"why", std::string("text")}});
    auto lines = problems(r);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "why: must be left blank: it is only asked when agree in ['disagree', 'strongly_disagree']");
    r.answers["agree"] = std::string("strongly_disagree");
    EXPECT_EQ(problems(r), std::vector<std::string>{});
}

TEST_F(ResponseValidation, UnknownQuestionsNotesAndMetadata)
{
    auto r = response({{"agree", std::string("agree")}, {"nonsense", std::string("x")}, {"intro", std::string("x")}});
    r.uuid = "not-a-uuid";
    r.captured_at = "yesterday";
    r.respondent_type = "parent";
    auto lines = problems(r);
    EXPECT_EQ(lines, (std::vector<std::string>{
                         ": the response id \"not-a-uuid\" is not a valid UUID",
                         ": the capture time \"yesterday\" is not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ",
                         "nonsense: there is no such question in every-type version 1",
                         "intro: a note takes no answer",
                     }));
}

TEST_F(ResponseValidation, RespondentTypeMustBeAllowed)
{
    instrument.respondent_types = {"child"};
    auto r = response({{"agree", std::string("agree")}});
    r.respondent_type = "parent";
    EXPECT_EQ(problems(r), std::vector<std::string>{
                               ": every-type is not answered by respondent type \"parent\"; it is for child"});
    r.respondent_type = "martian";
    EXPECT_EQ(problems(r).size(), 1u);
    r.respondent_type = "child";
    EXPECT_EQ(problems(r), std::vector<std::string>{});
}

TEST_F(ResponseValidation, WrongInstrumentVersion)
{
    auto r = response({{"agree", std::string("agree")}});
    r.instrument_version = 2;
    EXPECT_EQ(problems(r), std::vector<std::string>{
                               ": the response is for every-type version 2, not every-type version 1"});
}

TEST_F(ResponseValidation, InvalidResponseMessageSummarises)
{
    auto r = response({{"count", std::int64_t{-1}}});
    InvalidResponse error("response 3", validate_response(instrument, r, ValidationMode::complete));
    EXPECT_STREQ(error.what(), "response 3 is not valid: question \"agree\": an answer is required (and 1 more problem)");
}

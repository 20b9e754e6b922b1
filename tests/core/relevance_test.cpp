#include "chorus/relevance.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chorus {
namespace {

using Codes = std::vector<std::string>;

// Answers by key; a key absent from the map is blank.
class Answers {
public:
    Answers& set(const std::string& key, Answer value) {
        answers_[key] = std::move(value);
        return *this;
    }
    AnswerLookup lookup() const {
        return [this](std::string_view key) -> const Answer* {
            const auto found = answers_.find(std::string(key));
            return found == answers_.end() ? nullptr : &found->second;
        };
    }

private:
    std::map<std::string, Answer> answers_;
};

bool eval(std::string_view condition, const Answers& answers) {
    return Condition::parse(condition).evaluate(answers.lookup());
}

// The error a condition raises, or a failure if it parses.
ConditionError parse_error(std::string_view condition) {
    try {
        Condition::parse(condition);
    } catch (const ConditionError& error) {
        return error;
    }
    ADD_FAILURE() << "expected \"" << condition << "\" to be rejected";
    return ConditionError("", 0);
}

// --- Parsing and precedence -------------------------------------------------------------

TEST(RelevanceParse, AndBindsTighterThanOr) {
    // a or (b and c): true through a alone, though b and c are false.
    Answers answers;
    answers.set("a", std::string("yes")).set("b", std::string("no")).set("c", std::string("no"));
    EXPECT_TRUE(eval("a = 'yes' or b = 'yes' and c = 'yes'", answers));
    // (a or b) and c would be false here.
    EXPECT_FALSE(eval("(a = 'yes' or b = 'yes') and c = 'yes'", answers));
    // b and c or a: (b and c) or a -> true.
    EXPECT_TRUE(eval("b = 'yes' and c = 'yes' or a = 'yes'", answers));
}

TEST(RelevanceParse, NotBindsTighterThanAnd) {
    Answers answers;
    answers.set("a", std::string("yes")).set("b", std::string("yes"));
    // (not a) and b -> false; not (a and b) -> false; but (not a) or b -> true
    EXPECT_FALSE(eval("not a = 'yes' and b = 'yes'", answers));
    EXPECT_TRUE(eval("not a = 'yes' or b = 'yes'", answers));
    EXPECT_FALSE(eval("not (a = 'yes' or b = 'no')", answers));
    EXPECT_TRUE(eval("not not a = 'yes'", answers));
}

TEST(RelevanceParse, ParenthesesWhitespaceAndDoubleQuotes) {
    Answers answers;
    answers.set("rating", std::string("5")).set("team_support", std::string("no"));
    EXPECT_TRUE(eval("(rating <= 6) and team_support != 'yes'", answers));
    EXPECT_TRUE(eval("((rating<=6))and(team_support!=\"yes\")", answers));
    EXPECT_TRUE(eval("  \t rating\n<= 6  ", answers));
}

TEST(RelevanceParse, StringsMayContainTheOtherQuoteAndKeywords) {
    Answers answers;
    answers.set("name", std::string("it's (and) or not"));
    EXPECT_TRUE(eval("name = \"it's (and) or not\"", answers));
    answers.set("name", std::string("say \"hi\""));
    EXPECT_TRUE(eval("name = 'say \"hi\"'", answers));
}

TEST(RelevanceParse, ReferencedKeysInOrderOfFirstAppearanceWithoutDuplicates) {
    const Condition condition = Condition::parse(
        "b = '1' or (a in ['x'] and answered(c)) or selected(b, 'z') or not answered(a) or d > 2");
    EXPECT_EQ(condition.referenced_keys(), (std::vector<std::string>{"b", "a", "c", "d"}));
}

TEST(RelevanceParse, KeysMayContainDigitsAndUnderscores) {
    const Condition condition = Condition::parse("q2_b_10 = 'x'");
    EXPECT_EQ(condition.referenced_keys(), std::vector<std::string>{"q2_b_10"});
}

TEST(RelevanceParse, FunctionNamesAreOnlyFunctionsBeforeParentheses) {
    // A question may be called "answered"; only answered(...) is the function.
    Answers answers;
    answers.set("answered", std::string("yes"));
    EXPECT_TRUE(eval("answered = 'yes' and answered(answered)", answers));
}

TEST(RelevanceParse, CopiesAndMovesEvaluateTheSame) {
    Answers answers;
    answers.set("a", std::string("x"));
    Condition original = Condition::parse("a = 'x'");
    const Condition copy = original; // NOLINT(performance-unnecessary-copy-initialization)
    Condition moved = std::move(original);
    EXPECT_TRUE(copy.evaluate(answers.lookup()));
    EXPECT_TRUE(moved.evaluate(answers.lookup()));
    Condition assigned = Condition::parse("a = 'y'");
    EXPECT_FALSE(assigned.evaluate(answers.lookup()));
    assigned = copy;
    EXPECT_TRUE(assigned.evaluate(answers.lookup()));
    EXPECT_EQ(assigned.referenced_keys(), std::vector<std::string>{"a"});
}

// --- Errors ------------------------------------------------------------------------------

TEST(RelevanceErrors, EmptyCondition) {
    EXPECT_STREQ(parse_error("").what(), "the condition is empty");
    EXPECT_STREQ(parse_error("   ").what(), "the condition is empty");
}

TEST(RelevanceErrors, MissingValueAfterComparison) {
    const ConditionError error = parse_error("listened =");
    EXPECT_EQ(error.position(), 10u);
    EXPECT_NE(std::string(error.what()).find("expected a value after '='"), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("at position 10"), std::string::npos) << error.what();

    // A question key is not a value.
    const ConditionError key_error = parse_error("listened >= other");
    EXPECT_EQ(key_error.position(), 12u);
    EXPECT_NE(std::string(key_error.what()).find("expected a value after '>='"), std::string::npos)
        << key_error.what();
}

TEST(RelevanceErrors, UnknownFunction) {
    const ConditionError error = parse_error("foo(bar)");
    EXPECT_EQ(error.position(), 0u);
    EXPECT_NE(std::string(error.what()).find("unknown function \"foo\""), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("at position 0"), std::string::npos) << error.what();
}

TEST(RelevanceErrors, UnterminatedString) {
    const ConditionError error = parse_error("a = 'abc");
    EXPECT_EQ(error.position(), 4u);
    EXPECT_STREQ(error.what(), "unterminated string starting at position 4");
    EXPECT_EQ(parse_error("a = \"abc'").position(), 4u);
}

TEST(RelevanceErrors, TrailingText) {
    const ConditionError error = parse_error("a = 'b' and c xyz");
    EXPECT_EQ(error.position(), 14u);
    const ConditionError trailing = parse_error("a = 'yes' xyz");
    EXPECT_EQ(trailing.position(), 10u);
    EXPECT_STREQ(trailing.what(), "unexpected \"xyz\" after the end of the condition at position 10");
    EXPECT_EQ(parse_error("(a = 1))").position(), 7u);
}

TEST(RelevanceErrors, PositionsOfOtherMistakes) {
    EXPECT_EQ(parse_error("a = 1 and").position(), 9u);          // nothing after and
    EXPECT_EQ(parse_error("a = 1 or or b = 2").position(), 9u);  // keyword where a key belongs
    EXPECT_EQ(parse_error("(a = 1").position(), 6u);             // unclosed parenthesis
    EXPECT_EQ(parse_error("()").position(), 1u);
    EXPECT_EQ(parse_error("a").position(), 1u);                  // no comparison
    EXPECT_EQ(parse_error("a 'x'").position(), 2u);
    EXPECT_EQ(parse_error("a & b").position(), 2u);              // stray character
    EXPECT_EQ(parse_error("a ! 'x'").position(), 2u);
    EXPECT_EQ(parse_error("a = 1.").position(), 5u);
    EXPECT_EQ(parse_error("a = 12abc").position(), 4u);
    EXPECT_EQ(parse_error("= 'x'").position(), 0u);
}

TEST(RelevanceErrors, KeywordsAndKeysAreLowerCase) {
    EXPECT_EQ(parse_error("Age >= 11").position(), 0u);
    EXPECT_EQ(parse_error("a = 1 AND b = 2").position(), 6u);
    EXPECT_EQ(parse_error("NOT a = 1").position(), 0u);
    EXPECT_EQ(parse_error("Answered(a)").position(), 0u);
    EXPECT_EQ(parse_error("_a = 1").position(), 0u);
}

TEST(RelevanceErrors, InLists) {
    EXPECT_EQ(parse_error("a in 'x'").position(), 5u);
    EXPECT_EQ(parse_error("a in []").position(), 5u);
    EXPECT_EQ(parse_error("a in ['x' 'y']").position(), 10u);
    EXPECT_EQ(parse_error("a in ['x',]").position(), 10u);
    EXPECT_EQ(parse_error("a in ['x'").position(), 9u);
    EXPECT_EQ(parse_error("a in [b]").position(), 6u);
}

TEST(RelevanceErrors, FunctionArguments) {
    EXPECT_EQ(parse_error("answered()").position(), 9u);
    EXPECT_EQ(parse_error("answered('a')").position(), 9u);
    EXPECT_EQ(parse_error("answered(a").position(), 10u);
    EXPECT_EQ(parse_error("answered(a, b)").position(), 10u);
    EXPECT_EQ(parse_error("selected(a)").position(), 10u);
    EXPECT_EQ(parse_error("selected(a, b)").position(), 12u);
    EXPECT_EQ(parse_error("selected(a, 'x'").position(), 15u);
}

TEST(RelevanceErrors, DeepNestingIsRejectedNotACrash) {
    const std::string deep = std::string(100000, '(') + "a = 1" + std::string(100000, ')');
    EXPECT_NE(std::string(parse_error(deep).what()).find("nested too deeply"), std::string::npos);
    std::string nots;
    for (int i = 0; i < 100000; ++i) nots += "not ";
    EXPECT_NE(std::string(parse_error(nots + "a = 1").what()).find("nested too deeply"), std::string::npos);
    // Reasonable nesting is fine.
    EXPECT_NO_THROW(Condition::parse(std::string(50, '(') + "a = 1" + std::string(50, ')')));
}

TEST(RelevanceErrors, IsAChorusError) {
    EXPECT_THROW(Condition::parse("a ="), Error);
}

// --- Operators ---------------------------------------------------------------------------

TEST(RelevanceOperators, StringEqualityAndInequality) {
    Answers answers;
    answers.set("listened", std::string("disagree"));
    EXPECT_TRUE(eval("listened = 'disagree'", answers));
    EXPECT_TRUE(eval("listened == 'disagree'", answers));
    EXPECT_FALSE(eval("listened = 'strongly_disagree'", answers));
    EXPECT_FALSE(eval("listened = 'Disagree'", answers)); // exact text
    EXPECT_TRUE(eval("listened != 'agree'", answers));
    EXPECT_FALSE(eval("listened != 'disagree'", answers));
    EXPECT_TRUE(eval("listened = 'disagree' or listened = 'strongly_disagree'", answers));
}

TEST(RelevanceOperators, IntegerOrderings) {
    Answers answers;
    answers.set("age", std::int64_t{11});
    EXPECT_TRUE(eval("age = 11", answers));
    EXPECT_FALSE(eval("age = 12", answers));
    EXPECT_TRUE(eval("age != 12", answers));
    EXPECT_FALSE(eval("age != 11", answers));
    EXPECT_TRUE(eval("age < 12", answers));
    EXPECT_FALSE(eval("age < 11", answers));
    EXPECT_TRUE(eval("age <= 11", answers));
    EXPECT_FALSE(eval("age <= 10", answers));
    EXPECT_TRUE(eval("age > 10", answers));
    EXPECT_FALSE(eval("age > 11", answers));
    EXPECT_TRUE(eval("age >= 11", answers));
    EXPECT_FALSE(eval("age >= 12", answers));
    EXPECT_TRUE(eval("age > 10.5", answers));
    EXPECT_FALSE(eval("age > 11.5", answers));
    EXPECT_TRUE(eval("age = 11.0", answers));
}

TEST(RelevanceOperators, NegativeAndDecimalNumbers) {
    Answers answers;
    answers.set("change", std::int64_t{-2}).set("amount", 3.5);
    EXPECT_TRUE(eval("change = -2", answers));
    EXPECT_TRUE(eval("change < -1", answers));
    EXPECT_FALSE(eval("change < -2", answers));
    EXPECT_TRUE(eval("amount = 3.5", answers));
    EXPECT_TRUE(eval("amount > 3.49 and amount < 3.51", answers));
    EXPECT_FALSE(eval("amount >= 4", answers));
    EXPECT_TRUE(eval("amount > -0.5", answers));
}

TEST(RelevanceOperators, LargeIntegersCompareExactly) {
    Answers answers;
    answers.set("n", std::int64_t{9007199254740993}); // 2^53 + 1, not representable as double
    EXPECT_TRUE(eval("n > 9007199254740992", answers));
    EXPECT_FALSE(eval("n = 9007199254740992", answers));
}

TEST(RelevanceOperators, NumericAnswerAgainstStringLiteral) {
    Answers answers;
    answers.set("age", std::int64_t{11});
    EXPECT_TRUE(eval("age = '11'", answers));
    EXPECT_TRUE(eval("age >= '9'", answers)); // numerically, not as text
    EXPECT_FALSE(eval("age = 'eleven'", answers));
    EXPECT_FALSE(eval("age != 'eleven'", answers));
}

TEST(RelevanceOperators, InList) {
    Answers answers;
    answers.set("listened", std::string("disagree")).set("rating", std::string("1"));
    EXPECT_TRUE(eval("listened in ['disagree', 'strongly_disagree']", answers));
    EXPECT_FALSE(eval("listened in ['agree', 'strongly_agree']", answers));
    EXPECT_TRUE(eval("listened in [\"disagree\"]", answers));
    EXPECT_TRUE(eval("rating in ['0', '1', '2']", answers));
    EXPECT_TRUE(eval("rating in [0, 1, 2]", answers));
    EXPECT_FALSE(eval("rating in [3, 4]", answers));
    EXPECT_TRUE(eval("not rating in [3, 4]", answers));
}

TEST(RelevanceOperators, DatesCompareAsText) {
    Answers answers;
    answers.set("when", std::string("2024-03-09"));
    EXPECT_TRUE(eval("when < '2024-03-10'", answers));
    EXPECT_TRUE(eval("when >= '2024-03-09'", answers));
    EXPECT_FALSE(eval("when > '2024-03-09'", answers));
    EXPECT_TRUE(eval("when > '2023-12-31'", answers));
    EXPECT_TRUE(eval("when <= '2024-03-09'", answers));
    EXPECT_FALSE(eval("when < '2024-01-01'", answers));
}

TEST(RelevanceOperators, AnsweredFunction) {
    Answers answers;
    answers.set("consent", std::string("yes")).set("age", std::int64_t{12});
    EXPECT_TRUE(eval("answered(consent)", answers));
    EXPECT_FALSE(eval("answered(missing)", answers));
    EXPECT_FALSE(eval("age >= 11 and not answered(consent)", answers));
    EXPECT_TRUE(eval("age >= 11 and not answered(missing)", answers));
    EXPECT_TRUE(eval("answered( age )", answers));
}

TEST(RelevanceOperators, SelectedFunction) {
    Answers answers;
    answers.set("worries", Codes{"money", "other"}).set("choice", std::string("other"));
    EXPECT_TRUE(eval("selected(worries, 'other')", answers));
    EXPECT_TRUE(eval("selected(worries, \"money\")", answers));
    EXPECT_FALSE(eval("selected(worries, 'school')", answers));
    EXPECT_TRUE(eval("selected(choice, 'other')", answers));
    EXPECT_FALSE(eval("selected(choice, 'money')", answers));
    EXPECT_FALSE(eval("selected(missing, 'other')", answers));
}

// --- Blank answers -----------------------------------------------------------------------

TEST(RelevanceBlank, EveryComparisonOnABlankIsFalse) {
    const Answers blank;
    for (const char* condition :
         {"q = 'x'", "q == 'x'", "q != 'x'", "q < 5", "q <= 5", "q > 5", "q >= 5", "q = 5", "q != 5",
          "q in ['x', 'y']", "selected(q, 'x')", "answered(q)", "q < '2024-01-01'"}) {
        EXPECT_FALSE(eval(condition, blank)) << condition;
    }
    // ...so their negations are true.
    EXPECT_TRUE(eval("not q != 'x'", blank));
    EXPECT_TRUE(eval("not answered(q)", blank));
}

TEST(RelevanceBlank, EmptyTextOrSelectionCountsAsBlank) {
    Answers answers;
    answers.set("text", std::string()).set("many", Codes{});
    EXPECT_FALSE(eval("answered(text)", answers));
    EXPECT_FALSE(eval("text != 'x'", answers));
    EXPECT_FALSE(eval("answered(many)", answers));
    EXPECT_FALSE(eval("many != 'x'", answers));
}

TEST(RelevanceBlank, OnlyTheBlankComparisonIsFalse) {
    Answers answers;
    answers.set("a", std::string("yes"));
    EXPECT_TRUE(eval("q = 'x' or a = 'yes'", answers));
    EXPECT_FALSE(eval("q != 'x' and a = 'yes'", answers));
}

TEST(RelevanceBlank, LookupIsAskedForTheKeysWritten) {
    std::vector<std::string> asked;
    const AnswerLookup lookup = [&](std::string_view key) -> const Answer* {
        asked.emplace_back(key);
        return nullptr;
    };
    Condition::parse("alpha = 'x' or beta != 'y'").evaluate(lookup);
    EXPECT_EQ(asked, (std::vector<std::string>{"alpha", "beta"}));
}

// --- Multiple choice ---------------------------------------------------------------------

TEST(RelevanceMultipleChoice, EqualsMeansContains) {
    Answers answers;
    answers.set("worries", Codes{"money", "school"});
    EXPECT_TRUE(eval("worries = 'money'", answers));
    EXPECT_TRUE(eval("worries == 'school'", answers));
    EXPECT_FALSE(eval("worries = 'other'", answers));
    EXPECT_TRUE(eval("worries != 'other'", answers));
    EXPECT_FALSE(eval("worries != 'money'", answers));
    EXPECT_TRUE(eval("worries = 'money' and worries = 'school'", answers));
}

TEST(RelevanceMultipleChoice, InListMatchesAnySelectedCode) {
    Answers answers;
    answers.set("worries", Codes{"money", "school"});
    EXPECT_TRUE(eval("worries in ['other', 'school']", answers));
    EXPECT_FALSE(eval("worries in ['other', 'health']", answers));
}

TEST(RelevanceMultipleChoice, NumericCodes) {
    Answers answers;
    answers.set("days", Codes{"1", "5"});
    EXPECT_TRUE(eval("days = 5", answers));
    EXPECT_FALSE(eval("days = 3", answers));
    EXPECT_TRUE(eval("days != 3", answers));
    EXPECT_TRUE(eval("days > 4", answers)); // any selected code
    EXPECT_FALSE(eval("days > 5", answers));
}

// --- Ratings: option codes compared with numbers -----------------------------------------

TEST(RelevanceRating, CodesCompareNumericallyWithNumbers) {
    Answers answers;
    answers.set("rating", std::string("7"));
    EXPECT_TRUE(eval("rating >= 7", answers));
    EXPECT_FALSE(eval("rating > 7", answers));
    EXPECT_TRUE(eval("rating <= 7", answers));
    EXPECT_FALSE(eval("rating <= 6", answers));
    EXPECT_TRUE(eval("rating = 7", answers));
    EXPECT_TRUE(eval("rating = 7.0", answers));
    EXPECT_TRUE(eval("rating != 6", answers));

    answers.set("rating", std::string("10"));
    EXPECT_TRUE(eval("rating >= 7", answers)); // as text "10" < "7"
    EXPECT_TRUE(eval("rating > 9", answers));
    EXPECT_FALSE(eval("rating < 2", answers));
}

TEST(RelevanceRating, NumericTextOnBothSidesOrdersNumerically) {
    Answers answers;
    answers.set("rating", std::string("10"));
    EXPECT_TRUE(eval("rating >= '7'", answers));
    EXPECT_FALSE(eval("rating = '10.0'", answers)); // equality on text stays exact
    EXPECT_TRUE(eval("rating = '10'", answers));
}

TEST(RelevanceRating, NonNumericCodeNeverComparesWithANumber) {
    Answers answers;
    answers.set("rating", std::string("dont_know"));
    EXPECT_FALSE(eval("rating >= 7", answers));
    EXPECT_FALSE(eval("rating < 7", answers));
    EXPECT_FALSE(eval("rating = 7", answers));
    EXPECT_FALSE(eval("rating != 7", answers));
    EXPECT_TRUE(eval("rating = 'dont_know'", answers));
}

} // namespace
} // namespace chorus

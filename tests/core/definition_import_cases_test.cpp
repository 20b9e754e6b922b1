// The importers on small hand-written inputs: errors, condition translation, names,
// constraints, languages and the cells of a workbook; and chorus-cli on a real file.
#include "chorus/definition_import.hpp"

#include "cli_support.hpp"
#include "test_support.hpp"
#include "xlsx_fixture.hpp"

#include <gtest/gtest.h>

using namespace chorus;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> messages_of(const std::vector<DefinitionProblem>& problems)
{
    std::vector<std::string> lines;
    for (const auto& problem : problems)
        lines.push_back(problem.path + ": " + problem.message);
    return lines;
}

std::vector<std::string> error_of(const std::function<void()>& import)
{
    try {
        import();
    } catch (const DefinitionError& error) {
        return messages_of(error.problems());
    }
    ADD_FAILURE() << "expected a DefinitionError";
    return {};
}

using Rows = std::vector<std::vector<std::string>>;

ImportedDefinition xlsform(const test::TempDir& dir, const Rows& survey, const Rows& choices = {},
                           const Rows& settings = {})
{
    std::vector<test::FixtureSheet> sheets{{"survey", survey}};
    if (!choices.empty())
        sheets.push_back({"choices", choices});
    if (!settings.empty())
        sheets.push_back({"settings", settings});
    const auto file = dir / "form.xlsx";
    test::write_xlsx(file, sheets);
    return import_xlsform(file);
}

ImportedDefinition surveyjs(const std::string& elements)
{
    return import_surveyjs(R"({"title": "Small", "pages": [{"name": "p", "elements": )" + elements + "}]}",
                           "small.json");
}

} // namespace

TEST(DefinitionImport, MalformedSurveyjsNamesLineAndColumn)
{
    auto problems = error_of([] { import_surveyjs("{\"pages\": [\n  {,}]}", "bad.json"); });
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].rfind(": line 2, column 4: ", 0), 0u) << problems[0];
    EXPECT_EQ(error_of([] { import_surveyjs("[1, 2]", "list.json"); }),
              std::vector<std::string>{"$: is not a SurveyJS survey: expected an object with pages or elements"});
}

TEST(DefinitionImport, NothingImportableIsAnError)
{
    auto problems = error_of([] { surveyjs(R"([{"type": "file", "name": "upload"}])"); });
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].find("question \"upload\" skipped"), std::string::npos);
    EXPECT_EQ(problems[1], ": nothing to import: no question could be converted");
}

TEST(DefinitionImport, NotAZipAndNoSurveySheetAreErrors)
{
    test::TempDir dir;
    test::write_file(dir / "text.xlsx", "this is not a workbook");
    EXPECT_EQ(error_of([&] { import_xlsform(dir / "text.xlsx"); }),
              std::vector<std::string>{": is not an .xlsx file (not a zip archive)"});
    EXPECT_EQ(error_of([&] { import_xlsform(dir / "missing.xlsx"); }).size(), 1u);

    test::write_xlsx(dir / "other.xlsx", {{"Sheet1", {{"type", "name"}}}});
    EXPECT_EQ(error_of([&] { import_xlsform(dir / "other.xlsx"); }),
              std::vector<std::string>{": has no survey sheet, so it is not an XLSForm (sheets: \"Sheet1\")"});
}

TEST(DefinitionImport, XlsformConditionsAreTranslated)
{
    test::TempDir dir;
    const auto imported = xlsform(
        dir,
        {{"type", "name", "label", "relevant"},
         {"select_one yn", "consent", "Consent?"},
         {"select_multiple worries", "worries", "Worries", "${consent} = 'yes'"},
         {"integer", "age", "Age", "selected(${worries}, 'school') and not(${consent} != 'no')"},
         {"text", "why", "Why?", "${age} >= 11 or ${age} < 5 and ${consent} = ''"},
         {"text", "sum", "Sum", "${age} + 1 > 2"},
         {"text", "early", "Early", "${late} = 'x'"},
         {"text", "late", "Late"}},
        {{"list_name", "name", "label"}, {"yn", "yes", "Yes"}, {"yn", "no", "No"},
         {"worries", "school", "School"}, {"worries", "home", "Home"}});
    const auto& instrument = imported.instrument;
    EXPECT_EQ(instrument.find_question("worries")->relevant, "consent = 'yes'");
    EXPECT_EQ(instrument.find_question("age")->relevant, "selected(worries, 'school') and not (consent != 'no')");
    EXPECT_EQ(instrument.find_question("why")->relevant, "age >= 11 or age < 5 and not answered(consent)");
    EXPECT_EQ(instrument.find_question("sum")->relevant, "");
    EXPECT_EQ(instrument.find_question("early")->relevant, "");
    EXPECT_EQ(messages_of(imported.warnings),
              (std::vector<std::string>{
                  "survey row 6: condition of \"sum\" not kept: \"${age} + 1 > 2\" unexpected character '+'; "
                  "the question is always shown",
                  "survey row 7: condition of \"early\" not kept: \"${late} = 'x'\" refers to ${late}, which is "
                  "not an earlier question; the question is always shown"}));
}

TEST(DefinitionImport, SurveyjsConditionsAreTranslated)
{
    const auto imported = surveyjs(R"([
        {"type": "boolean", "name": "ok", "title": "OK?"},
        {"type": "checkbox", "name": "pets", "choices": ["cat", "dog"], "visibleIf": "{ok} = true"},
        {"type": "text", "name": "cat_name", "visibleIf": "{pets} contains 'cat' and {ok} notempty"},
        {"type": "text", "name": "why", "visibleIf": "{cat_name} empty or {pets} anyof ['cat', 'dog']"},
        {"type": "text", "name": "odd", "visibleIf": "{why} = {cat_name}"}])");
    const auto& instrument = imported.instrument;
    EXPECT_EQ(instrument.find_question("pets")->relevant, "ok = 'yes'");
    EXPECT_EQ(instrument.find_question("cat_name")->relevant, "selected(pets, 'cat') and answered(ok)");
    EXPECT_EQ(instrument.find_question("why")->relevant,
              "not answered(cat_name) or (selected(pets, 'cat') or selected(pets, 'dog'))");
    EXPECT_EQ(instrument.find_question("odd")->relevant, "");
    ASSERT_EQ(imported.warnings.size(), 1u);
    EXPECT_EQ(imported.warnings[0].path, "$.pages[0].elements[4] (odd)");
    EXPECT_NE(imported.warnings[0].message.find("compares two questions"), std::string::npos);
}

TEST(DefinitionImport, PanelConditionsApplyToTheirQuestions)
{
    const auto imported = surveyjs(R"([
        {"type": "radiogroup", "name": "a", "choices": ["x", "y"]},
        {"type": "panel", "name": "more", "visibleIf": "{a} = 'x' or {a} = 'y'",
         "elements": [{"type": "text", "name": "b", "visibleIf": "{a} notempty"}]}])");
    EXPECT_EQ(imported.instrument.find_question("b")->relevant, "(a = 'x' or a = 'y') and answered(a)");
}

TEST(DefinitionImport, DuplicateAndReservedNamesAreRenamedWithAWarning)
{
    const auto imported = surveyjs(R"([{"type": "text", "name": "q"}, {"type": "text", "name": "q"},
                                       {"type": "text", "name": "team"}])");
    EXPECT_EQ(imported.instrument.questions[1].key, "q_2");
    EXPECT_EQ(imported.instrument.questions[2].key, "team_answer");
    EXPECT_EQ(messages_of(imported.warnings),
              (std::vector<std::string>{
                  "$.pages[0].elements[1] (q): name \"q\" is imported as \"q_2\" (another question already has "
                  "the key \"q\")",
                  "$.pages[0].elements[2] (team): name \"team\" is imported as \"team_answer\" (\"team\" is "
                  "reserved for response metadata)"}));
}

TEST(DefinitionImport, RatingsBecomeRatingOrFaces)
{
    const auto imported = surveyjs(R"([
        {"type": "rating", "name": "nps", "rateMin": 0, "rateMax": 10, "minRateDescription": "Never"},
        {"type": "rating", "name": "mood", "rateType": "smileys", "rateMax": 3},
        {"type": "text", "name": "sad", "visibleIf": "{mood} = 1"}])");
    const auto& instrument = imported.instrument;
    EXPECT_EQ(instrument.find_question("nps")->type, QuestionType::rating_0_10);
    EXPECT_EQ(instrument.find_question("nps")->min_label, "Never");
    EXPECT_EQ(instrument.find_question("mood")->type, QuestionType::faces);
    EXPECT_EQ(instrument.find_question("mood")->faces, 3);
    EXPECT_EQ(instrument.find_question("sad")->relevant, "mood = 1");
}

TEST(DefinitionImport, XlsformConstraintsLanguagesSettingsAndRequired)
{
    test::TempDir dir;
    Rows survey{{"type", "name", "label::English (en)", "label::French (fr)", "required", "constraint"},
                {"integer", "age", "Age", "Âge", "yes", ". >= 0 and . <= 120"},
                {"decimal", "score", "Score", "Note", "", ". > 0"},
                {"begin group", "g", "Group", "Groupe"},
                {"text", "name", "Name", "Nom", "TRUE"},
                {"end group"}};
    // Column AA (the 27th) holds the relevant column, to read references past Z.
    survey[0].resize(27);
    survey[0][26] = "relevant";
    survey[4].resize(27);
    survey[4][26] = "${age} > 3";
    const auto imported = xlsform(dir, survey, {}, {{"form_id", "version"}, {"My Form", "v2"}});
    const auto& instrument = imported.instrument;
    EXPECT_EQ(instrument.id, "my-form");
    EXPECT_EQ(instrument.version, 1);
    EXPECT_EQ(*instrument.find_question("age")->min, 0);
    EXPECT_EQ(*instrument.find_question("age")->max, 120);
    EXPECT_TRUE(instrument.find_question("age")->required);
    EXPECT_FALSE(instrument.find_question("score")->min);
    EXPECT_EQ(instrument.find_question("g")->label, "Group");
    EXPECT_TRUE(instrument.find_question("name")->required);
    EXPECT_EQ(instrument.find_question("name")->relevant, "age > 3");
    EXPECT_EQ(messages_of(imported.warnings),
              (std::vector<std::string>{
                  "settings row 2: form_id \"My Form\" is imported as the id \"my-form\"",
                  "settings row 2: version \"v2\" is not a whole number from 1; imported as version 1",
                  "survey row 1: column \"label::French (fr)\" not kept: Chorus keeps one language",
                  "survey row 3: constraint \". > 0\" of \"score\" not kept: Chorus keeps only a number's "
                  "minimum and maximum"}));
}

// XLSForm versions are usually dates (yyyymmddnn, pyxform's default): the definition imported
// from one must load again from the JSON Chorus stores it as (found by the xlsform fuzz target).
TEST(DefinitionImport, ADateVersionLoadsAgainFromItsJson)
{
    test::TempDir dir;
    const auto imported = xlsform(dir, {{"type", "name", "label"}, {"text", "q", "Q"}}, {},
                                  {{"form_id", "version"}, {"dated", "2025100301"}});
    EXPECT_EQ(imported.instrument.version, 2025100301);
    EXPECT_EQ(parse_instrument(instrument_to_json(imported.instrument), "dated.json").version, 2025100301);

    auto too_large = test::every_type_json();
    too_large.replace(too_large.find("\"version\": 1"), 12, "\"version\": 2147483648");
    EXPECT_EQ(error_of([&] { parse_instrument(too_large, "big.json"); }),
              std::vector<std::string>{"$.version: is out of range"});
}

TEST(DefinitionImport, DetectsTheFormatOfAFile)
{
    EXPECT_EQ(detect_definition_format("a.json", R"({"id": "x", "questions": []})"), DefinitionFormat::chorus);
    EXPECT_EQ(detect_definition_format("a.json", R"({"pages": []})"), DefinitionFormat::surveyjs);
    EXPECT_EQ(detect_definition_format("a.XLSX", ""), DefinitionFormat::xlsform);
    EXPECT_EQ(detect_definition_format("a.json", "{broken"), DefinitionFormat::chorus);
}

TEST(DefinitionImportCli, ImportsAnInteropFileWithItsWarnings)
{
    const fs::path group = fs::path(CHORUS_INTEROP_DIR) / "xlsform/group.xlsx";
    ASSERT_TRUE(fs::exists(group)) << "the interop folder " << CHORUS_INTEROP_DIR << " is missing";
    test::TempDir dir;
    const auto database = dir / "chorus.db";
    auto dry = test::run_on_database(CHORUS_CLI_PATH, {"instruments", "import", "--dry-run", group.string()},
                                     database, dir.path());
    EXPECT_EQ(dry.status, 0) << dry;
    EXPECT_NE(dry.out.find("would import group version 1 (3 questions; nothing stored)"), std::string::npos) << dry;
    EXPECT_FALSE(fs::exists(database)) << "a dry run stores nothing";

    auto result = test::run_on_database(CHORUS_CLI_PATH, {"instruments", "import", group.string()}, database,
                                        dir.path());
    EXPECT_EQ(result.status, 0) << result;
    EXPECT_EQ(result.out, "added group version 1\n") << result;
    EXPECT_EQ(result.err, "warning: " + group.string()
                              + ": survey row 4: type \"phone number\" is not supported; question "
                                "\"phone_number\" skipped\n")
        << result;
    auto shown = test::run_on_database(CHORUS_CLI_PATH, {"instruments", "show", "group"}, database, dir.path());
    EXPECT_NE(shown.out.find("3. age (integer) How old is your father?"), std::string::npos) << shown;
}

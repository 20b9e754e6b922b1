// chorus-cli, tested by running the real binary (CHORUS_CLI_PATH) with its data
// folder (CHORUS_DATA_DIR) in a temporary folder, so nothing touches the real home.
#include "cli_support.hpp"
#include "test_support.hpp"

#include "chorus/version.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using chorus::test::CliResult;
using chorus::test::TempDir;
using chorus::test::write_file;
using Json = nlohmann::json;

// The entries of `instruments list --format json` imported by hand, leaving out those the
// installed plugins contribute (whichever plugins the build holds).
Json hand_imported(const std::string& list_output)
{
    auto imported = Json::array();
    for (const auto& instrument : Json::parse(list_output))
        if (instrument["plugin"] == "")
            imported.push_back(instrument);
    return imported;
}

// Two fixture plugins, one good and one whose factory throws.
std::vector<std::string> fixture_plugin_path()
{
    const std::string fixtures = CHORUS_PLUGIN_FIXTURE_DIR;
    return {"CHORUS_PLUGIN_PATH=" + fixtures + "/good:" + fixtures + "/factory_throws"};
}

std::size_t line_count(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
#if defined(_WIN32)
        GTEST_SKIP() << "the chorus-cli tests run the binary with posix_spawn";
#endif
    }

    // Runs chorus-cli with CHORUS_DATA_DIR=<temp>/data and CHORUS_USER=tester, plus any
    // further NAME=value settings in `extra_environment`.
    CliResult run(const std::vector<std::string>& arguments,
                  const std::vector<std::string>& extra_environment = {})
    {
        std::vector<std::string> environment{"CHORUS_DATA_DIR=" + data_dir.string(), "CHORUS_USER=tester"};
        environment.insert(environment.end(), extra_environment.begin(), extra_environment.end());
        return chorus::test::run_program(CHORUS_CLI_PATH, arguments, environment, temp.path());
    }

    // The same with --db <temp>/test.db appended.
    CliResult run_db(std::vector<std::string> arguments,
                     const std::vector<std::string>& extra_environment = {})
    {
        arguments.push_back("--db");
        arguments.push_back(database.string());
        return run(arguments, extra_environment);
    }

    fs::path write(const std::string& name, const std::string& text)
    {
        write_file(temp / name, text);
        return temp / name;
    }

    void import_every_type()
    {
        auto result = run_db({"instruments", "import", write("every-type.json",
                                                            chorus::test::every_type_json()).string()});
        ASSERT_EQ(result.status, 0) << result;
    }

    CliResult add_answers(const std::string& answers_json)
    {
        return run_db({"responses", "add", "--instrument", "every-type", "--answers",
                       write("answers.json", answers_json).string(), "--respondent-type",
                       "parent"});
    }

    std::size_t stored_responses()
    {
        auto result = run_db({"responses", "list", "--format", "json"});
        EXPECT_EQ(result.status, 0) << result;
        return Json::parse(result.out).size();
    }

    TempDir temp;
    fs::path data_dir = temp / "data";
    fs::path database = temp / "test.db";
};

TEST_F(CliTest, VersionAndHelpExitZero)
{
    auto version = run({"--version"});
    EXPECT_EQ(version.status, 0) << version;
    EXPECT_EQ(version.out, std::string("chorus-cli ") + chorus::version_string + "\n");

    for (const char* help : {"--help", "-h", "help"}) {
        auto result = run({help});
        EXPECT_EQ(result.status, 0) << result;
        for (const char* text : {"instruments import", "responses add", "stats", "demo", "--db",
                                 "--exclude", "--captured-at"})
            EXPECT_NE(result.out.find(text), std::string::npos) << help << " lacks " << text;
    }

    auto command_help = run({"stats", "--help"});
    EXPECT_EQ(command_help.status, 0) << command_help;
    EXPECT_NE(command_help.out.find("--question KEY"), std::string::npos) << command_help;
    EXPECT_FALSE(fs::exists(data_dir)) << "help must not create a database";
}

TEST_F(CliTest, UnknownCommandIsAOneLineUsageError)
{
    auto result = run({"frobnicate"});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_EQ(line_count(result.err), 1U) << result;
    EXPECT_EQ(result.err.rfind("chorus-cli: ", 0), 0U) << result;
    EXPECT_NE(result.err.find("frobnicate"), std::string::npos) << result;
    EXPECT_NE(result.err.find("(see chorus-cli --help)"), std::string::npos) << result;

    auto option = run_db({"instruments", "list", "--colour"});
    EXPECT_EQ(option.status, 2) << option;
    EXPECT_NE(option.err.find("--colour"), std::string::npos) << option;

    auto missing_value = run_db({"instruments", "list", "--format"});
    EXPECT_EQ(missing_value.status, 2) << missing_value;

    auto bad_number = run_db({"responses", "list", "--limit", "ten"});
    EXPECT_EQ(bad_number.status, 2) << bad_number;
    EXPECT_NE(bad_number.err.find("--limit"), std::string::npos) << bad_number;
}

TEST_F(CliTest, MissingRequiredOptionIsAUsageError)
{
    auto result = run_db({"stats", "--question", "agree"});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_EQ(line_count(result.err), 1U) << result;
    EXPECT_NE(result.err.find("--instrument"), std::string::npos) << result;
    EXPECT_FALSE(fs::exists(database)) << "a usage error must not open the database";

    auto bad_time = run_db({"responses", "add", "--instrument", "every-type", "--answers",
                            "a.json", "--captured-at", "yesterday"});
    EXPECT_EQ(bad_time.status, 2) << bad_time;
    EXPECT_NE(bad_time.err.find("--captured-at"), std::string::npos) << bad_time;
}

TEST_F(CliTest, ImportsInstrumentsAndListsThemAsJson)
{
    const auto file = write("every-type.json", chorus::test::every_type_json());
    auto first = run_db({"instruments", "import", file.string()});
    EXPECT_EQ(first.status, 0) << first;
    EXPECT_EQ(first.out, "added every-type version 1\n");
    auto again = run_db({"instruments", "import", file.string()});
    EXPECT_EQ(again.status, 0) << again;
    EXPECT_EQ(again.out, "unchanged every-type version 1 (already stored)\n");

    auto list = run_db({"instruments", "list", "--format", "json"});
    ASSERT_EQ(list.status, 0) << list;
    ASSERT_TRUE(Json::parse(list.out).is_array());
    const auto json = hand_imported(list.out);
    ASSERT_EQ(json.size(), 1U);
    EXPECT_EQ(json[0]["id"], "every-type");
    EXPECT_EQ(json[0]["version"], 1);
    EXPECT_EQ(json[0]["title"], "Every question type");
    EXPECT_EQ(json[0]["responses"], 0);
    EXPECT_TRUE(json[0].contains("stored_at"));

    auto table = run_db({"instruments", "list"});
    EXPECT_EQ(table.status, 0) << table;
    EXPECT_NE(table.out.find("every-type"), std::string::npos) << table;

    auto show = run_db({"instruments", "show", "every-type"});
    EXPECT_EQ(show.status, 0) << show;
    EXPECT_NE(show.out.find("4. agree (agree_scale, required) My social worker listened to me"),
              std::string::npos)
        << show;
    EXPECT_NE(show.out.find("shown when: agree in"), std::string::npos) << show;
}

TEST_F(CliTest, BadDefinitionFailsNamingTheFileAndPath)
{
    const auto good = write("every-type.json", chorus::test::every_type_json());
    const auto bad = write("bad-survey.json", R"({
  "id": "bad-survey", "version": 1, "title": "Bad",
  "questions": [
    {"key": "pick", "type": "single_choice", "label": "Pick one",
     "options": [{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]}
  ]
})");
    auto result = run_db({"instruments", "import", good.string(), bad.string()});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_EQ(result.err.rfind("chorus-cli: ", 0), 0U) << result;
    EXPECT_NE(result.err.find("bad-survey.json"), std::string::npos) << result;
    EXPECT_NE(result.err.find("$.questions[0]"), std::string::npos) << result;
    EXPECT_EQ(result.out, "added every-type version 1\n") << "files before the bad one stay";

    auto list = run_db({"instruments", "list", "--format", "json"});
    ASSERT_EQ(list.status, 0) << list;
    EXPECT_EQ(hand_imported(list.out).size(), 1U);
}

TEST_F(CliTest, AddsValidResponsesAndRefusesInvalidOnes)
{
    import_every_type();
    auto valid = add_answers(R"({"agree": "agree", "count": 3, "rating": 7, "many": ["cin"],
                                 "amount": 12.5, "when": "01/05/2024", "name": null})");
    EXPECT_EQ(valid.status, 0) << valid;
    EXPECT_EQ(valid.out.rfind("saved response ", 0), 0U) << valid;
    EXPECT_EQ(stored_responses(), 1U);

    auto invalid = add_answers(R"({"agree": "maybe"})");
    EXPECT_EQ(invalid.status, 1) << invalid;
    EXPECT_NE(invalid.err.find("agree"), std::string::npos) << invalid;
    EXPECT_EQ(invalid.err.rfind("chorus-cli: ", 0), 0U) << invalid;

    auto wrong_kind = add_answers(R"({"agree": "agree", "count": "three"})");
    EXPECT_EQ(wrong_kind.status, 1) << wrong_kind;
    EXPECT_NE(wrong_kind.err.find(R"(question "count": expected a whole number, got "three")"),
              std::string::npos)
        << wrong_kind;

    auto fraction = add_answers(R"({"agree": "agree", "count": 3.5})");
    EXPECT_EQ(fraction.status, 1) << fraction;

    auto unknown = add_answers(R"({"agree": "agree", "xyz": 1})");
    EXPECT_EQ(unknown.status, 1) << unknown;
    EXPECT_NE(unknown.err.find(R"(question "xyz" is not in every-type version 1)"),
              std::string::npos)
        << unknown;

    auto malformed = add_answers("{\n  \"agree\": \"agree\",\n}");
    EXPECT_EQ(malformed.status, 1) << malformed;
    EXPECT_NE(malformed.err.find("answers.json: line 3, column 1: "), std::string::npos)
        << malformed;

    EXPECT_EQ(stored_responses(), 1U) << "refused responses must not be stored";

    auto draft = run_db({"responses", "add", "--instrument", "every-type", "--answers",
                         write("draft.json", R"({"count": 2})").string(), "--draft",
                         "--respondent-type", "parent"});
    EXPECT_EQ(draft.status, 0) << draft;
    EXPECT_EQ(draft.out.rfind("saved draft ", 0), 0U) << draft;
    EXPECT_EQ(stored_responses(), 1U) << "drafts are not responses";
}

TEST_F(CliTest, CsvImportWithABadRowImportsNothing)
{
    import_every_type();
    const auto bad = write("bad.csv", "respondent_type,agree,count\n"
                                      "parent,agree,3\n"
                                      "parent,maybe,4\n");
    auto result = run_db({"responses", "import", bad.string(), "--instrument", "every-type"});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_NE(result.err.find("line 3"), std::string::npos) << result;
    EXPECT_EQ(stored_responses(), 0U);

    const auto good = write("good.csv", "respondent_type,agree,count\n"
                                        "parent,agree,3\n"
                                        "carer,disagree,4\n");
    auto imported = run_db({"responses", "import", good.string(), "--instrument", "every-type"});
    EXPECT_EQ(imported.status, 0) << imported;
    EXPECT_EQ(imported.out, "imported 2 responses into every-type version 1\n");
    EXPECT_EQ(stored_responses(), 2U);
}

TEST_F(CliTest, ImportsAFormExportWithDryRunMapOverridesAndASavedMapping)
{
    const fs::path data = CHORUS_TEST_DATA_DIR;
    const std::string export_csv = (data / "google-forms-youth-event.csv").string();
    ASSERT_EQ(run_db({"instruments", "import", (data / "youth-event-feedback.json").string()}).status, 0);

    const std::string mapping = (temp / "mapping.json").string();
    auto dry = run_db({"responses", "import", export_csv, "--instrument", "youth-event-feedback", "--dry-run",
                       "--map", "What could we do better?=", "--save-mapping", mapping});
    EXPECT_EQ(dry.status, 0) << dry;
    EXPECT_NE(dry.out.find("identifying: not imported"), std::string::npos) << dry;
    EXPECT_NE(dry.out.find("4 rows: 4 would be imported; nothing stored (dry run)"), std::string::npos) << dry;
    EXPECT_NE(dry.out.find("topics=school;safety"), std::string::npos) << dry;
    EXPECT_NE(dry.out.find("Questions no column answers: better"), std::string::npos) << dry;
    EXPECT_EQ(dry.out.find("example.org"), std::string::npos) << dry; // the emails are not shown
    EXPECT_EQ(stored_responses(), 0U);

    auto imported = run_db({"responses", "import", export_csv, "--instrument", "youth-event-feedback",
                            "--mapping", mapping});
    EXPECT_EQ(imported.status, 0) << imported;
    EXPECT_EQ(imported.out, "imported 4 responses into youth-event-feedback version 1\n");
    auto again = run_db({"responses", "import", export_csv, "--instrument", "youth-event-feedback"});
    EXPECT_EQ(again.out, "imported 0 responses into youth-event-feedback version 1; 4 already imported, skipped\n")
        << again;
    EXPECT_NE(again.err.find("warning: column \"Email address\": identifying: not imported"), std::string::npos) << again;
    EXPECT_EQ(stored_responses(), 4U);

    auto bad_map = run_db({"responses", "import", export_csv, "--instrument", "youth-event-feedback", "--map",
                           "Timestamp=nope"});
    EXPECT_EQ(bad_map.status, 2) << bad_map;
    auto sheet_for_csv = run_db({"responses", "import", export_csv, "--instrument", "youth-event-feedback",
                                 "--sheet", "Form1"});
    EXPECT_EQ(sheet_for_csv.status, 2) << sheet_for_csv;
}

TEST_F(CliTest, StatsAsJsonAreUnroundedAndAsATableRounded)
{
    import_every_type();
    for (const char* answers : {R"({"agree": "agree", "yesno": "yes", "count": 3, "rating": 7})",
                                R"({"agree": "agree", "yesno": "yes", "count": 5})",
                                R"({"agree": "disagree", "yesno": "no", "count": 4})",
                                R"({"agree": "agree", "yesno": "na"})"})
        ASSERT_EQ(add_answers(answers).status, 0) << answers;

    auto result = run_db({"stats", "--instrument", "every-type", "--question", "yesno",
                          "--exclude", "na"});
    ASSERT_EQ(result.status, 0) << result;
    const auto json = Json::parse(result.out);
    EXPECT_EQ(json["instrument"], "every-type");
    EXPECT_EQ(json["question"], "yesno");
    EXPECT_EQ(json["type"], "yes_no_na");
    EXPECT_EQ(json["responses"], 4);
    EXPECT_EQ(json["blank"], 0);
    EXPECT_EQ(json["base"], 3);
    EXPECT_EQ(json["excluded"], Json({{"na", 1}}));
    const auto& options = json["options"];
    ASSERT_GE(options.size(), 2U);
    EXPECT_EQ(options[0]["code"], "yes");
    EXPECT_EQ(options[0]["count"], 2);
    EXPECT_DOUBLE_EQ(options[0]["percent"].get<double>(), 200.0 / 3.0);
    EXPECT_EQ(options[1]["code"], "no");
    EXPECT_DOUBLE_EQ(options[1]["percent"].get<double>(), 100.0 / 3.0);

    auto table = run_db({"stats", "--instrument", "every-type", "--question", "yesno",
                         "--exclude", "na", "--format", "table", "--decimals", "1"});
    ASSERT_EQ(table.status, 0) << table;
    EXPECT_NE(table.out.find("Base: 3 (excluded: na 1, blank 0)"), std::string::npos) << table;
    EXPECT_NE(table.out.find("66.7%"), std::string::npos) << table;
    EXPECT_NE(table.out.find("33.3%"), std::string::npos) << table;
    auto whole = run_db({"stats", "--instrument", "every-type", "--question", "yesno",
                         "--exclude", "na", "--format", "table"});
    EXPECT_NE(whole.out.find(" 67%"), std::string::npos) << whole;

    auto numbers = run_db({"stats", "--instrument", "every-type", "--question", "count"});
    ASSERT_EQ(numbers.status, 0) << numbers;
    const auto numeric = Json::parse(numbers.out);
    EXPECT_EQ(numeric["base"], 3);
    EXPECT_EQ(numeric["blank"], 1);
    EXPECT_DOUBLE_EQ(numeric["numeric"]["min"].get<double>(), 3.0);
    EXPECT_DOUBLE_EQ(numeric["numeric"]["max"].get<double>(), 5.0);
    EXPECT_DOUBLE_EQ(numeric["numeric"]["mean"].get<double>(), 4.0);
    EXPECT_DOUBLE_EQ(numeric["numeric"]["median"].get<double>(), 4.0);

    // A rating given as the number 7 is stored as the code "7".
    auto rating = Json::parse(
        run_db({"stats", "--instrument", "every-type", "--question", "rating"}).out);
    for (const auto& option : rating["options"])
        EXPECT_EQ(option["count"], option["code"] == "7" ? 1 : 0) << option;
}

TEST_F(CliTest, DatabaseOptionWorksBeforeAndAfterTheCommandWords)
{
    import_every_type();
    for (const auto& arguments :
         {std::vector<std::string>{"--db", database.string(), "instruments", "list", "--format",
                                   "json"},
          std::vector<std::string>{"instruments", "--db", database.string(), "list", "--format",
                                   "json"},
          std::vector<std::string>{"instruments", "list", "--format", "json",
                                   "--db=" + database.string()}}) {
        auto result = run(arguments);
        ASSERT_EQ(result.status, 0) << result;
        EXPECT_EQ(hand_imported(result.out).size(), 1U) << result;
    }
    EXPECT_FALSE(fs::exists(data_dir / "chorus.db"));
}

TEST_F(CliTest, DefaultDatabaseIsInTheDataFolder)
{
    ASSERT_FALSE(fs::exists(data_dir));
    const auto file = write("every-type.json", chorus::test::every_type_json());
    auto result = run({"instruments", "import", file.string()});
    EXPECT_EQ(result.status, 0) << result;
    EXPECT_TRUE(fs::exists(data_dir / "chorus.db"));

    auto list = run({"instruments", "list", "--format", "json"});
    ASSERT_EQ(list.status, 0) << list;
    EXPECT_EQ(hand_imported(list.out).size(), 1U);
}

TEST_F(CliTest, DemoSeedsOnceAndSaysSoTheSecondTime)
{
    auto first = run_db({"demo"});
    EXPECT_EQ(first.status, 0) << first;
    EXPECT_NE(first.out.find("Seeded the demo data"), std::string::npos) << first;
    EXPECT_NE(first.out.find(" responses, 60 complaints, 80 compliments."), std::string::npos) << first;
    EXPECT_NE(first.out.find(database.string()), std::string::npos) << first;
    EXPECT_NE(first.out.find("cin-family-feedback"), std::string::npos) << first;
    EXPECT_NE(first.out.find("% agreed that "), std::string::npos) << first;

    auto second = run_db({"demo"});
    EXPECT_EQ(second.status, 0) << second;
    EXPECT_NE(second.out.find("Demo data already present"), std::string::npos) << second;
}

TEST_F(CliTest, PluginsListsLoadedAndRefusedPluginsAndExitsZero)
{
    auto table = run({"plugins"}, fixture_plugin_path());
    EXPECT_EQ(table.status, 0) << table;
    EXPECT_NE(table.out.find("Plugin folders: "), std::string::npos) << table;
    EXPECT_NE(table.out.find("fixture_good"), std::string::npos) << table;
    EXPECT_NE(table.out.find("instruments: fixture_good-survey; vocabularies: fixture-themes"),
              std::string::npos)
        << table;
    EXPECT_NE(table.out.find("Refused (not loaded):\n  factory_throws.so failed to start: its "
                             "factory threw: bank holiday data is missing\n    file: "),
              std::string::npos)
        << table;
    EXPECT_NE(table.err.find("chorus-cli: plugin refused: factory_throws.so failed to start"),
              std::string::npos)
        << table;
    EXPECT_FALSE(fs::exists(data_dir)) << "listing plugins never opens the database";

    auto json_run = run({"plugins", "--format", "json"}, fixture_plugin_path());
    ASSERT_EQ(json_run.status, 0) << json_run;
    const auto json = Json::parse(json_run.out);
    const auto good = std::find_if(json["loaded"].begin(), json["loaded"].end(),
                                   [](const Json& plugin) { return plugin["id"] == "fixture_good"; });
    ASSERT_NE(good, json["loaded"].end()) << json_run;
    EXPECT_EQ((*good)["version"], "1.2.3");
    EXPECT_EQ((*good)["instruments"],
              Json::parse(R"([{"id": "fixture_good-survey", "version": 1}])"));
    EXPECT_EQ((*good)["vocabularies"], Json({"fixture-themes"}));
    EXPECT_EQ((*good)["complaints_procedure"], false);
    ASSERT_EQ(json["refused"].size(), 1U) << json_run;
    EXPECT_NE(json["refused"][0]["file"].get<std::string>().find("factory_throws.so"),
              std::string::npos);
}

TEST_F(CliTest, InstrumentsListShowsPluginInstrumentsAndWarnsOfARefusedPlugin)
{
    auto list = run_db({"instruments", "list", "--format", "json"}, fixture_plugin_path());
    ASSERT_EQ(list.status, 0) << list;
    const auto json = Json::parse(list.out);
    const auto survey = std::find_if(json.begin(), json.end(), [](const Json& instrument) {
        return instrument["id"] == "fixture_good-survey";
    });
    ASSERT_NE(survey, json.end()) << list;
    EXPECT_EQ((*survey)["plugin"], "fixture_good");
    EXPECT_EQ(list.err,
              "chorus-cli: warning: 1 plugin refused; run chorus-cli plugins for the reason\n");

    auto table = run_db({"instruments", "list"}, fixture_plugin_path());
    EXPECT_EQ(table.status, 0) << table;
    EXPECT_NE(table.out.find("fixture_good-survey"), std::string::npos) << table;
    EXPECT_NE(table.out.find("fixture_good "), std::string::npos) << "the plugin column\n" << table;
}

} // namespace

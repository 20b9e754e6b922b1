// Importing responses as online survey tools export them: labels as headers, their own
// metadata columns, values as labels, CSV and XLSX, through a ColumnMapping.
#include "chorus/instrument_json.hpp"
#include "chorus/response_import.hpp"
#include "chorus/response_mapping.hpp"
#include "chorus/store.hpp"
#include "test_support.hpp"
#include "xlsx_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace chorus;
using chorus::test::TempDir;
using chorus::test::write_file;

namespace {

const std::filesystem::path data_dir = CHORUS_TEST_DATA_DIR;
const std::filesystem::path google_csv = data_dir / "google-forms-youth-event.csv";
const std::filesystem::path microsoft_csv = data_dir / "microsoft-forms-youth-event.csv";

Instrument youth_event()
{
    return parse_instrument(test::read_file(data_dir / "youth-event-feedback.json"), "youth-event-feedback.json");
}

std::string describe(const std::vector<RowProblem>& problems)
{
    std::string text;
    for (const auto& problem : problems)
        text += "\n  " + problem.to_string();
    return text;
}

std::string describe(const ImportError& error) { return error.what() + describe(error.problems()); }

class ResponseMappingTest : public ::testing::Test {
protected:
    ResponseMappingTest() { store.add_instrument(instrument, "tester"); }

    ResponseImportOptions options(std::optional<ColumnMapping> mapping = std::nullopt) const
    {
        ResponseImportOptions result;
        result.instrument_id = "youth-event-feedback";
        result.captured_by = "worker1";
        result.team = "north";
        result.respondent_type = "young_person";
        result.mapping = std::move(mapping);
        return result;
    }

    ColumnMapping map(const std::filesystem::path& file, const std::string& sheet = {}) const
    {
        const ImportSample sample = read_import_sample(file, sheet);
        return auto_map(instrument, sample.headers, sample.rows);
    }

    ImportError import_error(const std::filesystem::path& file, const ResponseImportOptions& given)
    {
        try {
            import_responses(store, file, given, "tester");
        } catch (const ImportError& error) {
            return error;
        }
        ADD_FAILURE() << "no ImportError for " << file;
        return ImportError("", {});
    }

    // Every response's stored values, uuids and times left out: what the store holds.
    std::vector<std::map<std::string, Answer>> stored_answers()
    {
        std::vector<std::map<std::string, Answer>> all;
        for (const auto& summary : store.list_responses())
            all.push_back(store.find_response(summary.uuid)->answers);
        return all;
    }

    const Instrument instrument = youth_event();
    TempDir dir;
    Store store{dir / "chorus.db"};
};

const ColumnMatch& column(const ColumnMapping& mapping, const std::string& header)
{
    const std::size_t index = mapping.find(header);
    EXPECT_NE(index, std::string_view::npos) << header;
    static const ColumnMatch none;
    return index == std::string_view::npos ? none : mapping.columns[index];
}

TEST_F(ResponseMappingTest, MapsAGoogleFormsExportByLabelWithItsTimestamp)
{
    const ColumnMapping mapping = map(google_csv);
    EXPECT_EQ(column(mapping, "Timestamp").target, ColumnTarget::captured_at);
    EXPECT_EQ(column(mapping, "Timestamp").matched_by, MatchedBy::metadata_name);
    EXPECT_EQ(column(mapping, "Email address").target, ColumnTarget::ignored);
    EXPECT_EQ(column(mapping, "Email address").matched_by, MatchedBy::identifying);
    EXPECT_NE(column(mapping, "Email address").note.find("identifying"), std::string::npos);
    EXPECT_EQ(column(mapping, "I felt listened to").question_key, "listened");
    EXPECT_EQ(column(mapping, "I felt listened to").matched_by, MatchedBy::label);
    EXPECT_EQ(column(mapping, "Which topics matter most to you?").question_key, "topics");
    EXPECT_TRUE(mapping.unmapped_questions(instrument).empty());
    EXPECT_EQ(mapping.question_columns(), 7u);
    EXPECT_EQ(auto_map(test::every_type_instrument(), read_import_sample(google_csv).headers).question_columns(), 0u);
    for (const auto& match : mapping.columns)
        EXPECT_FALSE(match.unmatched()) << match.header;
}

TEST_F(ResponseMappingTest, ImportsAGoogleFormsExportWithLabelsCommasAndUkTimes)
{
    const auto result = import_responses(store, google_csv, options(), "tester");
    EXPECT_EQ(result.imported, 4u);
    EXPECT_EQ(store.count_responses("youth-event-feedback"), 4);

    std::map<std::string, Response> by_time; // captured_at -> response
    for (const auto& summary : store.list_responses())
        by_time.emplace(summary.captured_at, *store.find_response(summary.uuid));
    ASSERT_EQ(by_time.count("2025-10-03T14:22:10Z"), 1u);
    const Response& first = by_time["2025-10-03T14:22:10Z"];
    EXPECT_EQ(first.answers, (std::map<std::string, Answer>{
                                 {"enjoyed", std::string("strongly_agree")},
                                 {"listened", std::string("agree")},
                                 {"topics", std::vector<std::string>{"school", "safety"}},
                                 {"come_again", std::string("yes")},
                                 {"rating", std::string("9")},
                                 {"event_date", std::string("2025-10-03")},
                                 {"better", std::string("More food please")}}));
    EXPECT_EQ(first.team, "north");
    EXPECT_EQ(first.captured_by, "worker1");
    // A label with a comma among others joined with ", ".
    EXPECT_EQ(by_time["2025-10-03T15:02:03Z"].answers.at("topics"),
              Answer(std::vector<std::string>{"school", "health", "housing"})); // stored in option order
    EXPECT_EQ(by_time["2025-10-04T09:11:57Z"].answers.at("come_again"), Answer(std::string("na")));
}

TEST_F(ResponseMappingTest, NeverStoresTheIdentifyingColumns)
{
    import_responses(store, google_csv, options(), "tester");
    for (const auto& summary : store.list_responses()) {
        const Response response = *store.find_response(summary.uuid);
        std::string everything = response.captured_by + response.team + response.respondent_type;
        for (const auto& [key, answer] : response.answers)
            if (auto text = std::get_if<std::string>(&answer))
                everything += *text;
        EXPECT_EQ(everything.find("example.org"), std::string::npos) << everything;
    }
    for (const auto& entry : store.audit_log())
        EXPECT_EQ(entry.detail.find("example.org"), std::string::npos) << entry.detail;
}

TEST_F(ResponseMappingTest, MapsAMicrosoftFormsExportAndItsOwnColumns)
{
    const ColumnMapping mapping = map(microsoft_csv);
    EXPECT_EQ(column(mapping, "ID").target, ColumnTarget::ignored); // row numbers, not UUIDs
    EXPECT_NE(column(mapping, "ID").note.find("not UUIDs"), std::string::npos);
    EXPECT_EQ(column(mapping, "Completion time").target, ColumnTarget::captured_at);
    EXPECT_EQ(column(mapping, "Start time").target, ColumnTarget::ignored);
    EXPECT_NE(column(mapping, "Start time").note.find("Completion time"), std::string::npos);
    EXPECT_EQ(column(mapping, "Name").matched_by, MatchedBy::identifying);
    EXPECT_EQ(column(mapping, "I enjoyed the event.").question_key, "enjoyed"); // punctuation ignored

    EXPECT_EQ(import_responses(store, microsoft_csv, options(), "tester").imported, 2u);
    std::map<std::string, Response> by_time;
    for (const auto& summary : store.list_responses())
        by_time.emplace(summary.captured_at, *store.find_response(summary.uuid));
    ASSERT_EQ(by_time.count("2025-10-03T14:25:41Z"), 1u);
    EXPECT_EQ(by_time["2025-10-03T14:22:10Z"].answers.at("topics"),
              Answer(std::vector<std::string>{"school", "safety"}));
    EXPECT_EQ(by_time["2025-10-03T14:25:41Z"].answers.at("come_again"), Answer(std::string("yes"))); // "true"
}

TEST_F(ResponseMappingTest, MapsByKeyIgnoringCaseAndSpaceAndTakesUuidColumnsOfUuids)
{
    const std::vector<std::string> headers{" Enjoyed ", "LISTENED", "Response ID", "Team", "Score"};
    const std::vector<std::vector<std::string>> rows{{"agree", "agree", "3F2B8C1E-4D5A-4B6C-8D7E-9F0A1B2C3D4E", "south", "1"}};
    const ColumnMapping mapping = auto_map(instrument, headers, rows);
    EXPECT_EQ(mapping.columns[0].question_key, "enjoyed");
    EXPECT_EQ(mapping.columns[0].matched_by, MatchedBy::key);
    EXPECT_EQ(mapping.columns[1].question_key, "listened");
    EXPECT_EQ(mapping.columns[2].target, ColumnTarget::uuid);
    EXPECT_EQ(mapping.columns[3].target, ColumnTarget::team);
    EXPECT_TRUE(mapping.columns[4].unmatched());
    const auto unmapped = mapping.unmapped_questions(instrument);
    EXPECT_EQ(unmapped, (std::vector<std::string>{"topics", "come_again", "rating", "event_date", "better"}));
}

TEST_F(ResponseMappingTest, ALabelTakenByAnEarlierColumnIsNotMatchedTwice)
{
    const ColumnMapping mapping = auto_map(instrument, {"I felt listened to", "I felt listened to."});
    EXPECT_EQ(mapping.columns[0].question_key, "listened");
    EXPECT_TRUE(mapping.columns[1].unmatched());
    EXPECT_NE(mapping.columns[1].note.find("the label of listened"), std::string::npos) << mapping.columns[1].note;
}

TEST_F(ResponseMappingTest, RefusesAnUnmatchedColumnUntilItIsIgnored)
{
    const auto file = dir / "quiz.csv";
    write_file(file, "I enjoyed the event,I felt listened to,Score\nAgree,Agree,5\n");
    ImportError error = import_error(file, options());
    ASSERT_EQ(error.problems().size(), 1u) << describe(error);
    EXPECT_EQ(error.problems()[0].line, 1u);
    EXPECT_EQ(error.problems()[0].column, "Score");
    EXPECT_NE(error.problems()[0].message.find("map it to a question or ignore it"), std::string::npos);
    EXPECT_EQ(store.count_responses(), 0);

    ColumnMapping mapping = map(file);
    apply_mapping_override(mapping, instrument, "Score=");
    EXPECT_EQ(import_responses(store, file, options(mapping), "tester").imported, 1u);
}

TEST_F(ResponseMappingTest, OverridesAColumnAndRefusesUnknownTargetsAndColumns)
{
    ColumnMapping mapping = map(google_csv);
    apply_mapping_override(mapping, instrument, "What could we do better?=");
    EXPECT_EQ(column(mapping, "What could we do better?").target, ColumnTarget::ignored);
    EXPECT_EQ(column(mapping, "What could we do better?").matched_by, MatchedBy::chosen);
    EXPECT_THROW(apply_mapping_override(mapping, instrument, "Timestamp=no_such_question"), Error);
    EXPECT_THROW(apply_mapping_override(mapping, instrument, "No such column=enjoyed"), Error);
    EXPECT_THROW(apply_mapping_override(mapping, instrument, "Timestamp=intro"), Error); // a note
    EXPECT_THROW(apply_mapping_override(mapping, instrument, "no equals sign"), Error);

    import_responses(store, google_csv, options(mapping), "tester");
    for (const auto& answers : stored_answers())
        EXPECT_EQ(answers.count("better"), 0u);
}

TEST_F(ResponseMappingTest, SavesAndLoadsAMappingFile)
{
    ColumnMapping edited = map(google_csv);
    apply_mapping_override(edited, instrument, "What could we do better?=");
    apply_mapping_override(edited, instrument, "Date of the event=");
    const auto saved = dir / "mapping.json";
    save_mapping_file(edited, instrument.id, saved);
    EXPECT_NE(test::read_file(saved).find("\"What could we do better?\": null"), std::string::npos)
        << test::read_file(saved);

    ColumnMapping loaded = map(google_csv);
    apply_mapping_file(loaded, instrument, saved);
    ASSERT_EQ(loaded.columns.size(), edited.columns.size());
    for (std::size_t i = 0; i < loaded.columns.size(); ++i) {
        EXPECT_EQ(target_name(loaded.columns[i]), target_name(edited.columns[i])) << loaded.columns[i].header;
        EXPECT_EQ(loaded.columns[i].matched_by, MatchedBy::mapping_file);
    }

    // The documented example loads as written.
    ColumnMapping example = map(google_csv);
    apply_mapping_file(example, instrument, data_dir / "youth-event-mapping.json");
    EXPECT_EQ(column(example, "Timestamp").target, ColumnTarget::captured_at);
    EXPECT_EQ(column(example, "Email address").target, ColumnTarget::ignored);

    write_file(dir / "other.json", R"({"chorus_response_mapping": 1, "instrument": "cin-family-feedback", "columns": {}})");
    EXPECT_THROW(apply_mapping_file(example, instrument, dir / "other.json"), Error);
    write_file(dir / "bad.json", R"({"chorus_response_mapping": 1, "columns": {"Timestamp": "nope"}})");
    EXPECT_THROW(apply_mapping_file(example, instrument, dir / "bad.json"), Error);
    write_file(dir / "broken.json", "{");
    EXPECT_THROW(apply_mapping_file(example, instrument, dir / "broken.json"), Error);
}

TEST_F(ResponseMappingTest, DryRunShowsTheRowsAsStoredAndWritesNothing)
{
    const auto audit_before = store.audit_log().size();
    const ImportPreview preview = preview_response_import(store, google_csv, options(), 2);
    EXPECT_EQ(preview.rows, 4u);
    EXPECT_EQ(preview.would_import(), 4u);
    EXPECT_EQ(preview.problem_count, 0u) << describe(preview.problems);
    ASSERT_EQ(preview.first_rows.size(), 2u);
    EXPECT_EQ(preview.first_rows[0].line, 2u);
    const std::map<std::string, std::string> first(preview.first_rows[0].values.begin(),
                                                   preview.first_rows[0].values.end());
    EXPECT_EQ(first.at("captured_at"), "2025-10-03T14:22:10Z");
    EXPECT_EQ(first.at("topics"), "school;safety");
    EXPECT_EQ(first.at("enjoyed"), "strongly_agree");
    EXPECT_EQ(first.count("email"), 0u);
    EXPECT_EQ(store.count_responses(), 0);
    EXPECT_EQ(store.audit_log().size(), audit_before);
}

// A realistic export of 1000 rows with one bad value in the middle.
std::string thousand_rows(std::size_t bad_row)
{
    std::string text = "Timestamp,I enjoyed the event,I felt listened to,Which topics matter most to you?\n";
    for (std::size_t row = 0; row < 1000; ++row) {
        const int second = static_cast<int>(row % 60), minute = static_cast<int>(row / 60 % 60);
        char time[32];
        std::snprintf(time, sizeof time, "03/10/2025 10:%02d:%02d", minute, second);
        text += std::string(time) + "," + (row == bad_row ? "Sometimes" : "Agree") +
                ",Strongly agree,\"Housing, Feeling safe\"\n";
    }
    return text;
}

TEST_F(ResponseMappingTest, OneBadRowInAThousandImportsNothingAndNamesTheRow)
{
    const auto file = dir / "export.csv";
    write_file(file, thousand_rows(499));
    const ImportError error = import_error(file, options());
    ASSERT_EQ(error.problems().size(), 1u) << describe(error);
    EXPECT_EQ(error.problems()[0].line, 501u);
    EXPECT_EQ(error.problems()[0].column, "I enjoyed the event");
    EXPECT_NE(error.problems()[0].message.find("\"Sometimes\" is not one of the options"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("1 of 1000 rows have problems; nothing was imported"), std::string::npos);
    EXPECT_EQ(store.count_responses(), 0);

    const ImportPreview preview = preview_response_import(store, file, options());
    EXPECT_EQ(preview.bad_rows, 1u);
    EXPECT_EQ(preview.would_import(), 0u);
    EXPECT_EQ(describe(preview.problems), describe(error.problems()));
}

TEST_F(ResponseMappingTest, ImportingTheSameFileAgainAddsNoDuplicates)
{
    EXPECT_EQ(import_responses(store, google_csv, options(), "tester").imported, 4u);
    const auto again = import_responses(store, google_csv, options(), "tester");
    EXPECT_EQ(again.imported, 0u);
    EXPECT_EQ(again.already_imported, 4u);
    EXPECT_EQ(store.count_responses(), 4);

    // A later export of the same form: the old rows are skipped, the new one imported.
    const auto later = dir / "later.csv";
    write_file(later, test::read_file(google_csv) +
                          "05/10/2025 11:00:00,,Agree,Agree,Housing,Yes,8,03/10/2025,\n");
    const auto result = import_responses(store, later, options(), "tester");
    EXPECT_EQ(result.imported, 1u);
    EXPECT_EQ(result.already_imported, 4u);
    EXPECT_EQ(store.count_responses(), 5);
    EXPECT_EQ(preview_response_import(store, later, options()).would_import(), 0u);
}

TEST_F(ResponseMappingTest, IdenticalRowsAreDifferentResponses)
{
    const auto file = dir / "same.csv";
    write_file(file, "I enjoyed the event,I felt listened to\nAgree,Agree\nAgree,Agree\nAgree,Agree\n");
    EXPECT_EQ(import_responses(store, file, options(), "tester").imported, 3u);
    EXPECT_EQ(import_responses(store, file, options(), "tester").imported, 0u);
    EXPECT_EQ(store.count_responses(), 3);
}

// The Google Forms export as a spreadsheet: serial date times, a boolean, a named sheet.
test::FixtureSheet google_sheet(const std::string& listened_in_row_3)
{
    test::FixtureSheet sheet{"Form responses 1",
                             {{"Timestamp", "Email address", "I enjoyed the event", "I felt listened to",
                               "Which topics matter most to you?", "Would you come to another event?",
                               "How would you rate the event overall?", "Date of the event"},
                              {"45933.59872685185", "sam@example.org", "Strongly agree", "Agree",
                               "School, college or work, Feeling safe", "TRUE", "9", "45933"},
                              {"45933.601168981484", "", "Agree", listened_in_row_3, "Housing", "FALSE", "6.0", "45933"}},
                             {{0}, {7}, {5}}};
    return sheet;
}

TEST_F(ResponseMappingTest, ImportsAnXlsxSheetWithDatesAndBooleans)
{
    const auto file = dir / "responses.xlsx";
    test::write_xlsx(file, {{"Notes", {{"Exported from Google Forms"}}}, google_sheet("Agree")});
    ResponseImportOptions given = options();
    given.sheet = "Form responses 1";
    const ImportSample sample = read_import_sample(file, given.sheet);
    EXPECT_EQ(sample.rows.at(0).at(0), "2025-10-03T14:22:10");
    EXPECT_EQ(sample.rows.at(0).at(7), "2025-10-03");
    EXPECT_EQ(sample.rows.at(0).at(5), "TRUE");
    EXPECT_EQ(sample.sheets, (std::vector<std::string>{"Notes", "Form responses 1"}));

    EXPECT_EQ(import_responses_xlsx(store, file, given, "tester").imported, 2u);
    std::map<std::string, Response> by_time;
    for (const auto& summary : store.list_responses())
        by_time.emplace(summary.captured_at, *store.find_response(summary.uuid));
    ASSERT_EQ(by_time.count("2025-10-03T14:25:41Z"), 1u) << store.list_responses().at(0).captured_at;
    EXPECT_EQ(by_time["2025-10-03T14:22:10Z"].answers.at("come_again"), Answer(std::string("yes")));
    EXPECT_EQ(by_time["2025-10-03T14:25:41Z"].answers.at("come_again"), Answer(std::string("no")));
    EXPECT_EQ(by_time["2025-10-03T14:25:41Z"].answers.at("rating"), Answer(std::string("6")));
    EXPECT_EQ(by_time["2025-10-03T14:25:41Z"].answers.at("event_date"), Answer(std::string("2025-10-03")));

    // The first sheet is the default; a missing one is named with the sheets there are.
    try {
        given.sheet = "Sheet9";
        import_responses_xlsx(store, file, given, "tester");
        ADD_FAILURE() << "no error for a missing sheet";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("Form responses 1"), std::string::npos) << error.what();
    }
}

TEST_F(ResponseMappingTest, XlsxProblemsNameTheSheetRowAndColumn)
{
    const auto file = dir / "bad.xlsx";
    test::write_xlsx(file, {google_sheet("Sometimes")});
    const ImportError error = import_error(file, options());
    ASSERT_EQ(error.problems().size(), 1u) << describe(error);
    EXPECT_EQ(error.problems()[0].to_string().substr(0, 53),
              "sheet Form responses 1, row 3, column D (I felt liste");
    EXPECT_EQ(store.count_responses(), 0);
}

} // namespace

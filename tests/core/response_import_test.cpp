#include "chorus/response_import.hpp"

#include "chorus/progress.hpp"
#include "chorus/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

using namespace chorus;
using chorus::test::every_type_instrument;
using chorus::test::TempDir;
using chorus::test::write_file;

namespace {

constexpr const char* uuid_a = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
constexpr const char* uuid_b = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
constexpr const char* uuid_c = "0b1c2d3e-4f5a-4b6c-9d8e-7f6a5b4c3d2e";

class RecordingProgress : public Progress {
public:
    explicit RecordingProgress(bool cancel) : cancel_(cancel) {}
    void update(std::uint64_t, std::uint64_t, std::string_view) override { ++updates; }
    bool cancelled() const override { return cancel_; }
    int updates = 0;

private:
    bool cancel_;
};

struct Snapshot {
    std::int64_t responses = 0;
    std::vector<std::string> instruments; // "id@version: responses"
    bool operator==(const Snapshot&) const = default;
};

class ResponseImportTest : public ::testing::Test {
protected:
    ResponseImportTest() { store.add_instrument(every_type_instrument(), "tester"); }

    std::size_t import(std::string_view text, Progress* progress = nullptr)
    {
        write_file(file, text);
        CsvImportOptions options{"every-type", 1, "worker1", "north", "parent"};
        return import_responses_csv(store, file, options, "tester", progress);
    }

    // The ImportError an import of `text` throws (a failure when none is thrown).
    ImportError import_error(std::string_view text)
    {
        try {
            import(text);
        } catch (const ImportError& error) {
            return error;
        }
        ADD_FAILURE() << "no ImportError for:\n" << text;
        return ImportError("", {});
    }

    Snapshot snapshot()
    {
        Snapshot result{store.count_responses(), {}};
        for (const auto& summary : store.list_instruments())
            result.instruments.push_back(summary.id + "@" + std::to_string(summary.version) + ": " +
                                         std::to_string(summary.responses));
        return result;
    }

    TempDir dir;
    std::filesystem::path file = dir / "responses.csv";
    Store store{dir / "chorus.db"};
};

bool has_problem(const ImportError& error, std::size_t line, const std::string& column,
                 const std::string& words = {})
{
    for (const auto& problem : error.problems())
        if (problem.line == line && problem.column == column &&
            problem.message.find(words) != std::string::npos)
            return true;
    return false;
}

std::string describe(const ImportError& error)
{
    std::string text = error.what();
    for (const auto& problem : error.problems())
        text += "\n  line " + std::to_string(problem.line) + " [" + problem.column + "] " +
                problem.message;
    return text;
}

TEST_F(ResponseImportTest, ImportsCodesLabelsQuotedFieldsMetadataAndUkDates)
{
    // BOM, CRLF line ends, labels in other cases, quoted commas and line breaks.
    std::string text =
        "\xEF\xBB\xBF"
        "uuid, captured_at ,captured_by,team,respondent_type,choice,many,agree,why,faces3,faces5,"
        "yesno,rating,count,amount,when,name,story\r\n";
    text += std::string(uuid_a) +
            ",2024-03-01T10:00:00Z,alice,south,carer,school,early_help;cin,agree,,happy,very_happy,"
            "yes,7,3,12.5,01/03/2024,Sam,\"Line one, with a comma\nline two \"\"quoted\"\"\"\r\n";
    text += std::string("A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D") +
            ",2024-03-02 09:30,,,,A FRIEND,\"Child in need; CP ;\",Strongly Disagree,"
            "\"It was \"\"fine\"\", mostly\",OK,Very Sad,Not Applicable,10.0,+5,+0.25,2024-02-29,,\r\n";
    text += ",,,,,, ; ,NEITHER,,,,,,,,,,\r\n"; // ";" alone is a blank answer

    EXPECT_EQ(import(text), 3u);
    EXPECT_EQ(store.count_responses("every-type"), 3);

    auto first = store.find_response(uuid_a);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->instrument_id, "every-type");
    EXPECT_EQ(first->instrument_version, 1);
    EXPECT_EQ(first->captured_at, "2024-03-01T10:00:00Z");
    EXPECT_EQ(first->captured_by, "alice");
    EXPECT_EQ(first->team, "south");
    EXPECT_EQ(first->respondent_type, "carer");
    std::map<std::string, Answer> expected_first{
        {"choice", std::string("school")},
        {"many", std::vector<std::string>{"early_help", "cin"}},
        {"agree", std::string("agree")},
        {"faces3", std::string("happy")},
        {"faces5", std::string("very_happy")},
        {"yesno", std::string("yes")},
        {"rating", std::string("7")},
        {"count", std::int64_t{3}},
        {"amount", 12.5},
        {"when", std::string("2024-03-01")},
        {"name", std::string("Sam")},
        {"story", std::string("Line one, with a comma\nline two \"quoted\"")}};
    EXPECT_EQ(first->answers, expected_first);

    auto second = store.find_response(uuid_b); // upper-case uuid stored in lower case
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->captured_at, "2024-03-02T09:30:00Z");
    EXPECT_EQ(second->captured_by, "worker1"); // defaults from the options
    EXPECT_EQ(second->team, "north");
    EXPECT_EQ(second->respondent_type, "parent");
    std::map<std::string, Answer> expected_second{
        {"choice", std::string("friend")},
        {"many", std::vector<std::string>{"cin", "cp"}},
        {"agree", std::string("strongly_disagree")},
        {"why", std::string("It was \"fine\", mostly")},
        {"faces3", std::string("ok")},
        {"faces5", std::string("very_sad")},
        {"yesno", std::string("na")},
        {"rating", std::string("10")},
        {"count", std::int64_t{5}},
        {"amount", 0.25},
        {"when", std::string("2024-02-29")}};
    EXPECT_EQ(second->answers, expected_second);

    bool found_third = false;
    for (const auto& summary : store.list_responses()) {
        if (summary.uuid == uuid_a || summary.uuid == uuid_b)
            continue;
        found_third = true;
        EXPECT_EQ(summary.respondent_type, "parent");
        auto third = store.find_response(summary.uuid);
        ASSERT_TRUE(third.has_value());
        EXPECT_EQ(third->answers, (std::map<std::string, Answer>{{"agree", std::string("neither")}}));
        EXPECT_EQ(third->captured_at.size(), 20u); // the import time
    }
    EXPECT_TRUE(found_third);
}

TEST_F(ResponseImportTest, ReportsProgressAndSkipsRowsOfEmptyCells)
{
    RecordingProgress progress(false);
    EXPECT_EQ(import("agree,story\nagree,\n,\n , \ndisagree,x\n", &progress), 2u);
    EXPECT_GT(progress.updates, 0);
    EXPECT_EQ(store.count_responses(), 2);
}

// A bad row first, in the middle or last: nothing is written and the line is right,
// counting the extra lines of quoted fields with line breaks.
class BadRowPosition : public ResponseImportTest, public ::testing::WithParamInterface<int> {};

TEST_P(BadRowPosition, LeavesTheDatabaseUnchanged)
{
    import(std::string("uuid,agree\n") + uuid_c + ",agree\n");
    const Snapshot before = snapshot();

    std::string text = "agree,story\n";
    for (int row = 0; row < 5; ++row)
        text += std::string(row == GetParam() ? "maybe" : "agree") + ",\"two\nlines\"\n";
    const ImportError error = import_error(text);

    const std::size_t line = 2 + 2 * static_cast<std::size_t>(GetParam());
    EXPECT_TRUE(has_problem(error, line, "agree", "\"maybe\"")) << describe(error);
    EXPECT_EQ(error.problems().size(), 1u) << describe(error);
    EXPECT_NE(std::string(error.what()).find("1 of 5 rows have problems; nothing was imported"),
              std::string::npos)
        << error.what();
    EXPECT_EQ(snapshot(), before);
}

INSTANTIATE_TEST_SUITE_P(ResponseImport, BadRowPosition, ::testing::Values(0, 2, 4));

TEST_F(ResponseImportTest, ReportsEveryBadRowAndValue)
{
    const ImportError error = import_error("agree,count,amount,rating,when,many,choice\n"
                                           "agree,3.5,1,7,,,\n"
                                           "agree,1,\"1,234\",7,,,\n"
                                           "agree,1,1,11,,,\n"
                                           "agree,1,1,7.5,31/02/2024,,\n"
                                           "agree,3a,1,1,,cin;Child in need,\n"
                                           "agree,,,,,,nope\n"
                                           "agree,99999999999999999999,,,,,\n"
                                           "agree,1,1,1,,,friend\n");
    EXPECT_NE(std::string(error.what()).find("7 of 8 rows have problems"), std::string::npos)
        << error.what();
    EXPECT_TRUE(has_problem(error, 2, "count", "\"3.5\" is not a whole number")) << describe(error);
    EXPECT_TRUE(has_problem(error, 3, "amount", "without commas")) << describe(error);
    EXPECT_TRUE(has_problem(error, 4, "rating", "\"11\"")) << describe(error);
    EXPECT_TRUE(has_problem(error, 5, "rating", "\"7.5\"")) << describe(error);
    EXPECT_TRUE(has_problem(error, 5, "when", "\"31/02/2024\" is not a date")) << describe(error);
    EXPECT_TRUE(has_problem(error, 6, "count", "\"3a\"")) << describe(error);
    EXPECT_TRUE(has_problem(error, 6, "many", "more than once")) << describe(error);
    EXPECT_TRUE(has_problem(error, 7, "choice", "\"nope\" is not one of the options")) << describe(error);
    EXPECT_TRUE(has_problem(error, 8, "count", "too large")) << describe(error);
    EXPECT_EQ(error.problems().size(), 9u) << describe(error);
    EXPECT_EQ(store.count_responses(), 0);
}

TEST_F(ResponseImportTest, ListsTheFirstThousandProblemsButCountsThemAll)
{
    std::string text = "agree\n";
    for (int row = 0; row < 1200; ++row)
        text += "maybe\n";
    const ImportError error = import_error(text);
    EXPECT_EQ(error.problems().size(), 1000u);
    EXPECT_TRUE(has_problem(error, 1001, "agree", "\"maybe\""));
    const std::string what = error.what();
    EXPECT_NE(what.find("1200 of 1200 rows have problems"), std::string::npos) << what;
    EXPECT_NE(what.find("1200 problems; the first 1000 are listed"), std::string::npos) << what;
}

TEST_F(ResponseImportTest, RefusesUnknownDuplicateAndNoteColumns)
{
    const ImportError error = import_error("agree, xyz ,intro,agree\nagree,1,,agree\n");
    EXPECT_TRUE(has_problem(error, 1, "xyz",
                            "column \"xyz\" is not a question of every-type version 1 nor a "
                            "metadata column"))
        << describe(error);
    EXPECT_TRUE(has_problem(error, 1, "intro", "note")) << describe(error);
    EXPECT_TRUE(has_problem(error, 1, "agree", "more than once")) << describe(error);
    EXPECT_EQ(store.count_responses(), 0);
}

TEST_F(ResponseImportTest, RefusesRowsWithTheWrongNumberOfFields)
{
    const ImportError error = import_error("agree,choice,count\nagree,school,1\nagree,school\n"
                                           "agree,school,1,2,3\n");
    EXPECT_TRUE(has_problem(error, 3, "", "has 2 fields, the header has 3")) << describe(error);
    EXPECT_TRUE(has_problem(error, 4, "", "has 5 fields, the header has 3")) << describe(error);
    EXPECT_EQ(store.count_responses(), 0);
}

TEST_F(ResponseImportTest, RefusesUuidsRepeatedInTheFileOrAlreadyStored)
{
    import(std::string("uuid,agree\n") + uuid_a + ",agree\n");
    const Snapshot before = snapshot();
    const ImportError error = import_error(std::string("uuid,agree\n") + uuid_b + ",agree\n" +
                                           uuid_a + ",agree\n" + uuid_b + ",agree\nnot-a-uuid,agree\n");
    EXPECT_TRUE(has_problem(error, 3, "uuid",
                            std::string("response ") + uuid_a + " is already in the database"))
        << describe(error);
    EXPECT_TRUE(has_problem(error, 4, "uuid", "more than once")) << describe(error);
    EXPECT_TRUE(has_problem(error, 5, "uuid", "\"not-a-uuid\"")) << describe(error);
    EXPECT_EQ(error.problems().size(), 3u) << describe(error);
    EXPECT_EQ(snapshot(), before);
}

TEST_F(ResponseImportTest, ReportsRequiredAndRelevanceProblems)
{
    const ImportError error =
        import_error("agree,why,choice\n,,school\nagree,They never called back,\n");
    EXPECT_TRUE(has_problem(error, 2, "agree")) << describe(error);
    EXPECT_TRUE(has_problem(error, 3, "why")) << describe(error);
    EXPECT_EQ(store.count_responses(), 0);
}

TEST_F(ResponseImportTest, NeverQuotesFreeText)
{
    const std::string secret = "SECRETWORD";
    std::string story;
    while (story.size() <= 10000)
        story += secret + " ";
    const ImportError error = import_error("agree,why,name,story\n"
                                           "agree," + secret + ",,\n"
                                           "agree,," + secret + " " + std::string(40, 'x') + ",\n"
                                           "agree,,," + story + "\n"
                                           "maybe,,," + secret + "\n");
    EXPECT_GE(error.problems().size(), 4u) << describe(error);
    EXPECT_EQ(describe(error).find(secret), std::string::npos) << describe(error);
}

TEST_F(ResponseImportTest, CancelledWritesNothing)
{
    RecordingProgress progress(true);
    EXPECT_THROW(import("agree\nagree\nagree\n", &progress), Cancelled);
    EXPECT_EQ(store.count_responses(), 0);
}

TEST_F(ResponseImportTest, RefusesEmptyHeaderOnlyMalformedAndUnreadableFiles)
{
    EXPECT_NE(std::string(import_error("").what()).find("is empty"), std::string::npos);
    EXPECT_NE(std::string(import_error("agree,why\r\n").what()).find("has a header but no responses"),
              std::string::npos);
    const ImportError malformed = import_error("agree,why\nagree,\"open\nagree,\n");
    EXPECT_TRUE(has_problem(malformed, 2, "")) << describe(malformed);
    EXPECT_NE(std::string(malformed.what()).find("nothing was imported"), std::string::npos);

    CsvImportOptions options{"every-type", 0, "", "", "parent"};
    try {
        import_responses_csv(store, dir / "missing.csv", options, "tester");
        ADD_FAILURE() << "no error for a missing file";
    } catch (const ImportError&) {
        ADD_FAILURE() << "a missing file is not an ImportError";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("missing.csv: cannot be read: "), std::string::npos)
            << error.what();
    }
    write_file(file, "agree\nagree\n");
    options.instrument_id = "no-such-instrument";
    EXPECT_THROW(import_responses_csv(store, file, options, "tester"), Error);
    EXPECT_EQ(store.count_responses(), 0);
}

// A dry run must refuse what the import refuses: a header-only file passed the preview with
// nothing to fix while the import threw ImportError (found by the response_csv fuzz target).
TEST_F(ResponseImportTest, PreviewOfAHeaderOnlyFileReportsTheProblemTheImportRefuses)
{
    write_file(file, "agree,why\n");
    ResponseImportOptions options;
    options.instrument_id = "every-type";
    options.respondent_type = "parent";
    const ImportPreview preview = preview_response_import(store, file, options);
    EXPECT_EQ(preview.problem_count, 1u);
    EXPECT_NE(preview.summary.find("has a header but no responses"), std::string::npos) << preview.summary;
    EXPECT_THROW(import_responses(store, file, options, "tester"), ImportError);
}

// Large files take the bulk path (indexes dropped during the write and rebuilt at commit):
// what is written before a problem or a cancel must vanish and the indexes come back.
constexpr int large_rows = 20'000;

std::string large_file(std::string_view last_row)
{
    std::string text = "agree,many\n";
    for (int row = 1; row < large_rows; ++row)
        text += "agree,cin;cp\n";
    return text + std::string(last_row) + "\n";
}

// A made-up uuid numbered n.
std::string numbered_uuid(int n)
{
    char text[40];
    std::snprintf(text, sizeof text, "%08x-0000-4000-8000-000000000000", static_cast<unsigned>(n));
    return text;
}

// Cancels once it has been asked `after` times, i.e. part way through the rows.
class CancelLater : public Progress {
public:
    explicit CancelLater(int after) : after_(after) {}
    void update(std::uint64_t, std::uint64_t, std::string_view) override {}
    bool cancelled() const override { return ++asked_ > after_; }

private:
    int after_;
    mutable int asked_ = 0;
};

TEST_F(ResponseImportTest, ImportsALargeFileWholeWithItsIndexes)
{
    EXPECT_EQ(import(large_file("disagree,early_help")), static_cast<std::size_t>(large_rows));
    EXPECT_EQ(store.count_responses("every-type"), large_rows);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
    const auto log = store.audit_log(1);
    EXPECT_EQ(log.at(0).action, "responses.import");
    EXPECT_EQ(log.at(0).detail, std::to_string(large_rows) + " responses to every-type version 1");
}

TEST_F(ResponseImportTest, BadLastRowOfALargeFileLeavesTheDatabaseUnchanged)
{
    import(std::string("uuid,agree\n") + uuid_c + ",agree\n");
    const Snapshot before = snapshot();
    const auto audit_before = store.audit_log().size();

    const ImportError error = import_error(large_file("agree,nope"));
    EXPECT_TRUE(has_problem(error, large_rows + 1, "many", "\"nope\"")) << describe(error);
    EXPECT_EQ(error.problems().size(), 1u) << describe(error);
    EXPECT_NE(std::string(error.what()).find("1 of " + std::to_string(large_rows) + " rows have problems"),
              std::string::npos)
        << error.what();
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(store.audit_log().size(), audit_before);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
}

TEST_F(ResponseImportTest, RefusesDuplicatesFarApartInALargeFile)
{
    std::string text = "uuid,agree\n";
    for (int row = 0; row < large_rows; ++row)
        text += numbered_uuid(row) + ",agree\n";
    text += numbered_uuid(0) + ",agree\n" + numbered_uuid(large_rows - 1) + ",agree\n";
    const ImportError error = import_error(text);
    EXPECT_TRUE(has_problem(error, large_rows + 2, "uuid", "more than once in the file (first on line 2)"))
        << describe(error);
    EXPECT_TRUE(has_problem(error, large_rows + 3, "uuid",
                            "(first on line " + std::to_string(large_rows + 1) + ")"))
        << describe(error);
    EXPECT_EQ(error.problems().size(), 2u) << describe(error);
    EXPECT_EQ(store.count_responses(), 0);
}

TEST_F(ResponseImportTest, CancelledPartWayThroughWritesNothing)
{
    import(std::string("uuid,agree\n") + uuid_c + ",agree\n");
    const Snapshot before = snapshot();
    const auto audit_before = store.audit_log().size();
    CancelLater progress(5); // after about 5,000 rows have been written
    EXPECT_THROW(import(large_file("agree,cin"), &progress), Cancelled);
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(store.audit_log().size(), audit_before);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
}

// The rows are written on a thread of their own while the next ones are read and checked
// (core/src/response_write_queue.hpp): a bad row half way through, with thousands written
// already, still leaves nothing behind and is reported with its line.
TEST_F(ResponseImportTest, BadRowHalfWayThroughALargeFileLeavesTheDatabaseUnchanged)
{
    import(std::string("uuid,agree\n") + uuid_c + ",agree\n");
    const Snapshot before = snapshot();
    const auto audit_before = store.audit_log().size();

    std::string text = "agree,many\n";
    for (int row = 1; row <= large_rows; ++row)
        text += row == large_rows / 2 ? "agree,nope\n" : "agree,cin;cp\n";
    const ImportError error = import_error(text);
    EXPECT_TRUE(has_problem(error, large_rows / 2 + 1, "many", "\"nope\"")) << describe(error);
    EXPECT_EQ(error.problems().size(), 1u) << describe(error);
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(store.audit_log().size(), audit_before);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
}

// A write that fails in the writing thread (here a trigger that fails on one response, as a
// full disk would) stops the import with SQLite's message and rolls back what was written.
TEST_F(ResponseImportTest, AWriteFailingPartWayThroughLeavesTheDatabaseUnchanged)
{
    import(std::string("uuid,agree\n") + uuid_c + ",agree\n");
    const Snapshot before = snapshot();
    const auto audit_before = store.audit_log().size();
    store.connection().exec("CREATE TRIGGER fail_one BEFORE INSERT ON response WHEN NEW.uuid = '" +
                            numbered_uuid(large_rows / 2) + "' BEGIN SELECT abs(-9223372036854775808); END");

    std::string text = "uuid,agree\n";
    for (int row = 0; row < large_rows; ++row)
        text += numbered_uuid(row) + ",agree\n";
    try {
        import(text);
        ADD_FAILURE() << "the failing write was not reported";
    } catch (const ImportError& error) {
        ADD_FAILURE() << "reported as a problem of the file: " << describe(error);
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("integer overflow"), std::string::npos) << error.what();
    }
    store.connection().exec("DROP TRIGGER fail_one");
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(store.audit_log().size(), audit_before);
    EXPECT_EQ(test::response_indexes(store), test::all_response_indexes);
}

TEST(RowProblemTest, ToStringNamesTheLineAndColumn)
{
    EXPECT_EQ((RowProblem{7, "listened", "an answer is required", "", ""}).to_string(),
              "line 7, column listened: an answer is required");
    EXPECT_EQ((RowProblem{7, "Listened to me", "an answer is required", "Form1", "C"}).to_string(),
              "sheet Form1, row 7, column C (Listened to me): an answer is required");
    EXPECT_EQ((RowProblem{3, "", "has 2 fields, the header has 3", "", ""}).to_string(),
              "line 3: has 2 fields, the header has 3");
}

} // namespace

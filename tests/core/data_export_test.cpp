// Exports (CSV, XLSX, JSON) and the JSON import, on real database files: round trips,
// disclosure control, RFC 4180 quoting, atomic files on cancel, the audit row, and the
// XLSX read back by LibreOffice.
#include "chorus/data_export.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/csv.hpp"
#include "chorus/error.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/measures.hpp"
#include "chorus/progress.hpp"
#include "chorus/response_import.hpp"
#include "chorus/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace chorus;
using chorus::test::every_type_instrument;
using chorus::test::read_file;
using chorus::test::TempDir;
using chorus::test::write_file;

namespace fs = std::filesystem;

namespace {

constexpr const char* uuid_a = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
constexpr const char* uuid_b = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
constexpr const char* uuid_c = "0b1c2d3e-4f5a-4b6c-9d8e-7f6a5b4c3d2e";

// Cancels once it has seen `updates_before_cancel` updates.
class CancellingProgress : public Progress {
public:
    explicit CancellingProgress(int updates_before_cancel) : left_(updates_before_cancel) {}
    void update(std::uint64_t, std::uint64_t, std::string_view) override { --left_; }
    bool cancelled() const override { return left_ <= 0; }

private:
    int left_;
};

Response response(const char* uuid, const std::string& captured_at, std::map<std::string, Answer> answers)
{
    Response r;
    r.uuid = uuid;
    r.instrument_id = "every-type";
    r.instrument_version = 1;
    r.captured_at = captured_at;
    r.captured_by = "Sam Worker";
    r.team = "North, locality";
    r.respondent_type = "parent";
    r.answers = std::move(answers);
    return r;
}

std::vector<std::string> files_in(const fs::path& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::vector<std::string>> read_csv(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> rows;
    CsvRecord record;
    while (reader.next(record))
        rows.push_back(record.fields);
    return rows;
}

void add_complaint_and_compliment(Store& store)
{
    ComplaintLog log(store);
    Complaint complaint;
    complaint.uuid = "c0000000-0000-4000-8000-000000000001";
    complaint.reference = "CMP-25-001";
    complaint.received = "2025-07-02";
    complaint.complainant_type = "parent";
    complaint.service_area = "children_in_need";
    complaint.procedure = "statutory";
    complaint.themes = {"communication"};
    complaint.points = {{"Visits were cancelled by Ms Smith", "upheld", "stage1"}};
    complaint.stages = {{"stage1", "2025-07-02", true, "complex: three agencies", {{"responded", "2025-07-20"}}}};
    complaint.learning = {{"Call ahead before every visit", "North team manager", "2025-09-01", ""}};
    complaint.recorded_by = "Complaints Officer";
    log.add(complaint, "tester");
    log.add_compliment({"d0000000-0000-4000-8000-000000000002", "2025-07-03", "teacher", "children_in_need", "North",
                        "Thanks to Jo for her help", "Complaints Officer"},
                       "tester");
}

class DataExportTest : public ::testing::Test {
protected:
    DataExportTest()
    {
        store.add_instrument(every_type_instrument(), "tester");
        store.add_responses(
            {response(uuid_a, "2025-06-30T22:30:00Z", // 30 June in England: 2025-Q1
                      {{"agree", std::string("disagree")},
                       {"why", std::string("She said \"soon\", then\nnothing — café")},
                       {"many", std::vector<std::string>{"early_help", "cp"}},
                       {"rating", std::string("7")},
                       {"count", std::int64_t{12}},
                       {"amount", 3.25},
                       {"when", std::string("2025-06-01")},
                       {"name", std::string("Jo")}}),
             response(uuid_b, "2025-06-30T23:30:00Z", // 1 July in England (BST): 2025-Q2
                      {{"agree", std::string("agree")}, {"amount", 0.1}, {"story", std::string("fine")}}),
             response(uuid_c, "2025-08-01T09:00:00Z", {{"agree", std::string("strongly_agree")}})},
            "tester", "fixture");
    }

    ExportSummary run(ExportFormat format, const fs::path& out, Progress* progress = nullptr)
    {
        options.format = format;
        options.out = out;
        return export_data(store, options, "tester", progress);
    }

    TempDir dir;
    Store store{dir / "a.db"};
    ExportOptions options;
};

TEST_F(DataExportTest, CsvQuotesCommasQuotesLineBreaksAndKeepsUtf8)
{
    options.instruments = {"every-type"};
    options.identifiable = true;
    run(ExportFormat::csv, dir / "out.csv");
    const std::string text = read_file(dir / "out.csv");
    EXPECT_EQ(text.substr(0, 3), "uui"); // no byte order mark unless asked
    EXPECT_NE(text.find("\"She said \"\"soon\"\", then\nnothing — café\""), std::string::npos) << text;
    EXPECT_NE(text.find(",\"North, locality\","), std::string::npos);
    EXPECT_NE(text.find("\r\n"), std::string::npos); // RFC 4180 line ends

    const auto rows = read_csv(dir / "out.csv");
    ASSERT_EQ(rows.size(), 4u);
    const std::vector<std::string> header{"uuid", "captured_at", "captured_by", "team", "respondent_type",
                                          "choice", "many", "agree", "why", "faces3", "faces5", "yesno",
                                          "rating", "count", "amount", "when", "name", "story"};
    EXPECT_EQ(rows[0], header);
    EXPECT_EQ(rows[1][0], uuid_a);
    EXPECT_EQ(rows[1][6], "early_help;cp");
    EXPECT_EQ(rows[1][8], "She said \"soon\", then\nnothing — café");
    EXPECT_EQ(rows[1][14], "3.25");
    EXPECT_EQ(rows[2][14], "0.1");
}

TEST_F(DataExportTest, CsvByteOrderMarkOnlyWhenAsked)
{
    options.instruments = {"every-type"};
    options.bom = true;
    run(ExportFormat::csv, dir / "bom.csv");
    EXPECT_EQ(read_file(dir / "bom.csv").substr(0, 6), "\xEF\xBB\xBFuui");
}

TEST_F(DataExportTest, CsvNeedsExactlyOneInstrument)
{
    EXPECT_THROW(run(ExportFormat::csv, dir / "none.csv"), Error); // even with only one stored
    options.instruments = {"every-type", "every-type-2"};
    EXPECT_THROW(run(ExportFormat::csv, dir / "none.csv"), Error);
    EXPECT_FALSE(fs::exists(dir / "none.csv"));
}

TEST_F(DataExportTest, CsvReimportsWithResponsesImport)
{
    options.instruments = {"every-type"};
    options.identifiable = true;
    run(ExportFormat::csv, dir / "out.csv");
    Store copy(dir / "b.db");
    copy.add_instrument(every_type_instrument(), "tester");
    EXPECT_EQ(import_responses_csv(copy, dir / "out.csv", {"every-type", 1, "", "", ""}, "tester"), 3u);
    for (const char* uuid : {uuid_a, uuid_b, uuid_c}) {
        const auto original = store.find_response(uuid);
        const auto imported = copy.find_response(uuid);
        ASSERT_TRUE(imported) << uuid;
        EXPECT_EQ(imported->answers, original->answers) << uuid;
        EXPECT_EQ(imported->captured_at, original->captured_at);
        EXPECT_EQ(imported->captured_by, original->captured_by);
        EXPECT_EQ(imported->team, original->team);
    }
}

TEST_F(DataExportTest, AnonymisedExportsLeaveOutWhoCapturedAndFreeText)
{
    options.instruments = {"every-type"};
    run(ExportFormat::csv, dir / "anon.csv");
    const auto rows = read_csv(dir / "anon.csv");
    for (const char* left_out : {"captured_by", "why", "name", "story"})
        EXPECT_EQ(std::count(rows[0].begin(), rows[0].end(), left_out), 0) << left_out;

    run(ExportFormat::json, dir / "anon.json");
    // The responses, after the instrument definitions (which name the questions).
    std::string text = read_file(dir / "anon.json");
    EXPECT_NE(text.find("\"identifiable\": false"), std::string::npos);
    text = text.substr(text.find("\"responses\": ["));
    for (const char* left_out : {"captured_by", "Sam Worker", "\"why\"", "\"name\"", "\"story\"", "café", "Jo"})
        EXPECT_EQ(text.find(left_out), std::string::npos) << left_out;

    add_complaint_and_compliment(store);
    options.complaints = true;
    run(ExportFormat::json, dir / "log.json");
    text = read_file(dir / "log.json");
    for (const char* left_out : {"CMP-25-001", "Ms Smith", "three agencies", "Call ahead", "Jo for", "Complaints Officer"})
        EXPECT_EQ(text.find(left_out), std::string::npos) << left_out;
    EXPECT_NE(text.find("\"outcome\":\"upheld\""), std::string::npos);

    options.free_text = true;
    run(ExportFormat::json, dir / "free.json");
    text = read_file(dir / "free.json");
    EXPECT_NE(text.find("\"story\":\"fine\""), std::string::npos);
    EXPECT_NE(text.find("Ms Smith"), std::string::npos);
    for (const char* left_out : {"Sam Worker", "CMP-25-001", "Complaints Officer"})
        EXPECT_EQ(text.find(left_out), std::string::npos) << left_out;
}

TEST_F(DataExportTest, PeriodKeepsResponsesOfItsUkDays)
{
    options.instruments = {"every-type"};
    options.period = parse_period("2025-Q2");
    EXPECT_EQ(run(ExportFormat::csv, dir / "q2.csv").responses, 2u);
    const auto rows = read_csv(dir / "q2.csv");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][0], uuid_b); // 23:30 UTC on 30 June is 1 July in England
    EXPECT_EQ(rows[2][0], uuid_c);
}

TEST_F(DataExportTest, JsonRoundTripThroughAnotherDatabaseIsIdentical)
{
    add_complaint_and_compliment(store);
    options.complaints = true;
    options.identifiable = true;
    run(ExportFormat::json, dir / "first.json");

    Store copy(dir / "b.db");
    const JsonImportSummary imported = import_json_export(copy, dir / "first.json", "tester");
    EXPECT_EQ(imported.instruments_added, 1u);
    EXPECT_EQ(imported.responses_added, 3u);
    EXPECT_EQ(imported.complaints_added, 1u);
    EXPECT_EQ(imported.compliments_added, 1u);
    EXPECT_NE(read_file(dir / "first.json").find("CMP-25-001"), std::string::npos);

    ExportOptions again = options;
    again.out = dir / "second.json";
    export_data(copy, again, "tester");
    EXPECT_EQ(read_file(dir / "second.json"), read_file(dir / "first.json"));

    // Twice adds nothing the second time.
    const JsonImportSummary twice = import_json_export(copy, dir / "first.json", "tester");
    EXPECT_EQ(twice.instruments_added, 0u);
    EXPECT_EQ(twice.instruments_unchanged, 1u);
    EXPECT_EQ(twice.responses_added, 0u);
    EXPECT_EQ(twice.responses_skipped, 3u);
    EXPECT_EQ(twice.complaints_added, 0u);
    EXPECT_EQ(twice.complaints_skipped, 1u);
    EXPECT_EQ(twice.compliments_skipped, 1u);
    EXPECT_EQ(copy.count_responses(), 3);
    EXPECT_EQ(ComplaintLog(copy).count(), 1);
}

TEST_F(DataExportTest, ImportRefusesAChangedResponseAndStoresNothing)
{
    options.identifiable = true;
    run(ExportFormat::json, dir / "full.json");
    Store copy(dir / "b.db");
    copy.add_instrument(every_type_instrument(), "tester");
    copy.add_response(*store.find_response(uuid_c), "tester");

    std::string text = read_file(dir / "full.json");
    const auto at = text.rfind("\"strongly_agree\""); // uuid_c's answer, the last response
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 16, "\"neither\"");
    write_file(dir / "changed.json", text);
    try {
        import_json_export(copy, dir / "changed.json", "tester");
        FAIL() << "a changed response was imported";
    } catch (const DefinitionError& error) {
        ASSERT_EQ(error.problems().size(), 1u);
        EXPECT_EQ(error.problems()[0].path, "$.responses[2]");
        EXPECT_NE(error.problems()[0].message.find(uuid_c), std::string::npos);
    }
    EXPECT_EQ(copy.count_responses(), 1); // the two new ones were not added either
}

TEST_F(DataExportTest, ImportNamesAnInvalidAnswerByItsPath)
{
    options.identifiable = true;
    run(ExportFormat::json, dir / "full.json");
    std::string text = read_file(dir / "full.json");
    const auto at = text.rfind("\"strongly_agree\"");
    text.replace(at, 16, "\"maybe\"");
    write_file(dir / "invalid.json", text);
    Store copy(dir / "b.db");
    try {
        import_json_export(copy, dir / "invalid.json", "tester");
        FAIL() << "an invalid answer was imported";
    } catch (const DefinitionError& error) {
        ASSERT_EQ(error.problems().size(), 1u);
        EXPECT_EQ(error.problems()[0].path, "$.responses[2].answers.agree");
    }
    EXPECT_EQ(copy.count_responses(), 0);
    EXPECT_TRUE(copy.list_instruments().empty());
}

TEST_F(DataExportTest, AProblemLateInABigImportLeavesTheBatchesBeforeItUnwritten)
{
    std::vector<Response> many; // more than one batch of writes
    for (int i = 0; i < 5100; ++i) {
        Response r = response("", "2025-09-01T10:00:00Z", {{"agree", std::string("agree")}});
        const std::string n = std::to_string(i);
        r.uuid = "00000000-0000-4000-8000-" + std::string(12 - n.size(), '0') + n;
        many.push_back(r);
    }
    store.add_responses(many, "tester", "more");
    options.identifiable = true;
    run(ExportFormat::json, dir / "big.json");

    Store copy(dir / "b.db");
    copy.add_instrument(every_type_instrument(), "tester");
    Response changed = many.back(); // the last one in the file, stored differently
    changed.team = "South";
    copy.add_response(changed, "tester");
    EXPECT_THROW(import_json_export(copy, dir / "big.json", "tester"), DefinitionError);
    EXPECT_EQ(copy.count_responses(), 1);
}

TEST_F(DataExportTest, ImportRefusesADifferentInstrumentWithTheSameVersion)
{
    options.identifiable = true;
    run(ExportFormat::json, dir / "full.json");
    Store copy(dir / "b.db");
    Instrument changed = every_type_instrument();
    changed.title = "Another title";
    copy.add_instrument(changed, "tester");
    try {
        import_json_export(copy, dir / "full.json", "tester");
        FAIL() << "a clashing instrument version was imported";
    } catch (const DefinitionError& error) {
        EXPECT_EQ(error.problems().at(0).path, "$.instruments[0]");
    }
    EXPECT_EQ(copy.count_responses(), 0);
}

TEST_F(DataExportTest, ImportRefusesAnonymisedExportsAndDryRunStoresNothing)
{
    run(ExportFormat::json, dir / "anon.json");
    Store copy(dir / "b.db");
    EXPECT_THROW(import_json_export(copy, dir / "anon.json", "tester"), Error);

    options.identifiable = true;
    run(ExportFormat::json, dir / "full.json");
    const JsonImportSummary dry = import_json_export(copy, dir / "full.json", "tester", true);
    EXPECT_EQ(dry.responses_added, 3u);
    EXPECT_EQ(copy.count_responses(), 0);
    EXPECT_TRUE(copy.list_instruments().empty());
}

TEST_F(DataExportTest, CancelLeavesNoFileAndNoTemporaryFile)
{
    // Enough responses that the export is still writing when it is cancelled.
    std::vector<Response> many;
    for (int i = 0; i < 450; ++i) {
        Response r = response("", "2025-09-01T10:00:00Z", {{"agree", std::string("agree")}});
        r.uuid = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(i).size(), '0') + std::to_string(i);
        many.push_back(r);
    }
    store.add_responses(many, "tester", "more");
    options.instruments = {"every-type"};
    const auto before = files_in(dir.path());
    for (ExportFormat format : {ExportFormat::csv, ExportFormat::xlsx, ExportFormat::json}) {
        CancellingProgress progress(2);
        EXPECT_THROW(run(format, dir / ("cancelled." + std::string(to_string(format))), &progress), Cancelled);
        EXPECT_EQ(files_in(dir.path()), before) << to_string(format);
    }
}

TEST_F(DataExportTest, ExistingFileIsRefusedUnlessOverwriting)
{
    write_file(dir / "kept.json", "precious");
    EXPECT_THROW(run(ExportFormat::json, dir / "kept.json"), Error);
    EXPECT_EQ(read_file(dir / "kept.json"), "precious");
    options.overwrite = true;
    run(ExportFormat::json, dir / "kept.json");
    EXPECT_NE(read_file(dir / "kept.json"), "precious");
}

TEST_F(DataExportTest, ExportIsAuditedWithoutAnswersOrNames)
{
    options.identifiable = true;
    run(ExportFormat::json, dir / "audited.json");
    const AuditEntry entry = store.audit_log(1).at(0);
    EXPECT_EQ(entry.action, "export");
    EXPECT_EQ(entry.entity, "audited.json");
    EXPECT_EQ(entry.detail, "format json; 3 responses; 1 instrument versions; identifiable yes");
}

// Runs LibreOffice headless on `xlsx`, converting every sheet to CSV with text cells quoted
// (so numeric cells are told apart: they are written bare) as they are shown.
std::map<std::string, std::string> libreoffice_sheets(const fs::path& xlsx, const fs::path& folder)
{
    const fs::path profile = folder / "lo-profile";
    const fs::path out = folder / "converted";
    fs::create_directories(out);
    const std::string command = "libreoffice -env:UserInstallation=file://" + profile.string()
                              + " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,"
                                "false,true,false,false,-1' --outdir '"
                              + out.string() + "' '" + xlsx.string() + "' >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << "LibreOffice (installers/install-deps.sh installs it) failed: "
                                               << command;
    std::map<std::string, std::string> sheets;
    for (const auto& entry : fs::directory_iterator(out))
        sheets[entry.path().stem().string()] = read_file(entry.path());
    return sheets;
}

MeasureDefinition agree_measure(const std::string& id, std::int64_t minimum_base)
{
    MeasureDefinition measure;
    measure.id = id;
    measure.title = "They said their social worker listened";
    measure.plan_area = "Voice of the child";
    measure.instrument = "every-type";
    measure.questions = {"agree"};
    measure.positive = {"agree", "strongly_agree"};
    measure.decimals = 1;
    measure.target = 80;
    measure.minimum_base = minimum_base;
    return measure;
}

TEST_F(DataExportTest, XlsxReadByLibreOfficeHasTheNumbers)
{
    Instrument unanswered = every_type_instrument();
    unanswered.id = "unanswered"; // no responses: no sheet, as no instrument was named
    store.add_instrument(unanswered, "tester");
    MeasureSet set{"plan", "Plan", {agree_measure("listened", 2), agree_measure("listened-strict", 5)}};
    MeasureCalculator calculator(store, set);
    ExportedMeasures measures{"plan.json", *parse_period("2025-Q2"), calculator.report(*parse_period("2025-Q2"))};
    options.measures = &measures;
    options.identifiable = true;
    EXPECT_EQ(run(ExportFormat::xlsx, dir / "book.xlsx").responses, 3u);

    const auto sheets = libreoffice_sheets(dir / "book.xlsx", dir.path());
    ASSERT_EQ(sheets.size(), 2u);
    const std::string& answers = sheets.at("book-every-type");
    // uuid, version, captured_at, captured_by, team, respondent_type, then the questions:
    // numbers bare (numeric cells), text quoted.
    EXPECT_NE(answers.find("\"" + std::string(uuid_a)
                           + "\",1,\"2025-06-30T22:30:00Z\",\"Sam Worker\",\"North, locality\",\"parent\",,"
                             "\"early_help;cp\",\"disagree\",\"She said \"\"soon\"\", then\nnothing — café\",,,,7,12,"
                             "3.25,\"2025-06-01\",\"Jo\","),
              std::string::npos)
        << answers;
    EXPECT_NE(answers.find(",0.1,"), std::string::npos) << answers;

    // 2 of the 2 answers in 2025-Q2 agree: 100.0 on a base of 2 for the first measure; the
    // second's minimum base is 5, so it is "c" with no base or counts.
    const std::string& figures = sheets.at("book-Measures");
    EXPECT_NE(figures.find("\"listened\",\"They said their social worker listened\",\"Voice of the child\","
                           "\"percentage\",\"2025-Q2\",100.0,2,2,80.0,\"green\""),
              std::string::npos)
        << figures;
    EXPECT_NE(figures.find("\"listened-strict\",\"They said their social worker listened\",\"Voice of the child\","
                           "\"percentage\",\"2025-Q2\",\"c\",,,80.0,"),
              std::string::npos)
        << figures;
}

} // namespace

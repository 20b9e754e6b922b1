// chorus-cli export and import, run as the real binary on the demo database: the usage
// errors name what is wrong, a CSV export imports back with `responses import`, a JSON
// export imports into a new database once (the second time adds nothing), and the XLSX
// measures sheet has the figures of `chorus-cli measures`.
#include "cli_support.hpp"
#include "test_support.hpp"

#include "chorus/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using chorus::test::CliResult;
using chorus::test::TempDir;

const fs::path example_set = fs::path(CHORUS_DOCS_DIR) / "measures" / "example-improvement-plan.json";

class CliExportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
#if defined(_WIN32)
        GTEST_SKIP() << "the chorus-cli tests run the binary with posix_spawn";
#endif
        const auto seeded = run({"demo"});
        ASSERT_EQ(seeded.status, 0) << seeded;
    }

    CliResult run(const std::vector<std::string>& arguments, const fs::path& db = {})
    {
        return chorus::test::run_on_database(CHORUS_CLI_PATH, arguments, db.empty() ? database : db, temp.path());
    }

    TempDir temp;
    fs::path database = temp / "demo.db";
};

TEST_F(CliExportTest, UsageErrorsNameTheProblem)
{
    auto result = run({"export", "--format", "html", "--out", (temp / "x").string()});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_EQ(result.err, "chorus-cli: --format: unknown format \"html\"; use csv, xlsx or json (see chorus-cli --help)\n");

    result = run({"export", "--format", "csv", "--out", (temp / "x.csv").string()});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_NE(result.err.find("a CSV export holds one instrument: name exactly one with --instrument ID"),
              std::string::npos)
        << result;

    result = run({"export", "--format", "json", "--out", (temp / "x.json").string(), "--bom"});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_NE(result.err.find("--bom does not apply to --format json"), std::string::npos) << result;

    result = run({"export", "--format", "json", "--out", (temp / "x.json").string(), "--period", "2025-Q5"});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_FALSE(fs::exists(temp / "x.json"));
}

TEST_F(CliExportTest, ExistingFileNeedsForce)
{
    chorus::test::write_file(temp / "kept.json", "precious");
    auto result = run({"export", "--format", "json", "--out", (temp / "kept.json").string()});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_NE(result.err.find("already exists; use --force to replace it"), std::string::npos) << result;
    EXPECT_EQ(chorus::test::read_file(temp / "kept.json"), "precious");
    result = run({"export", "--format", "json", "--out", (temp / "kept.json").string(), "--force"});
    EXPECT_EQ(result.status, 0) << result;
}

TEST_F(CliExportTest, CsvExportImportsBackWithResponsesImport)
{
    const fs::path csv = temp / "cin.csv";
    auto result = run({"export", "--format", "csv", "--out", csv.string(), "--instrument", "cin-family-feedback",
                       "--period", "2025-Q3", "--identifiable"});
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_EQ(result.out, "exported 60 responses to " + csv.string() + " (csv, identifiable: audited)\n");

    const fs::path other = temp / "other.db";
    result = run({"responses", "import", csv.string(), "--instrument", "cin-family-feedback"}, other);
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_EQ(result.out, "imported 60 responses into cin-family-feedback version 1\n");
}

TEST_F(CliExportTest, JsonImportsIntoANewDatabaseOnce)
{
    const fs::path json = temp / "all.json";
    ASSERT_EQ(run({"export", "--format", "json", "--out", json.string(), "--identifiable"}).status, 0);
    const fs::path other = temp / "other.db";
    auto result = run({"import", json.string(), "--dry-run"}, other);
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_NE(result.out.find("860 responses added (0 already stored), 60 complaints added (0 already stored), "
                              "80 compliments added (0 already stored); nothing stored"),
              std::string::npos)
        << result;
    result = run({"import", json.string()}, other);
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_NE(result.out.find("860 responses added (0 already stored)"), std::string::npos) << result;
    result = run({"import", json.string()}, other);
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_NE(result.out.find("0 responses added (860 already stored), 0 complaints added (60 already stored), "
                              "0 compliments added (80 already stored)"),
              std::string::npos)
        << result;

    const fs::path again = temp / "again.json";
    ASSERT_EQ(run({"export", "--format", "json", "--out", again.string(), "--identifiable"}, other).status, 0);
    EXPECT_EQ(chorus::test::read_file(again), chorus::test::read_file(json));

    ASSERT_EQ(run({"export", "--format", "json", "--out", (temp / "anon.json").string()}).status, 0);
    result = run({"import", (temp / "anon.json").string()}, other);
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_NE(result.err.find("anon.json is an anonymised export"), std::string::npos) << result;
}

TEST_F(CliExportTest, JsonMeasuresAreThoseOfTheMeasuresCommand)
{
    const fs::path json = temp / "plan.json";
    auto result = run({"export", "--format", "json", "--out", json.string(), "--set", example_set.string(),
                       "--period", "2025-Q3"});
    ASSERT_EQ(result.status, 0) << result;
    const std::string text = chorus::test::read_file(json);
    // voc-cin-listened in 2025-Q3: 55 of 60 (chorus-cli measures shows 92% on a base of 60).
    EXPECT_NE(text.find("\"shown\": \"92%\""), std::string::npos);
    EXPECT_NE(text.find("\"base\": 60"), std::string::npos);
    EXPECT_NE(text.find("\"positive\": 55"), std::string::npos);
}

} // namespace

// chorus-cli export --format html|pdf, run as the real binary on the demo database with the
// example measure set and the real complaints plugin: the report's content, its options, and
// the refusals (unknown format, existing file, bad threshold).
#include "cli_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using chorus::test::CliResult;
using chorus::test::TempDir;

const fs::path example_set = fs::path(CHORUS_DOCS_DIR) / "measures" / "example-improvement-plan.json";

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::string command_output(const std::string& command)
{
    std::string output;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    char buffer[4096];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe.get()))
        output += buffer;
    return output;
}

class CliReportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
#if defined(_WIN32)
        GTEST_SKIP() << "the chorus-cli tests run the binary with posix_spawn";
#endif
        const auto seeded = run({"demo"});
        ASSERT_EQ(seeded.status, 0) << seeded;
    }

    CliResult run(const std::vector<std::string>& arguments)
    {
        return chorus::test::run_on_database(CHORUS_CLI_PATH, arguments, temp / "demo.db", temp.path());
    }

    TempDir temp;
};

} // namespace

TEST_F(CliReportTest, HtmlReportOfTheDemoPlan)
{
    const fs::path out = temp / "plan.html";
    const auto result = run({"export", "--format", "html", "--out", out.string(), "--period", "2025-Q4", "--set",
                             example_set.string()});
    ASSERT_EQ(result.status, 0) << result;
    EXPECT_EQ(result.out, "wrote " + out.string() + "\n");
    const std::string html = chorus::test::read_file(out);
    EXPECT_TRUE(contains(html, "Q4 2025-26 (January to March 2026)"));
    EXPECT_TRUE(contains(html, "Parents and carers say their social worker listened to their views"));
    EXPECT_TRUE(contains(html, "Feedback measures: 9 green, 5 amber, 3 red, 1 not rated."));
    EXPECT_TRUE(contains(html, "Survey: Child in Need family feedback"));
    EXPECT_TRUE(contains(html, "Complaints by stage"));
    EXPECT_TRUE(contains(html, "Compliments received in the period"));
    // No count of 1 to 4 anywhere a count is printed: bars, and the tables after the measures
    // table (whose targets are set by a lead).
    EXPECT_FALSE(std::regex_search(html, std::regex(R"(\(n=[1-4]\))")));
    const std::string after_measures = html.substr(html.find("Survey: "));
    EXPECT_FALSE(std::regex_search(after_measures, std::regex(R"(<td class="num">[1-4]</td>)")));
    EXPECT_TRUE(contains(after_measures, "<td class=\"num\">c</td>"));
    for (const auto& entry : fs::directory_iterator(temp.path()))
        EXPECT_NE(entry.path().extension(), ".tmp") << entry.path(); // the temporary file was renamed
}

TEST_F(CliReportTest, PdfReportHasPagesAndFigures)
{
    const fs::path out = temp / "plan.pdf";
    const auto result = run({"export", "--format", "pdf", "--out", out.string(), "--period", "2025-Q4", "--set",
                             example_set.string(), "--instrument", "cin-family-feedback"});
    ASSERT_EQ(result.status, 0) << result;
    const std::string info = command_output("pdfinfo '" + out.string() + "'");
    std::smatch pages;
    ASSERT_TRUE(std::regex_search(info, pages, std::regex("Pages: *([0-9]+)"))) << info;
    EXPECT_GE(std::stoi(pages[1]), 3);
    EXPECT_TRUE(contains(info, "A4"));
    const std::string text =
        std::regex_replace(command_output("pdftotext '" + out.string() + "' -"), std::regex("\\s+"), " ");
    EXPECT_TRUE(contains(text, "Survey: Child in Need family feedback"));
    EXPECT_FALSE(contains(text, "Survey: Practitioner survey")); // --instrument
    EXPECT_TRUE(contains(text, "Page 1 of " + std::string(pages[1])));
}

TEST_F(CliReportTest, RefusesUnknownFormatsExistingFilesAndBadThresholds)
{
    const fs::path out = temp / "plan.csv";
    auto result = run({"export", "--format", "docx", "--out", out.string()});
    EXPECT_EQ(result.status, 2) << result;
    EXPECT_TRUE(contains(result.err, "--format: unknown format \"docx\"; use csv, xlsx, json, html or pdf")) << result;
    EXPECT_FALSE(fs::exists(out));

    const fs::path html = temp / "plan.html";
    chorus::test::write_file(html, "keep");
    result = run({"export", "--format", "html", "--out", html.string(), "--period", "2025-Q4"});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_TRUE(contains(result.err, "the file exists")) << result;
    EXPECT_EQ(chorus::test::read_file(html), "keep");
    result = run({"export", "--format", "html", "--out", html.string(), "--period", "2025-Q4", "--force"});
    EXPECT_EQ(result.status, 0) << result;
    EXPECT_TRUE(contains(chorus::test::read_file(html), "No measure set was given"));

    result = run({"export", "--format", "html", "--out", html.string(), "--threshold", "0", "--force"});
    EXPECT_EQ(result.status, 2) << result;
    result = run({"export", "--format", "pdf", "--out", (temp / "missing" / "x.pdf").string(), "--period", "2025-Q4"});
    EXPECT_EQ(result.status, 1) << result;
    EXPECT_TRUE(contains(result.err, "does not exist")) << result;
}

TEST_F(CliReportTest, AHigherThresholdHidesMore)
{
    const fs::path out = temp / "strict.html";
    const auto result = run({"export", "--format", "html", "--out", out.string(), "--period", "2025-Q4", "--set",
                             example_set.string(), "--threshold", "100"});
    ASSERT_EQ(result.status, 0) << result;
    const std::string html = chorus::test::read_file(out);
    EXPECT_TRUE(contains(html, "Counts from 1 to 99 are shown as c"));
    EXPECT_TRUE(contains(html, "&lt;100"));
    EXPECT_FALSE(std::regex_search(html, std::regex(R"(\(n=[1-9][0-9]?\))")));
}

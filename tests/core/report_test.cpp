// The plan report on a real SQLite file: small numbers shown as c end to end, the measures
// table, chosen quotes only, the HTML and the PDF (checked with poppler's pdfinfo, pdftoppm and
// pdftotext), and that a cancelled or refused export leaves no file.
#include "chorus/report.hpp"

#include "chorus/error.hpp"
#include "chorus/progress.hpp"
#include "chorus/store.hpp"
#include "chorus/themes.hpp"
#include "chorus/uuid.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>

using namespace chorus;

namespace {

const Period q2_2025{Frequency::quarterly, 2025, 2}; // July to September 2025

std::string run(const std::string& command)
{
    std::string output;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
        return output;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get()))
        output.append(buffer, n);
    return output;
}

bool is_small_count(const std::string& text, std::int64_t threshold)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 6)
        return false;
    const std::int64_t value = std::stoll(text);
    return value > 0 && value < threshold;
}

// No count the model publishes is under the threshold (but zero): bars, and every table cell
// but the measures table's values and targets, which are percentages or set by a lead.
void expect_no_small_counts(const Report& report)
{
    for (const ReportSection& section : report.sections) {
        for (const ReportChart& chart : section.charts)
            for (const ReportBar& bar : chart.bars)
                EXPECT_FALSE(is_small_count(bar.count, report.threshold)) << chart.title << ": " << bar.label;
        for (const ReportTable& table : section.tables)
            for (const ReportTable::Row& row : table.rows)
                for (std::size_t c = 1; c < row.cells.size(); ++c) {
                    if (table.rag_column && (c == 4 || c == 6))
                        continue; // value and target of a measure
                    EXPECT_FALSE(is_small_count(row.cells[c], report.threshold))
                        << table.caption << ": " << row.cells[0] << " column " << c;
                }
    }
}

class ReportTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "report.db"};

    void SetUp() override { store.add_instrument(test::every_type_instrument(), "tester"); }

    std::string add(const std::string& agree, const std::string& story = {}, const std::string& yesno = {})
    {
        const std::string day = "2025-08-04";
        Response r;
        r.uuid = new_uuid();
        r.instrument_id = "every-type";
        r.instrument_version = 1;
        r.captured_at = day + "T10:00:00Z";
        r.team = "North";
        r.respondent_type = "parent";
        r.answers["agree"] = agree;
        if (!story.empty())
            r.answers["story"] = story;
        if (!yesno.empty())
            r.answers["yesno"] = yesno;
        store.add_response(r, "tester");
        return r.uuid;
    }

    void add_many(const std::string& agree, int count)
    {
        for (int i = 0; i < count; ++i)
            add(agree);
    }

    ReportOptions options(std::int64_t threshold = 5)
    {
        ReportOptions o;
        o.period = q2_2025;
        o.threshold = threshold;
        o.generated_on = "2025-10-06";
        return o;
    }

    static const ReportChart& chart(const Report& report, const std::string& title)
    {
        for (const ReportSection& section : report.sections)
            for (const ReportChart& c : section.charts)
                if (c.title == title)
                    return c;
        throw Error("no chart " + title);
    }

    static const ReportBar& bar(const ReportChart& chart, const std::string& label)
    {
        for (const ReportBar& b : chart.bars)
            if (b.label == label)
                return b;
        throw Error("no bar " + label);
    }
};

MeasureSet listened_set(std::int64_t minimum_base = 5)
{
    return parse_measure_set(R"({"id": "plan", "title": "Plan", "measures": [{"id": "listened",
        "title": "Families say their social worker listened", "plan_area": "Voice of the child",
        "source": {"type": "survey", "instrument": "every-type", "questions": ["agree"]},
        "positive": ["agree", "strongly_agree"], "frequency": "quarterly", "polarity": "increase",
        "collection_method": "Family feedback survey", "target": 80, "minimum_base": )"
                                 + std::to_string(minimum_base) + "}]}",
                             "plan.json");
}

} // namespace

TEST_F(ReportTest, APeriodWithThreeResponsesShowsOnlyC)
{
    add("agree");
    add("agree");
    add("disagree");
    const Report report = build_report(store, options());
    const ReportChart& agree = chart(report, "My social worker listened to me");
    EXPECT_EQ(bar(agree, "Agree").count, "c");
    EXPECT_EQ(bar(agree, "Agree").percent_text, "c");
    EXPECT_FALSE(bar(agree, "Agree").percent);
    EXPECT_EQ(bar(agree, "Disagree").count, "c");
    EXPECT_EQ(bar(agree, "Strongly agree").count, "0");
    EXPECT_NE(agree.subtitle.find("Base: c answers"), std::string::npos) << agree.subtitle;
    expect_no_small_counts(report);

    const std::string html = render_report_html(report);
    EXPECT_EQ(html.find("(n=1)"), std::string::npos);
    EXPECT_EQ(html.find("(n=2)"), std::string::npos);
    EXPECT_EQ(html.find("Responses: 3"), std::string::npos);
    EXPECT_NE(html.find("class=\"value\">c</text>"), std::string::npos);
}

TEST_F(ReportTest, LargerCountsShowPercentagesOfTheBaseAndHideWhatSubtractionWouldReveal)
{
    add_many("agree", 10);
    add_many("strongly_agree", 6);
    add_many("disagree", 2);
    const Report report = build_report(store, options());
    const ReportChart& agree = chart(report, "My social worker listened to me");
    EXPECT_EQ(bar(agree, "Disagree").count, "c");       // 2: primary
    EXPECT_EQ(bar(agree, "Strongly agree").count, "c"); // 6: else 18 - 10 gives the 2 away
    EXPECT_EQ(bar(agree, "Agree").count, "10");
    EXPECT_EQ(bar(agree, "Agree").percent_text, "56%"); // 10 of 18
    EXPECT_NE(agree.subtitle.find("Base: 18 answers"), std::string::npos) << agree.subtitle;
    expect_no_small_counts(report);

    // With the threshold at 1 nothing is hidden, and the report says not to publish it.
    const Report unsuppressed = build_report(store, options(1));
    EXPECT_EQ(bar(chart(unsuppressed, "My social worker listened to me"), "Disagree").count, "2");
    EXPECT_NE(render_report_html(unsuppressed).find("do not publish it"), std::string::npos);
}

TEST_F(ReportTest, OnlyAnswersTaggedQuoteAppear)
{
    const std::string chosen = add("agree", "The worker <always> came back to us & listened");
    add("agree", "Please do not share: my neighbour at 12 Elm Road");
    add_theme_tag(store, chosen, "story", std::string(quote_tag), "lead");
    const Report report = build_report(store, options());
    const std::string html = render_report_html(report);
    EXPECT_NE(html.find("The worker &lt;always&gt; came back to us &amp; listened"), std::string::npos);
    EXPECT_EQ(html.find("Elm Road"), std::string::npos);
    EXPECT_EQ(html.find("<always>"), std::string::npos);
}

TEST_F(ReportTest, MeasuresTableUsesTheReportThresholdAndNeverShowsAHiddenBase)
{
    add_many("agree", 8);
    add_many("disagree", 4);
    ReportOptions o = options();
    o.measures = listened_set();
    const Report report = build_report(store, o);
    const std::string html = render_report_html(report);
    EXPECT_NE(html.find("Families say their social worker listened"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\">67%</td>"), std::string::npos); // 8 of 12
    EXPECT_NE(html.find("<td class=\"num\">12</td>"), std::string::npos);
    EXPECT_NE(html.find("rag-Red"), std::string::npos);
    EXPECT_NE(html.find("excludes"), std::string::npos); // the base rule is stated

    o.threshold = 20;
    const std::string strict = render_report_html(build_report(store, o));
    EXPECT_EQ(strict.find("67%"), std::string::npos);
    EXPECT_NE(strict.find("<td class=\"num\">&lt;20</td>"), std::string::npos);

    o.measures.reset();
    EXPECT_NE(render_report_html(build_report(store, o)).find("No measure set was given"), std::string::npos);
}

TEST_F(ReportTest, PdfHasTheModelsPagesAndFigures)
{
    for (int i = 0; i < 10; ++i)
        add("agree", {}, "yes");
    for (int i = 0; i < 8; ++i)
        add("disagree", {}, "no");
    ReportOptions o = options();
    o.measures = listened_set();
    const Report report = build_report(store, o);
    const auto pdf = dir / "report.pdf";
    write_report(store, o, ReportFormat::pdf, pdf);
    const int expected = report_pdf_page_count(report);
    EXPECT_GE(expected, 2); // seven charts do not fit on the first page

    const std::string info = run("pdfinfo '" + pdf.string() + "'");
    std::smatch pages;
    ASSERT_TRUE(std::regex_search(info, pages, std::regex("Pages: *([0-9]+)"))) << info;
    EXPECT_EQ(std::stoi(pages[1]), expected);
    // The text with every run of white space as one space: table cells wrap.
    const std::string text = std::regex_replace(run("pdftotext '" + pdf.string() + "' -"), std::regex("\\s+"), " ");
    EXPECT_NE(text.find("Families say their social"), std::string::npos) << text;
    EXPECT_NE(text.find("Feedback measures for Q2 2025-26"), std::string::npos);
    EXPECT_NE(text.find("56% (n=10)"), std::string::npos);
    EXPECT_NE(text.find("Page 1 of " + std::to_string(expected)), std::string::npos);
    EXPECT_EQ(text.find("(n=2)"), std::string::npos);

    // pdftoppm renders every page: one image each, none of them empty.
    const auto pages_dir = dir / "pages";
    std::filesystem::create_directories(pages_dir);
    run("pdftoppm -r 20 -png '" + pdf.string() + "' '" + (pages_dir / "page").string() + "'");
    int rendered = 0;
    for (const auto& entry : std::filesystem::directory_iterator(pages_dir)) {
        ++rendered;
        EXPECT_GT(std::filesystem::file_size(entry.path()), 1000u) << entry.path();
    }
    EXPECT_EQ(rendered, expected);
}

TEST_F(ReportTest, ACancelledExportLeavesNoFile)
{
    add_many("agree", 6);
    class CancelAt : public Progress {
    public:
        explicit CancelAt(std::string stage) : stage_(std::move(stage)) {}
        void update(std::uint64_t, std::uint64_t, std::string_view stage) override { seen_ = seen_ || stage == stage_; }
        bool cancelled() const override { return seen_ || stage_.empty(); }

    private:
        std::string stage_;
        bool seen_ = false;
    };
    const auto out = dir / "out" / "report.pdf";
    std::filesystem::create_directories(out.parent_path());
    for (const std::string stage : {"", "survey questions", "drawing the PDF"}) {
        CancelAt progress(stage);
        EXPECT_THROW(write_report(store, options(), ReportFormat::pdf, out, &progress), Cancelled) << stage;
        EXPECT_TRUE(std::filesystem::is_empty(out.parent_path())) << stage;
    }
}

TEST_F(ReportTest, AnExistingFileIsRefusedUnlessOverwriting)
{
    add_many("agree", 6);
    const auto out = dir / "report.html";
    test::write_file(out, "keep me");
    EXPECT_THROW(write_report(store, options(), ReportFormat::html, out), Error);
    EXPECT_EQ(test::read_file(out), "keep me");
    write_report(store, options(), ReportFormat::html, out, nullptr, true);
    EXPECT_NE(test::read_file(out).find("<!DOCTYPE html>"), std::string::npos);
    EXPECT_THROW(build_report(store, options(0)), Error);
}

TEST_F(ReportTest, AFewBlanksHideTheResponsesRatherThanTheBase)
{
    for (int i = 0; i < 10; ++i)
        add("agree", {}, "yes");
    for (int i = 0; i < 8; ++i)
        add("agree", {}, "no");
    add("agree");
    add("agree");
    const Report report = build_report(store, options());
    const ReportChart& yesno = chart(report, "Did you get a copy of your plan?");
    EXPECT_EQ(yesno.subtitle.find("Base: 18 answers"), 0u) << yesno.subtitle;
    EXPECT_NE(yesno.subtitle.find("Responses: c."), std::string::npos) << yesno.subtitle;
    EXPECT_NE(yesno.note.find("blank: c"), std::string::npos) << yesno.note;
    EXPECT_EQ(bar(yesno, "Yes").percent_text, "56%");
}

TEST_F(ReportTest, AChartHidesWhatAMeasureOfItsQuestionWouldGiveAway)
{
    add_many("agree", 10);
    add_many("strongly_agree", 6);
    add_many("disagree", 2);
    ReportOptions o = options();
    o.measures = listened_set();
    const Report report = build_report(store, o);
    // The measures table publishes 16 of 18 positive (89%): with strongly agree hidden (it would
    // give the 2 away), showing agree's 10 would give strongly agree's 6 away.
    const ReportChart& agree = chart(report, "My social worker listened to me");
    EXPECT_EQ(bar(agree, "Agree").count, "c");
    EXPECT_EQ(bar(agree, "Strongly agree").count, "c");
    EXPECT_EQ(bar(agree, "Disagree").count, "c");
    EXPECT_NE(render_report_html(report).find("<td class=\"num\">89%</td>"), std::string::npos);
}

TEST(DisclosurePublished, EntriesPublishedElsewhereAreNeverHidden)
{
    // a + b = 20 (shown here), a = 3 is small, but b + c = 25 is published elsewhere.
    CountTable table{{3, 17, 8, 20, 25}, {{{0, 1}, 3}, {{1, 2}, 4}}, {4}};
    const SuppressedTable published = suppress(table, 5);
    EXPECT_TRUE(published.shown(4));
    EXPECT_FALSE(published.shown(0));
    EXPECT_FALSE(published.shown(1)); // else 20 - 17
    EXPECT_FALSE(published.shown(2)); // else 25 - 8 gives b, and then a
    EXPECT_TRUE(recoverable_entries(table, published.suppression).empty());
}

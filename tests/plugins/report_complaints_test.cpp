// The plan report's complaints section with the real complaints plugin, loaded by the real
// plugin host, on a real SQLite file: the figures counted as the complaints measures count
// them, then suppressed (small counts as c, and what a total would give away).
#include "complaints_support.hpp"
#include "test_support.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/complaint_register.hpp"
#include "chorus/error.hpp"
#include "chorus/plugin_api.hpp"
#include "chorus/report.hpp"
#include "chorus/store.hpp"

#include <gtest/gtest.h>

using namespace chorus;

namespace {

class ReportComplaintsTest : public ::testing::Test {
protected:
    test::TempDir dir;
    Store store{dir / "complaints.db"};
    const CaseProcedure& procedure = test::complaints_procedure();
    const std::vector<plugin::Vocabulary> codes = test::complaints_plugin().plugin->vocabularies();

    // A stage 1 complaint received on `received` and answered on `responded`, its one point upheld.
    void add(const std::string& received, const std::string& responded, const std::string& theme = "communication")
    {
        Complaint complaint = test::complaint_received(received);
        complaint.uuid.clear();
        complaint.themes = {theme};
        complaint.points = {{"A point", "upheld", "stage1"}};
        complaint.stages[0].milestones["responded"] = responded;
        ComplaintRegister(store, procedure).record(complaint, "cm-001");
    }

    void add_compliments(const std::string& source, int count)
    {
        for (int i = 0; i < count; ++i)
            ComplaintLog(store).add_compliment({"", "2025-02-03", source, "fostering", "North", "Thank you", ""}, "cm-001");
    }

    Report report()
    {
        ReportOptions options;
        options.period = {Frequency::quarterly, 2024, 4}; // January to March 2025
        options.complaints = &procedure;
        options.complaint_codes = &codes;
        return build_report(store, options);
    }

    static const ReportTable& table(const Report& report, const std::string& caption_start)
    {
        for (const ReportSection& section : report.sections)
            for (const ReportTable& t : section.tables)
                if (t.caption.rfind(caption_start, 0) == 0)
                    return t;
        throw Error("no table " + caption_start);
    }

    static const std::vector<std::string>& row(const ReportTable& table, const std::string& label)
    {
        for (const ReportTable::Row& r : table.rows)
            if (r.cells.front() == label)
                return r.cells;
        throw Error("no row " + label);
    }
};

} // namespace

TEST_F(ReportComplaintsTest, TimescalesOutcomesThemesAndComplimentsWithSmallCountsHidden)
{
    // Ten answered within 10 working days, six late (Monday 6 January + 10 working days = 20 January).
    for (int i = 0; i < 10; ++i)
        add("2025-01-06", "2025-01-17");
    for (int i = 0; i < 6; ++i)
        add("2025-01-06", "2025-01-24", i < 2 ? "delay" : "communication");
    add_compliments("parent", 3);
    add_compliments("foster_carer", 8);
    const Report built = report();

    const ReportTable& stages = table(built, "Complaints by stage");
    EXPECT_EQ(row(stages, "Stage 1: local resolution"), (std::vector<std::string>{"Stage 1: local resolution", "16", "0", "16"}));

    const ReportTable& timescales = table(built, "Responses within timescale");
    EXPECT_EQ(row(timescales, "Statutory: Stage 1: local resolution"),
              (std::vector<std::string>{"Statutory: Stage 1: local resolution", "10", "6", "16", "63%"}));

    const ReportTable& outcomes = table(built, "Outcomes of points");
    EXPECT_EQ(row(outcomes, "Upheld")[1], "16");

    const ReportTable& themes = table(built, "Themes");
    EXPECT_EQ(row(themes, "Delay")[1], "c");         // 2
    EXPECT_EQ(row(themes, "Communication")[1], "c"); // 14: else 16 - 14 gives the 2 away
    EXPECT_EQ(row(themes, "Complaints received")[1], "16");

    const ReportTable& compliments = table(built, "Compliments");
    EXPECT_EQ(row(compliments, "Parent")[1], "c");
    EXPECT_EQ(row(compliments, "Foster carer")[1], "c");
    EXPECT_EQ(row(compliments, "All")[1], "11");
    const std::string html = render_report_html(built);
    EXPECT_EQ(html.find("<td class=\"num\">3</td>"), std::string::npos);
}

TEST_F(ReportComplaintsTest, AFewLateResponsesHideTheTimescalePercentage)
{
    for (int i = 0; i < 9; ++i)
        add("2025-01-06", "2025-01-17");
    add("2025-01-06", "2025-01-24"); // one late
    const Report built = report();
    const ReportTable& timescales = table(built, "Responses within timescale");
    const auto& stage1 = row(timescales, "Statutory: Stage 1: local resolution");
    EXPECT_EQ(stage1[2], "c"); // 1 late
    EXPECT_EQ(stage1[1], "c"); // 9 in time: else 10 - 9 gives the 1 away
    EXPECT_EQ(stage1[4], "-"); // no percentage of a hidden count
}

TEST_F(ReportComplaintsTest, WithoutThePluginTheSectionSaysSo)
{
    ReportOptions options;
    options.period = {Frequency::quarterly, 2024, 4};
    const Report built = build_report(store, options);
    EXPECT_NE(render_report_html(built).find("The complaints plugin is not loaded"), std::string::npos);
}

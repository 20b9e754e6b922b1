// File > Export... on the demo database: the dialog's export writes the same bytes as core's
// export_data with the same choices, an identifiable export needs a confirmation (declining
// it leaves the export anonymised), and the export is audited. The plan report: what does
// not apply to it is disabled, and the dialog writes what core's write_report writes.
#include "export_dialog_ui.hpp"
#include "main_frame.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/data_export.hpp"
#include "chorus/measures.hpp"
#include "chorus/report.hpp"
#include "chorus/uuid.hpp"

#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filepicker.h>
#include <wx/msgdlg.h>
#include <wx/radiobox.h>
#include <wx/spinctrl.h>
#include <wx/testing.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace chorus;
using namespace chorus::gui;

namespace {

std::string text_of(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The HTML report's one line that depends on the day it is written.
std::string without_generation_date(const std::string& html)
{
    return std::regex_replace(html, std::regex("Generated on [^<]*"), "Generated on (date)");
}

constexpr int html_report = 3;
constexpr int pdf_report = 4;

class ExportDialogTest : public ::testing::Test {
protected:
    std::filesystem::path folder = std::filesystem::temp_directory_path() / ("chorus-export-" + new_uuid());
    Session session;
    MainFrame* frame = nullptr;

    void SetUp() override
    {
        std::filesystem::create_directories(folder);
        session.load_plugins(nullptr);
        session.open(folder / "demo.db", true);
        frame = new MainFrame(session);
        frame->Show();
        wxYield();
    }

    void TearDown() override
    {
        frame->Destroy();
        wxYield();
        std::error_code ignored;
        std::filesystem::remove_all(folder, ignored);
    }

    static void choose_format(ExportDialog& dialog, int selection)
    {
        dialog.format()->SetSelection(selection);
        wxCommandEvent event(wxEVT_RADIOBOX, dialog.format()->GetId());
        event.SetInt(selection);
        dialog.format()->GetEventHandler()->ProcessEvent(event);
    }

    static void click_identifiable(ExportDialog& dialog)
    {
        dialog.identifiable()->SetValue(true);
        wxCommandEvent event(wxEVT_CHECKBOX, dialog.identifiable()->GetId());
        event.SetInt(1);
        dialog.identifiable()->GetEventHandler()->ProcessEvent(event);
    }

    static void choose_period(ExportDialog& dialog, const Period& period)
    {
        const int found = dialog.period()->FindString(wx(period.description()), true);
        ASSERT_NE(found, wxNOT_FOUND) << period.description();
        dialog.period()->SetSelection(found);
    }

    // What the dialog's report should be: the same choices, with the session's complaints plugin.
    ReportOptions core_report_options(const Period& period, const std::filesystem::path& set_file)
    {
        ReportOptions options;
        options.period = period;
        options.measures = load_measure_set(set_file);
        options.threshold = 6;
        options.instrument = "cin-family-feedback";
        options.complaints = session.plugins().case_procedure();
        options.complaint_codes = session.complaint_vocabularies();
        return options;
    }

    static void choose_instrument(ExportDialog& dialog, const std::string& id)
    {
        for (unsigned i = 0; i < dialog.instrument()->GetCount(); ++i)
            if (dialog.instrument()->GetString(i).Contains("(" + id + ")"))
                dialog.instrument()->SetSelection(static_cast<int>(i));
    }
};

TEST_F(ExportDialogTest, CsvExportMatchesCoreAndIsAnonymised)
{
    ExportDialog dialog(frame, session);
    choose_format(dialog, 0);
    choose_instrument(dialog, "cin-family-feedback");
    dialog.bom()->SetValue(true);
    dialog.file()->SetPath((folder / "cin.csv").string());
    ASSERT_TRUE(dialog.run_export(false).has_value());

    ExportOptions options;
    options.format = ExportFormat::csv;
    options.out = folder / "core.csv";
    options.instruments = {"cin-family-feedback"};
    options.bom = true;
    export_data(session.store(), options, "tester");
    const std::string written = text_of(folder / "cin.csv");
    EXPECT_EQ(written, text_of(folder / "core.csv"));
    EXPECT_EQ(written.rfind("\xEF\xBB\xBFuuid,captured_at,team,", 0), 0u) << written.substr(0, 80);
    EXPECT_EQ(session.store().audit_log(2).at(1).entity, "cin.csv");
}

TEST_F(ExportDialogTest, IdentifiableExportNeedsConfirmationAndIsAudited)
{
    ExportDialog dialog(frame, session);
    choose_format(dialog, 2);
    wxTEST_DIALOG(click_identifiable(dialog), wxExpectModal<wxMessageDialog>(wxID_NO));
    EXPECT_FALSE(dialog.identifiable()->GetValue()); // declined: still anonymised
    wxTEST_DIALOG(click_identifiable(dialog), wxExpectModal<wxMessageDialog>(wxID_YES));
    ASSERT_TRUE(dialog.identifiable()->GetValue());
    EXPECT_FALSE(dialog.free_text()->IsEnabled()); // an identifiable export has free text anyway

    dialog.file()->SetPath((folder / "all.json").string());
    ASSERT_TRUE(dialog.run_export(false).has_value());
    ExportOptions options;
    options.format = ExportFormat::json;
    options.out = folder / "core.json";
    options.identifiable = true;
    options.complaints = true;
    export_data(session.store(), options, "tester");
    EXPECT_EQ(text_of(folder / "all.json"), text_of(folder / "core.json"));

    const AuditEntry entry = session.store().audit_log(2).at(1);
    EXPECT_EQ(entry.action, "export");
    EXPECT_EQ(entry.entity, "all.json");
    EXPECT_NE(entry.detail.find("identifiable yes"), std::string::npos) << entry.detail;
}

TEST_F(ExportDialogTest, JsonWithAMeasureSetForAPeriodMatchesCore)
{
    const std::filesystem::path set_file = std::filesystem::path(CHORUS_GUI_TEST_DATA_DIR) / "demo-scorecard.json";
    ExportDialog dialog(frame, session);
    choose_format(dialog, 2);
    choose_instrument(dialog, "cin-family-feedback");
    ASSERT_GT(dialog.period()->GetCount(), 2u);
    dialog.period()->SetSelection(2); // the second newest quarter with responses
    dialog.measure_set()->SetPath(set_file.string());
    dialog.file()->SetPath((folder / "plan.json").string());
    ASSERT_TRUE(dialog.run_export(false).has_value());

    const Period period = periods_with_responses(session.store(), Frequency::quarterly).at(1);
    const MeasureSet set = load_measure_set(set_file);
    MeasureCalculator calculator(session.store(), set, session.plugins().case_procedure(),
                                 session.complaint_vocabularies());
    const ExportedMeasures measures{"demo-scorecard.json", period, calculator.report(period)};
    ExportOptions options;
    options.format = ExportFormat::json;
    options.out = folder / "core.json";
    options.instruments = {"cin-family-feedback"};
    options.period = period;
    options.measures = &measures;
    export_data(session.store(), options, "tester");
    const std::string written = text_of(folder / "plan.json");
    EXPECT_EQ(written, text_of(folder / "core.json"));
    EXPECT_NE(written.find("\"period\": \"" + period.label() + "\""), std::string::npos);
    EXPECT_NE(written.find("\"measures\""), std::string::npos);
}

TEST_F(ExportDialogTest, CsvWithoutAFileIsRefused)
{
    ExportDialog dialog(frame, session);
    choose_format(dialog, 0);
    EXPECT_THROW(dialog.options(), Error);
}

TEST_F(ExportDialogTest, AReportDisablesWhatDoesNotApplyToIt)
{
    const std::filesystem::path set_file = std::filesystem::path(CHORUS_GUI_TEST_DATA_DIR) / "demo-scorecard.json";
    ExportDialog dialog(frame, session, set_file);
    dialog.file()->SetPath((folder / "plan.xlsx").string());
    EXPECT_TRUE(dialog.identifiable()->IsEnabled());
    EXPECT_FALSE(dialog.threshold()->IsEnabled());
    EXPECT_TRUE(dialog.measure_set()->GetPath().empty()); // a data export gets no measures unasked

    choose_format(dialog, html_report);
    EXPECT_EQ(dialog.report_format(), ReportFormat::html);
    EXPECT_FALSE(dialog.identifiable()->IsEnabled());
    EXPECT_FALSE(dialog.free_text()->IsEnabled());
    EXPECT_FALSE(dialog.bom()->IsEnabled());
    EXPECT_TRUE(dialog.threshold()->IsEnabled());
    EXPECT_EQ(dialog.threshold()->GetValue(), 5);
    EXPECT_EQ(utf8(dialog.measure_set()->GetPath()), set_file.string()); // the scorecard's set
    EXPECT_EQ(utf8(dialog.file()->GetPath()), (folder / "plan.html").string());
    // One period, by default the latest quarter ended (as chorus-cli's).
    const Period quarter = period_containing(local_date(), Frequency::quarterly);
    const Period latest = quarter.last_day() == local_date() ? quarter : quarter.previous();
    EXPECT_EQ(dialog.period()->FindString("Every period"), wxNOT_FOUND);
    EXPECT_EQ(utf8(dialog.period()->GetStringSelection()), latest.description());
    EXPECT_EQ(dialog.report_options().period, latest);

    choose_format(dialog, pdf_report);
    EXPECT_EQ(utf8(dialog.file()->GetPath()), (folder / "plan.pdf").string());
    const Period with_responses = periods_with_responses(session.store(), Frequency::quarterly).at(0);
    choose_period(dialog, with_responses);
    choose_format(dialog, 2);
    EXPECT_TRUE(dialog.identifiable()->IsEnabled());
    EXPECT_FALSE(dialog.threshold()->IsEnabled());
    EXPECT_EQ(dialog.period()->GetString(0), "Every period");
    EXPECT_EQ(dialog.options().period, with_responses); // the period chosen stays chosen
}

TEST_F(ExportDialogTest, HtmlReportMatchesCore)
{
    const std::filesystem::path set_file = std::filesystem::path(CHORUS_GUI_TEST_DATA_DIR) / "demo-scorecard.json";
    const Period period = periods_with_responses(session.store(), Frequency::quarterly).at(0);
    ExportDialog dialog(frame, session);
    choose_format(dialog, html_report);
    choose_instrument(dialog, "cin-family-feedback");
    choose_period(dialog, period);
    dialog.measure_set()->SetPath(set_file.string());
    dialog.threshold()->SetValue(6);
    dialog.file()->SetPath((folder / "plan.html").string());
    ASSERT_TRUE(dialog.run_report(false));

    write_report(session.store(), core_report_options(period, set_file), ReportFormat::html, folder / "core.html");
    const std::string written = text_of(folder / "plan.html");
    EXPECT_EQ(without_generation_date(written), without_generation_date(text_of(folder / "core.html")));
    EXPECT_NE(written.find(period.description()), std::string::npos);
    EXPECT_NE(written.find(load_measure_set(set_file).title), std::string::npos);
    EXPECT_NE(written.find("Counts from 1 to 5 are shown as c"), std::string::npos);
}

TEST_F(ExportDialogTest, PdfReportHasTheModelsPages)
{
    const std::filesystem::path set_file = std::filesystem::path(CHORUS_GUI_TEST_DATA_DIR) / "demo-scorecard.json";
    const Period period = periods_with_responses(session.store(), Frequency::quarterly).at(0);
    ExportDialog dialog(frame, session, set_file);
    choose_format(dialog, pdf_report);
    choose_instrument(dialog, "cin-family-feedback");
    choose_period(dialog, period);
    dialog.threshold()->SetValue(6);
    dialog.file()->SetPath((folder / "plan").string()); // no extension: the format's is added
    ASSERT_TRUE(dialog.run_report(false));

    const std::string pdf = text_of(folder / "plan.pdf");
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    const std::regex page("/Type\\s*/Page[^s]");
    const auto pages = std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator());
    const Report model = build_report(session.store(), core_report_options(period, set_file));
    EXPECT_EQ(pages, report_pdf_page_count(model));
    EXPECT_GT(pages, 1);
}

TEST_F(ExportDialogTest, AReportThatCannotBeWrittenSaysSoAndLeavesNoFile)
{
    ExportDialog dialog(frame, session);
    choose_format(dialog, html_report);
    const std::filesystem::path out = folder / "missing folder" / "plan.html";
    dialog.file()->SetPath(out.string());
    bool written = true;
    wxTEST_DIALOG(written = dialog.run_report(false), wxExpectModal<wxMessageDialog>(wxID_OK));
    EXPECT_FALSE(written);
    EXPECT_FALSE(std::filesystem::exists(out));
}

} // namespace

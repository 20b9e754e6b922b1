#include "export_dialog_ui.hpp"

#include "definition_problems.hpp"
#include "progress_dialog.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/error.hpp"
#include "chorus/measures.hpp"
#include "chorus/progress.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filepicker.h>
#include <wx/msgdlg.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>
#include <optional>

namespace chorus::gui {

namespace {

// The format choice's entries, in order: the data exports, then the plan report.
const ExportFormat formats[] = {ExportFormat::csv, ExportFormat::xlsx, ExportFormat::json};
constexpr int data_format_count = 3;
const ReportFormat report_formats[] = {ReportFormat::html, ReportFormat::pdf};

struct FileKind {
    const char* extension;
    const char* wildcard;
};

FileKind file_kind(int format_selection)
{
    const FileKind kinds[] = {{"csv", "CSV files (*.csv)|*.csv"},
                              {"xlsx", "Excel workbooks (*.xlsx)|*.xlsx"},
                              {"json", "JSON files (*.json)|*.json"},
                              {"html", "Web pages (*.html)|*.html"},
                              {"pdf", "PDF documents (*.pdf)|*.pdf"}};
    return kinds[format_selection];
}

// What chorus-cli reports without --period: the latest quarter that has ended by today.
Period latest_quarter_ended(const std::string& today)
{
    const Period quarter = period_containing(today, Frequency::quarterly);
    return quarter.last_day() == today ? quarter : quarter.previous();
}

// The periods a report can cover, newest first: every quarter from the first response's to
// the latest one ended (or with responses, if later), then the financial years with responses.
std::vector<Period> report_periods(Store& store, const Period& latest_ended)
{
    std::vector<Period> quarters = periods_with_responses(store, Frequency::quarterly);
    const std::string first_day = quarters.empty() ? latest_ended.first_day() : quarters.back().first_day();
    for (const Period& quarter : periods_covering(first_day, latest_ended.last_day(), Frequency::quarterly))
        quarters.push_back(quarter);
    std::sort(quarters.begin(), quarters.end(), std::greater<>());
    quarters.erase(std::unique(quarters.begin(), quarters.end()), quarters.end());
    for (const Period& year : periods_with_responses(store, Frequency::annual))
        quarters.push_back(year);
    return quarters;
}

wxFilePickerCtrl* new_file_picker(wxWindow* parent, const wxString& wildcard, const wxString& path)
{
    auto* picker = new wxFilePickerCtrl(parent, wxID_ANY, path, "Export to", wildcard, wxDefaultPosition,
                                        wxSize(420, -1), wxFLP_SAVE | wxFLP_OVERWRITE_PROMPT | wxFLP_USE_TEXTCTRL);
    picker->SetName("file");
    return picker;
}

} // namespace

ExportDialog::ExportDialog(wxWindow* parent, Session& session, std::filesystem::path scorecard_set)
    : wxDialog(parent, wxID_ANY, "Export", wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session), scorecard_set_(std::move(scorecard_set))
{
    SetName("export");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const wxString format_names[] = {"&CSV (one instrument, for spreadsheets and re-import)",
                                     "&XLSX (a sheet per instrument, measures)",
                                     "&JSON (everything, to import into another database)",
                                     "Plan report (&HTML: one web page, for screen and intranet)",
                                     "Plan report (PDF: A&4 pages, to print)"};
    format_ = new wxRadioBox(this, wxID_ANY, "Format", wxDefaultPosition, wxDefaultSize, 5, format_names, 1,
                             wxRA_SPECIFY_COLS);
    format_->SetName("format");
    format_->SetSelection(1);
    sizer->Add(format_, 0, wxEXPAND | wxALL, 12);

    grid_ = new wxFlexGridSizer(2, 8, 8);
    grid_->AddGrowableCol(1);
    instrument_ = new wxChoice(this, wxID_ANY);
    instrument_->SetName("instrument");
    instrument_->Append("Every instrument");
    for (const InstrumentSummary& summary : session_.instruments()) {
        instrument_->Append(label_text(summary.title + " (" + summary.id + ")"));
        instrument_ids_.push_back(summary.id);
    }
    instrument_->SetSelection(0);
    period_ = new wxChoice(this, wxID_ANY);
    period_->SetName("period");
    fill_periods(false);
    measure_set_ = new wxFilePickerCtrl(this, wxID_ANY, "", "Choose a measure set", "Measure sets (*.json)|*.json",
                                        wxDefaultPosition, wxDefaultSize,
                                        wxFLP_OPEN | wxFLP_FILE_MUST_EXIST | wxFLP_USE_TEXTCTRL);
    measure_set_->SetName("measure set");
    threshold_ = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 1000,
                                static_cast<int>(default_disclosure_threshold));
    threshold_->SetName("suppression threshold");
    threshold_->SetToolTip("A report shows counts from 1 to this number less one as \"c\"");
    file_wildcard_ = file_kind(1).wildcard;
    file_ = new_file_picker(this, file_wildcard_, "");
    const std::pair<const char*, wxWindow*> rows[] = {{"&Instrument:", instrument_},
                                                      {"&Period:", period_},
                                                      {"&Measure set (optional):", measure_set_},
                                                      {"&Suppress counts below (report):", threshold_},
                                                      {"Export &to:", file_}};
    for (const auto& [label, control] : rows) {
        grid_->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid_->Add(control, 1, wxEXPAND);
    }
    sizer->Add(grid_, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);

    identifiable_ = new wxCheckBox(this, wxID_ANY, "I&dentifiable: include who captured each response and free "
                                                   "text (recorded in the audit log)");
    identifiable_->SetName("identifiable");
    free_text_ = new wxCheckBox(this, wxID_ANY, "Include &free-text answers (they can identify people)");
    free_text_->SetName("free text");
    bom_ = new wxCheckBox(this, wxID_ANY, "Start with a byte order mar&k, so Excel reads the CSV as UTF-8");
    bom_->SetName("byte order mark");
    for (wxCheckBox* box : {identifiable_, free_text_, bom_})
        sizer->Add(box, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    note_ = new wxStaticText(this, wxID_ANY, "Exports are anonymised unless you choose an identifiable one; a "
                                             "report always is, with only the quotes a lead chose.\n"
                                             "Figures on a small base are shown as \"c\".");
    sizer->Add(note_, 0, wxALL, 12);

    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = new wxButton(this, wxID_OK, "&Export");
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL));
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizerAndFit(sizer);

    format_->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { format_changed(); });
    identifiable_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { identifiable_clicked(); });
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_clicked(); });
    format_changed();
    format_->SetFocus();
}

std::optional<ReportFormat> ExportDialog::report_format() const
{
    const int selection = format_->GetSelection();
    if (selection < data_format_count)
        return std::nullopt;
    return report_formats[selection - data_format_count];
}

void ExportDialog::format_changed()
{
    const int selection = format_->GetSelection();
    const bool report = report_format().has_value();
    const bool csv = !report && formats[selection] == ExportFormat::csv;
    // A report is always anonymised, has no free text but the chosen quotes, and is no CSV.
    identifiable_->Enable(!report);
    free_text_->Enable(!report && !identifiable_->GetValue());
    bom_->Enable(csv);
    threshold_->Enable(report);
    measure_set_->Enable(!csv);
    if (csv && instrument_->GetSelection() == 0 && !instrument_ids_.empty())
        instrument_->SetSelection(1); // a CSV export holds one instrument
    if (report && measure_set_->GetPath().empty() && !scorecard_set_.empty())
        measure_set_->SetPath(wx(scorecard_set_.string())); // the report of what the scorecard shows
    if (report != report_periods_shown_)
        fill_periods(report);
    const FileKind kind = file_kind(selection);
    if (file_wildcard_ != kind.wildcard)
        replace_file_picker(kind.wildcard);
    // The file's extension follows the format.
    std::filesystem::path file = utf8(file_->GetPath());
    if (!file.empty()) {
        file.replace_extension(kind.extension);
        file_->SetPath(wx(file.string()));
    }
}

// A data export may cover every period; a report covers one, by default the latest quarter
// ended (as chorus-cli's). The period chosen stays chosen when the other list has it.
void ExportDialog::fill_periods(bool report)
{
    std::optional<Period> chosen;
    const int offset = report_periods_shown_ ? 0 : 1;
    if (const int selection = period_->GetSelection(); selection >= offset && selection != wxNOT_FOUND)
        chosen = periods_[static_cast<std::size_t>(selection - offset)];
    period_->Clear();
    periods_.clear();
    Period preferred;
    if (report) {
        preferred = latest_quarter_ended(local_date());
        periods_ = report_periods(session_.store(), preferred);
    } else {
        period_->Append("Every period");
        for (Frequency frequency : {Frequency::quarterly, Frequency::annual})
            for (const Period& period : periods_with_responses(session_.store(), frequency))
                periods_.push_back(period);
    }
    for (const Period& period : periods_)
        period_->Append(wx(period.description()));
    auto position = [this](const Period& period) { return std::find(periods_.begin(), periods_.end(), period); };
    auto found = chosen ? position(*chosen) : periods_.end();
    if (found == periods_.end() && report)
        found = position(preferred);
    const int new_offset = report ? 0 : 1;
    period_->SetSelection(found == periods_.end() ? 0 : static_cast<int>(found - periods_.begin()) + new_offset);
    report_periods_shown_ = report;
}

// wxFilePickerCtrl takes its wildcard once, when made: a new one replaces it, in the same
// place in the layout and the tab order, keeping the path.
void ExportDialog::replace_file_picker(const wxString& wildcard)
{
    wxFilePickerCtrl* picker = new_file_picker(this, wildcard, file_->GetPath());
    picker->MoveAfterInTabOrder(threshold_);
    const bool had_focus = file_->HasFocus() || (file_->GetTextCtrl() && file_->GetTextCtrl()->HasFocus());
    grid_->Replace(file_, picker);
    file_->Destroy();
    file_ = picker;
    file_wildcard_ = wildcard;
    Layout();
    if (had_focus)
        file_->SetFocus();
}

// The file chosen, with the format's extension when it has none.
std::filesystem::path ExportDialog::output_file() const
{
    std::filesystem::path file = utf8(file_->GetPath());
    if (!file.empty() && !file.has_extension())
        file.replace_extension(file_kind(format_->GetSelection()).extension);
    return file;
}

void ExportDialog::identifiable_clicked()
{
    if (identifiable_->GetValue()) {
        wxMessageDialog ask(this,
                            "An identifiable export includes the name of whoever captured each response and "
                            "every free-text answer, which can identify children and families.\n\n"
                            "It is recorded in the audit log under your name. Make an identifiable export?",
                            "Identifiable export", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
        if (ask.ShowModal() != wxID_YES)
            identifiable_->SetValue(false);
    }
    free_text_->Enable(!identifiable_->GetValue()); // an identifiable export has free text anyway
}

ExportOptions ExportDialog::options() const
{
    if (report_format())
        throw Error("the plan report is not a data export");
    ExportOptions options;
    options.format = formats[format_->GetSelection()];
    options.out = output_file();
    if (options.out.empty())
        throw Error("choose the file to export to");
    if (const int instrument = instrument_->GetSelection(); instrument > 0)
        options.instruments = {instrument_ids_[static_cast<std::size_t>(instrument - 1)]};
    else if (options.format == ExportFormat::csv)
        throw Error("a CSV export holds one instrument: choose it");
    if (const int period = period_->GetSelection(); period > 0)
        options.period = periods_[static_cast<std::size_t>(period - 1)];
    options.identifiable = identifiable_->GetValue();
    options.free_text = free_text_->GetValue();
    options.bom = options.format == ExportFormat::csv && bom_->GetValue();
    // Everything (JSON of every instrument) includes the complaints log, as chorus-cli's does.
    options.complaints = options.format == ExportFormat::json && options.instruments.empty();
    return options;
}

std::filesystem::path ExportDialog::measure_set_file() const
{
    const int selection = format_->GetSelection();
    return selection < data_format_count && formats[selection] == ExportFormat::csv
               ? std::filesystem::path()
               : std::filesystem::path(utf8(measure_set_->GetPath()));
}

std::optional<ExportSummary> ExportDialog::run_export(bool overwrite)
{
    try {
        ExportOptions options = this->options();
        options.overwrite = overwrite;
        ProgressDialog progress(this, "Exporting");
        std::optional<MeasureSet> set;
        std::optional<ExportedMeasures> measures;
        if (const std::filesystem::path set_file = measure_set_file(); !set_file.empty()) {
            set = load_measure_set(set_file);
            const bool complaints = counts_complaints(*set);
            if (complaints && !session_.plugins().case_procedure())
                throw Error("the measure set counts complaints, which needs the complaints plugin's procedure "
                            "(is the complaints plugin installed?)");
            MeasureCalculator calculator(session_.store(), *set,
                                         complaints ? session_.plugins().case_procedure() : nullptr,
                                         complaints ? session_.complaint_vocabularies() : nullptr);
            // Without a period, the measures report the latest quarter ended (as chorus-cli's do).
            const Period report = options.period ? *options.period : latest_quarter_ended(local_date());
            measures = ExportedMeasures{set_file.filename().string(), report, calculator.report(report, &progress)};
            options.measures = &*measures;
        }
        return export_data(session_.store(), options, session_.actor(), &progress);
    } catch (const Cancelled&) {
        return std::nullopt; // the user stopped it; nothing was written
    } catch (const std::exception& error) {
        show_error(this, "The export was not written.", error);
        return std::nullopt;
    }
}

ReportOptions ExportDialog::report_options() const
{
    ReportOptions options;
    if (output_file().empty())
        throw Error("choose the file to write the report to");
    const int period = period_->GetSelection();
    if (!report_periods_shown_ || period == wxNOT_FOUND)
        throw Error("choose the report's period");
    options.period = periods_[static_cast<std::size_t>(period)];
    options.threshold = threshold_->GetValue();
    if (const int instrument = instrument_->GetSelection(); instrument > 0)
        options.instrument = instrument_ids_[static_cast<std::size_t>(instrument - 1)];
    return options;
}

bool ExportDialog::run_report(bool overwrite)
{
    const wxString failed = "The report was not written.";
    const std::filesystem::path set_file = measure_set_file();
    try {
        const std::optional<ReportFormat> format = report_format();
        if (!format)
            throw Error("the format chosen is not the plan report");
        ReportOptions options = report_options();
        if (!set_file.empty())
            options.measures = load_measure_set(set_file);
        // Without the complaints plugin the report says it has no complaints figures, unless
        // the measure set counts complaints (as chorus-cli's does).
        if (const CaseProcedure* procedure = session_.plugins().case_procedure()) {
            options.complaints = procedure;
            options.complaint_codes = session_.complaint_vocabularies();
        } else if (options.measures && counts_complaints(*options.measures)) {
            throw Error("the measure set " + set_file.filename().string()
                        + " counts complaints, which needs the complaints plugin's procedure (is the "
                          "complaints plugin installed?)");
        }
        ProgressDialog progress(this, "Writing the report");
        write_report(session_.store(), options, *format, output_file(), &progress, overwrite);
        return true;
    } catch (const Cancelled&) {
        return false; // the user stopped it; core removed the partial file
    } catch (const DefinitionError& error) {
        std::vector<DefinitionProblem> problems = error.problems();
        for (auto& problem : problems)
            problem.source = set_file.string(); // the report names the set, the lead needs the file
        show_definition_problems(this, failed, problems);
    } catch (const std::exception& error) {
        show_error(this, failed, error);
    }
    return false;
}

void ExportDialog::export_clicked()
{
    bool overwrite = false;
    const std::filesystem::path file = output_file();
    std::error_code error;
    if (!file.empty() && std::filesystem::exists(file, error)) {
        wxMessageDialog ask(this, wx(file.filename().string() + " already exists. Replace it?"), "Export",
                            wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        if (ask.ShowModal() != wxID_YES)
            return;
        overwrite = true;
    }
    if (report_format()) {
        if (!run_report(overwrite))
            return;
        wxMessageDialog done(this, wx("Wrote the plan report to " + file.filename().string() + "."), "Export",
                             wxYES_NO | wxNO_DEFAULT | wxICON_INFORMATION);
        done.SetExtendedMessage(wx("It is in " + file.parent_path().string() + ". Open it now?"));
        done.SetYesNoLabels("&Open", "&Close");
        const bool open = done.ShowModal() == wxID_YES;
        EndModal(wxID_OK);
        if (open && !wxLaunchDefaultApplication(wx(file.string())))
            wxMessageBox(wx("No application opened " + file.string() + "."), "Export", wxOK | wxICON_WARNING);
        return;
    }
    const std::optional<ExportSummary> summary = run_export(overwrite);
    if (!summary)
        return;
    wxMessageDialog done(this,
                         wxString::Format("Exported %zu responses to %s.", summary->responses,
                                          wx(file.filename().string())),
                         "Export", wxOK | wxICON_INFORMATION);
    done.ShowModal();
    EndModal(wxID_OK);
}

} // namespace chorus::gui

#include "export_dialog_ui.hpp"

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
#include <wx/stattext.h>

#include <optional>

namespace chorus::gui {

namespace {

const ExportFormat formats[] = {ExportFormat::csv, ExportFormat::xlsx, ExportFormat::json};

wxString file_wildcard(ExportFormat format)
{
    switch (format) {
    case ExportFormat::csv: return "CSV files (*.csv)|*.csv";
    case ExportFormat::xlsx: return "Excel workbooks (*.xlsx)|*.xlsx";
    case ExportFormat::json: return "JSON files (*.json)|*.json";
    }
    return "*";
}

} // namespace

ExportDialog::ExportDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, "Export responses", wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session)
{
    SetName("export");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const wxString format_names[] = {"&CSV (one instrument, for spreadsheets and re-import)",
                                     "&XLSX (a sheet per instrument, measures)",
                                     "&JSON (everything, to import into another database)"};
    format_ = new wxRadioBox(this, wxID_ANY, "Format", wxDefaultPosition, wxDefaultSize, 3, format_names, 1,
                             wxRA_SPECIFY_COLS);
    format_->SetName("format");
    format_->SetSelection(1);
    sizer->Add(format_, 0, wxEXPAND | wxALL, 12);

    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1);
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
    period_->Append("Every period");
    for (Frequency frequency : {Frequency::quarterly, Frequency::annual})
        for (const Period& period : periods_with_responses(session_.store(), frequency)) {
            period_->Append(wx(period.description()));
            periods_.push_back(period);
        }
    period_->SetSelection(0);
    measure_set_ = new wxFilePickerCtrl(this, wxID_ANY, "", "Choose a measure set", "Measure sets (*.json)|*.json",
                                        wxDefaultPosition, wxDefaultSize,
                                        wxFLP_OPEN | wxFLP_FILE_MUST_EXIST | wxFLP_USE_TEXTCTRL);
    measure_set_->SetName("measure set");
    file_ = new wxFilePickerCtrl(this, wxID_ANY, "", "Export to", file_wildcard(ExportFormat::xlsx),
                                 wxDefaultPosition, wxSize(420, -1),
                                 wxFLP_SAVE | wxFLP_OVERWRITE_PROMPT | wxFLP_USE_TEXTCTRL);
    file_->SetName("file");
    const std::pair<const char*, wxWindow*> rows[] = {{"&Instrument:", instrument_},
                                                      {"&Period:", period_},
                                                      {"&Measure set (optional):", measure_set_},
                                                      {"Export &to:", file_}};
    for (const auto& [label, control] : rows) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(control, 1, wxEXPAND);
    }
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);

    identifiable_ = new wxCheckBox(this, wxID_ANY, "I&dentifiable: include who captured each response and free "
                                                   "text (recorded in the audit log)");
    identifiable_->SetName("identifiable");
    free_text_ = new wxCheckBox(this, wxID_ANY, "Include &free-text answers (they can identify people)");
    free_text_->SetName("free text");
    bom_ = new wxCheckBox(this, wxID_ANY, "Start with a byte order &mark, so Excel reads the CSV as UTF-8");
    bom_->SetName("byte order mark");
    for (wxCheckBox* box : {identifiable_, free_text_, bom_})
        sizer->Add(box, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    note_ = new wxStaticText(this, wxID_ANY, "Exports are anonymised unless you choose an identifiable one. "
                                             "Measure figures on a small base are shown as \"c\".");
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

void ExportDialog::format_changed()
{
    const ExportFormat format = formats[format_->GetSelection()];
    bom_->Enable(format == ExportFormat::csv);
    measure_set_->Enable(format != ExportFormat::csv);
    if (format == ExportFormat::csv && instrument_->GetSelection() == 0 && !instrument_ids_.empty())
        instrument_->SetSelection(1); // a CSV export holds one instrument
    // The file's extension follows the format.
    std::filesystem::path file = utf8(file_->GetPath());
    if (!file.empty()) {
        file.replace_extension(std::string(to_string(format)));
        file_->SetPath(wx(file.string()));
    }
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
    ExportOptions options;
    options.format = formats[format_->GetSelection()];
    options.out = utf8(file_->GetPath());
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
    return formats[format_->GetSelection()] == ExportFormat::csv ? std::filesystem::path()
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
            const std::string today = local_date();
            const Period quarter = period_containing(today, Frequency::quarterly);
            const Period report = options.period          ? *options.period
                                  : quarter.last_day() == today ? quarter
                                                                : quarter.previous();
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

void ExportDialog::export_clicked()
{
    bool overwrite = false;
    const std::filesystem::path file = utf8(file_->GetPath());
    std::error_code error;
    if (!file.empty() && std::filesystem::exists(file, error)) {
        wxMessageDialog ask(this, wx(file.filename().string() + " already exists. Replace it?"), "Export",
                            wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        if (ask.ShowModal() != wxID_YES)
            return;
        overwrite = true;
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

#pragma once
// File > Export...: the choices of an export (format, instrument, period, measure set,
// identifiable or anonymised, free text, Excel's byte order mark, the file), run by core's
// export_data (chorus/data_export.hpp) under a cancellable progress dialog; or the plan
// report as HTML or PDF (period, measure set, suppression threshold, one instrument or all),
// run by core's write_report (chorus/report.hpp).
#include "chorus/data_export.hpp"
#include "chorus/report.hpp"

#include <wx/dialog.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

class wxCheckBox;
class wxChoice;
class wxFilePickerCtrl;
class wxFlexGridSizer;
class wxRadioBox;
class wxSpinCtrl;
class wxStaticText;

namespace chorus::gui {

class Session;

class ExportDialog : public wxDialog {
public:
    // `scorecard_set`: the measure set file the scorecard shows, if any: a report's default set.
    ExportDialog(wxWindow* parent, Session& session, std::filesystem::path scorecard_set = {});

    // Whether the format chosen is the plan report, and which.
    std::optional<ReportFormat> report_format() const;

    // The export the controls describe, without its measures; throws Error saying what is
    // missing (no file, CSV without an instrument).
    ExportOptions options() const;
    std::filesystem::path measure_set_file() const;

    // Writes the export with a progress dialog (Cancel stops it, leaving no file); shows any
    // error and returns nothing then. `overwrite`: the file may be replaced.
    std::optional<ExportSummary> run_export(bool overwrite);

    // The report the controls describe, without its measures and complaints procedure;
    // throws Error when no file is chosen.
    ReportOptions report_options() const;
    // Writes the plan report like run_export; true when it was written.
    bool run_report(bool overwrite);

    // The controls, for the GUI tests.
    wxRadioBox* format() { return format_; }
    wxChoice* instrument() { return instrument_; }
    wxChoice* period() { return period_; }
    wxFilePickerCtrl* measure_set() { return measure_set_; }
    wxCheckBox* identifiable() { return identifiable_; }
    wxCheckBox* free_text() { return free_text_; }
    wxCheckBox* bom() { return bom_; }
    wxSpinCtrl* threshold() { return threshold_; }
    wxFilePickerCtrl* file() { return file_; }

private:
    void format_changed();
    void fill_periods(bool report);
    void replace_file_picker(const wxString& wildcard);
    std::filesystem::path output_file() const;
    void identifiable_clicked();
    void export_clicked();

    Session& session_;
    std::vector<std::string> instrument_ids_; // parallel to instrument_, after "Every instrument"
    std::filesystem::path scorecard_set_;
    bool report_periods_shown_ = false;
    // Parallel to period_: after "Every period" for a data export, from the first entry for a report.
    std::vector<Period> periods_;
    wxRadioBox* format_ = nullptr;
    wxChoice* instrument_ = nullptr;
    wxChoice* period_ = nullptr;
    wxFilePickerCtrl* measure_set_ = nullptr;
    wxCheckBox* identifiable_ = nullptr;
    wxCheckBox* free_text_ = nullptr;
    wxCheckBox* bom_ = nullptr;
    wxSpinCtrl* threshold_ = nullptr;
    wxFlexGridSizer* grid_ = nullptr;
    wxFilePickerCtrl* file_ = nullptr;
    wxString file_wildcard_;
    wxStaticText* note_ = nullptr;
};

} // namespace chorus::gui

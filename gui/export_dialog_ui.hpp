#pragma once
// File > Export...: the choices of an export (format, instrument, period, measure set,
// identifiable or anonymised, free text, Excel's byte order mark, the file), run by core's
// export_data (chorus/data_export.hpp) under a cancellable progress dialog.
#include "chorus/data_export.hpp"

#include <wx/dialog.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

class wxCheckBox;
class wxChoice;
class wxFilePickerCtrl;
class wxRadioBox;
class wxStaticText;

namespace chorus::gui {

class Session;

class ExportDialog : public wxDialog {
public:
    ExportDialog(wxWindow* parent, Session& session);

    // The export the controls describe, without its measures; throws Error saying what is
    // missing (no file, CSV without an instrument).
    ExportOptions options() const;
    std::filesystem::path measure_set_file() const;

    // Writes the export with a progress dialog (Cancel stops it, leaving no file); shows any
    // error and returns nothing then. `overwrite`: the file may be replaced.
    std::optional<ExportSummary> run_export(bool overwrite);

    // The controls, for the GUI tests.
    wxRadioBox* format() { return format_; }
    wxChoice* instrument() { return instrument_; }
    wxChoice* period() { return period_; }
    wxFilePickerCtrl* measure_set() { return measure_set_; }
    wxCheckBox* identifiable() { return identifiable_; }
    wxCheckBox* free_text() { return free_text_; }
    wxCheckBox* bom() { return bom_; }
    wxFilePickerCtrl* file() { return file_; }

private:
    void format_changed();
    void identifiable_clicked();
    void export_clicked();

    Session& session_;
    std::vector<std::string> instrument_ids_; // parallel to instrument_, after "Every instrument"
    std::vector<Period> periods_;             // parallel to period_, after "Every period"
    wxRadioBox* format_ = nullptr;
    wxChoice* instrument_ = nullptr;
    wxChoice* period_ = nullptr;
    wxFilePickerCtrl* measure_set_ = nullptr;
    wxCheckBox* identifiable_ = nullptr;
    wxCheckBox* free_text_ = nullptr;
    wxCheckBox* bom_ = nullptr;
    wxFilePickerCtrl* file_ = nullptr;
    wxStaticText* note_ = nullptr;
};

} // namespace chorus::gui

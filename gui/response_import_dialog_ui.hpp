#pragma once
// File > Import responses...: a CSV or XLSX file (e.g. an online form's export), the
// instrument it answers, and the column mapping (core's auto_map, editable per column,
// loadable and saveable as a mapping file), with a live preview of the first rows as they
// would be stored and every problem. Import runs under a progress dialog that can cancel;
// all rows or none. The logic is core's (response_import.hpp, response_mapping.hpp).
#include "chorus/instrument.hpp"
#include "chorus/response_import.hpp"
#include "chorus/response_mapping.hpp"
#include "chorus/store.hpp"

#include <wx/dialog.h>

#include <filesystem>
#include <string>
#include <vector>

class wxButton;
class wxChoice;
class wxListBox;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace chorus::gui {

class Session;

class ResponseImportDialog : public wxDialog {
public:
    ResponseImportDialog(wxWindow* parent, Session& session);

    // Reads the file's header and first rows and maps them; shows the error and returns
    // false when it cannot be read.
    bool open_file(const std::filesystem::path& file, const std::string& sheet = {});
    // Maps the file again for this instrument (latest version); false when it is not stored.
    // Until one is chosen, opening a file chooses the instrument whose questions most columns answer.
    bool choose_instrument(const std::string& id);
    // What column `index` is imported as: a question key, a metadata name or "" to ignore it.
    void set_target(std::size_t index, const std::string& target);
    bool load_mapping(const std::filesystem::path& file);
    bool save_mapping(const std::filesystem::path& file);

    const ColumnMapping& mapping() const { return mapping_; }
    const ImportPreview& preview() const { return preview_; }
    // Imports with a progress dialog, then says what happened (unless !show_result);
    // true when imported (the dialog then closes with wxID_OK).
    bool import(bool show_result = true);
    const ResponseImportResult& result() const { return result_; }

private:
    void choose_file();
    void remap();
    void show_mapping();
    void refresh_preview();
    ResponseImportOptions import_options() const; // the file, instrument and mapping chosen
    void column_selected();
    void target_chosen();
    long selected_column() const;

    Session& session_;
    bool instrument_chosen_ = false;
    std::vector<InstrumentSummary> instruments_;
    std::filesystem::path file_;
    Instrument instrument_;
    ImportSample sample_;
    ColumnMapping mapping_;
    std::vector<MappingChoice> choices_;
    ImportPreview preview_;
    ResponseImportResult result_;

    wxTextCtrl* file_text_ = nullptr;
    wxChoice* instrument_choice_ = nullptr;
    wxChoice* sheet_choice_ = nullptr;
    wxListCtrl* columns_ = nullptr;
    wxChoice* target_ = nullptr;
    wxStaticText* summary_ = nullptr;
    wxListCtrl* rows_ = nullptr;
    wxListBox* problems_ = nullptr;
    wxButton* import_ = nullptr;
    wxButton* save_mapping_ = nullptr;
    wxButton* load_mapping_ = nullptr;
};

} // namespace chorus::gui

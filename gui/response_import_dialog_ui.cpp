#include "response_import_dialog_ui.hpp"

#include "progress_dialog.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/store.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace chorus::gui {

namespace {

constexpr std::size_t preview_row_count = 10;
constexpr std::size_t problems_in_result = 20; // the rest are in the dialog's list

std::string joined(const std::vector<std::string>& values)
{
    std::string text;
    for (const auto& value : values)
        text += (text.empty() ? "" : " | ") + value;
    return text;
}

std::string column_name(const ImportSample& sample, std::size_t index)
{
    if (sample.sheet.empty())
        return std::to_string(index + 1);
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

} // namespace

ResponseImportDialog::ResponseImportDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, "Import responses", wxDefaultPosition, wxSize(1240, 820),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session), instruments_(session.instruments())
{
    SetName("import responses");
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    auto* top = new wxFlexGridSizer(3, 6, 8);
    top->AddGrowableCol(1);
    file_text_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_READONLY);
    file_text_->SetName("file");
    auto* choose = new wxButton(this, wxID_ANY, "&Choose file...");
    top->Add(new wxStaticText(this, wxID_ANY, "File (CSV or XLSX):"), 0, wxALIGN_CENTER_VERTICAL);
    top->Add(file_text_, 1, wxEXPAND);
    top->Add(choose);
    choose->SetFocus(); // the file field is read-only: choosing a file comes first
    instrument_choice_ = new wxChoice(this, wxID_ANY);
    instrument_choice_->SetName("instrument");
    for (const auto& instrument : instruments_)
        instrument_choice_->Append(label_text(instrument.title + " (" + instrument.id + " version " +
                                              std::to_string(instrument.version) + ")"));
    top->Add(new wxStaticText(this, wxID_ANY, "&Instrument:"), 0, wxALIGN_CENTER_VERTICAL);
    top->Add(instrument_choice_, 1, wxEXPAND);
    top->AddSpacer(0);
    sheet_choice_ = new wxChoice(this, wxID_ANY);
    sheet_choice_->SetName("sheet");
    sheet_choice_->Enable(false);
    top->Add(new wxStaticText(this, wxID_ANY, "S&heet (XLSX):"), 0, wxALIGN_CENTER_VERTICAL);
    top->Add(sheet_choice_, 1, wxEXPAND);
    top->AddSpacer(0);
    sizer->Add(top, 0, wxEXPAND | wxALL, 10);

    auto* mapping_box = new wxStaticBoxSizer(wxVERTICAL, this, "Columns: what each is imported as");
    columns_ = new wxListCtrl(mapping_box->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxSize(-1, 230),
                              wxLC_REPORT | wxLC_SINGLE_SEL);
    columns_->SetName("columns");
    const std::pair<const char*, int> column_headings[] = {
        {"Column", 60}, {"Header", 300}, {"Sample values", 300}, {"Imported as", 170}, {"Matched by", 100}, {"Note", 280}};
    for (const auto& [heading, width] : column_headings)
        columns_->AppendColumn(heading, wxLIST_FORMAT_LEFT, FromDIP(width));
    mapping_box->Add(columns_, 1, wxEXPAND | wxALL, 4);
    auto* edit_row = new wxBoxSizer(wxHORIZONTAL);
    target_ = new wxChoice(mapping_box->GetStaticBox(), wxID_ANY);
    target_->SetName("import column as");
    load_mapping_ = new wxButton(mapping_box->GetStaticBox(), wxID_ANY, "&Load mapping...");
    save_mapping_ = new wxButton(mapping_box->GetStaticBox(), wxID_ANY, "&Save mapping...");
    edit_row->Add(new wxStaticText(mapping_box->GetStaticBox(), wxID_ANY, "Import the selected column &as:"), 0,
                  wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    edit_row->Add(target_, 1, wxRIGHT, 12);
    edit_row->Add(load_mapping_, 0, wxRIGHT, 6);
    edit_row->Add(save_mapping_);
    mapping_box->Add(edit_row, 0, wxEXPAND | wxALL, 4);
    sizer->Add(mapping_box, 3, wxEXPAND | wxLEFT | wxRIGHT, 10);

    auto* preview_box = new wxStaticBoxSizer(wxVERTICAL, this, "Preview: the first rows as they would be stored");
    summary_ = new wxStaticText(preview_box->GetStaticBox(), wxID_ANY, "Choose a file and an instrument.");
    summary_->SetName("summary");
    preview_box->Add(summary_, 0, wxEXPAND | wxALL, 4);
    rows_ = new wxListCtrl(preview_box->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxSize(-1, 170), wxLC_REPORT);
    rows_->SetName("preview rows");
    preview_box->Add(rows_, 2, wxEXPAND | wxALL, 4);
    preview_box->Add(new wxStaticText(preview_box->GetStaticBox(), wxID_ANY, "&Problems:"), 0, wxLEFT | wxTOP, 4);
    problems_ = new wxListBox(preview_box->GetStaticBox(), wxID_ANY, wxDefaultPosition, wxSize(-1, 110));
    problems_->SetName("problems");
    preview_box->Add(problems_, 1, wxEXPAND | wxALL, 4);
    sizer->Add(preview_box, 3, wxEXPAND | wxALL, 10);

    auto* buttons = new wxStdDialogButtonSizer;
    import_ = new wxButton(this, wxID_OK, "I&mport");
    buttons->AddButton(import_);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, "Cancel"));
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);

    choose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_file(); });
    instrument_choice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int index = instrument_choice_->GetSelection();
        if (index != wxNOT_FOUND)
            choose_instrument(instruments_[static_cast<std::size_t>(index)].id);
    });
    sheet_choice_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int index = sheet_choice_->GetSelection();
        if (index != wxNOT_FOUND && !file_.empty())
            open_file(file_, sample_.sheets.at(static_cast<std::size_t>(index)));
    });
    columns_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { column_selected(); });
    target_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { target_chosen(); });
    load_mapping_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxFileDialog dialog(this, "Load a column mapping", "", "", "Mapping files (*.json)|*.json",
                            wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (dialog.ShowModal() == wxID_OK)
            load_mapping(std::filesystem::path(utf8(dialog.GetPath())));
    });
    save_mapping_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxFileDialog dialog(this, "Save the column mapping", "", "mapping.json", "Mapping files (*.json)|*.json",
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dialog.ShowModal() == wxID_OK)
            save_mapping(std::filesystem::path(utf8(dialog.GetPath())));
    });
    import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import(); });

    if (!instruments_.empty()) {
        instrument_choice_->SetSelection(0);
        instrument_ = session_.store().instrument(instruments_.front().id);
    }
    show_mapping();
}

void ResponseImportDialog::choose_file()
{
    wxFileDialog dialog(this, "Import responses from", "", "",
                        "Responses (*.csv;*.xlsx)|*.csv;*.xlsx;*.CSV;*.XLSX|All files|*", wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK)
        open_file(std::filesystem::path(utf8(dialog.GetPath())));
}

bool ResponseImportDialog::open_file(const std::filesystem::path& file, const std::string& sheet)
{
    try {
        sample_ = read_import_sample(file, sheet);
    } catch (const std::exception& error) {
        show_error(this, "The file cannot be imported", error);
        return false;
    }
    file_ = file;
    if (!instrument_chosen_) {
        std::size_t best = 0;
        for (const auto& summary : instruments_) {
            const Instrument candidate = session_.store().instrument(summary.id);
            const std::size_t answered = auto_map(candidate, sample_.headers, sample_.rows).question_columns();
            if (answered > best) {
                best = answered;
                instrument_ = candidate;
                instrument_choice_->SetSelection(static_cast<int>(&summary - instruments_.data()));
            }
        }
    }
    const auto name = file.u8string();
    file_text_->ChangeValue(wx(std::string(name.begin(), name.end())));
    sheet_choice_->Clear();
    for (const auto& each : sample_.sheets) {
        sheet_choice_->Append(label_text(each));
        if (each == sample_.sheet)
            sheet_choice_->SetSelection(static_cast<int>(sheet_choice_->GetCount()) - 1);
    }
    sheet_choice_->Enable(sample_.sheets.size() > 1);
    remap();
    return true;
}

bool ResponseImportDialog::choose_instrument(const std::string& id)
{
    auto it = std::find_if(instruments_.begin(), instruments_.end(),
                           [&](const InstrumentSummary& summary) { return summary.id == id; });
    if (it == instruments_.end())
        return false;
    instrument_choice_->SetSelection(static_cast<int>(it - instruments_.begin()));
    instrument_ = session_.store().instrument(id);
    instrument_chosen_ = true;
    remap();
    return true;
}

void ResponseImportDialog::remap()
{
    mapping_ = file_.empty() ? ColumnMapping{} : auto_map(instrument_, sample_.headers, sample_.rows);
    choices_ = mapping_choices(instrument_);
    target_->Clear();
    for (const auto& choice : choices_)
        target_->Append(label_text(choice.label));
    show_mapping();
}

void ResponseImportDialog::set_target(std::size_t index, const std::string& target)
{
    try {
        set_column_target(mapping_, instrument_, index, target);
    } catch (const std::exception& error) {
        show_error(this, "The column cannot be imported so", error);
        return;
    }
    show_mapping();
}

bool ResponseImportDialog::load_mapping(const std::filesystem::path& file)
{
    try {
        apply_mapping_file(mapping_, instrument_, file);
    } catch (const std::exception& error) {
        show_error(this, "The mapping was not loaded", error);
        return false;
    }
    show_mapping();
    return true;
}

bool ResponseImportDialog::save_mapping(const std::filesystem::path& file)
{
    try {
        save_mapping_file(mapping_, instrument_.id, file);
    } catch (const std::exception& error) {
        show_error(this, "The mapping was not saved", error);
        return false;
    }
    return true;
}

void ResponseImportDialog::show_mapping()
{
    const long keep = selected_column();
    columns_->DeleteAllItems();
    for (std::size_t i = 0; i < mapping_.columns.size(); ++i) {
        const ColumnMatch& column = mapping_.columns[i];
        const std::string target = target_name(column);
        const long row = columns_->InsertItem(static_cast<long>(i), wx(column_name(sample_, i)));
        columns_->SetItem(row, 1, column.header.empty() ? wxString("(no header)") : wx(column.header));
        // A person's email or name is not shown, as it is not imported.
        columns_->SetItem(row, 2, column.matched_by == MatchedBy::identifying && column.target == ColumnTarget::ignored
                                      ? wxString("(not shown)")
                                      : wx(joined(sample_values(sample_, i))));
        columns_->SetItem(row, 3, target.empty() ? wxString("(ignore)") : wx(target));
        columns_->SetItem(row, 4, wx(to_string(column.matched_by)));
        columns_->SetItem(row, 5, column.unmatched() ? wxString("matches no question: choose one or (ignore)")
                                                     : wx(column.note));
        if (column.unmatched())
            columns_->SetItemTextColour(row, wxColour(170, 0, 0));
    }
    const long select = keep >= 0 ? keep : 0;
    if (select < columns_->GetItemCount())
        columns_->SetItemState(select, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                               wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    const bool have_file = !file_.empty();
    save_mapping_->Enable(have_file);
    load_mapping_->Enable(have_file);
    column_selected();
    refresh_preview();
}

ResponseImportOptions ResponseImportDialog::import_options() const
{
    ResponseImportOptions options;
    options.instrument_id = instrument_.id;
    options.instrument_version = instrument_.version;
    options.captured_by = session_.actor();
    options.sheet = sample_.sheet;
    options.mapping = mapping_;
    return options;
}

void ResponseImportDialog::refresh_preview()
{
    rows_->ClearAll();
    problems_->Clear();
    import_->Enable(false);
    if (file_.empty() || instruments_.empty())
        return;
    const ResponseImportOptions options = import_options();
    try {
        preview_ = preview_response_import(session_.store(), file_, options, preview_row_count);
    } catch (const std::exception& error) {
        preview_ = {};
        summary_->SetLabel(wx(error.what()));
        return;
    }

    wxString summary = wxString::Format("%zu rows: %zu would be imported", preview_.rows, preview_.would_import());
    if (preview_.already_imported > 0)
        summary += wxString::Format(", %zu already imported (skipped)", preview_.already_imported);
    if (preview_.problem_count > 0)
        summary += wxString::Format(". %zu %s in %zu %s: nothing can be imported until %s fixed", preview_.problem_count,
                                    preview_.problem_count == 1 ? "problem" : "problems", preview_.bad_rows,
                                    preview_.bad_rows == 1 ? "row" : "rows", preview_.problem_count == 1 ? "it is" : "they are");
    const auto unmapped = mapping_.unmapped_questions(instrument_);
    if (!unmapped.empty())
        summary += ". No column answers: " + wx(joined(unmapped));
    summary_->SetLabel(summary);
    summary_->Wrap(GetClientSize().GetWidth() - FromDIP(40));

    std::vector<std::string> keys; // the preview's columns, in the order rows name them
    for (const auto& row : preview_.first_rows)
        for (const auto& entry : row.values)
            if (std::find(keys.begin(), keys.end(), entry.first) == keys.end())
                keys.push_back(entry.first);
    // The uuid matters to the database more than to the reader: last.
    std::stable_partition(keys.begin(), keys.end(), [](const std::string& key) { return key != "uuid"; });
    rows_->AppendColumn(sample_.sheet.empty() ? "Line" : "Row", wxLIST_FORMAT_RIGHT, FromDIP(50));
    for (const auto& key : keys)
        rows_->AppendColumn(wx(key), wxLIST_FORMAT_LEFT, FromDIP(key == "uuid" ? 270 : key == "captured_at" ? 160 : 120));
    for (const auto& row : preview_.first_rows) {
        const long item = rows_->InsertItem(rows_->GetItemCount(), wxString::Format("%zu", row.line));
        for (const auto& [key, value] : row.values)
            rows_->SetItem(item, static_cast<int>(std::find(keys.begin(), keys.end(), key) - keys.begin()) + 1, wx(value));
    }
    if (!preview_.summary.empty() && preview_.problems.empty())
        problems_->Append(wx(preview_.summary));
    for (const auto& problem : preview_.problems)
        problems_->Append(wx(problem.to_string()));
    import_->Enable(preview_.problem_count == 0 && preview_.would_import() > 0);
    Layout();
}

long ResponseImportDialog::selected_column() const
{
    return columns_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void ResponseImportDialog::column_selected()
{
    const long index = selected_column();
    target_->Enable(index >= 0);
    if (index < 0)
        return;
    const std::string target = target_name(mapping_.columns[static_cast<std::size_t>(index)]);
    for (std::size_t i = 0; i < choices_.size(); ++i)
        if (choices_[i].target == target)
            target_->SetSelection(static_cast<int>(i));
}

void ResponseImportDialog::target_chosen()
{
    const long index = selected_column();
    const int choice = target_->GetSelection();
    if (index < 0 || choice == wxNOT_FOUND)
        return;
    set_target(static_cast<std::size_t>(index), choices_[static_cast<std::size_t>(choice)].target);
}

bool ResponseImportDialog::import(bool show_result)
{
    if (file_.empty())
        return false;
    const ResponseImportOptions options = import_options();
    try {
        ProgressDialog progress(this, "Chorus: importing responses");
        result_ = import_responses(session_.store(), file_, options, session_.actor(), &progress);
    } catch (const Cancelled&) {
        if (show_result)
            wxMessageBox("The import was cancelled; nothing was imported.", "Chorus", wxOK | wxICON_INFORMATION, this);
        return false;
    } catch (const ImportError& error) {
        if (show_result) {
            std::string details = error.what();
            const auto& problems = error.problems();
            for (std::size_t i = 0; i < problems.size() && i < problems_in_result; ++i)
                details += "\n" + problems[i].to_string();
            if (problems.size() > problems_in_result)
                details += "\n... and " + std::to_string(problems.size() - problems_in_result) + " more (see the list)";
            wxMessageDialog dialog(this, "Nothing was imported", "Chorus", wxOK | wxICON_ERROR);
            dialog.SetExtendedMessage(wx(details));
            dialog.ShowModal();
        }
        refresh_preview();
        return false;
    } catch (const std::exception& error) {
        if (show_result)
            show_error(this, "Nothing was imported", error);
        return false;
    }
    if (show_result) {
        wxString message = wxString::Format("Imported %zu responses into %s version %d.", result_.imported,
                                            wx(instrument_.id), instrument_.version);
        if (result_.already_imported > 0)
            message += wxString::Format("\n%zu rows were imported before and were skipped.", result_.already_imported);
        wxMessageBox(message, "Chorus", wxOK | wxICON_INFORMATION, this);
    }
    if (IsModal())
        EndModal(wxID_OK);
    return true;
}

} // namespace chorus::gui

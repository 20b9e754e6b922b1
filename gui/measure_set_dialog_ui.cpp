#include "measure_set_dialog_ui.hpp"

#include "definition_problems.hpp"
#include "measure_form_ui.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/measure_set_file.hpp"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace chorus::gui {

MeasureSetDialog::MeasureSetDialog(wxWindow* parent, Session& session, MeasureSet set, std::filesystem::path file)
    : wxDialog(parent, wxID_ANY, "Measure set", wxDefaultPosition, wxSize(980, 620),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session), set_(std::move(set)), file_(std::move(file))
{
    SetName("measure set");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* header = new wxFlexGridSizer(2, 6, 8);
    header->AddGrowableCol(1);
    id_ = new wxTextCtrl(this, wxID_ANY, wx(set_.id));
    id_->SetName("set id");
    title_ = new wxTextCtrl(this, wxID_ANY, wx(set_.title));
    title_->SetName("set title");
    header->Add(new wxStaticText(this, wxID_ANY, "&Id:"), 0, wxALIGN_CENTER_VERTICAL);
    header->Add(id_, 1, wxEXPAND);
    header->Add(new wxStaticText(this, wxID_ANY, "&Title:"), 0, wxALIGN_CENTER_VERTICAL);
    header->Add(title_, 1, wxEXPAND);
    header->Add(new wxStaticText(this, wxID_ANY, "File:"), 0, wxALIGN_CENTER_VERTICAL);
    header->Add(new wxStaticText(this, wxID_ANY, file_.empty() ? wxString("not saved yet") : wx(file_.string())), 1,
                wxEXPAND);
    sizer->Add(header, 0, wxEXPAND | wxALL, 12);

    auto* middle = new wxBoxSizer(wxHORIZONTAL);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->SetName("measures");
    list_->AppendColumn("Id", wxLIST_FORMAT_LEFT, 170);
    list_->AppendColumn("Measure", wxLIST_FORMAT_LEFT, 380);
    list_->AppendColumn("Plan area", wxLIST_FORMAT_LEFT, 180);
    list_->AppendColumn("Target", wxLIST_FORMAT_RIGHT, 70);
    middle->Add(list_, 1, wxEXPAND | wxRIGHT, 8);
    auto* buttons = new wxBoxSizer(wxVERTICAL);
    auto* add_button = new wxButton(this, wxID_ADD, "&Add...");
    auto* edit_button = new wxButton(this, wxID_EDIT, "&Edit...");
    auto* remove_button = new wxButton(this, wxID_REMOVE, "&Remove...");
    for (wxButton* button : {add_button, edit_button, remove_button})
        buttons->Add(button, 0, wxEXPAND | wxBOTTOM, 6);
    middle->Add(buttons, 0);
    sizer->Add(middle, 1, wxEXPAND | wxLEFT | wxRIGHT, 12);

    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    bottom->AddStretchSpacer();
    auto* save_button = new wxButton(this, wxID_SAVE, "&Save");
    auto* save_as_button = new wxButton(this, wxID_SAVEAS, "Save &As...");
    auto* close_button = new wxButton(this, wxID_CLOSE, "&Close");
    for (wxButton* button : {save_button, save_as_button, close_button})
        bottom->Add(button, 0, wxLEFT, 6);
    sizer->Add(bottom, 0, wxEXPAND | wxALL, 12);
    SetSizer(sizer);
    SetEscapeId(wxID_CLOSE);

    add_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_new(); });
    edit_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (selected() >= 0)
            edit(static_cast<std::size_t>(selected()));
    });
    remove_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (selected() >= 0)
            remove(static_cast<std::size_t>(selected()));
    });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) { edit(static_cast<std::size_t>(event.GetIndex())); });
    save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    save_as_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_file_and_save(); });
    close_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); });
    show_measures(set_.measures.empty() ? -1 : 0);
}

const MeasureSet& MeasureSetDialog::set()
{
    set_.id = utf8(id_->GetValue().Trim().Trim(false));
    set_.title = utf8(title_->GetValue().Trim().Trim(false));
    return set_;
}

std::vector<std::string> MeasureSetDialog::plan_areas() const
{
    std::vector<std::string> areas;
    for (const MeasureDefinition& measure : set_.measures)
        if (std::find(areas.begin(), areas.end(), measure.plan_area) == areas.end())
            areas.push_back(measure.plan_area);
    return areas;
}

void MeasureSetDialog::show_measures(long select)
{
    list_->DeleteAllItems();
    for (std::size_t i = 0; i < set_.measures.size(); ++i) {
        const MeasureDefinition& measure = set_.measures[i];
        const long item = list_->InsertItem(static_cast<long>(i), wx(measure.id));
        list_->SetItem(item, 1, wx(measure.title));
        list_->SetItem(item, 2, wx(measure.plan_area));
        list_->SetItem(item, 3, measure.target ? wxString::FromCDouble(*measure.target) : wxString("-"));
    }
    if (select >= 0 && select < list_->GetItemCount()) {
        list_->SetItemState(select, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                            wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        list_->EnsureVisible(select);
    }
}

long MeasureSetDialog::selected() const
{
    return list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

void MeasureSetDialog::add(MeasureDefinition measure)
{
    set_.measures.push_back(std::move(measure));
    show_measures(static_cast<long>(set_.measures.size() - 1));
}

void MeasureSetDialog::replace(std::size_t index, MeasureDefinition measure)
{
    set_.measures.at(index) = std::move(measure);
    show_measures(static_cast<long>(index));
}

bool MeasureSetDialog::remove(std::size_t index, bool confirmed)
{
    if (index >= set_.measures.size())
        return false;
    if (!confirmed
        && wxMessageBox("Remove the measure \"" + wx(set_.measures[index].title)
                            + "\" from the set?\n\nThe file changes only when you save.",
                        "Remove a measure", wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this)
               != wxYES)
        return false;
    set_.measures.erase(set_.measures.begin() + static_cast<std::ptrdiff_t>(index));
    show_measures(std::min<long>(static_cast<long>(index), static_cast<long>(set_.measures.size()) - 1));
    return true;
}

void MeasureSetDialog::edit(std::size_t index)
{
    MeasureForm form(this, session_, set_.measures.at(index), plan_areas());
    if (form.ShowModal() == wxID_OK)
        replace(index, form.measure());
}

void MeasureSetDialog::add_new()
{
    MeasureDefinition fresh;
    fresh.id = "measure-" + std::to_string(set_.measures.size() + 1);
    const auto areas = plan_areas();
    if (!areas.empty())
        fresh.plan_area = areas.back();
    MeasureForm form(this, session_, fresh, areas);
    if (form.ShowModal() == wxID_OK)
        add(form.measure());
}

bool MeasureSetDialog::save()
{
    if (file_.empty()) {
        choose_file_and_save();
        return !saved_.empty();
    }
    return save_as(file_);
}

bool MeasureSetDialog::save_as(const std::filesystem::path& file)
{
    const MeasureSet& edited = set();
    const CaseProcedure* procedure = session_.plugins().case_procedure();
    const auto problems = measure_set_problems(edited, file, session_.store(), procedure,
                                               procedure ? session_.complaint_vocabularies() : nullptr);
    if (!problems.empty()) {
        show_definition_problems(this, "The measure set was not saved: fix these first.", problems);
        return false;
    }
    try {
        save_measure_set(edited, file);
    } catch (const std::exception& error) {
        show_error(this, "The measure set was not saved.", error);
        return false;
    }
    file_ = file;
    saved_ = file;
    return true;
}

void MeasureSetDialog::choose_file_and_save()
{
    wxFileDialog dialog(this, "Save the measure set as", file_.empty() ? "" : wx(file_.parent_path().string()),
                        file_.empty() ? wx(set().id + ".json") : wx(file_.filename().string()),
                        "Measure sets (*.json)|*.json|All files|*", wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK)
        save_as(utf8(dialog.GetPath()));
}

} // namespace chorus::gui

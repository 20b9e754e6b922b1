#include "complaints_view.hpp"

#include "complaint_forms.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/dates.hpp"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/imaglist.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

namespace chorus::gui {

namespace {

const wxColour overdue_background(255, 218, 218);
const wxColour overdue_text(140, 0, 0);
enum Icon { no_icon = -1, overdue_icon = 0, closed_icon = 1 };

wxString working_days(int count)
{
    return wxString::Format(count == 1 ? "%d working day" : "%d working days", count);
}

wxString status_text(const ComplaintStatus& status)
{
    if (!status.open)
        return "Closed";
    if (status.overdue)
        return status.working_days_left < 0 ? "OVERDUE by " + working_days(-status.working_days_left) : wxString("OVERDUE");
    if (status.next_due.empty())
        return status.deadlines.empty() ? "No council deadline" : "Outcomes to record";
    if (status.working_days_left == 0)
        return "Due today";
    return working_days(status.working_days_left) + " left";
}

wxString uk_date(const std::string& date)
{
    return date.size() == 10 ? wx(date.substr(8, 2) + "/" + date.substr(5, 2) + "/" + date.substr(0, 4)) : wx(date);
}

} // namespace

ComplaintsView::ComplaintsView(wxWindow* parent, Session& session) : wxPanel(parent), session_(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, "Complaints and compliments");
    title->SetFont(title->GetFont().Scaled(1.4f).Bold());
    sizer->Add(title, 0, wxALL, 12);
    missing_plugin_ = new wxStaticText(this, wxID_ANY, "");
    missing_plugin_->SetForegroundColour(wxColour(170, 20, 20));
    sizer->Add(missing_plugin_, 0, wxLEFT | wxRIGHT, 12);

    book_ = new wxNotebook(this, wxID_ANY);
    auto* register_page = new wxPanel(book_);
    auto* page_sizer = new wxBoxSizer(wxVERTICAL);
    auto* options = new wxBoxSizer(wxHORIZONTAL);
    open_only_ = new wxCheckBox(register_page, wxID_ANY, "Open complaints &only");
    open_only_->SetValue(true);
    as_at_ = new wxTextCtrl(register_page, wxID_ANY, "", wxDefaultPosition, wxSize(120, -1), wxTE_PROCESS_ENTER);
    options->Add(open_only_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 24);
    options->Add(new wxStaticText(register_page, wxID_ANY, "Status &as at:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    options->Add(as_at_, 0, wxRIGHT, 24);
    summary_ = new wxStaticText(register_page, wxID_ANY, "");
    options->Add(summary_, 0, wxALIGN_CENTER_VERTICAL);
    page_sizer->Add(options, 0, wxALL, 8);

    complaints_ = new wxListCtrl(register_page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    complaints_->SetName("complaints");
    auto* icons = new wxImageList(16, 16);
    icons->Add(wxArtProvider::GetBitmap(wxART_WARNING, wxART_LIST, wxSize(16, 16)));
    icons->Add(wxArtProvider::GetBitmap(wxART_TICK_MARK, wxART_LIST, wxSize(16, 16)));
    complaints_->AssignImageList(icons, wxIMAGE_LIST_SMALL);
    complaints_->AppendColumn("Reference", wxLIST_FORMAT_LEFT, 130);
    complaints_->AppendColumn("Received", wxLIST_FORMAT_LEFT, 100);
    complaints_->AppendColumn("Procedure", wxLIST_FORMAT_LEFT, 90);
    complaints_->AppendColumn("Stage", wxLIST_FORMAT_LEFT, 220);
    complaints_->AppendColumn("Next due", wxLIST_FORMAT_LEFT, 100);
    complaints_->AppendColumn("Status", wxLIST_FORMAT_LEFT, 230);
    complaints_->AppendColumn("Points decided", wxLIST_FORMAT_LEFT, 110);
    page_sizer->Add(complaints_, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* record = new wxButton(register_page, wxID_ANY, "&Record a complaint...");
    auto* escalate_button = new wxButton(register_page, wxID_ANY, "&Escalate to next stage...");
    auto* outcome = new wxButton(register_page, wxID_ANY, "Record o&utcome...");
    buttons->Add(record, 0, wxRIGHT, 8);
    buttons->Add(escalate_button, 0, wxRIGHT, 8);
    buttons->Add(outcome);
    page_sizer->Add(buttons, 0, wxALL, 8);
    register_page->SetSizer(page_sizer);
    book_->AddPage(register_page, "Complaints register");

    auto* compliments_page = new wxPanel(book_);
    auto* compliments_sizer = new wxBoxSizer(wxVERTICAL);
    compliments_ = new wxListCtrl(compliments_page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    compliments_->SetName("compliments");
    compliments_->AppendColumn("Received", wxLIST_FORMAT_LEFT, 100);
    compliments_->AppendColumn("From", wxLIST_FORMAT_LEFT, 140);
    compliments_->AppendColumn("Service area", wxLIST_FORMAT_LEFT, 200);
    compliments_->AppendColumn("Team", wxLIST_FORMAT_LEFT, 160);
    compliments_->AppendColumn("What they said", wxLIST_FORMAT_LEFT, 420);
    compliments_sizer->Add(compliments_, 1, wxEXPAND | wxALL, 8);
    auto* add = new wxButton(compliments_page, wxID_ANY, "&Add a compliment...");
    compliments_sizer->Add(add, 0, wxALL, 8);
    compliments_page->SetSizer(compliments_sizer);
    book_->AddPage(compliments_page, "Compliments");
    sizer->Add(book_, 1, wxEXPAND | wxALL, 8);
    SetSizer(sizer);

    open_only_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload_complaints(); });
    as_at_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload_complaints(); });
    record->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { record_complaint(); });
    escalate_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { escalate(); });
    outcome->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { record_outcome(); });
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_compliment(); });
}

void ComplaintsView::reload()
{
    const bool available = session_.complaints() != nullptr;
    missing_plugin_->SetLabel(available ? wxString()
                                        : wxString::FromUTF8("\u26A0 ") + "The complaints plugin is not loaded, so the "
                                          "register cannot work out stages and deadlines. See Plugins for why.");
    book_->Enable(available);
    if (as_at_->IsEmpty())
        as_at_->ChangeValue(wx(session_.status_date()));
    reload_complaints();
    reload_compliments();
    Layout();
}

void ComplaintsView::show_compliments(bool compliments)
{
    book_->SetSelection(compliments ? 1 : 0);
}

void ComplaintsView::set_status_date(const std::string& date)
{
    as_at_->ChangeValue(wx(date));
    reload_complaints();
}

void ComplaintsView::reload_complaints()
{
    complaints_->DeleteAllItems();
    entries_.clear();
    ComplaintRegister* register_ = session_.complaints();
    if (!register_)
        return;
    const std::string today = typed_date(as_at_);
    if (!is_valid_date(today)) {
        summary_->SetLabel(wxString::FromUTF8("\u26A0 ") + "\"" + as_at_->GetValue() + "\" is not a date");
        return;
    }
    try {
        entries_ = register_->list_with_status({}, today, open_only_->GetValue());
    } catch (const std::exception& error) {
        show_error(this, "The complaints register could not be read.", error);
        return;
    }
    int overdue = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const auto& [complaint, status] = entries_[i];
        const long row = complaints_->InsertItem(static_cast<long>(i),
                                                 wx(complaint.reference.empty() ? complaint.uuid.substr(0, 8) : complaint.reference),
                                                 status.overdue ? overdue_icon : !status.open ? closed_icon : no_icon);
        std::size_t decided = 0;
        for (const auto& point : complaint.points)
            decided += point.outcome.empty() ? 0 : 1;
        complaints_->SetItem(row, 1, uk_date(complaint.received));
        complaints_->SetItem(row, 2, wx(complaint.procedure));
        complaints_->SetItem(row, 3, label_text(status.stage_label));
        complaints_->SetItem(row, 4, uk_date(status.next_due));
        complaints_->SetItem(row, 5, status_text(status));
        complaints_->SetItem(row, 6, wxString::Format("%zu of %zu", decided, complaint.points.size()));
        if (status.overdue) {
            ++overdue;
            complaints_->SetItemBackgroundColour(row, overdue_background);
            complaints_->SetItemTextColour(row, overdue_text);
        }
    }
    summary_->SetLabel(wxString::Format("%zu %s, %d overdue", entries_.size(),
                                        open_only_->GetValue() ? "open complaints" : "complaints", overdue));
    Layout();
}

bool ComplaintsView::row_marked_overdue(long row) const
{
    wxListItem item;
    item.SetId(row);
    item.SetColumn(5);
    item.SetMask(wxLIST_MASK_TEXT);
    complaints_->GetItem(item);
    wxListItem first;
    first.SetId(row);
    first.SetMask(wxLIST_MASK_IMAGE);
    complaints_->GetItem(first);
    return complaints_->GetItemBackgroundColour(row) == overdue_background && first.GetImage() == overdue_icon
           && item.GetText().StartsWith("OVERDUE");
}

void ComplaintsView::reload_compliments()
{
    compliments_->DeleteAllItems();
    ComplaintRegister* register_ = session_.complaints();
    if (!register_)
        return;
    ComplimentFilter filter;
    filter.limit = 500; // the latest; the annual report counts them all in core
    const auto compliments = register_->log().list_compliments(filter);
    for (std::size_t i = 0; i < compliments.size(); ++i) {
        const auto& compliment = compliments[i];
        const long row = compliments_->InsertItem(static_cast<long>(i), uk_date(compliment.received));
        compliments_->SetItem(row, 1, wx(session_.complaint_label(complaint_vocabulary::compliment_sources, compliment.source_type)));
        compliments_->SetItem(row, 2, wx(session_.complaint_label(complaint_vocabulary::service_areas, compliment.service_area)));
        compliments_->SetItem(row, 3, wx(compliment.team));
        compliments_->SetItem(row, 4, wx(compliment.summary));
    }
}

const RegisterEntry* ComplaintsView::selected() const
{
    const long row = complaints_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= entries_.size()) {
        wxMessageBox("Choose a complaint in the list first.", "Chorus", wxOK | wxICON_INFORMATION,
                     const_cast<ComplaintsView*>(this));
        return nullptr;
    }
    return &entries_[static_cast<std::size_t>(row)];
}

void ComplaintsView::record_complaint()
{
    ComplaintDialog dialog(this, session_);
    while (dialog.ShowModal() == wxID_OK) {
        try {
            session_.complaints()->record(dialog.complaint(), session_.actor());
            reload_complaints();
            return;
        } catch (const std::exception& error) {
            show_error(this, "The complaint was not recorded.", error); // the form stays filled in
        }
    }
}

void ComplaintsView::escalate()
{
    const RegisterEntry* entry = selected();
    if (!entry)
        return;
    if (entry->status.escalates_to.empty()) {
        wxMessageBox("This complaint is at the last stage of its procedure.", "Chorus", wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxTextEntryDialog date(this, "Date the complainant asked for the next stage (DD/MM/YYYY):", "Escalate",
                           uk_date(typed_date(as_at_)));
    if (date.ShowModal() != wxID_OK)
        return;
    const auto day = normalise_date(utf8(date.GetValue().Trim().Trim(false)));
    try {
        if (!day)
            throw Error("\"" + utf8(date.GetValue()) + "\" is not a date; use DD/MM/YYYY");
        session_.complaints()->escalate(entry->complaint.uuid, *day, session_.actor());
    } catch (const std::exception& error) {
        show_error(this, "The complaint was not escalated.", error);
        return;
    }
    reload_complaints();
}

void ComplaintsView::record_outcome()
{
    const RegisterEntry* entry = selected();
    if (!entry)
        return;
    OutcomeDialog dialog(this, session_, entry->complaint);
    if (dialog.ShowModal() != wxID_OK)
        return;
    try {
        session_.complaints()->record_outcome(entry->complaint.uuid, dialog.point(), dialog.outcome(), session_.actor());
    } catch (const std::exception& error) {
        show_error(this, "The outcome was not recorded.", error);
        return;
    }
    reload_complaints();
}

void ComplaintsView::add_compliment()
{
    ComplimentDialog dialog(this, session_);
    while (dialog.ShowModal() == wxID_OK) {
        try {
            session_.complaints()->log().add_compliment(dialog.compliment(), session_.actor());
            reload_compliments();
            return;
        } catch (const std::exception& error) {
            show_error(this, "The compliment was not added.", error);
        }
    }
}

} // namespace chorus::gui

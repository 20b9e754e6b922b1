#include "retention_dialog_ui.hpp"

#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/dates.hpp"
#include "chorus/retention.hpp"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace chorus::gui {

namespace {

wxString plural_label(RecordType type)
{
    wxString name = wx(std::string(record_type_name(type))) + "s";
    name[0] = wxToupper(name[0]);
    return name;
}

} // namespace

RetentionDialog::RetentionDialog(wxWindow* parent, Session& session)
    : wxDialog(parent, wxID_ANY, "Records retention", wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   "How many months each kind of record is kept (0: until deleted by hand). A purge "
                                   "deletes what is older, except records on legal hold and open complaints.");
    intro->Wrap(600);
    sizer->Add(intro, 0, wxALL, 12);
    auto* rules = new wxFlexGridSizer(2, 8, 12);
    for (RecordType type : all_record_types()) {
        rules->Add(new wxStaticText(this, wxID_ANY, plural_label(type) + ":"), 0, wxALIGN_CENTER_VERTICAL);
        auto* months = new wxSpinCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 1200);
        months->SetName(std::string(record_type_name(type)) + " months");
        months_[type] = months;
        rules->Add(months);
    }
    sizer->Add(rules, 0, wxLEFT | wxRIGHT, 12);
    auto* why = new wxBoxSizer(wxHORIZONTAL);
    why->Add(new wxStaticText(this, wxID_ANY, "&Reason (no names):"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    reason_ = new wxTextCtrl(this, wxID_ANY);
    reason_->SetName("reason");
    why->Add(reason_, 1);
    sizer->Add(why, 0, wxEXPAND | wxALL, 12);
    sizer->Add(new wxStaticText(this, wxID_ANY, "On legal hold (chorus-cli holds place|release):"), 0,
               wxLEFT | wxRIGHT, 12);
    holds_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(620, 120), wxLC_REPORT | wxLC_SINGLE_SEL);
    holds_->AppendColumn("Record", wxLIST_FORMAT_LEFT, 90);
    holds_->AppendColumn("Uuid", wxLIST_FORMAT_LEFT, 280);
    holds_->AppendColumn("Placed by", wxLIST_FORMAT_LEFT, 90);
    holds_->AppendColumn("Reason", wxLIST_FORMAT_LEFT, 160);
    sizer->Add(holds_, 1, wxEXPAND | wxALL, 12);
    summary_ = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(summary_, 0, wxLEFT | wxRIGHT, 12);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* save = new wxButton(this, wxID_SAVE, "&Save rules");
    auto* purge_button = new wxButton(this, wxID_ANY, "&Purge now...");
    buttons->Add(save, 0, wxRIGHT, 8);
    buttons->Add(purge_button, 0, wxRIGHT, 8);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CLOSE, "&Close"));
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(sizer);
    SetEscapeId(wxID_CLOSE);
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_rules(); });
    purge_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { purge(local_date()); });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
    show_rules();
    show_holds();
    CentreOnParent();
}

void RetentionDialog::show_rules()
{
    RecordsRetention retention(session_.store());
    for (auto& [type, control] : months_) {
        const auto rule = retention.rule(type);
        control->SetValue(rule ? rule->months : 0);
    }
}

void RetentionDialog::show_holds()
{
    holds_->DeleteAllItems();
    RecordsRetention retention(session_.store());
    long row = 0;
    for (const LegalHold& hold : retention.holds()) {
        holds_->InsertItem(row, wx(std::string(record_type_name(hold.type))));
        holds_->SetItem(row, 1, wx(hold.uuid));
        holds_->SetItem(row, 2, wx(hold.placed_by));
        holds_->SetItem(row, 3, wx(hold.reason));
        ++row;
    }
}

void RetentionDialog::set_months(RecordType type, int months)
{
    months_.at(type)->SetValue(months);
}

void RetentionDialog::set_reason(const wxString& reason)
{
    reason_->SetValue(reason);
}

bool RetentionDialog::save_rules()
{
    const std::string reason = utf8(reason_->GetValue().Strip(wxString::both));
    if (reason.empty()) {
        wxMessageBox("Give the reason for the change (the retention schedule, say).", "Records retention",
                     wxOK | wxICON_INFORMATION, this);
        reason_->SetFocus();
        return false;
    }
    RecordsRetention retention(session_.store());
    try {
        for (const auto& [type, control] : months_) {
            const auto rule = retention.rule(type);
            const int months = control->GetValue();
            if (months == 0 && rule)
                retention.remove_rule(type, session_.actor(), reason);
            else if (months > 0 && (!rule || rule->months != months))
                retention.set_rule(type, months, session_.actor(), reason);
        }
    } catch (const std::exception& error) {
        show_error(this, "The retention rules were not all saved.", error);
        show_rules();
        return false;
    }
    summary_->SetLabel("Rules saved.");
    return true;
}

bool RetentionDialog::purge(const std::string& today, bool confirmed)
{
    try {
        RecordsRetention retention(session_.store());
        ComplaintRegister* complaints = session_.complaints();
        RecordsRetention::OpenComplaint open;
        if (complaints)
            open = [&](const std::string& uuid) { return complaints->is_open(uuid, today); };
        else if (retention.rule(RecordType::complaint))
            throw Error("the complaints plugin is not loaded, so Chorus cannot tell which complaints are still open; "
                        "nothing was purged");
        const PurgePlan plan = retention.plan_purge(today, open);
        wxString counts;
        for (const RetentionRule& rule : retention.rules())
            counts += wxString::Format("%zu %s older than %s\n", plan.count(rule.type),
                                       plural_label(rule.type).Lower(), wx(months_before(today, rule.months)));
        if (plan.expired.empty()) {
            summary_->SetLabel("Nothing is past retention.");
            return false;
        }
        const std::string reason = utf8(reason_->GetValue().Strip(wxString::both));
        if (reason.empty()) {
            wxMessageBox("Give the reason for the purge (the quarterly purge, say).", "Records retention",
                         wxOK | wxICON_INFORMATION, this);
            reason_->SetFocus();
            return false;
        }
        if (!confirmed) {
            wxMessageDialog ask(this, "Delete these records? This cannot be undone.\n\n" + counts
                                          + wxString::Format("Kept: %zu on legal hold, %zu open complaints.",
                                                             plan.kept_on_hold, plan.kept_open),
                                "Purge records", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
            ask.SetYesNoLabels("&Delete them", "&Keep them");
            if (ask.ShowModal() != wxID_YES)
                return false;
        }
        const PurgePlan done = retention.purge(today, session_.actor(), reason, open);
        summary_->SetLabel(wxString::Format("Deleted %zu records past retention.", done.expired.size()));
        return true;
    } catch (const std::exception& error) {
        show_error(this, "Nothing was purged.", error);
        return false;
    }
}

} // namespace chorus::gui

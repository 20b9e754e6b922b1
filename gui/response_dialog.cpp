#include "response_dialog.hpp"

#include "capture_form_ui.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace chorus::gui {

ResponseDialog::ResponseDialog(wxWindow* parent, Session& session, const std::string& uuid)
    : wxDialog(parent, wxID_ANY, "Response", wxDefaultPosition, wxSize(1000, 780),
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    form_ = new CapturePanel(this, session_, CapturePanel::Purpose::correct);
    sizer->Add(form_, 1, wxEXPAND);

    const auto response = session_.store().find_response(uuid);
    if (response) {
        form_->show_response(session_.store().instrument(response->instrument_id, response->instrument_version),
                             *response);
        SetTitle("Response captured " + wx(response->captured_at.substr(0, 10)) + " by " + wx(response->captured_by));
        wxString history;
        for (const auto& change : session_.store().response_changes(uuid))
            history += "Corrected " + wx(change.at.substr(0, 10)) + " by " + wx(change.actor) + ": " + wx(change.reason)
                       + "\n";
        if (!history.empty()) {
            auto* earlier = new wxStaticText(this, wxID_ANY, history.Trim());
            earlier->SetForegroundColour(wxColour(90, 90, 90));
            sizer->Add(earlier, 0, wxLEFT | wxRIGHT | wxTOP, 12);
        }
    }
    auto* reason_row = new wxBoxSizer(wxHORIZONTAL);
    reason_row->Add(new wxStaticText(this, wxID_ANY, "&Reason for the correction:"), 0,
                    wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    reason_ = new wxTextCtrl(this, wxID_ANY);
    reason_->SetHint("for example: option entered wrongly from the paper form");
    reason_row->Add(reason_, 1);
    sizer->Add(reason_row, 0, wxEXPAND | wxALL, 12);
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = FindWindow(wxID_OK))
        static_cast<wxButton*>(ok)->SetLabel("&Save correction");
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizer(sizer);

    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (save(utf8(reason_->GetValue().Trim().Trim(false))))
            EndModal(wxID_OK);
    }, wxID_OK);
}

bool ResponseDialog::save(const std::string& reason)
{
    if (!form_->has_instrument() || !form_->check_complete())
        return false;
    if (reason.empty()) {
        wxMessageBox("Say why the response is being corrected; the reason is kept with it.", "Chorus",
                     wxOK | wxICON_INFORMATION, this);
        reason_->SetFocus();
        return false;
    }
    try {
        session_.store().update_response(form_->form().response(), session_.actor(), reason);
    } catch (const std::exception& error) {
        show_error(this, "The correction was not saved.", error);
        return false;
    }
    return true;
}

} // namespace chorus::gui

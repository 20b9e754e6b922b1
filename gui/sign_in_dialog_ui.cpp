#include "sign_in_dialog_ui.hpp"

#include "wx_text.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <memory>

namespace chorus::gui {

SignInDialog::SignInDialog(wxWindow* parent, const std::string& database_name, const std::string& problem,
                           const std::string& name)
    : wxDialog(parent, wxID_ANY, "Sign in to Chorus")
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY, "Sign in to " + wx(database_name) + "."), 0, wxALL, 12);
    if (!problem.empty()) {
        wxString text = wx(problem);
        text[0] = wxToupper(text[0]);
        auto* why = new wxStaticText(this, wxID_ANY, wxString::FromUTF8("\u26A0 ") + text + ".");
        why->SetForegroundColour(wxColour(160, 0, 0));
        why->Wrap(360);
        sizer->Add(why, 0, wxLEFT | wxRIGHT | wxBOTTOM, 12);
    }
    auto* fields = new wxFlexGridSizer(2, 8, 8);
    fields->AddGrowableCol(1);
    fields->Add(new wxStaticText(this, wxID_ANY, "&Name:"), 0, wxALIGN_CENTER_VERTICAL);
    name_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(240, -1));
    name_->SetName("user name");
    fields->Add(name_, 1, wxEXPAND);
    fields->Add(new wxStaticText(this, wxID_ANY, "&Password:"), 0, wxALIGN_CENTER_VERTICAL);
    password_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(240, -1), wxTE_PASSWORD);
    password_->SetName("password");
    fields->Add(password_, 1, wxEXPAND);
    sizer->Add(fields, 0, wxEXPAND | wxLEFT | wxRIGHT, 12);
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = FindWindow(wxID_OK))
        static_cast<wxButton*>(ok)->SetLabel("&Sign in");
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(sizer);
    CentreOnParent();
    name_->SetValue(wx(name));
    if (name.empty())
        name_->SetFocus();
    else
        password_->SetFocus();
}

std::string SignInDialog::name() const
{
    return utf8(name_->GetValue().Strip(wxString::both));
}

std::string SignInDialog::password() const
{
    return utf8(password_->GetValue());
}

Session::SignInPrompt sign_in_prompt(wxWindow* parent, const std::filesystem::path& file)
{
    auto last_name = std::make_shared<std::string>();
    return [parent, database = file.filename().string(), last_name](const std::string& problem)
               -> std::optional<std::pair<std::string, std::string>> {
        SignInDialog dialog(parent, database, problem, *last_name);
        if (dialog.ShowModal() != wxID_OK)
            return std::nullopt;
        *last_name = dialog.name();
        return std::make_pair(dialog.name(), dialog.password());
    };
}

Session::PassphrasePrompt passphrase_prompt(wxWindow* parent, const std::filesystem::path& file)
{
    return [parent, database = file.filename().string()](const std::string& problem) -> std::optional<std::string> {
        wxString message = wx(database) + " is encrypted. Enter its passphrase to open it.";
        if (!problem.empty()) {
            wxString text = wx(problem);
            text[0] = wxToupper(text[0]);
            message = wxString::FromUTF8("\u26A0 ") + text + ".\n\n" + message;
        }
        wxPasswordEntryDialog dialog(parent, message, "Chorus: encrypted database");
        dialog.SetName("passphrase");
        if (dialog.ShowModal() != wxID_OK)
            return std::nullopt;
        return utf8(dialog.GetValue());
    };
}

} // namespace chorus::gui

#pragma once
// Signing in to a database that has user accounts: name, password, and why the last try
// failed. Enter signs in, Escape gives up. Also the passphrase of an encrypted database.
#include "session.hpp"

#include <wx/dialog.h>

#include <filesystem>
#include <string>

class wxStaticText;
class wxTextCtrl;

namespace chorus::gui {

class SignInDialog : public wxDialog {
public:
    // `name`: the name tried last, kept after a failed try (the password is asked again).
    SignInDialog(wxWindow* parent, const std::string& database_name, const std::string& problem,
                 const std::string& name = {});

    std::string name() const;
    std::string password() const;
    wxTextCtrl* name_field() const { return name_; }
    wxTextCtrl* password_field() const { return password_; }

private:
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* password_ = nullptr;
};

// Session::open's sign-in: this dialog, shown again with the problem until the name and
// password are right or the person cancels.
Session::SignInPrompt sign_in_prompt(wxWindow* parent, const std::filesystem::path& file);

// Session::open's passphrase for an encrypted database: a password entry dialog, shown again
// with the problem until the passphrase is right or the person cancels.
Session::PassphrasePrompt passphrase_prompt(wxWindow* parent, const std::filesystem::path& file);

} // namespace chorus::gui

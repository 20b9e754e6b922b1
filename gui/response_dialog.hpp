#pragma once
// A stored response opened for correction: the capture form with its answers, the
// reason for the change (required, kept apart from the audit log) and earlier changes.
#include <wx/dialog.h>

#include <string>

class wxTextCtrl;

namespace chorus::gui {

class CapturePanel;
class Session;

class ResponseDialog : public wxDialog {
public:
    ResponseDialog(wxWindow* parent, Session& session, const std::string& uuid);
    CapturePanel& form() { return *form_; }
    // Saves the correction with `reason`; shows what is wrong and returns false otherwise.
    bool save(const std::string& reason);

private:
    Session& session_;
    CapturePanel* form_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

} // namespace chorus::gui

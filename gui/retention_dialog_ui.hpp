#pragma once
// Records retention for an admin: how many months each kind of record is kept, the records on
// legal hold, and a purge of what is past retention, counted first and confirmed. Changes need
// a reason and are audited (core's RecordsRetention does both).
#include <wx/dialog.h>

#include <map>
#include <string>

class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace chorus {
enum class RecordType;
}

namespace chorus::gui {

class Session;

class RetentionDialog : public wxDialog {
public:
    RetentionDialog(wxWindow* parent, Session& session);

    // Months per record type; 0 keeps that type until deleted by hand.
    void set_months(RecordType type, int months);
    void set_reason(const wxString& reason);
    // Saves the rules that changed; says what is wrong (no reason, a failed write) and
    // returns false instead.
    bool save_rules();
    // Counts what a purge on `today` would delete and, once confirmed (asked unless
    // `confirmed`), deletes it. True when it deleted.
    bool purge(const std::string& today, bool confirmed = false);

private:
    void show_rules();
    void show_holds();

    Session& session_;
    std::map<RecordType, wxSpinCtrl*> months_;
    wxTextCtrl* reason_ = nullptr;
    wxListCtrl* holds_ = nullptr;
    wxStaticText* summary_ = nullptr;
};

} // namespace chorus::gui

#pragma once
// The complaints register and the compliments list, from the complaints plugin's
// procedure through ComplaintRegister: stage, due date, working days left, overdue
// marked by colour, an icon and the word "OVERDUE" (never colour alone).
#include "chorus/complaint_register.hpp"

#include <wx/panel.h>

#include <vector>

class wxCheckBox;
class wxListCtrl;
class wxListEvent;
class wxNotebook;
class wxStaticText;
class wxTextCtrl;

namespace chorus::gui {

class Session;

class ComplaintsView : public wxPanel {
public:
    ComplaintsView(wxWindow* parent, Session& session);

    void reload();
    void show_compliments(bool compliments);
    wxListCtrl& complaints_list() { return *complaints_; }
    const std::vector<RegisterEntry>& entries() const { return entries_; }
    // The row is marked overdue (background, icon and text).
    bool row_marked_overdue(long row) const;
    void set_status_date(const std::string& date);

private:
    void reload_complaints();
    void reload_compliments();
    const RegisterEntry* selected() const;
    void record_complaint();
    void escalate();
    void record_outcome();
    void add_compliment();

    Session& session_;
    wxNotebook* book_ = nullptr;
    wxListCtrl* complaints_ = nullptr;
    wxListCtrl* compliments_ = nullptr;
    wxCheckBox* open_only_ = nullptr;
    wxTextCtrl* as_at_ = nullptr;
    wxStaticText* summary_ = nullptr;
    wxStaticText* missing_plugin_ = nullptr;
    std::vector<RegisterEntry> entries_;
};

} // namespace chorus::gui

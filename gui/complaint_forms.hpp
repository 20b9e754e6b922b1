#pragma once
// The complaints register's forms: recording a complaint, the outcome of a point, and a
// compliment. Codes come from the complaints plugin's vocabularies; ComplaintRegister
// checks everything before it is stored.
#include "chorus/complaints.hpp"

#include <wx/dialog.h>

#include <string>
#include <string_view>
#include <vector>

class wxCheckListBox;
class wxCheckBox;
class wxChoice;
class wxTextCtrl;

namespace chorus::gui {

class Session;

// A choice box over one vocabulary, giving back codes.
class CodeChoice {
public:
    CodeChoice(wxWindow* parent, Session& session, std::string_view vocabulary);
    wxChoice* control() const { return choice_; }
    std::string code() const; // "" when none chosen
    void select(const std::string& code);

private:
    wxChoice* choice_ = nullptr;
    std::vector<std::string> codes_;
};

class ComplaintDialog : public wxDialog {
public:
    ComplaintDialog(wxWindow* parent, Session& session);
    Complaint complaint() const; // as filled in; the register checks it

private:
    wxTextCtrl* reference_ = nullptr;
    wxTextCtrl* received_ = nullptr;
    wxTextCtrl* became_aware_ = nullptr;
    CodeChoice complainant_;
    CodeChoice service_area_;
    CodeChoice procedure_;
    wxTextCtrl* team_ = nullptr;
    wxCheckListBox* themes_ = nullptr;
    std::vector<std::string> theme_codes_;
    wxCheckBox* advocate_ = nullptr;
    wxTextCtrl* points_ = nullptr;
};

class OutcomeDialog : public wxDialog {
public:
    OutcomeDialog(wxWindow* parent, Session& session, const Complaint& complaint);
    std::size_t point() const;
    std::string outcome() const { return outcome_.code(); }

private:
    wxChoice* point_ = nullptr;
    CodeChoice outcome_;
};

class ComplimentDialog : public wxDialog {
public:
    ComplimentDialog(wxWindow* parent, Session& session);
    Compliment compliment() const;

private:
    wxTextCtrl* received_ = nullptr;
    CodeChoice source_;
    CodeChoice service_area_;
    wxTextCtrl* team_ = nullptr;
    wxTextCtrl* summary_ = nullptr;
};

// "31/03/2026" or "2026-03-31" -> "2026-03-31"; anything else is kept as typed so the
// register's check names it.
std::string typed_date(const wxTextCtrl* box);

} // namespace chorus::gui

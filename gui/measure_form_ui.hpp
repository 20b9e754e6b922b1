#pragma once
// One measure's form: what it is (id, title, plan area), what it counts (a survey's
// questions with the codes picked from their options, or the complaints log with its
// stage, procedure, theme or compliment source) and how it is reported and rated. Every
// control is named after the measure set property it sets, for tests and screen readers.
#include "chorus/measures.hpp"

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxComboBox;
class wxSpinCtrl;
class wxTextCtrl;

namespace chorus::gui {

class Session;

class MeasureForm : public wxDialog {
public:
    MeasureForm(wxWindow* parent, Session& session, const MeasureDefinition& measure,
                const std::vector<std::string>& plan_areas);

    // The measure as filled in; nullopt when a number box holds no number, `problem` then
    // says which. OK closes the form only when this succeeds.
    std::optional<MeasureDefinition> read(wxString* problem = nullptr) const;
    MeasureDefinition measure() const { return *read(); }
    // The control for a measure set property ("target", "source.questions", ...).
    wxWindow* control(const wxString& property) const { return FindWindow(property); }

    // Fills the pickers for the source type, instrument and questions chosen, keeping the
    // codes still offered that were checked.
    void source_changed();
    void instrument_changed();
    void questions_changed();

private:
    MeasureSource chosen_source() const;
    std::vector<std::string> checked(const wxCheckListBox* list, const std::vector<std::string>& codes) const;
    void fill_codes(wxCheckListBox* list, std::vector<std::string>& codes, const std::vector<Option>& options,
                    const std::vector<std::string>& checked_codes);
    void fill_vocabulary(wxChoice* choice, std::vector<std::string>& codes, std::string_view vocabulary,
                         const std::string& chosen);

    Session& session_;
    wxTextCtrl* id_ = nullptr;
    wxTextCtrl* title_ = nullptr;
    wxComboBox* plan_area_ = nullptr;
    wxChoice* source_ = nullptr;
    wxChoice* instrument_ = nullptr;
    wxCheckListBox* questions_ = nullptr;
    wxCheckListBox* positive_ = nullptr;
    wxCheckBox* default_out_of_base_ = nullptr;
    wxCheckListBox* out_of_base_ = nullptr;
    wxCheckBox* blank_in_base_ = nullptr;
    wxChoice* stage_ = nullptr;
    wxChoice* procedure_ = nullptr;
    wxChoice* theme_ = nullptr;
    wxChoice* source_type_ = nullptr;
    wxChoice* frequency_ = nullptr;
    wxTextCtrl* collection_method_ = nullptr;
    wxTextCtrl* baseline_ = nullptr;
    wxTextCtrl* baseline_period_ = nullptr;
    wxTextCtrl* target_ = nullptr;
    wxChoice* polarity_ = nullptr;
    wxChoice* tolerance_mode_ = nullptr;
    wxTextCtrl* tolerance_ = nullptr;
    wxTextCtrl* no_change_band_ = nullptr;
    wxSpinCtrl* decimals_ = nullptr;
    wxSpinCtrl* minimum_base_ = nullptr;
    wxCheckBox* complete_ = nullptr;

    std::vector<std::string> instrument_ids_; // parallel to instrument_
    std::vector<std::string> question_keys_;  // parallel to questions_
    std::vector<std::string> positive_codes_; // parallel to positive_
    std::vector<std::string> out_codes_;      // parallel to out_of_base_
    std::vector<std::string> stage_codes_, theme_codes_, source_type_codes_; // after "Any"
    MeasureDefinition initial_;
};

} // namespace chorus::gui

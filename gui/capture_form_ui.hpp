#pragma once
// The capture view: any instrument rendered as a form, one row per question, with core's
// validation messages beside each question and relevance applied as answers change.
// Keyboard only works: Tab moves through every answer, Space picks an option, Enter in a
// box moves on, Ctrl+S saves.
#include "capture_form.hpp"

#include <wx/panel.h>

#include <functional>
#include <memory>
#include <vector>

class wxBoxSizer;
class wxButton;
class wxChoice;
class wxComboBox;
class wxScrolledWindow;
class wxStaticText;

namespace chorus::gui {

class Session;

class CapturePanel : public wxPanel {
public:
    enum class Purpose {
        capture, // new responses: save, save as draft, resume a draft, hand to a child
        correct, // a stored response in a dialog that asks for the reason itself
    };
    CapturePanel(wxWindow* parent, Session& session, Purpose purpose = Purpose::capture);
    ~CapturePanel() override;

    // Shows an instrument with a fresh response, or `response` (a draft or a stored one).
    void show_instrument(const Instrument& instrument);
    void show_response(const Instrument& instrument, const Response& response);
    bool has_instrument() const { return form_ != nullptr; }
    CaptureForm& form() { return *form_; }

    // Checks in full and shows every problem beside its question; true when none.
    bool check_complete();
    // Save and Save as draft; each shows what went wrong and returns false if not saved.
    bool save();
    bool save_draft();
    void resume_draft(const std::string& uuid);

    // The control of option `index` of question `key` (a toggle or check box), or its
    // text box (index 0); nullptr when there is none. For tests and focus.
    wxWindow* answer_control(const std::string& key, std::size_t index = 0) const;
    // The message shown beside a question ("" when none).
    wxString problem_text(const std::string& key) const;
    bool is_shown(const std::string& key) const;

    std::function<void()> on_saved;      // after a response or draft is stored
    std::function<void()> on_child_mode; // "Hand to a child" was chosen

private:
    struct QuestionRow;

    void build_rows();
    void add_choice_row(QuestionRow& row, const Question& question);
    void add_text_row(QuestionRow& row, const Question& question);
    void load_answers();
    void answer_changed(QuestionRow& row);
    void refresh();
    void choose_draft();
    void scroll_to(wxWindow* row);

    Session& session_;
    Purpose purpose_;
    std::unique_ptr<CaptureForm> form_;
    std::vector<std::unique_ptr<QuestionRow>> rows_;
    bool checked_complete_ = false; // after a Save attempt, missing required answers are shown too
    wxStaticText* title_ = nullptr;
    wxStaticText* description_ = nullptr;
    wxComboBox* team_ = nullptr;
    wxChoice* respondent_ = nullptr;
    wxStaticText* form_problem_ = nullptr;
    wxScrolledWindow* questions_ = nullptr;
    wxBoxSizer* question_sizer_ = nullptr;
    std::vector<std::string> respondent_codes_;
};

} // namespace chorus::gui

#pragma once
// Child mode: the laptop handed to a child. Full screen, one question per page with big
// face or choice buttons, big text and a progress bar; nothing else of the app and no
// earlier answers can be reached. Leaving (Escape, closing, "Leave") asks for the
// worker's PIN.
#include "child_mode.hpp"

#include <wx/frame.h>

#include <functional>
#include <memory>
#include <vector>

class wxButton;
class wxGauge;
class wxPanel;
class wxStaticText;
class wxTextCtrl;

namespace chorus::gui {

class FaceButton;
class Session;

class ChildModeFrame : public wxFrame {
public:
    ChildModeFrame(wxWindow* owner, Session& session, const Instrument& instrument, PinHash pin);

    ChildSession& child() { return child_; }
    // False (and stays) when the PIN does not match. When it does, leaves, unless the last
    // child's answers could not be saved and the worker chooses to stay and try again.
    bool try_leave(const std::string& pin);
    // Asks the worker for the PIN (the Leave button, Escape, closing the window).
    void ask_to_leave();
    const std::vector<FaceButton*>& answer_buttons() const { return buttons_; }
    wxButton* next_button() const { return next_; }
    int responses_saved() const { return saved_; }
    // The last child finished but the save failed: the answers are kept for "Try again".
    bool has_unsaved_answers() const { return ending_ == Ending::unsaved; }

    std::function<void()> on_left; // after the worker has left child mode

private:
    void show_page();
    void show_thanks();
    void choose(std::size_t option);
    void go_next();
    void text_changed();

    Session& session_;
    ChildSession child_;
    bool leaving_ = false;
    int saved_ = 0;
    // On the last page: saved (showing thanks), or the save failed (answers kept).
    enum class Ending { none, saved, unsaved } ending_ = Ending::none;
    wxPanel* page_ = nullptr;
    wxGauge* progress_ = nullptr;
    wxStaticText* progress_text_ = nullptr;
    wxStaticText* question_ = nullptr;
    wxPanel* answers_ = nullptr;
    wxTextCtrl* text_ = nullptr;
    wxStaticText* hint_ = nullptr;
    wxButton* back_ = nullptr;
    wxButton* next_ = nullptr;
    std::vector<FaceButton*> buttons_;
};

} // namespace chorus::gui

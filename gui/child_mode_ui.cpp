#include "child_mode_ui.hpp"

#include "face_button.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/wrapsizer.h>

namespace chorus::gui {

namespace {

const wxColour page_colour(250, 247, 240);

// Faces in option order run from the saddest to the happiest.
std::optional<double> mood_of(const Question& question, std::size_t option)
{
    if (question.type != QuestionType::faces || question.options.size() < 2)
        return std::nullopt;
    return -1.0 + 2.0 * static_cast<double>(option) / static_cast<double>(question.options.size() - 1);
}

} // namespace

ChildModeFrame::ChildModeFrame(wxWindow* owner, Session& session, const Instrument& instrument, PinHash pin)
    : wxFrame(owner, wxID_ANY, "Chorus - " + label_text(instrument.title), wxDefaultPosition, wxSize(1200, 800),
              wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT),
      session_(session), child_(instrument, session.actor(), std::move(pin))
{
    page_ = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL | wxWANTS_CHARS);
    page_->SetBackgroundColour(page_colour);
    wxFont big = page_->GetFont().Scaled(2.2f);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    progress_text_ = new wxStaticText(page_, wxID_ANY, "");
    progress_text_->SetFont(page_->GetFont().Scaled(1.4f));
    progress_ = new wxGauge(page_, wxID_ANY, 1, wxDefaultPosition, wxSize(-1, 24));
    auto* leave = new wxButton(page_, wxID_ANY, "Leave (worker)");
    top->Add(progress_text_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
    top->Add(progress_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 24);
    top->Add(leave, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 24);

    question_ = new wxStaticText(page_, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
    question_->SetFont(big.Bold());
    sizer->Add(question_, 0, wxEXPAND | wxALL, 32);
    answers_ = new wxPanel(page_, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL);
    answers_->SetBackgroundColour(page_colour);
    sizer->Add(answers_, 1, wxEXPAND | wxLEFT | wxRIGHT, 32);
    hint_ = new wxStaticText(page_, wxID_ANY, "");
    hint_->SetFont(page_->GetFont().Scaled(1.4f));
    hint_->SetForegroundColour(wxColour(120, 60, 0));
    sizer->Add(hint_, 0, wxALIGN_CENTER | wxALL, 8);

    auto* nav = new wxBoxSizer(wxHORIZONTAL);
    back_ = new wxButton(page_, wxID_BACKWARD, "< &Back", wxDefaultPosition, wxSize(220, 80));
    next_ = new wxButton(page_, wxID_FORWARD, "&Next >", wxDefaultPosition, wxSize(220, 80));
    back_->SetFont(big);
    next_->SetFont(big.Bold());
    nav->Add(back_);
    nav->AddStretchSpacer();
    nav->Add(next_);
    sizer->Add(nav, 0, wxEXPAND | wxALL, 32);
    page_->SetSizer(sizer);

    back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        ending_ = Ending::none; // back to changing an answer; Finish saves again
        child_.back();
        show_page();
    });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_next(); });
    leave->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_to_leave(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
        if (event.GetKeyCode() == WXK_ESCAPE)
            ask_to_leave();
        else
            event.Skip();
    });
    // Closing the window (Alt+F4, the window manager) is leaving too: only with the PIN.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        if (leaving_ || !event.CanVeto()) {
            event.Skip();
            return;
        }
        event.Veto();
        CallAfter([this] { ask_to_leave(); });
    });
    show_page();
}

bool ChildModeFrame::try_leave(const std::string& pin)
{
    if (!child_.pin_matches(pin))
        return false;
    if (ending_ == Ending::unsaved) {
        wxMessageDialog lose(this, "The last child's answers are not saved. Leave child mode and lose them?",
                             "Leave child mode", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
        lose.SetYesNoLabels("&Leave and lose them", "&Stay and try again");
        if (lose.ShowModal() != wxID_YES)
            return true;
    }
    leaving_ = true;
    ShowFullScreen(false);
    if (on_left)
        on_left();
    Close();
    return true;
}

void ChildModeFrame::ask_to_leave()
{
    wxPasswordEntryDialog dialog(this, "Worker: enter your PIN to leave child mode.", "Leave child mode");
    while (dialog.ShowModal() == wxID_OK) {
        if (try_leave(utf8(dialog.GetValue())))
            return;
        dialog.SetValue("");
        dialog.SetTitle("That PIN is not right - try again");
    }
}

void ChildModeFrame::show_page()
{
    page_->Freeze();
    answers_->DestroyChildren();
    buttons_.clear();
    text_ = nullptr;
    hint_->SetLabel("");
    const Question* question = child_.current();
    const std::size_t pages = std::max<std::size_t>(child_.pages(), 1);
    progress_->SetRange(static_cast<int>(pages));
    progress_->SetValue(static_cast<int>(std::min(child_.page(), pages)));
    progress_text_->SetLabel(question ? wxString::Format("Question %zu of %zu", child_.page() + 1, pages)
                                      : wxString("All done"));
    back_->Enable(child_.can_go_back());
    if (!question) {
        page_->Thaw();
        show_thanks();
        return;
    }
    question_->SetLabel(label_text(question->label));
    question_->Wrap(std::max(600, GetClientSize().x - 100));
    next_->SetLabel(child_.page() + 1 == child_.pages() ? "&Finish" : "&Next >");

    auto* sizer = new wxWrapSizer(wxHORIZONTAL);
    const Answer* answer = child_.form().answer(question->key);
    if (is_choice_type(question->type)) {
        const bool faces = question->type == QuestionType::faces;
        const bool many = question->options.size() > 5;
        const wxSize size = faces ? wxSize(230, 280) : many ? wxSize(110, 110) : wxSize(300, 130);
        for (std::size_t i = 0; i < question->options.size(); ++i) {
            auto* button = new FaceButton(answers_, label_text(question->options[i].label), mood_of(*question, i), size);
            button->SetFont(answers_->GetFont().Scaled(many ? 1.2f : 1.0f));
            const auto* code = answer ? std::get_if<std::string>(answer) : nullptr;
            button->set_chosen(code && *code == question->options[i].code);
            button->Bind(wxEVT_BUTTON, [this, i](wxCommandEvent&) { choose(i); });
            sizer->Add(button, 0, wxALL, 12);
            buttons_.push_back(button);
        }
    } else if (question->type != QuestionType::note) {
        const bool multiline = question->type == QuestionType::long_text;
        text_ = new wxTextCtrl(answers_, wxID_ANY, answer ? wx(CaptureForm::typed_text(*answer)) : wxString(),
                               wxDefaultPosition, wxSize(900, multiline ? 260 : -1),
                               multiline ? wxTE_MULTILINE : wxTE_PROCESS_ENTER);
        text_->SetFont(answers_->GetFont().Scaled(2.0f));
        text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { text_changed(); });
        if (!multiline)
            text_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { go_next(); });
        sizer->Add(text_, 0, wxALL, 12);
    }
    answers_->SetSizer(sizer, true);
    page_->Layout();
    page_->Thaw();
    if (!buttons_.empty())
        buttons_.front()->SetFocus();
    else if (text_)
        text_->SetFocus();
    else
        next_->SetFocus();
}

void ChildModeFrame::show_thanks()
{
    // Saved now, before anything else is shown, so no answer waits on screen for the next child.
    answers_->DestroyChildren();
    buttons_.clear();
    text_ = nullptr;
    progress_->SetValue(progress_->GetRange());
    try {
        session_.store().add_response(child_.form().response(), session_.actor());
    } catch (const std::exception& error) {
        // The answers stay, so nothing the child said is lost while the worker sorts it out.
        ending_ = Ending::unsaved;
        question_->SetLabel("Your answers are not saved yet. Please tell your worker, then press Try again.");
        back_->Enable(child_.can_go_back());
        next_->SetLabel("&Try again");
        page_->Layout();
        show_error(this, "Your answers are not saved yet. Please tell your worker.", error);
        next_->SetFocus();
        return;
    }
    ++saved_;
    ending_ = Ending::saved;
    child_.start_next_child();
    question_->SetLabel("Thank you! Your answers are saved.");
    back_->Enable(false);
    next_->SetLabel("&Start again");
    page_->Layout();
    next_->SetFocus();
}

void ChildModeFrame::choose(std::size_t option)
{
    const Question* question = child_.current();
    if (!question)
        return;
    const std::string& code = question->options[option].code;
    const Answer* answer = child_.form().answer(question->key);
    const auto* current = answer ? std::get_if<std::string>(answer) : nullptr;
    if (current && *current == code)
        child_.form().clear_answer(question->key);
    else
        child_.form().set_answer(question->key, code);
    for (std::size_t i = 0; i < buttons_.size(); ++i)
        buttons_[i]->set_chosen(child_.form().answer(question->key) && i == option);
    hint_->SetLabel("");
    page_->Layout();
}

void ChildModeFrame::text_changed()
{
    const Question* question = child_.current();
    std::string problem;
    auto parsed = CaptureForm::parse_typed(*question, utf8(text_->GetValue()), problem);
    if (parsed)
        child_.form().set_answer(question->key, *parsed);
    else
        child_.form().clear_answer(question->key);
    hint_->SetLabel(wx(problem));
    page_->Layout();
}

void ChildModeFrame::go_next()
{
    if (ending_ == Ending::unsaved) { // "Try again"
        show_thanks();
        return;
    }
    if (ending_ == Ending::saved) { // "Start again" on the thank-you page
        ending_ = Ending::none;
        show_page();
        return;
    }
    if (child_.needs_answer()) {
        hint_->SetLabel("Please choose an answer first.");
        page_->Layout();
        return;
    }
    const Question* question = child_.current();
    const auto problems = child_.form().problems(ValidationMode::draft);
    if (auto found = problems.find(question->key); found != problems.end()) {
        hint_->SetLabel(wx(found->second.front()));
        page_->Layout();
        return;
    }
    child_.next();
    show_page();
}

} // namespace chorus::gui

#include "capture_form_ui.hpp"

#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/dates.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/tglbtn.h>
#include <wx/wrapsizer.h>
#include <wx/choicdlg.h>

#include <algorithm>

namespace chorus::gui {

namespace {

const wxColour problem_colour(170, 20, 20);

wxString respondent_label(const std::string& code)
{
    wxString label = wx(code);
    label.Replace("_", " ");
    return label.Left(1).Upper() + label.Mid(1);
}

} // namespace

struct CapturePanel::QuestionRow {
    const Question* question = nullptr;
    wxPanel* panel = nullptr;
    wxStaticText* problem = nullptr;
    std::vector<wxToggleButton*> options; // single-answer choice types
    std::vector<wxCheckBox*> checks;      // multiple choice
    wxTextCtrl* text = nullptr;           // numbers, dates, text
    std::string typing_problem;           // the box holds something that is not an answer
    bool touched = false;                 // answered or changed since shown
};

CapturePanel::CapturePanel(wxWindow* parent, Session& session, Purpose purpose)
    : wxPanel(parent), session_(session), purpose_(purpose)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Scaled(1.4f).Bold());
    description_ = new wxStaticText(this, wxID_ANY, "");
    sizer->Add(title_, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    sizer->Add(description_, 0, wxLEFT | wxRIGHT | wxTOP, 12);

    auto* metadata = new wxBoxSizer(wxHORIZONTAL);
    metadata->Add(new wxStaticText(this, wxID_ANY, "&Team or locality:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    team_ = new wxComboBox(this, wxID_ANY, "", wxDefaultPosition, wxSize(220, -1));
    team_->SetName("team");
    metadata->Add(team_, 0, wxRIGHT, 18);
    metadata->Add(new wxStaticText(this, wxID_ANY, "&Who is answering:"), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    respondent_ = new wxChoice(this, wxID_ANY);
    respondent_->SetName("respondent type");
    metadata->Add(respondent_, 0);
    sizer->Add(metadata, 0, wxALL, 12);
    form_problem_ = new wxStaticText(this, wxID_ANY, "");
    form_problem_->SetForegroundColour(problem_colour);
    sizer->Add(form_problem_, 0, wxLEFT | wxRIGHT, 12);

    questions_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL);
    questions_->SetScrollRate(0, 20);
    question_sizer_ = new wxBoxSizer(wxVERTICAL);
    questions_->SetSizer(question_sizer_);
    sizer->Add(questions_, 1, wxEXPAND | wxLEFT | wxRIGHT, 6);

    if (purpose_ == Purpose::capture) {
        auto* buttons = new wxBoxSizer(wxHORIZONTAL);
        auto* save = new wxButton(this, wxID_SAVE, "&Save response (Ctrl+S)");
        auto* draft = new wxButton(this, wxID_ANY, "Save as &draft");
        auto* resume = new wxButton(this, wxID_ANY, "&Resume a draft...");
        auto* child = new wxButton(this, wxID_ANY, "Hand to a &child...");
        buttons->Add(save, 0, wxRIGHT, 8);
        buttons->Add(draft, 0, wxRIGHT, 8);
        buttons->Add(resume, 0, wxRIGHT, 8);
        buttons->AddStretchSpacer();
        buttons->Add(child, 0);
        sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
        save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->save(); });
        draft->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_draft(); });
        resume->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_draft(); });
        child->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            if (on_child_mode && form_)
                on_child_mode();
        });
        wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, 'S', wxID_SAVE}};
        SetAcceleratorTable(wxAcceleratorTable(1, keys));
        Bind(wxEVT_MENU, [this](wxCommandEvent&) { this->save(); }, wxID_SAVE);
    }
    team_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (form_)
            form_->set_team(utf8(team_->GetValue()));
    });
    respondent_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        if (form_ && respondent_->GetSelection() != wxNOT_FOUND)
            form_->set_respondent_type(respondent_codes_[static_cast<std::size_t>(respondent_->GetSelection())]);
        refresh();
    });
    SetSizer(sizer);
}

CapturePanel::~CapturePanel() = default;

void CapturePanel::show_instrument(const Instrument& instrument)
{
    form_ = std::make_unique<CaptureForm>(instrument);
    form_->start_new(session_.actor());
    build_rows();
}

void CapturePanel::show_response(const Instrument& instrument, const Response& response)
{
    form_ = std::make_unique<CaptureForm>(instrument);
    form_->load(response);
    build_rows();
    load_answers();
}

void CapturePanel::build_rows()
{
    Freeze();
    checked_complete_ = false;
    rows_.clear();
    questions_->DestroyChildren();
    question_sizer_->Clear();
    const Instrument& instrument = form_->instrument();
    title_->SetLabel(label_text(instrument.title));
    description_->SetLabel(label_text(instrument.description));
    description_->Wrap(900);

    team_->Clear();
    for (const auto& team : session_.store().response_teams())
        team_->Append(wx(team));
    team_->ChangeValue(wx(form_->metadata().team));
    respondent_->Clear();
    respondent_codes_ = form_->respondent_types();
    for (const auto& code : respondent_codes_)
        respondent_->Append(respondent_label(code));
    auto chosen = std::find(respondent_codes_.begin(), respondent_codes_.end(), form_->metadata().respondent_type);
    if (chosen != respondent_codes_.end())
        respondent_->SetSelection(static_cast<int>(chosen - respondent_codes_.begin()));

    for (const auto& question : instrument.questions) {
        auto row = std::make_unique<QuestionRow>();
        row->question = &question;
        row->panel = new wxPanel(questions_, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL);
        row->panel->SetName(wx(question.key));
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        row->panel->SetSizer(sizer);
        if (question.type == QuestionType::note) {
            auto* note = new wxStaticText(row->panel, wxID_ANY, label_text(question.label));
            note->SetFont(note->GetFont().Italic());
            note->Wrap(860);
            sizer->Add(note, 0, wxALL, 6);
        } else {
            const wxString label = label_text(question.label) + (question.required ? " *" : "");
            auto* text = new wxStaticText(row->panel, wxID_ANY, label);
            text->SetFont(text->GetFont().Bold());
            text->Wrap(860);
            sizer->Add(text, 0, wxLEFT | wxRIGHT | wxTOP, 6);
            if (!question.help.empty()) {
                auto* help = new wxStaticText(row->panel, wxID_ANY, label_text(question.help));
                help->SetForegroundColour(wxColour(90, 90, 90));
                sizer->Add(help, 0, wxLEFT | wxRIGHT, 6);
            }
            if (is_choice_type(question.type) || question.type == QuestionType::multiple_choice)
                add_choice_row(*row, question);
            else
                add_text_row(*row, question);
            row->problem = new wxStaticText(row->panel, wxID_ANY, "");
            row->problem->SetForegroundColour(problem_colour);
            sizer->Add(row->problem, 0, wxLEFT | wxRIGHT | wxBOTTOM, 6);
        }
        question_sizer_->Add(row->panel, 0, wxEXPAND | wxBOTTOM, 8);
        rows_.push_back(std::move(row));
    }
    refresh();
    Thaw();
    questions_->Scroll(0, 0);
}

void CapturePanel::add_choice_row(QuestionRow& row, const Question& question)
{
    auto* options = new wxWrapSizer(wxHORIZONTAL);
    for (std::size_t i = 0; i < question.options.size(); ++i) {
        const Option& option = question.options[i];
        const wxString label = label_text(option.label);
        if (question.type == QuestionType::multiple_choice) {
            auto* check = new wxCheckBox(row.panel, wxID_ANY, label);
            check->SetName(wx(question.key + "=" + option.code));
            check->Bind(wxEVT_CHECKBOX, [this, &row](wxCommandEvent&) {
                std::vector<std::string> codes;
                for (std::size_t j = 0; j < row.checks.size(); ++j)
                    if (row.checks[j]->GetValue())
                        codes.push_back(row.question->options[j].code);
                if (codes.empty())
                    form_->clear_answer(row.question->key);
                else
                    form_->set_answer(row.question->key, codes);
                answer_changed(row);
            });
            options->Add(check, 0, wxALL, 4);
            row.checks.push_back(check);
            continue;
        }
        auto* toggle = new wxToggleButton(row.panel, wxID_ANY, label);
        toggle->SetName(wx(question.key + "=" + option.code));
        toggle->Bind(wxEVT_TOGGLEBUTTON, [this, &row, i](wxCommandEvent&) {
            // One answer: picking an option drops the others; picking it again clears it.
            const bool chosen = row.options[i]->GetValue();
            for (std::size_t j = 0; j < row.options.size(); ++j)
                if (j != i)
                    row.options[j]->SetValue(false);
            if (chosen)
                form_->set_answer(row.question->key, row.question->options[i].code);
            else
                form_->clear_answer(row.question->key);
            answer_changed(row);
        });
        options->Add(toggle, 0, wxALL, 3);
        row.options.push_back(toggle);
    }
    row.panel->GetSizer()->Add(options, 0, wxLEFT | wxRIGHT | wxTOP, 4);
    if (question.type == QuestionType::rating_0_10 && (!question.min_label.empty() || !question.max_label.empty())) {
        auto* ends = new wxStaticText(row.panel, wxID_ANY,
                                      "0 = " + label_text(question.min_label) + "    10 = " + label_text(question.max_label));
        ends->SetForegroundColour(wxColour(90, 90, 90));
        row.panel->GetSizer()->Add(ends, 0, wxLEFT, 8);
    }
}

void CapturePanel::add_text_row(QuestionRow& row, const Question& question)
{
    const bool long_text = question.type == QuestionType::long_text;
    long style = long_text ? wxTE_MULTILINE : wxTE_PROCESS_ENTER;
    wxSize size(long_text ? 640 : 320, long_text ? 90 : -1);
    if (question.type == QuestionType::integer || question.type == QuestionType::decimal)
        size.SetWidth(140);
    row.text = new wxTextCtrl(row.panel, wxID_ANY, "", wxDefaultPosition, size, style);
    row.text->SetName(wx(question.key));
    if (question.type == QuestionType::date)
        row.text->SetHint("DD/MM/YYYY");
    if (question.max_length > 0)
        row.text->SetMaxLength(static_cast<unsigned long>(question.max_length));
    row.text->Bind(wxEVT_TEXT, [this, &row](wxCommandEvent&) {
        auto parsed = CaptureForm::parse_typed(*row.question, utf8(row.text->GetValue()), row.typing_problem);
        if (parsed)
            form_->set_answer(row.question->key, *parsed);
        else
            form_->clear_answer(row.question->key);
        answer_changed(row);
    });
    // Enter moves on, as Tab does, so a worker can type straight through the form.
    if (!long_text)
        row.text->Bind(wxEVT_TEXT_ENTER, [&row](wxCommandEvent&) { row.text->Navigate(); });
    row.panel->GetSizer()->Add(row.text, 0, wxLEFT | wxRIGHT | wxTOP, 6);
}

void CapturePanel::load_answers()
{
    for (auto& row : rows_) {
        const Answer* answer = form_->answer(row->question->key);
        for (std::size_t i = 0; i < row->options.size(); ++i) {
            const auto* code = answer ? std::get_if<std::string>(answer) : nullptr;
            row->options[i]->SetValue(code && *code == row->question->options[i].code);
        }
        for (std::size_t i = 0; i < row->checks.size(); ++i) {
            const auto* codes = answer ? std::get_if<std::vector<std::string>>(answer) : nullptr;
            row->checks[i]->SetValue(codes
                                     && std::find(codes->begin(), codes->end(), row->question->options[i].code)
                                            != codes->end());
        }
        if (row->text)
            row->text->ChangeValue(answer ? wx(CaptureForm::typed_text(*answer)) : wxString());
    }
    refresh();
}

void CapturePanel::answer_changed(QuestionRow& row)
{
    row.touched = true;
    refresh();
}

void CapturePanel::refresh()
{
    if (!form_)
        return;
    const auto problems = form_->problems(checked_complete_ ? ValidationMode::complete : ValidationMode::draft);
    bool layout_changed = false;
    for (auto& row : rows_) {
        const bool visible = form_->is_visible(*row->question);
        if (row->panel->IsShown() != visible) {
            row->panel->Show(visible);
            layout_changed = true;
        }
        if (!row->problem)
            continue;
        wxString message;
        if (!row->typing_problem.empty()) {
            message = wx(row->typing_problem);
        } else if (auto found = problems.find(row->question->key);
                   found != problems.end() && (row->touched || checked_complete_)) {
            message = wx(found->second.front());
        }
        const wxString shown = message.empty() ? wxString() : wxString::FromUTF8("\u26A0 ") + message;
        if (row->problem->GetLabel() != shown) {
            row->problem->SetLabel(shown);
            layout_changed = true;
        }
    }
    wxString whole;
    if (auto found = problems.find(""); found != problems.end() && checked_complete_)
        whole = wxString::FromUTF8("\u26A0 ") + wx(found->second.front());
    form_problem_->SetLabel(whole);
    if (layout_changed) {
        questions_->FitInside();
        questions_->Layout();
        Layout();
    }
}

void CapturePanel::scroll_to(wxWindow* row)
{
    int unit_x = 0, unit_y = 0;
    questions_->GetScrollPixelsPerUnit(&unit_x, &unit_y);
    int view_x = 0, view_y = 0;
    questions_->GetViewStart(&view_x, &view_y);
    if (unit_y > 0)
        questions_->Scroll(-1, view_y + row->GetPosition().y / unit_y);
}

bool CapturePanel::check_complete()
{
    checked_complete_ = true;
    refresh();
    const bool typing_ok = std::all_of(rows_.begin(), rows_.end(), [this](const auto& row) {
        return row->typing_problem.empty() || !form_->is_visible(*row->question);
    });
    const bool complete = typing_ok && form_->problems(ValidationMode::complete).empty();
    if (!complete) {
        for (auto& row : rows_) // take the worker to the first question to look at
            if (row->problem && !row->problem->GetLabel().empty()) {
                scroll_to(row->panel);
                if (wxWindow* control = answer_control(row->question->key))
                    control->SetFocus();
                break;
            }
    }
    return complete;
}

bool CapturePanel::save()
{
    if (!form_ || !check_complete())
        return false;
    try {
        session_.store().add_response(form_->response(), session_.actor());
    } catch (const std::exception& error) {
        show_error(this, "The response was not saved.", error);
        return false;
    }
    form_->start_new(session_.actor());
    const std::string team = utf8(team_->GetValue());
    build_rows();
    team_->SetValue(wx(team)); // the same worker usually captures for the same team
    if (on_saved)
        on_saved();
    return true;
}

bool CapturePanel::save_draft()
{
    if (!form_)
        return false;
    try {
        session_.store().save_draft(form_->response(), session_.actor());
    } catch (const std::exception& error) {
        show_error(this, "The draft was not saved.", error);
        return false;
    }
    form_->start_new(session_.actor());
    build_rows();
    if (on_saved)
        on_saved();
    return true;
}

void CapturePanel::resume_draft(const std::string& uuid)
{
    auto draft = session_.store().find_draft(uuid);
    if (!draft)
        return;
    show_response(session_.store().instrument(draft->instrument_id, draft->instrument_version), *draft);
}

void CapturePanel::choose_draft()
{
    if (!form_)
        return;
    auto drafts = session_.store().list_drafts(form_->instrument().id);
    if (!session_.permits(Permission::see_all_drafts)) // a worker sees their own drafts only
        std::erase_if(drafts, [&](const ResponseSummary& draft) { return draft.captured_by != session_.actor(); });
    if (drafts.empty()) {
        wxMessageBox("There are no drafts of this survey.", "Chorus", wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxArrayString items;
    for (const auto& draft : drafts)
        items.Add(wx(draft.captured_at.substr(0, 16)).BeforeFirst('T') + "  " + wx(draft.captured_at.substr(11, 5))
                  + "  " + wx(draft.team.empty() ? "(no team)" : draft.team) + "  by " + wx(draft.captured_by));
    const int chosen = wxGetSingleChoiceIndex("Which draft do you want to continue?", "Resume a draft", items, this);
    if (chosen >= 0)
        resume_draft(drafts[static_cast<std::size_t>(chosen)].uuid);
}

wxWindow* CapturePanel::answer_control(const std::string& key, std::size_t index) const
{
    for (const auto& row : rows_) {
        if (row->question->key != key)
            continue;
        if (index < row->options.size())
            return row->options[index];
        if (index < row->checks.size())
            return row->checks[index];
        return index == 0 ? row->text : nullptr;
    }
    return nullptr;
}

wxString CapturePanel::problem_text(const std::string& key) const
{
    for (const auto& row : rows_)
        if (row->question->key == key && row->problem)
            return row->problem->GetLabel();
    return {};
}

bool CapturePanel::is_shown(const std::string& key) const
{
    for (const auto& row : rows_)
        if (row->question->key == key)
            return row->panel->IsShown();
    return false;
}

} // namespace chorus::gui

#include "analysis_view.hpp"

#include "chart.hpp"
#include "session.hpp"
#include "text_answers_panel.hpp"
#include "wx_text.hpp"

#include "chorus/dates.hpp"

#include <wx/choice.h>
#include <wx/listbox.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace chorus::gui {

AnalysisView::AnalysisView(wxWindow* parent, Session& session) : wxPanel(parent), session_(session)
{
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    auto* side = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, "Analysis");
    title->SetFont(title->GetFont().Scaled(1.4f).Bold());
    side->Add(title, 0, wxBOTTOM, 10);
    auto* grid = new wxFlexGridSizer(2, 6, 8);
    auto add = [&](const wxString& label, wxWindow* control) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(control, 1, wxEXPAND);
    };
    instrument_ = new wxChoice(this, wxID_ANY);
    period_ = new wxChoice(this, wxID_ANY);
    from_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    from_->SetHint("DD/MM/YYYY");
    to_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    to_->SetHint("DD/MM/YYYY");
    team_ = new wxChoice(this, wxID_ANY);
    respondent_ = new wxChoice(this, wxID_ANY);
    add("S&urvey:", instrument_);
    add("&Period:", period_);
    add("&From:", from_);
    add("&To:", to_);
    add("T&eam:", team_);
    add("&Respondent:", respondent_);
    grid->AddGrowableCol(1);
    side->Add(grid, 0, wxEXPAND);
    side->Add(new wxStaticText(this, wxID_ANY, "&Questions:"), 0, wxTOP, 12);
    questions_ = new wxListBox(this, wxID_ANY);
    questions_->SetName("questions");
    // Fixed widths: long question labels must not push the chart off the window.
    questions_->SetInitialSize(wxSize(370, -1));
    for (wxWindow* control : std::initializer_list<wxWindow*>{instrument_, period_, from_, to_, team_, respondent_})
        control->SetInitialSize(wxSize(270, -1));
    side->Add(questions_, 1, wxEXPAND | wxTOP, 4);
    sizer->Add(side, 0, wxEXPAND | wxALL, 12);
    side->SetMinSize(wxSize(380, -1));

    pages_ = new wxSimplebook(this);
    chart_ = new ChartPanel(pages_);
    text_answers_ = new TextAnswersPanel(pages_, session_);
    pages_->AddPage(chart_, "chart");
    pages_->AddPage(text_answers_, "answers");
    sizer->Add(pages_, 1, wxEXPAND | wxTOP | wxBOTTOM | wxRIGHT, 12);
    SetSizer(sizer);

    instrument_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { instrument_chosen(); });
    period_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { period_chosen(); });
    team_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
    respondent_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
    questions_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { refresh(); });
    for (wxTextCtrl* box : {from_, to_})
        box->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { refresh(); });
}

void AnalysisView::reload()
{
    const int chosen = instrument_->GetSelection();
    const std::string kept = chosen >= 0 && static_cast<std::size_t>(chosen) < instrument_ids_.size()
                                 ? instrument_ids_[static_cast<std::size_t>(chosen)] : "";
    instrument_->Clear();
    instrument_ids_.clear();
    for (const auto& summary : session_.instruments()) {
        instrument_->Append(label_text(summary.title));
        instrument_ids_.push_back(summary.id);
    }
    period_->Clear();
    period_->Append("Any time");
    quarters_ = periods_with_responses(session_.store(), Frequency::quarterly);
    for (const auto& quarter : quarters_)
        period_->Append(wx(quarter.description()));
    period_->SetSelection(0);
    team_->Clear();
    team_->Append("All teams");
    teams_ = session_.store().response_teams();
    for (const auto& team : teams_)
        team_->Append(wx(team));
    team_->SetSelection(0);
    if (!instrument_ids_.empty())
        show_instrument(kept.empty() ? instrument_ids_.front() : kept);
}

void AnalysisView::show_instrument(const std::string& instrument_id)
{
    for (std::size_t i = 0; i < instrument_ids_.size(); ++i)
        if (instrument_ids_[i] == instrument_id)
            instrument_->SetSelection(static_cast<int>(i));
    instrument_chosen();
}

void AnalysisView::show_question(const std::string& key)
{
    for (std::size_t i = 0; i < question_rows_.size(); ++i)
        if (question_rows_[i]->key == key)
            questions_->SetSelection(static_cast<int>(i));
    refresh();
}

void AnalysisView::set_period(const std::string& from, const std::string& to)
{
    from_->ChangeValue(wx(from));
    to_->ChangeValue(wx(to));
    refresh();
}

void AnalysisView::instrument_chosen()
{
    const int chosen = instrument_->GetSelection();
    if (chosen < 0)
        return;
    instrument_shown_ = session_.store().instrument(instrument_ids_[static_cast<std::size_t>(chosen)]);
    questions_->Clear();
    question_rows_.clear();
    for (const auto& question : instrument_shown_.questions) {
        if (question.type == QuestionType::note)
            continue;
        question_rows_.push_back(&question);
        questions_->Append(label_text(question.label));
    }
    respondent_->Clear();
    respondent_->Append("Everyone");
    respondent_types_.clear();
    std::vector<std::string> types = instrument_shown_.respondent_types;
    if (types.empty())
        for (auto name : respondent_type_names())
            types.emplace_back(name);
    for (const auto& type : types) {
        wxString label = wx(type);
        label.Replace("_", " ");
        respondent_->Append(label);
        respondent_types_.push_back(type);
    }
    respondent_->SetSelection(0);
    if (!question_rows_.empty())
        questions_->SetSelection(0);
    refresh();
}

void AnalysisView::period_chosen()
{
    const int chosen = period_->GetSelection();
    if (chosen > 0) {
        const Period& quarter = quarters_[static_cast<std::size_t>(chosen - 1)];
        set_period(quarter.first_day(), quarter.last_day());
    } else {
        set_period("", "");
    }
}

StatsQuery AnalysisView::query() const
{
    StatsQuery query;
    query.instrument_id = instrument_shown_.id;
    const int question = questions_->GetSelection();
    if (question >= 0)
        query.question_key = question_rows_[static_cast<std::size_t>(question)]->key;
    auto date = [](const wxTextCtrl* box) {
        auto normal = normalise_date(utf8(box->GetValue().Trim().Trim(false)));
        return normal ? *normal : std::string();
    };
    query.captured_from = date(from_);
    query.captured_to = date(to_);
    if (team_->GetSelection() > 0)
        query.team = teams_[static_cast<std::size_t>(team_->GetSelection() - 1)];
    if (respondent_->GetSelection() > 0)
        query.respondent_type = respondent_types_[static_cast<std::size_t>(respondent_->GetSelection() - 1)];
    return query;
}

void AnalysisView::refresh()
{
    const StatsQuery chosen = query();
    if (chosen.question_key.empty())
        return;
    const Question* question = instrument_shown_.find_question(chosen.question_key);
    try {
        if (question->type == QuestionType::short_text || question->type == QuestionType::long_text) {
            text_answers_->show(chosen, label_text(question->label));
            pages_->SetSelection(1);
        } else {
            chart_->set_stats(compute_question_stats(session_.store(), chosen));
            pages_->SetSelection(0);
        }
    } catch (const std::exception& error) {
        show_error(this, "The figures could not be worked out.", error);
    }
}

} // namespace chorus::gui

#include "responses_view.hpp"

#include "response_dialog.hpp"
#include "session.hpp"
#include "wx_text.hpp"

#include "chorus/dates.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

namespace chorus::gui {

namespace {

enum Column { captured, survey, team_column, respondent, captured_by, column_count };

} // namespace

ResponsesList::ResponsesList(wxWindow* parent, Session& session)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
      session_(session)
{
    SetName("responses");
    AppendColumn("Captured", wxLIST_FORMAT_LEFT, 150);
    AppendColumn("Survey", wxLIST_FORMAT_LEFT, 330);
    AppendColumn("Team", wxLIST_FORMAT_LEFT, 170);
    AppendColumn("Respondent", wxLIST_FORMAT_LEFT, 130);
    AppendColumn("Captured by", wxLIST_FORMAT_LEFT, 120);
}

void ResponsesList::set_filter(const ResponseFilter& filter)
{
    filter_ = filter;
    pages_.clear();
    page_ends_.clear();
    titles_.clear();
    for (const auto& instrument : session_.store().list_instruments())
        titles_[{instrument.id, instrument.version}] =
            wx(instrument.title) + wxString::Format(" (v%d)", instrument.version);
    total_ = session_.store().count_responses(filter_);
    SetItemCount(static_cast<long>(total_));
    Refresh();
}

const ResponseSummary* ResponsesList::row(long index) const
{
    if (index < 0 || index >= total_)
        return nullptr;
    const std::int64_t page = index / page_size;
    auto found = pages_.find(page);
    if (found == pages_.end()) {
        ResponseFilter paged = filter_;
        paged.limit = page_size;
        paged.offset = page * page_size;
        // Start from the nearest page before it whose end is known.
        if (auto end = page_ends_.lower_bound(page); end != page_ends_.begin()) {
            --end;
            paged.after = end->second;
            paged.offset = (page - end->first - 1) * page_size;
        }
        if (pages_.size() > 50) // a long scroll keeps memory small: drop what was seen before
            pages_.clear();
        found = pages_.emplace(page, session_.store().list_responses(paged)).first;
        if (!found->second.empty())
            page_ends_[page] = found->second.back().position;
    }
    const auto offset = static_cast<std::size_t>(index % page_size);
    return offset < found->second.size() ? &found->second[offset] : nullptr;
}

wxString ResponsesList::OnGetItemText(long item, long column) const
{
    const ResponseSummary* summary = row(item);
    if (!summary)
        return {};
    switch (column) {
    case captured: {
        wxString at = wx(summary->captured_at);
        return at.Left(10) + " " + at.Mid(11, 5);
    }
    case survey: {
        auto title = titles_.find({summary->instrument_id, summary->instrument_version});
        return title == titles_.end() ? wx(summary->instrument_id) : title->second;
    }
    case team_column:
        return wx(summary->team);
    case respondent: {
        wxString type = wx(summary->respondent_type);
        type.Replace("_", " ");
        return type;
    }
    case captured_by:
        return wx(summary->captured_by);
    default:
        return {};
    }
}

ResponsesView::ResponsesView(wxWindow* parent, Session& session) : wxPanel(parent), session_(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, "Responses");
    title->SetFont(title->GetFont().Scaled(1.4f).Bold());
    sizer->Add(title, 0, wxALL, 12);

    auto* filters = new wxFlexGridSizer(2, 6, 6, 8);
    filters->Add(new wxStaticText(this, wxID_ANY, "S&urvey:"), 0, wxALIGN_CENTER_VERTICAL);
    instrument_ = new wxChoice(this, wxID_ANY);
    instrument_->SetMinSize(wxSize(300, -1));
    filters->Add(instrument_);
    filters->Add(new wxStaticText(this, wxID_ANY, "&Period:"), 0, wxALIGN_CENTER_VERTICAL);
    period_ = new wxChoice(this, wxID_ANY);
    filters->Add(period_);
    filters->Add(new wxStaticText(this, wxID_ANY, "T&eam:"), 0, wxALIGN_CENTER_VERTICAL);
    team_ = new wxChoice(this, wxID_ANY);
    filters->Add(team_);
    filters->AddSpacer(0);
    filters->AddSpacer(0);
    filters->Add(new wxStaticText(this, wxID_ANY, "&From:"), 0, wxALIGN_CENTER_VERTICAL);
    auto* dates = new wxBoxSizer(wxHORIZONTAL);
    from_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(120, -1), wxTE_PROCESS_ENTER);
    from_->SetHint("DD/MM/YYYY");
    to_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(120, -1), wxTE_PROCESS_ENTER);
    to_->SetHint("DD/MM/YYYY");
    dates->Add(from_);
    dates->Add(new wxStaticText(this, wxID_ANY, "&to:"), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, 6);
    dates->Add(to_);
    filters->Add(dates);
    sizer->Add(filters, 0, wxLEFT | wxRIGHT, 12);
    filter_problem_ = new wxStaticText(this, wxID_ANY, "");
    filter_problem_->SetForegroundColour(wxColour(170, 20, 20));
    sizer->Add(filter_problem_, 0, wxLEFT | wxTOP, 12);

    list_ = new ResponsesList(this, session_);
    sizer->Add(list_, 1, wxEXPAND | wxALL, 12);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    count_ = new wxStaticText(this, wxID_ANY, "");
    auto* open = new wxButton(this, wxID_OPEN, "&Open and correct...");
    auto* remove = new wxButton(this, wxID_DELETE, "&Delete...");
    buttons->Add(count_, 0, wxALIGN_CENTER_VERTICAL);
    buttons->AddStretchSpacer();
    buttons->Add(open, 0, wxRIGHT, 8);
    buttons->Add(remove);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizer(sizer);

    instrument_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { apply_filter(); });
    team_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { apply_filter(); });
    period_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { period_chosen(); });
    for (wxTextCtrl* box : {from_, to_}) {
        box->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { apply_filter(); });
        box->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
            apply_filter();
            event.Skip();
        });
    }
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open_selected(); });
    open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_selected(); });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_and_delete(); });
}

void ResponsesView::reload()
{
    const int chosen_instrument = instrument_->GetSelection();
    const std::string kept_instrument = chosen_instrument > 0 ? instrument_ids_[static_cast<std::size_t>(chosen_instrument - 1)] : "";
    instrument_->Clear();
    instrument_ids_.clear();
    instrument_->Append("All surveys");
    for (const auto& summary : session_.instruments()) {
        instrument_->Append(label_text(summary.title));
        instrument_ids_.push_back(summary.id);
    }
    instrument_->SetSelection(0);
    for (std::size_t i = 0; i < instrument_ids_.size(); ++i)
        if (instrument_ids_[i] == kept_instrument)
            instrument_->SetSelection(static_cast<int>(i + 1));

    // Quarter presets: every financial quarter from the first response to the last.
    period_->Clear();
    quarters_.clear();
    period_->Append("Any time");
    quarters_ = periods_with_responses(session_.store(), Frequency::quarterly);
    for (const Period& quarter : quarters_)
        period_->Append(wx(quarter.description()));
    period_->Append("Dates below");
    period_->SetSelection(from_->IsEmpty() && to_->IsEmpty() ? 0 : static_cast<int>(period_->GetCount() - 1));

    const int chosen_team = team_->GetSelection();
    const std::string kept_team = chosen_team > 0 ? teams_[static_cast<std::size_t>(chosen_team - 1)] : "";
    team_->Clear();
    team_->Append("All teams");
    teams_ = session_.store().response_teams();
    team_->SetSelection(0);
    for (std::size_t i = 0; i < teams_.size(); ++i) {
        team_->Append(wx(teams_[i]));
        if (teams_[i] == kept_team)
            team_->SetSelection(static_cast<int>(i + 1));
    }
    Layout();
    apply_filter();
}

void ResponsesView::show_instrument(const std::string& instrument_id)
{
    instrument_->SetSelection(0);
    for (std::size_t i = 0; i < instrument_ids_.size(); ++i)
        if (instrument_ids_[i] == instrument_id)
            instrument_->SetSelection(static_cast<int>(i + 1));
    apply_filter();
}

void ResponsesView::set_period(const std::string& from, const std::string& to)
{
    from_->ChangeValue(wx(from));
    to_->ChangeValue(wx(to));
    period_->SetSelection(static_cast<int>(period_->GetCount() - 1));
    apply_filter();
}

void ResponsesView::set_team(const std::string& team)
{
    team_->SetSelection(0);
    for (std::size_t i = 0; i < teams_.size(); ++i)
        if (teams_[i] == team)
            team_->SetSelection(static_cast<int>(i + 1));
    apply_filter();
}

void ResponsesView::period_chosen()
{
    const int chosen = period_->GetSelection();
    if (chosen > 0 && static_cast<std::size_t>(chosen) <= quarters_.size()) {
        const Period& quarter = quarters_[static_cast<std::size_t>(chosen - 1)];
        from_->ChangeValue(wx(quarter.first_day()));
        to_->ChangeValue(wx(quarter.last_day()));
    } else if (chosen == 0) {
        from_->ChangeValue("");
        to_->ChangeValue("");
    }
    apply_filter();
}

void ResponsesView::apply_filter()
{
    ResponseFilter filter;
    const int instrument = instrument_->GetSelection();
    if (instrument > 0)
        filter.instrument_id = instrument_ids_[static_cast<std::size_t>(instrument - 1)];
    const int team = team_->GetSelection();
    if (team > 0)
        filter.team = teams_[static_cast<std::size_t>(team - 1)];
    wxString problem;
    for (auto [box, field] : {std::pair{from_, &filter.captured_from}, std::pair{to_, &filter.captured_to}}) {
        const std::string text = utf8(box->GetValue().Trim().Trim(false));
        if (text.empty())
            continue;
        if (auto date = normalise_date(text))
            *field = *date;
        else
            problem = wxString::FromUTF8("\u26A0 ") + "\"" + box->GetValue() + "\" is not a date: use DD/MM/YYYY";
    }
    filter_problem_->SetLabel(problem);
    try {
        list_->set_filter(filter);
    } catch (const std::exception& error) {
        show_error(this, "The responses could not be listed.", error);
        return;
    }
    count_->SetLabel(wxString::Format(list_->total() == 1 ? "%lld response" : "%lld responses",
                                      static_cast<long long>(list_->total())));
    Layout();
}

void ResponsesView::open_selected()
{
    const ResponseSummary* summary = list_->row(list_->selected());
    if (!summary)
        return;
    ResponseDialog dialog(this, session_, summary->uuid);
    if (dialog.ShowModal() == wxID_OK)
        apply_filter();
}

bool ResponsesView::delete_selected(const std::string& reason, bool confirmed)
{
    const long index = list_->selected();
    const ResponseSummary* summary = list_->row(index);
    if (!summary)
        return false;
    if (!confirmed) {
        const wxString question = "Delete the response captured on " + wx(summary->captured_at.substr(0, 10))
                                  + (summary->team.empty() ? wxString() : " for " + wx(summary->team))
                                  + "?\n\nIt leaves every figure and cannot be undone. The deletion and your "
                                    "reason are recorded.";
        if (wxMessageBox(question, "Delete response", wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) != wxYES)
            return false;
    }
    try {
        session_.store().delete_response(summary->uuid, session_.actor(), reason);
    } catch (const std::exception& error) {
        show_error(this, "The response was not deleted.", error);
        return false;
    }
    apply_filter();
    return true;
}

void ResponsesView::ask_and_delete()
{
    if (list_->selected() < 0)
        return;
    wxTextEntryDialog reason(this, "Why is this response being deleted? (for example \"entered twice\")",
                             "Delete response");
    while (reason.ShowModal() == wxID_OK) {
        if (!reason.GetValue().Trim().empty()) {
            delete_selected(utf8(reason.GetValue().Trim()));
            return;
        }
    }
}

} // namespace chorus::gui

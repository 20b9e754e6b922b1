#include "text_answers_panel.hpp"

#include "session.hpp"
#include "wx_text.hpp"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textdlg.h>

#include <set>

namespace chorus::gui {

TextAnswersPanel::TextAnswersPanel(wxWindow* parent, Session& session) : wxPanel(parent), session_(session)
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Scaled(1.3f).Bold());
    themes_ = new wxStaticText(this, wxID_ANY, "");
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    list_->SetName("text answers");
    list_->AppendColumn("Captured", wxLIST_FORMAT_LEFT, 100);
    list_->AppendColumn("Team", wxLIST_FORMAT_LEFT, 140);
    list_->AppendColumn("Themes", wxLIST_FORMAT_LEFT, 200);
    list_->AppendColumn("What they wrote", wxLIST_FORMAT_LEFT, 600);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(this, wxID_ANY, "&Tag with a theme...");
    auto* remove = new wxButton(this, wxID_ANY, "Remove a t&heme...");
    buttons->Add(add, 0, wxRIGHT, 8);
    buttons->Add(remove);
    sizer->Add(title_, 0, wxALL, 12);
    sizer->Add(themes_, 0, wxLEFT | wxRIGHT, 12);
    sizer->Add(list_, 1, wxEXPAND | wxALL, 12);
    sizer->Add(buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizer(sizer);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_for_tag(); });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { remove_tag(); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { ask_for_tag(); });
}

void TextAnswersPanel::show(const StatsQuery& query, const wxString& question_label)
{
    query_ = query;
    title_->SetLabel(question_label);
    reload();
}

void TextAnswersPanel::reload()
{
    const long kept = selected_row();
    list_->DeleteAllItems();
    try {
        answers_ = list_text_answers(session_.store(), query_, shown_at_most);
        const auto total = count_text_answers(session_.store(), query_);
        wxString summary = wxString::Format("%lld answers", static_cast<long long>(total));
        if (total > shown_at_most)
            summary += wxString::Format(" (the newest %lld shown)", static_cast<long long>(shown_at_most));
        wxString counts;
        for (const auto& [tag, count] : theme_tag_counts(session_.store(), query_))
            counts += (counts.empty() ? "" : ", ") + wx(tag) + wxString::Format(" %lld", static_cast<long long>(count));
        themes_->SetLabel(summary + (counts.empty() ? wxString("; no themes tagged yet") : "; themes: " + counts));
    } catch (const std::exception& error) {
        show_error(this, "The answers could not be listed.", error);
        return;
    }
    for (std::size_t i = 0; i < answers_.size(); ++i) {
        const auto& answer = answers_[i];
        const long row = list_->InsertItem(static_cast<long>(i), wx(answer.captured_at.substr(0, 10)));
        wxString tags;
        for (const auto& tag : answer.tags)
            tags += (tags.empty() ? "" : ", ") + wx(tag);
        wxString text = wx(answer.text);
        text.Replace("\n", "  ");
        list_->SetItem(row, 1, wx(answer.team));
        list_->SetItem(row, 2, tags);
        list_->SetItem(row, 3, text);
    }
    if (kept >= 0 && kept < list_->GetItemCount())
        list_->SetItemState(kept, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    Layout();
}

long TextAnswersPanel::selected_row() const
{
    return list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

bool TextAnswersPanel::tag_selected(const std::string& tag)
{
    const long row = selected_row();
    if (row < 0)
        return false;
    try {
        add_theme_tag(session_.store(), answers_[static_cast<std::size_t>(row)].response_uuid, query_.question_key, tag,
                      session_.actor());
    } catch (const std::exception& error) {
        show_error(this, "The theme was not added.", error);
        return false;
    }
    reload();
    return true;
}

void TextAnswersPanel::ask_for_tag()
{
    if (selected_row() < 0) {
        wxMessageBox("Choose an answer in the list first.", "Chorus", wxOK | wxICON_INFORMATION, this);
        return;
    }
    // Offer the themes already used here and those the plugins suggest (the three houses...).
    std::set<wxString> known;
    for (const auto& [tag, count] : theme_tag_counts(session_.store(), query_))
        known.insert(wx(tag));
    for (const auto& loaded : session_.plugins().loaded())
        for (const auto& vocabulary : loaded.vocabularies)
            if (vocabulary.id.find("theme") != std::string::npos)
                for (const auto& term : vocabulary.terms)
                    known.insert(wx(term.label.empty() ? term.code : term.label));
    wxArrayString choices;
    for (const auto& tag : known)
        choices.Add(tag);
    choices.Add("A new theme...");
    const int chosen = wxGetSingleChoiceIndex("Tag the answer with which theme?", "Tag with a theme", choices, this);
    if (chosen < 0)
        return;
    wxString tag = choices[static_cast<std::size_t>(chosen)];
    if (chosen + 1 == static_cast<int>(choices.size())) {
        tag = wxGetTextFromUser("Name of the new theme:", "Tag with a theme", "", this);
        if (tag.Trim().empty())
            return;
    }
    tag_selected(utf8(tag));
}

void TextAnswersPanel::remove_tag()
{
    const long row = selected_row();
    if (row < 0 || answers_[static_cast<std::size_t>(row)].tags.empty())
        return;
    const auto& answer = answers_[static_cast<std::size_t>(row)];
    wxArrayString tags;
    for (const auto& tag : answer.tags)
        tags.Add(wx(tag));
    const int chosen = wxGetSingleChoiceIndex("Remove which theme from this answer?", "Remove a theme", tags, this);
    if (chosen < 0)
        return;
    try {
        remove_theme_tag(session_.store(), answer.response_uuid, query_.question_key,
                         answer.tags[static_cast<std::size_t>(chosen)], session_.actor());
    } catch (const std::exception& error) {
        show_error(this, "The theme was not removed.", error);
        return;
    }
    reload();
}

} // namespace chorus::gui

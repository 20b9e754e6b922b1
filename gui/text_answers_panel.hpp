#pragma once
// Free-text answers to one question, newest first, with the theme tags a lead adds.
#include "chorus/stats.hpp"
#include "chorus/themes.hpp"

#include <wx/panel.h>

#include <vector>

class wxListCtrl;
class wxStaticText;

namespace chorus::gui {

class Session;

class TextAnswersPanel : public wxPanel {
public:
    TextAnswersPanel(wxWindow* parent, Session& session);
    void show(const StatsQuery& query, const wxString& question_label);
    // Tags the selected answer; false (with the reason shown) when it could not.
    bool tag_selected(const std::string& tag);
    wxListCtrl& list() { return *list_; }

    static constexpr std::int64_t shown_at_most = 300;

private:
    void reload();
    void ask_for_tag();
    void remove_tag();
    long selected_row() const;

    Session& session_;
    StatsQuery query_;
    std::vector<TextAnswer> answers_;
    wxStaticText* title_ = nullptr;
    wxStaticText* themes_ = nullptr;
    wxListCtrl* list_ = nullptr;
};

} // namespace chorus::gui

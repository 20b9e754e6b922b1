#pragma once
// The responses view: every complete response in a virtual list that pages from SQLite
// (never all rows at once), filtered by survey, period (UK financial quarter or dates)
// and team. A response opens for correction with a reason, or is deleted with a reason
// after confirmation; both are audited by core.
#include "chorus/periods.hpp"
#include "chorus/store.hpp"

#include <wx/listctrl.h>
#include <wx/panel.h>

#include <map>
#include <vector>

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace chorus::gui {

class Session;

// The list itself: asks the store for one page of rows when a row of it is drawn.
class ResponsesList : public wxListCtrl {
public:
    ResponsesList(wxWindow* parent, Session& session);
    void set_filter(const ResponseFilter& filter); // counts, then pages in as rows are drawn
    std::int64_t total() const { return total_; }
    const ResponseSummary* row(long index) const;
    std::size_t pages_loaded() const { return pages_.size(); }
    long selected() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

    static constexpr std::int64_t page_size = 100;

private:
    wxString OnGetItemText(long item, long column) const override;

    Session& session_;
    ResponseFilter filter_;
    std::int64_t total_ = 0;
    mutable std::map<std::int64_t, std::vector<ResponseSummary>> pages_; // page number -> rows
    // page number -> its last response, kept when the rows are dropped: where the pages
    // after it start (keyset paging), so scrolling a million rows never counts from the top.
    mutable std::map<std::int64_t, ResponsePosition> page_ends_;
    std::map<std::pair<std::string, int>, wxString> titles_;             // (instrument, version) -> title
};

class ResponsesView : public wxPanel {
public:
    ResponsesView(wxWindow* parent, Session& session);

    // Reloads the filter choices (surveys, quarters, teams) and the list.
    void reload();
    void show_instrument(const std::string& instrument_id);
    void set_period(const std::string& from, const std::string& to);
    void set_team(const std::string& team);
    ResponsesList& list() { return *list_; }

    void open_selected();
    // Deletes the selected response with `reason`, asking for confirmation first unless
    // `confirmed`; true when deleted.
    bool delete_selected(const std::string& reason, bool confirmed = false);

private:
    void apply_filter();
    void period_chosen();
    void ask_and_delete();

    Session& session_;
    wxChoice* instrument_ = nullptr;
    wxChoice* period_ = nullptr;
    wxTextCtrl* from_ = nullptr;
    wxTextCtrl* to_ = nullptr;
    wxChoice* team_ = nullptr;
    wxStaticText* count_ = nullptr;
    wxStaticText* filter_problem_ = nullptr;
    ResponsesList* list_ = nullptr;
    std::vector<std::string> instrument_ids_; // parallel to instrument_, after "All surveys"
    std::vector<Period> quarters_;       // parallel to period_, after "Any time"
    std::vector<std::string> teams_;          // parallel to team_, after "All teams"
};

} // namespace chorus::gui

#pragma once
// The Scorecard: a measure set (a JSON file the lead chooses; the last one is remembered)
// reported for a financial quarter: the plan-area summary by RAG, then one row per measure
// grouped by plan area with its value, base, target, RAG swatch and word, and its direction
// of travel against the period before and the same period last year. Working the figures
// out is cancellable; a cancelled or failed attempt leaves the figures shown before.
#include "chorus/measures.hpp"
#include "chorus/scorecard.hpp"

#include <wx/panel.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

class wxButton;
class wxChoice;
class wxListCtrl;
class wxStaticText;

namespace chorus::gui {

class Session;

class ScorecardView : public wxPanel {
public:
    ScorecardView(wxWindow* parent, Session& session);
    ~ScorecardView() override;

    // The database changed: the periods and figures are worked out again when next shown.
    void reload();
    // Called when the view is shown: works out what reload() left stale.
    void shown();

    // Opens a measure set and reports it; on problems shows them all and keeps the set
    // before. True when the new set is shown.
    bool open_measure_set(const std::filesystem::path& file);
    void choose_measure_set();
    // The measure set dialog on the set shown (or a new set); reopens what it saved.
    void edit_measure_set(bool new_set);
    // Reports the quarter; true when its figures are shown.
    bool set_period(const Period& quarter);

    const MeasureSet* measure_set() const { return set_.get(); }
    const std::filesystem::path& file() const { return file_; }
    std::optional<Period> period() const;
    const std::vector<MeasureResult>& results() const { return results_; }
    const Scorecard& scorecard() const { return scorecard_; }
    wxListCtrl& measures_list() { return *measures_; }
    wxListCtrl& summary_list() { return *summary_; }
    wxString overall_sentence() const;
    // The list row showing measure `index` of the set; -1 when none.
    long row_of(std::size_t index) const;

private:
    struct Loaded;
    bool report(std::unique_ptr<Loaded> loaded, const Period& quarter);
    void show_figures();
    void show_summary();
    void period_chosen();
    void load_periods();

    Session& session_;
    wxStaticText* file_label_ = nullptr;
    wxButton* edit_ = nullptr;
    wxChoice* period_ = nullptr;
    wxListCtrl* summary_ = nullptr;
    wxStaticText* overall_ = nullptr;
    wxListCtrl* measures_ = nullptr;
    wxStaticText* note_ = nullptr;

    std::vector<Period> quarters_; // parallel to period_
    bool stale_ = true;
    std::filesystem::path file_;
    // The set shown, its calculator and its figures: replaced together, only on success.
    std::unique_ptr<MeasureSet> set_;
    std::unique_ptr<MeasureCalculator> calculator_;
    std::vector<MeasureResult> results_;
    std::optional<Period> reported_;
    Scorecard scorecard_;
};

} // namespace chorus::gui

#pragma once
// Analysis: one survey's questions, each with its chart (counts, percentages, base n),
// filtered by period, team and respondent type; free-text questions list their answers
// for theme tagging instead.
#include "chorus/periods.hpp"
#include "chorus/instrument.hpp"
#include "chorus/stats.hpp"

#include <wx/panel.h>

#include <vector>

class wxChoice;
class wxListBox;
class wxSimplebook;
class wxTextCtrl;

namespace chorus::gui {

class ChartPanel;
class Session;
class TextAnswersPanel;

class AnalysisView : public wxPanel {
public:
    AnalysisView(wxWindow* parent, Session& session);

    void reload();
    void show_instrument(const std::string& instrument_id);
    void show_question(const std::string& key);
    void set_period(const std::string& from, const std::string& to);
    ChartPanel& chart() { return *chart_; }
    TextAnswersPanel& text_answers() { return *text_answers_; }
    StatsQuery query() const; // the filters as chosen, for the selected question

private:
    void instrument_chosen();
    void period_chosen();
    void refresh();

    Session& session_;
    wxChoice* instrument_ = nullptr;
    wxChoice* period_ = nullptr;
    wxTextCtrl* from_ = nullptr;
    wxTextCtrl* to_ = nullptr;
    wxChoice* team_ = nullptr;
    wxChoice* respondent_ = nullptr;
    wxListBox* questions_ = nullptr;
    wxSimplebook* pages_ = nullptr;
    ChartPanel* chart_ = nullptr;
    TextAnswersPanel* text_answers_ = nullptr;
    std::vector<std::string> instrument_ids_;
    std::vector<std::string> teams_;
    std::vector<std::string> respondent_types_;
    std::vector<Period> quarters_;
    Instrument instrument_shown_;
    std::vector<const Question*> question_rows_; // parallel to questions_
};

} // namespace chorus::gui

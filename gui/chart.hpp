#pragma once
// The chart of one question's figures, drawn by the app with wxGraphicsContext: a 100%
// stacked bar for scales (agree, faces, yes/no, 0-10), one bar per option for choices,
// each with its count and percentage, and the base n. Numbers show their summary.
#include "chorus/stats.hpp"

#include <wx/panel.h>

#include <optional>

class wxGraphicsContext;

namespace chorus::gui {

// Draws into any graphics context (the panel, or a wxMemoryDC for a PNG).
void draw_chart(wxGraphicsContext& gc, const QuestionStats& stats, double width, double height);

class ChartPanel : public wxPanel {
public:
    explicit ChartPanel(wxWindow* parent);
    void set_stats(const QuestionStats& stats);
    const std::optional<QuestionStats>& stats() const { return stats_; }

private:
    std::optional<QuestionStats> stats_;
};

} // namespace chorus::gui

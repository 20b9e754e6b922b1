#include "chart.hpp"

#include "wx_text.hpp"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <memory>

namespace chorus::gui {

namespace {

bool is_scale(QuestionType type)
{
    return type == QuestionType::agree_scale || type == QuestionType::faces || type == QuestionType::yes_no_na
           || type == QuestionType::rating_0_10;
}

// A diverging palette, negative (brown) to positive (teal), readable in grey too because
// each segment is also labelled with its percentage.
wxColour scale_colour(std::size_t index, std::size_t count)
{
    static const wxColour ends[2] = {{166, 97, 26}, {1, 133, 113}};
    static const wxColour middle(200, 200, 200);
    if (count <= 1)
        return ends[1];
    const double t = static_cast<double>(index) / static_cast<double>(count - 1);
    const wxColour& from = t < 0.5 ? ends[0] : middle;
    const wxColour& to = t < 0.5 ? middle : ends[1];
    const double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    auto mix = [u](unsigned char a, unsigned char b) { return static_cast<unsigned char>(a + (b - a) * u); };
    return {mix(from.Red(), to.Red()), mix(from.Green(), to.Green()), mix(from.Blue(), to.Blue())};
}

wxString percent_text(const OptionCount& option, std::int64_t base)
{
    return wx(format_percent(option.count, base, 0)) + "%";
}

void draw_stacked(wxGraphicsContext& gc, const QuestionStats& stats, double left, double top, double width)
{
    const double bar_height = 56;
    double x = left;
    const std::size_t count = stats.options.size();
    for (std::size_t i = 0; i < count; ++i) {
        const auto& option = stats.options[i];
        const double w = stats.base > 0 ? width * static_cast<double>(option.count) / static_cast<double>(stats.base) : 0;
        gc.SetBrush(wxBrush(scale_colour(i, count)));
        gc.SetPen(wxPen(*wxWHITE, 1));
        gc.DrawRectangle(x, top, w, bar_height);
        double tw = 0, th = 0;
        const wxString text = percent_text(option, stats.base);
        gc.GetTextExtent(text, &tw, &th);
        if (tw + 6 < w)
            gc.DrawText(text, x + (w - tw) / 2, top + (bar_height - th) / 2);
        x += w;
    }
    // The legend: one line per option, with its swatch, count and percentage.
    double y = top + bar_height + 24;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& option = stats.options[i];
        gc.SetBrush(wxBrush(scale_colour(i, count)));
        gc.SetPen(*wxTRANSPARENT_PEN);
        gc.DrawRectangle(left, y + 2, 16, 16);
        gc.DrawText(label_text(option.label), left + 26, y);
        gc.DrawText(wxString::Format("%lld", static_cast<long long>(option.count)), left + 330, y);
        gc.DrawText(percent_text(option, stats.base), left + 400, y);
        y += 26;
    }
}

void draw_bars(wxGraphicsContext& gc, const QuestionStats& stats, double left, double top, double width)
{
    const double label_width = std::min(320.0, width * 0.4);
    const double bar_left = left + label_width + 12;
    const double bar_space = std::max(60.0, width - label_width - 110);
    std::int64_t largest = 1;
    for (const auto& option : stats.options)
        largest = std::max(largest, option.count);
    double y = top;
    for (const auto& option : stats.options) {
        gc.DrawText(label_text(option.label), left, y + 4);
        const double w = bar_space * static_cast<double>(option.count) / static_cast<double>(largest);
        gc.SetBrush(wxBrush(wxColour(1, 133, 113)));
        gc.SetPen(*wxTRANSPARENT_PEN);
        gc.DrawRectangle(bar_left, y, std::max(w, 1.0), 24);
        gc.DrawText(wxString::Format("%lld  (", static_cast<long long>(option.count)) + percent_text(option, stats.base) + ")",
                    bar_left + w + 8, y + 4);
        y += 34;
    }
}

} // namespace

void draw_chart(wxGraphicsContext& gc, const QuestionStats& stats, double width, double height)
{
    gc.SetBrush(*wxWHITE_BRUSH);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.DrawRectangle(0, 0, width, height);
    wxFont font = *wxNORMAL_FONT;
    // The question as the title, smaller until it fits the width.
    const wxString title = label_text(stats.question_label);
    for (float scale = 1.3f;; scale -= 0.1f) {
        gc.SetFont(font.Scaled(scale).Bold(), wxColour(20, 20, 20));
        double title_width = 0, title_height = 0;
        gc.GetTextExtent(title, &title_width, &title_height);
        if (title_width <= width - 40 || scale < 0.85f)
            break;
    }
    gc.DrawText(title, 20, 16);
    gc.SetFont(font, wxColour(70, 70, 70));
    wxString base = wxString::Format("Base n = %lld answers", static_cast<long long>(stats.base));
    if (stats.type == QuestionType::multiple_choice)
        base = wxString::Format("Base n = %lld respondents (each may choose several)", static_cast<long long>(stats.base));
    base += wxString::Format("   |   %lld responses, %lld left it blank", static_cast<long long>(stats.responses),
                             static_cast<long long>(stats.blank));
    for (const auto& [code, count] : stats.excluded)
        base += wxString::Format(", %lld ", static_cast<long long>(count)) + wx(code) + " (not in the base)";
    gc.DrawText(base, 20, 48);
    gc.SetFont(font.Scaled(1.1f), wxColour(20, 20, 20));
    const double top = 90, left = 20, chart_width = std::max(200.0, width - 40);
    if (stats.base == 0) {
        gc.DrawText("No answers match these filters.", left, top);
    } else if (stats.numeric) {
        const auto& n = *stats.numeric;
        gc.DrawText(wxString::Format("Mean %.1f   Median %.1f   Lowest %g   Highest %g", n.mean, n.median, n.min, n.max),
                    left, top);
    } else if (is_scale(stats.type)) {
        draw_stacked(gc, stats, left, top, chart_width);
    } else if (!stats.options.empty()) {
        draw_bars(gc, stats, left, top, chart_width);
    } else {
        gc.DrawText(wxString::Format("%lld answers", static_cast<long long>(stats.base)), left, top);
    }
}

ChartPanel::ChartPanel(wxWindow* parent) : wxPanel(parent)
{
    SetName("chart");
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        Refresh();
        event.Skip();
    });
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (gc && stats_)
            draw_chart(*gc, *stats_, GetClientSize().x, GetClientSize().y);
    });
}

void ChartPanel::set_stats(const QuestionStats& stats)
{
    stats_ = stats;
    Refresh();
}

} // namespace chorus::gui

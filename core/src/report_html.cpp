// The plan report as one self-contained HTML file: inline CSS (printable on A4), tables with
// captions and header scopes for screen readers, and bar charts drawn here as inline SVG with
// a text alternative. Everything from the model is escaped.
#include "chorus/report.hpp"

#include <cstdio>
#include <string>

namespace chorus {

namespace {

std::string escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// A cell's text with its optional second line (after '\n') as a note.
std::string cell_html(const std::string& text)
{
    const auto newline = text.find('\n');
    if (newline == std::string::npos)
        return escape(text);
    return escape(text.substr(0, newline)) + "<br><span class=\"sub\">" + escape(text.substr(newline + 1)) + "</span>";
}

std::string rag_class(const std::string& text)
{
    if (text == "Green" || text == "Amber" || text == "Red" || text == "Blue")
        return " class=\"rag rag-" + text + "\"";
    return {};
}

void table_html(std::string& out, const ReportTable& table)
{
    out += "<table>\n";
    if (!table.caption.empty())
        out += "<caption>" + escape(table.caption) + "</caption>\n";
    out += "<thead><tr>";
    for (const std::string& heading : table.header)
        out += "<th scope=\"col\">" + escape(heading) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const ReportTable::Row& row : table.rows) {
        if (row.heading) {
            out += "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"" + std::to_string(table.header.size())
                 + "\">" + escape(row.cells.front()) + "</th></tr>\n";
            continue;
        }
        out += row.total ? "<tr class=\"total\">" : "<tr>";
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            if (c == 0) {
                out += "<th scope=\"row\">" + cell_html(row.cells[c]) + "</th>";
                continue;
            }
            const std::string cls = table.rag_column == c ? rag_class(row.cells[c]) : std::string();
            const std::string attributes = !cls.empty() ? cls : is_figure_cell(row.cells[c]) ? " class=\"num\"" : "";
            out += "<td" + attributes + ">" + cell_html(row.cells[c]) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (!table.note.empty())
        out += "<p class=\"note\">" + escape(table.note) + "</p>\n";
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

// Horizontal bars: label, bar (of 100%), percentage and count.
void chart_svg(std::string& out, const ReportChart& chart, std::size_t index)
{
    constexpr double label_width = 260, bar_width = 380, row_height = 26, top = 6;
    const double height = top * 2 + row_height * static_cast<double>(chart.bars.size());
    const std::string id = "chart-" + std::to_string(index);
    out += "<figure class=\"chart\">\n<figcaption id=\"" + id + "\"><strong>" + escape(chart.title)
         + "</strong><br><span class=\"sub\">" + escape(chart.subtitle) + "</span></figcaption>\n";
    out += "<svg role=\"img\" aria-labelledby=\"" + id + " " + id + "-desc\" width=\"760\" height=\"" + number(height)
         + "\" viewBox=\"0 0 760 " + number(height)
         + "\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\n";
    std::string description;
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const ReportBar& bar = chart.bars[i];
        const double y = top + row_height * static_cast<double>(i);
        out += "<text x=\"" + number(label_width - 8) + "\" y=\"" + number(y + 17)
             + "\" text-anchor=\"end\" class=\"label\">" + escape(bar.label) + "</text>\n";
        out += "<rect x=\"" + number(label_width) + "\" y=\"" + number(y + 4) + "\" width=\"" + number(bar_width)
             + "\" height=\"18\" class=\"track\"/>\n";
        const double filled = bar.percent ? bar_width * *bar.percent / 100.0 : 0;
        if (filled > 0)
            out += "<rect x=\"" + number(label_width) + "\" y=\"" + number(y + 4) + "\" width=\"" + number(filled)
                 + "\" height=\"18\" class=\"bar\"/>\n";
        const std::string value = bar_value_text(bar);
        out += "<text x=\"" + number(label_width + bar_width + 8) + "\" y=\"" + number(y + 17)
             + "\" class=\"value\">" + escape(value) + "</text>\n";
        description += (i ? "; " : "") + bar.label + ": " + value;
    }
    out += "<desc id=\"" + id + "-desc\">" + escape(description) + "</desc>\n</svg>\n";
    if (!chart.note.empty())
        out += "<p class=\"note\">" + escape(chart.note) + "</p>\n";
    out += "</figure>\n";
}

constexpr const char* style = R"(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 2em auto; max-width: 60em; line-height: 1.4; }
header { border-bottom: 4px solid #1d4f91; margin-bottom: 1.5em; }
h1 { color: #1d4f91; margin-bottom: 0.2em; }
h2 { color: #1d4f91; border-bottom: 1px solid #c8d3e6; padding-bottom: 0.2em; margin-top: 1.6em; }
.meta { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0 0.3em; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.4em; }
th, td { border: 1px solid #b8c2cc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
thead th { background: #1d4f91; color: #fff; }
td.num { text-align: right; white-space: nowrap; }
tr.group th { background: #e8eef7; }
tbody th[scope="row"] { min-width: 14em; }
tr.total th, tr.total td { font-weight: bold; background: #f3f3f3; }
.sub { font-size: 0.85em; color: #555; font-weight: normal; }
.note { font-size: 0.85em; color: #444; margin-top: 0.2em; }
td.rag { font-weight: bold; text-align: center; }
.rag-Green { background: #00703c; color: #fff; } .rag-Amber { background: #ffbf47; color: #000; }
.rag-Red { background: #d4351c; color: #fff; } .rag-Blue { background: #1d70b8; color: #fff; }
figure.chart { margin: 1.2em 0; page-break-inside: avoid; break-inside: avoid; }
svg .label, svg .value { font-size: 13px; fill: #1b1b1b; font-family: "DejaVu Sans", Arial, sans-serif; }
figure.chart svg { max-width: 100%; height: auto; }
svg .track { fill: #eef1f5; } svg .bar { fill: #1d70b8; }
blockquote { border-left: 4px solid #1d70b8; margin: 1em 0; padding: 0.3em 1em; background: #f4f7fb; break-inside: avoid; }
blockquote footer { font-size: 0.85em; color: #555; margin-top: 0.3em; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
)";

} // namespace

std::string render_report_html(const Report& report)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                    + escape(report.title + " - " + report.period) + "</title>\n<style>" + style
                    + "</style>\n</head>\n<body>\n<header>\n<h1>" + escape(report.title) + "</h1>\n<p class=\"meta\">"
                    + escape(report.period) + "<br>Generated on " + escape(report.generated_on)
                    + "</p>\n</header>\n<main>\n";
    std::size_t chart_index = 0;
    for (const ReportSection& section : report.sections) {
        out += "<section>\n<h2>" + escape(section.heading) + "</h2>\n";
        for (const std::string& paragraph : section.paragraphs)
            out += "<p>" + escape(paragraph) + "</p>\n";
        for (const ReportTable& table : section.tables)
            table_html(out, table);
        for (const ReportChart& chart : section.charts)
            chart_svg(out, chart, chart_index++);
        for (const ReportQuote& quote : section.quotes)
            out += "<blockquote><p>" + escape(quote.text) + "</p><footer>" + escape(quote.source)
                 + "</footer></blockquote>\n";
        out += "</section>\n";
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

} // namespace chorus

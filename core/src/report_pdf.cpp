// The plan report as an A4 PDF: cairo's PDF surface, pango for the text (wrapping, UTF-8,
// font fallback). Laid out twice: once into a PDF that is thrown away, to count the pages
// for "Page n of N", then for real. Tables split between rows with their header repeated;
// a chart, a quote or a heading with what follows it is never split.
#include "chorus/report.hpp"

#include "chorus/error.hpp"
#include "chorus/progress.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace chorus {

namespace {

constexpr double page_width = 595.276, page_height = 841.89; // A4 in points
constexpr double margin = 48, footer_height = 24;
constexpr double content_width = page_width - 2 * margin;
constexpr double bottom = page_height - margin - footer_height;

struct Colour {
    double r, g, b;
};
constexpr Colour ink{0.106, 0.106, 0.106}, brand{0.114, 0.310, 0.569}, muted{0.33, 0.33, 0.33},
    rule{0.72, 0.76, 0.80}, header_fill{0.114, 0.310, 0.569}, group_fill{0.91, 0.933, 0.969},
    total_fill{0.953, 0.953, 0.953}, track{0.933, 0.945, 0.961}, bar_fill{0.114, 0.439, 0.722}, white{1, 1, 1};

Colour rag_fill(const std::string& text)
{
    if (text == "Green")
        return {0, 0.439, 0.235};
    if (text == "Amber")
        return {1, 0.749, 0.278};
    if (text == "Red")
        return {0.831, 0.208, 0.110};
    return {0.114, 0.439, 0.722};
}

struct Style {
    double size = 10;
    bool bold = false;
    bool italic = false;
};
constexpr Style body{10}, small{8}, small_bold{8, true}, table_text{7.5}, table_bold{7.5, true},
    heading{15, true}, title_style{22, true}, chart_title{10, true}, quote_style{10.5, false, true};

class Writer {
public:
    Writer(cairo_surface_t* surface, const Report& report, int total_pages, Progress* progress = nullptr)
        : cr_(cairo_create(surface)), report_(report), total_pages_(total_pages), progress_(progress)
    {
        context_ = pango_cairo_create_context(cr_);
        pango_cairo_context_set_resolution(context_, 72); // font sizes in points, as the page
        cairo_font_options_t* font_options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context_, font_options);
        cairo_font_options_destroy(font_options);
        y_ = margin;
    }
    ~Writer()
    {
        g_object_unref(context_);
        cairo_destroy(cr_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    int write()
    {
        title_block();
        for (std::size_t i = 0; i < report_.sections.size(); ++i) {
            if (progress_) {
                if (progress_->cancelled())
                    throw Cancelled();
                progress_->update(i, report_.sections.size(), "drawing the PDF");
            }
            write_section(report_.sections[i]);
        }
        finish_page();
        if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS)
            throw Error(std::string("the PDF could not be drawn: ") + cairo_status_to_string(cairo_status(cr_)));
        return page_;
    }

private:
    using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

    Layout layout(const std::string& text, const Style& style, double width) const
    {
        Layout result(pango_layout_new(context_), &g_object_unref);
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
        pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(result.get(), font);
        pango_font_description_free(font);
        if (width > 0) {
            pango_layout_set_width(result.get(), static_cast<int>(width * PANGO_SCALE));
            pango_layout_set_wrap(result.get(), PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_text(result.get(), text.c_str(), static_cast<int>(text.size()));
        return result;
    }
    static double height_of(const Layout& text)
    {
        int w = 0, h = 0;
        pango_layout_get_size(text.get(), &w, &h);
        return static_cast<double>(h) / PANGO_SCALE;
    }
    static double width_of(const Layout& text)
    {
        int w = 0, h = 0;
        pango_layout_get_size(text.get(), &w, &h);
        return static_cast<double>(w) / PANGO_SCALE;
    }
    double text_height(const std::string& text, const Style& style, double width) const
    {
        return height_of(layout(text, style, width));
    }
    void colour(const Colour& c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }
    void draw(const Layout& text, double x, double y, const Colour& c)
    {
        colour(c);
        cairo_move_to(cr_, x, y);
        pango_cairo_update_context(cr_, context_);
        pango_layout_context_changed(text.get());
        pango_cairo_show_layout(cr_, text.get());
    }
    // Draws wrapped text at (x, y) and returns its height.
    double text(const std::string& content, const Style& style, double x, double y, double width, const Colour& c)
    {
        const Layout l = layout(content, style, width);
        draw(l, x, y, c);
        return height_of(l);
    }
    void fill(double x, double y, double w, double h, const Colour& c)
    {
        colour(c);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_fill(cr_);
    }
    void line(double x1, double y1, double x2, double y2, const Colour& c, double width = 0.5)
    {
        colour(c);
        cairo_set_line_width(cr_, width);
        cairo_move_to(cr_, x1, y1);
        cairo_line_to(cr_, x2, y2);
        cairo_stroke(cr_);
    }

    // ---- Pages ----
    void finish_page()
    {
        const std::string left = report_.title + " \u2013 " + report_.period;
        const std::string right = "Page " + std::to_string(page_) + " of " + std::to_string(std::max(total_pages_, page_));
        line(margin, page_height - margin - 10, page_width - margin, page_height - margin - 10, rule);
        text(left, small, margin, page_height - margin - 6, content_width - 90, muted);
        const Layout r = layout(right, small, 0);
        draw(r, page_width - margin - width_of(r), page_height - margin - 6, muted);
        cairo_show_page(cr_);
    }
    void new_page()
    {
        finish_page();
        ++page_;
        y_ = margin;
        text(report_.title, small, margin, y_, content_width, muted);
        y_ += 18;
    }
    // Starts a new page unless `needed` points fit below the cursor (a block taller than a
    // page starts at the top of one and runs on).
    void ensure(double needed)
    {
        if (y_ + needed > bottom && y_ > margin + 20)
            new_page();
    }

    void title_block()
    {
        fill(0, 0, page_width, 8, brand);
        y_ += text(report_.title, title_style, margin, y_, content_width, brand) + 4;
        y_ += text(report_.period, Style{12}, margin, y_, content_width, ink) + 2;
        y_ += text("Generated on " + report_.generated_on, body, margin, y_, content_width, muted) + 8;
        line(margin, y_, page_width - margin, y_, brand, 2);
        y_ += 14;
    }

    // ---- Blocks ----
    // What a heading keeps with it on its page: the section's paragraphs and the start of
    // its first table or chart.
    double first_block_height(const ReportSection& section) const
    {
        double height = 0;
        for (const std::string& paragraph : section.paragraphs)
            height += text_height(paragraph, body, content_width) + 6;
        if (!section.tables.empty())
            height += unbroken_height(section.tables.front());
        else if (!section.charts.empty())
            height += chart_height(section.charts.front());
        return height;
    }

    void write_section(const ReportSection& section)
    {
        const double heading_height = text_height(section.heading, heading, content_width);
        ensure(heading_height + 10 + first_block_height(section));
        y_ += 6;
        y_ += text(section.heading, heading, margin, y_, content_width, brand) + 3;
        line(margin, y_, page_width - margin, y_, rule);
        y_ += 8;
        for (const std::string& paragraph : section.paragraphs) {
            ensure(text_height(paragraph, body, content_width));
            y_ += text(paragraph, body, margin, y_, content_width, ink) + 6;
        }
        for (const ReportTable& table : section.tables)
            write_table(table);
        for (const ReportChart& chart : section.charts)
            write_chart(chart);
        for (const ReportQuote& quote : section.quotes)
            write_quote(quote);
    }

    // Column widths: each column's widest unwrapped text when they fit; otherwise at least
    // its longest word, the rest shared in proportion to what each would like.
    std::vector<double> column_widths(const ReportTable& table) const
    {
        constexpr double padding = 8;
        const std::size_t columns = table.header.size();
        std::vector<double> natural(columns, 0), minimum(columns, 0);
        const auto measure = [&](std::size_t c, const std::string& content, const Style& style) {
            natural[c] = std::max(natural[c], width_of(layout(content, style, 0)) + padding);
            std::size_t start = 0;
            while (start <= content.size()) {
                std::size_t end = content.find_first_of(" \n", start);
                if (end == std::string::npos)
                    end = content.size();
                if (end > start)
                    minimum[c] = std::max(minimum[c],
                                          width_of(layout(content.substr(start, end - start), style, 0)) + padding);
                start = end + 1;
            }
        };
        for (std::size_t c = 0; c < columns; ++c)
            measure(c, table.header[c], table_bold);
        for (const ReportTable::Row& row : table.rows)
            if (!row.heading)
                for (std::size_t c = 0; c < row.cells.size() && c < columns; ++c)
                    measure(c, row.cells[c], row.total || c == 0 ? table_bold : table_text);
        double natural_sum = 0, minimum_sum = 0;
        for (std::size_t c = 0; c < columns; ++c) {
            minimum[c] = std::min(minimum[c], natural[c]);
            natural_sum += natural[c];
            minimum_sum += minimum[c];
        }
        std::vector<double> widths = natural;
        if (natural_sum <= content_width) {
            widths[0] += content_width - natural_sum;
        } else if (minimum_sum < content_width) {
            const double spare = content_width - minimum_sum, wanted = natural_sum - minimum_sum;
            for (std::size_t c = 0; c < columns; ++c)
                widths[c] = minimum[c] + spare * (natural[c] - minimum[c]) / wanted;
        } else {
            for (std::size_t c = 0; c < columns; ++c)
                widths[c] = minimum[c] * content_width / minimum_sum;
        }
        return widths;
    }

    double cell_height(const std::string& content, const Style& style, double width) const
    {
        const auto newline = content.find('\n');
        if (newline == std::string::npos)
            return text_height(content, style, width - 8);
        return text_height(content.substr(0, newline), style, width - 8)
             + text_height(content.substr(newline + 1), Style{style.size - 1}, width - 8);
    }

    double row_height(const ReportTable::Row& row, const std::vector<double>& widths) const
    {
        if (row.heading)
            return text_height(row.cells.front(), table_bold, content_width - 8) + 6;
        double height = 0;
        for (std::size_t c = 0; c < row.cells.size() && c < widths.size(); ++c)
            height = std::max(height, cell_height(row.cells[c], row.total || c == 0 ? table_bold : table_text, widths[c]));
        return height + 6;
    }

    double header_height(const ReportTable& table, const std::vector<double>& widths) const
    {
        double height = 0;
        for (std::size_t c = 0; c < table.header.size(); ++c)
            height = std::max(height, text_height(table.header[c], table_bold, widths[c] - 8));
        return height + 6;
    }

    void draw_header(const ReportTable& table, const std::vector<double>& widths, double height)
    {
        fill(margin, y_, content_width, height, header_fill);
        double x = margin;
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            text(table.header[c], table_bold, x + 4, y_ + 3, widths[c] - 8, white);
            x += widths[c];
        }
        y_ += height;
    }

    void draw_row(const ReportTable& table, const ReportTable::Row& row, const std::vector<double>& widths, double height)
    {
        if (row.heading) {
            fill(margin, y_, content_width, height, group_fill);
            text(row.cells.front(), table_bold, margin + 4, y_ + 3, content_width - 8, ink);
        } else {
            if (row.total)
                fill(margin, y_, content_width, height, total_fill);
            double x = margin;
            for (std::size_t c = 0; c < row.cells.size() && c < widths.size(); ++c) {
                const std::string& content = row.cells[c];
                const Style style = row.total || c == 0 ? table_bold : table_text;
                Colour c_ink = ink;
                if (table.rag_column == c && content != "-") {
                    fill(x, y_, widths[c], height, rag_fill(content));
                    c_ink = content == "Amber" ? ink : white;
                }
                const auto newline = content.find('\n');
                double h = 0;
                if (c > 0 && is_figure_cell(content) && table.rag_column != c) {
                    const Layout figure = layout(content, style, 0);
                    draw(figure, x + widths[c] - 4 - width_of(figure), y_ + 3, c_ink);
                    h = height_of(figure);
                } else {
                    h = text(content.substr(0, newline), style, x + 4, y_ + 3, widths[c] - 8, c_ink);
                }
                if (newline != std::string::npos)
                    text(content.substr(newline + 1), Style{style.size - 1}, x + 4, y_ + 3 + h, widths[c] - 8, muted);
                x += widths[c];
            }
        }
        line(margin, y_ + height, page_width - margin, y_ + height, rule);
        y_ += height;
    }

    // The height a table needs on its first page: all of it, for a table of up to 40% of a
    // page (kept whole); else its caption, header and first two rows.
    double unbroken_height(const ReportTable& table) const
    {
        const std::vector<double> widths = column_widths(table);
        const double start = (table.caption.empty() ? 0 : text_height(table.caption, chart_title, content_width) + 4)
                           + header_height(table, widths) + 4;
        double whole = start, first_rows = start;
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const double height = row_height(table.rows[r], widths);
            whole += height;
            if (r < 2)
                first_rows += height;
        }
        return whole <= 0.4 * (bottom - margin) ? whole : first_rows;
    }

    void write_table(const ReportTable& table)
    {
        const std::vector<double> widths = column_widths(table);
        const double caption_height = table.caption.empty() ? 0 : text_height(table.caption, chart_title, content_width) + 4;
        const double head = header_height(table, widths);
        ensure(unbroken_height(table));
        y_ += 4;
        if (caption_height > 0)
            y_ += text(table.caption, chart_title, margin, y_, content_width, ink) + 4;
        draw_header(table, widths, head);
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const double height = row_height(table.rows[r], widths);
            // A group heading keeps its first measure with it.
            const double keep = table.rows[r].heading && r + 1 < table.rows.size()
                              ? height + row_height(table.rows[r + 1], widths) : height;
            if (y_ + keep > bottom) {
                new_page();
                if (!table.caption.empty())
                    y_ += text(table.caption + " (continued)", chart_title, margin, y_, content_width, ink) + 4;
                draw_header(table, widths, head);
            }
            draw_row(table, table.rows[r], widths, height);
        }
        y_ += 4;
        if (!table.note.empty()) {
            ensure(text_height(table.note, small, content_width));
            y_ += text(table.note, small, margin, y_, content_width, muted);
        }
        y_ += 10;
    }

    static constexpr double label_width = 170, bar_area = 240, bar_row = 16;

    double chart_height(const ReportChart& chart) const
    {
        double height = text_height(chart.title, chart_title, content_width) + 2
                      + text_height(chart.subtitle, small, content_width) + 6;
        for (const ReportBar& bar : chart.bars)
            height += std::max(bar_row, text_height(bar.label, small, label_width - 8) + 4);
        if (!chart.note.empty())
            height += text_height(chart.note, small, content_width) + 4;
        return height + 12;
    }

    void write_chart(const ReportChart& chart)
    {
        ensure(chart_height(chart));
        y_ += text(chart.title, chart_title, margin, y_, content_width, ink) + 2;
        y_ += text(chart.subtitle, small, margin, y_, content_width, muted) + 6;
        for (const ReportBar& bar : chart.bars) {
            const Layout label = layout(bar.label, small, label_width - 8);
            const double height = std::max(bar_row, height_of(label) + 4);
            pango_layout_set_alignment(label.get(), PANGO_ALIGN_RIGHT);
            draw(label, margin, y_ + 2, ink);
            const double bar_x = margin + label_width;
            fill(bar_x, y_ + 2, bar_area, bar_row - 4, track);
            if (bar.percent && *bar.percent > 0)
                fill(bar_x, y_ + 2, bar_area * *bar.percent / 100.0, bar_row - 4, bar_fill);
            text(bar_value_text(bar), small, bar_x + bar_area + 6, y_ + 2,
                 content_width - label_width - bar_area - 6, ink);
            y_ += height;
        }
        if (!chart.note.empty())
            y_ += 2 + text(chart.note, small, margin, y_ + 2, content_width, muted);
        y_ += 14;
    }

    void write_quote(const ReportQuote& quote)
    {
        const double text_h = text_height("\u201c" + quote.text + "\u201d", quote_style, content_width - 16);
        const double source_h = text_height(quote.source, small, content_width - 16);
        ensure(text_h + source_h + 12);
        fill(margin, y_, 3, text_h + source_h + 6, bar_fill);
        y_ += text("\u201c" + quote.text + "\u201d", quote_style, margin + 12, y_ + 2, content_width - 16, ink) + 2;
        y_ += text(quote.source, small, margin + 12, y_ + 2, content_width - 16, muted) + 14;
    }

    cairo_t* cr_;
    PangoContext* context_ = nullptr;
    const Report& report_;
    int total_pages_;
    Progress* progress_;
    int page_ = 1;
    double y_ = 0;
};

cairo_status_t discard(void*, const unsigned char*, unsigned int)
{
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

int report_pdf_page_count(const Report& report)
{
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(discard, nullptr, page_width, page_height);
    int pages = 0;
    {
        Writer writer(surface, report, 0);
        pages = writer.write();
    }
    cairo_surface_destroy(surface);
    return pages;
}

void render_report_pdf(const Report& report, const std::filesystem::path& file, Progress* progress)
{
    const int pages = report_pdf_page_count(report);
    cairo_surface_t* surface = cairo_pdf_surface_create(file.string().c_str(), page_width, page_height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        const std::string why = cairo_status_to_string(cairo_surface_status(surface));
        cairo_surface_destroy(surface);
        throw Error(file.string() + ": cannot write the PDF (" + why + ")");
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Chorus");
    try {
        Writer writer(surface, report, pages, progress);
        writer.write();
    } catch (...) {
        cairo_surface_destroy(surface);
        throw;
    }
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw Error(file.string() + ": writing the PDF failed (" + cairo_status_to_string(status) + ")");
}

} // namespace chorus

#pragma once
// The plan report (docs/report.md): one period's feedback measures, a chart per survey
// question, the quotes a lead chose, and the complaints and compliments figures, as one
// self-contained HTML file or an A4 PDF with the same content. Built from the store through
// the measures, stats, themes and complaints APIs; every count table goes through disclosure
// control (disclosure.hpp) before it reaches the model, so a renderer cannot show a hidden count.
#include "chorus/disclosure.hpp"
#include "chorus/export.hpp"
#include "chorus/measures.hpp"
#include "chorus/periods.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class CaseProcedure;
class Progress;
class Store;
namespace plugin {
struct Vocabulary;
}

// The theme tag (themes.hpp) that chooses a free-text answer for the report's quotes.
inline constexpr std::string_view quote_tag = "quote";

enum class ReportFormat { html, pdf };
CHORUS_CORE_API std::optional<ReportFormat> report_format_from_string(std::string_view name);

struct ReportOptions {
    Period period;                       // the report period
    std::optional<MeasureSet> measures;  // nullopt: the report has no measures table and says so
    std::int64_t threshold = default_disclosure_threshold; // counts 1..threshold-1 shown as "c"
    std::string instrument;              // restricts the survey charts and quotes; "" = every instrument
    // The complaints plugin's procedure and code lists; null: the complaints section says the
    // plugin is not loaded. Needed when `measures` counts complaints. Must outlive the call.
    const CaseProcedure* complaints = nullptr;
    const std::vector<plugin::Vocabulary>* complaint_codes = nullptr;
    std::string title = "Feedback and complaints report";
    std::string generated_on; // "YYYY-MM-DD"; "" = today's local date
};

// One cell's text may hold a second line after '\n': a note shown smaller under it.
struct ReportTable {
    struct Row {
        std::vector<std::string> cells;
        bool heading = false; // a group heading (a plan area): cells[0] spans the row
        bool total = false;
    };
    std::string caption;
    std::vector<std::string> header;
    std::vector<Row> rows;
    std::optional<std::size_t> rag_column; // cells there read green, amber, red, blue
    std::string note;                      // under the table
};

// Whether a cell holds a figure (a count, a percentage, or c, - or <5 in its place), which
// renderers align on the right; words go on the left.
CHORUS_CORE_API bool is_figure_cell(std::string_view text);

struct ReportBar {
    std::string label;
    std::string count;           // the count, or "c"
    std::optional<double> percent; // unrounded; nullopt when not shown
    std::string percent_text;    // "45%", or "c" / "-" when not shown
};

// What a bar says beside it: "56% (n=10)", "n=10" when the percentage is not shown, "c".
CHORUS_CORE_API std::string bar_value_text(const ReportBar& bar);

struct ReportChart { // one question
    std::string title;    // the question
    std::string subtitle; // "Base: 23 answers (excludes Not applicable and blanks). Responses: 25."
    std::vector<ReportBar> bars;
    std::string note;     // counts outside the base: "Not applicable: c; blank: 2"
};

struct ReportQuote {
    std::string text;
    std::string source; // the instrument and question, never who or when
};

struct ReportSection {
    std::string heading;
    std::vector<std::string> paragraphs;
    std::vector<ReportTable> tables;
    std::vector<ReportChart> charts;
    std::vector<ReportQuote> quotes;
};

struct Report {
    std::string title;
    std::string period;       // "Q3 2025-26 (October to December 2025)"
    std::string generated_on; // "2 December 2026"
    std::int64_t threshold = default_disclosure_threshold;
    std::vector<ReportSection> sections;
};

// Builds the model. Throws DefinitionError when the measure set does not fit the store,
// Error for a bad instrument or threshold, Cancelled when progress says so.
CHORUS_CORE_API Report build_report(Store& store, const ReportOptions& options, Progress* progress = nullptr);

CHORUS_CORE_API std::string render_report_html(const Report& report);
// The PDF pages: the number render_report_pdf writes (for checks and tests).
CHORUS_CORE_API int report_pdf_page_count(const Report& report);
// Writes the A4 PDF to `file` (which it creates or truncates); throws Error when cairo fails,
// Cancelled when progress says so between sections (the caller removes the file).
CHORUS_CORE_API void render_report_pdf(const Report& report, const std::filesystem::path& file,
                                       Progress* progress = nullptr);

// Builds and writes the report in one go: written to a temporary file in the same folder and
// renamed over `out` at the end, so a failure or a cancel leaves no file (and an existing
// `out` untouched). Refuses an existing `out` unless `overwrite`.
CHORUS_CORE_API void write_report(Store& store, const ReportOptions& options, ReportFormat format,
                                  const std::filesystem::path& out, Progress* progress = nullptr,
                                  bool overwrite = false);

} // namespace chorus

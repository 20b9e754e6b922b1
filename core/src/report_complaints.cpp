// The plan report's complaints section: counted by the MeasureCalculator with measures made
// up here (so the report and measure sets count complaints one way), then suppressed.
#include "report_sections.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/plugin_api.hpp"

#include <algorithm>
#include <cstdint>

namespace chorus::report_detail {

namespace {

struct StageRow {
    std::string procedure;
    StageRule rule;
};

// Counts the complaints log with made-up measures: one per figure, in one pass.
class ComplaintFigures {
public:
    explicit ComplaintFigures(const ReportOptions& options) : options_(options) {}

    std::size_t add(MeasureDefinition measure)
    {
        measure.id = "figure-" + std::to_string(set_.measures.size());
        measure.title = measure.id;
        measure.minimum_base = 0; // disclosure control is applied to the tables instead
        set_.measures.push_back(std::move(measure));
        return set_.measures.size() - 1;
    }
    void count(Store& store, Progress* progress)
    {
        set_.id = "report-complaints";
        MeasureCalculator calculator(store, set_, options_.complaints, options_.complaint_codes);
        const std::vector<std::vector<Period>> periods(set_.measures.size(), std::vector<Period>{options_.period});
        for (const auto& figures : calculator.figures(periods, progress))
            figures_.push_back(figures.front());
    }
    const MeasureFigures& operator[](std::size_t index) const { return figures_.at(index); }

private:
    const ReportOptions& options_;
    MeasureSet set_;
    std::vector<MeasureFigures> figures_;
};

MeasureDefinition figure(MeasureSource source, std::string stage = {}, std::string procedure = {})
{
    MeasureDefinition measure;
    measure.source = source;
    measure.stage = std::move(stage);
    measure.procedure = std::move(procedure);
    return measure;
}

// A table of cells with row and column totals, suppressed, as report rows; the totals row last.
ReportTable grid_table(const std::vector<std::string>& row_labels, const std::vector<std::string>& column_labels,
                       const std::vector<std::vector<std::int64_t>>& cells, std::int64_t threshold,
                       const std::string& total_label)
{
    const SuppressedTable shown = suppress(grid_with_totals(cells), threshold);
    const std::size_t columns = column_labels.size();
    ReportTable table;
    table.header.push_back("");
    table.header.insert(table.header.end(), column_labels.begin(), column_labels.end());
    table.header.push_back(total_label);
    for (std::size_t r = 0; r <= row_labels.size(); ++r) {
        ReportTable::Row row;
        row.total = r == row_labels.size();
        row.cells.push_back(row.total ? total_label : row_labels[r]);
        for (std::size_t c = 0; c <= columns; ++c)
            row.cells.push_back(shown.text(grid_entry(r, c, columns)));
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace

ReportSection complaints_section(Store& store, const ReportOptions& options, Progress* progress)
{
    ReportSection section;
    section.heading = "Complaints and compliments";
    if (!options.complaints) {
        section.paragraphs.push_back("The complaints plugin is not loaded, so this report has no complaints figures.");
        return section;
    }
    const CaseProcedure& procedure = *options.complaints;
    const auto* codes = options.complaint_codes;
    const std::vector<std::string> procedures{"statutory", "corporate"};

    // Stage codes in the order the procedures list them, statutory first.
    std::vector<std::string> stage_codes;
    std::vector<StageRow> timed_stages; // stages with a council deadline, per procedure
    for (const std::string& p : procedures)
        for (const StageRule& rule : procedure.stages(p)) {
            if (!contains(stage_codes, rule.code))
                stage_codes.push_back(rule.code);
            if (!rule.deadlines.empty())
                timed_stages.push_back({p, rule});
        }
    const std::vector<std::string> outcome_codes = term_codes(codes, complaint_vocabulary::outcomes);
    const std::vector<std::string> theme_codes = term_codes(codes, complaint_vocabulary::complaint_themes);
    const std::vector<std::string> source_codes = term_codes(codes, complaint_vocabulary::compliment_sources);

    ComplaintFigures figures(options);
    // Complaints reaching each stage, per procedure; SIZE_MAX where the procedure has no such stage.
    std::vector<std::vector<std::size_t>> by_stage(stage_codes.size());
    for (std::size_t s = 0; s < stage_codes.size(); ++s)
        for (const std::string& p : procedures) {
            const auto rules = procedure.stages(p);
            const bool has_stage = std::any_of(rules.begin(), rules.end(),
                                               [&](const StageRule& rule) { return rule.code == stage_codes[s]; });
            by_stage[s].push_back(has_stage ? figures.add(figure(MeasureSource::complaints_received, stage_codes[s], p))
                                            : SIZE_MAX);
        }
    std::vector<std::size_t> in_time;
    for (const StageRow& row : timed_stages)
        in_time.push_back(figures.add(figure(MeasureSource::complaints_within_timescale, row.rule.code, row.procedure)));
    std::vector<std::vector<std::size_t>> outcomes(outcome_codes.size());
    for (std::size_t o = 0; o < outcome_codes.size(); ++o)
        for (const std::string& stage : stage_codes) {
            MeasureDefinition measure = figure(MeasureSource::complaint_outcomes, stage);
            measure.positive = {outcome_codes[o]};
            measure.out_of_base = std::vector<std::string>{}; // every outcome is in the base
            outcomes[o].push_back(figures.add(std::move(measure)));
        }
    const std::size_t received = figures.add(figure(MeasureSource::complaints_received));
    std::vector<std::size_t> themes;
    for (const std::string& theme : theme_codes) {
        MeasureDefinition measure = figure(MeasureSource::complaints_received);
        measure.theme = theme;
        themes.push_back(figures.add(std::move(measure)));
    }
    std::vector<std::size_t> sources;
    for (const std::string& source : source_codes) {
        MeasureDefinition measure = figure(MeasureSource::compliments_received);
        measure.source_type = source;
        sources.push_back(figures.add(std::move(measure)));
    }
    figures.count(store, progress);

    section.paragraphs.push_back(
        "Complaints and compliments in " + short_description(options.period)
        + ". A complaint counts at each stage it reached in the period; timescales are counted in working days.");

    std::vector<std::string> stage_labels, procedure_labels;
    for (const std::string& code : stage_codes)
        stage_labels.push_back(term_label(codes, complaint_vocabulary::stages, code));
    for (const std::string& p : procedures)
        procedure_labels.push_back(p == "statutory" ? "Statutory" : "Corporate");

    {
        std::vector<std::vector<std::int64_t>> cells;
        for (const auto& row : by_stage) {
            cells.emplace_back();
            for (std::size_t index : row)
                cells.back().push_back(index == SIZE_MAX ? 0 : figures[index].base);
        }
        ReportTable table = grid_table(stage_labels, procedure_labels, cells, options.threshold, "All");
        table.caption = "Complaints by stage (complaints that reached each stage in the period)";
        section.tables.push_back(std::move(table));
    }
    {
        std::vector<std::vector<std::int64_t>> cells;
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < timed_stages.size(); ++i) {
            const MeasureFigures& f = figures[in_time[i]];
            cells.push_back({f.positive, f.base - f.positive});
            labels.push_back(procedure_labels[timed_stages[i].procedure == "statutory" ? 0 : 1] + ": "
                             + timed_stages[i].rule.label);
        }
        const SuppressedTable shown = suppress(grid_with_totals(cells), options.threshold);
        ReportTable table;
        table.caption = "Responses within timescale (responses sent in the period)";
        table.header = {"", "In time", "Late", "Responses", "% in time"};
        for (std::size_t r = 0; r <= labels.size(); ++r) {
            ReportTable::Row row;
            row.total = r == labels.size();
            row.cells.push_back(row.total ? "All stages" : labels[r]);
            for (std::size_t c = 0; c <= 2; ++c)
                row.cells.push_back(shown.text(grid_entry(r, c, 2)));
            const auto percent = shown.percent(grid_entry(r, 0, 2), grid_entry(r, 2, 2));
            row.cells.push_back(percent ? percent_text(*percent) : "-");
            table.rows.push_back(std::move(row));
        }
        table.note = "% in time: of the responses sent, how many met the stage's deadline (the base is the "
                     "responses; extended deadlines count for complex stage 1 and extended stage 2). Not shown "
                     "when a count is c or the base is under "
                   + std::to_string(options.threshold) + ".";
        section.tables.push_back(std::move(table));
    }
    {
        std::vector<std::vector<std::int64_t>> cells;
        std::vector<std::string> labels;
        for (std::size_t o = 0; o < outcome_codes.size(); ++o) {
            labels.push_back(term_label(codes, complaint_vocabulary::outcomes, outcome_codes[o]));
            cells.emplace_back();
            for (std::size_t index : outcomes[o])
                cells.back().push_back(figures[index].positive);
        }
        ReportTable table = grid_table(labels, stage_labels, cells, options.threshold, "All points");
        table.caption = "Outcomes of points of complaint decided in the period, by the stage that decided them";
        section.tables.push_back(std::move(table));
    }
    const auto list_table = [&](const std::string& caption, const std::string& what,
                                const std::vector<std::string>& labels, const std::vector<std::int64_t>& counts,
                                std::optional<std::int64_t> total) {
        CountTable counted = list_with_total(counts);
        if (total)
            counted.entries.back() = *total;
        const SuppressedTable shown = suppress(counted, options.threshold);
        ReportTable table;
        table.caption = caption;
        table.header = {what, "Number"};
        for (std::size_t i = 0; i <= labels.size(); ++i) {
            ReportTable::Row row{{i == labels.size() ? "All" : labels[i], shown.text(i)}, false, i == labels.size()};
            table.rows.push_back(std::move(row));
        }
        return table;
    };
    {
        std::vector<std::string> labels;
        std::vector<std::int64_t> counts;
        for (std::size_t t = 0; t < theme_codes.size(); ++t) {
            labels.push_back(term_label(codes, complaint_vocabulary::complaint_themes, theme_codes[t]));
            counts.push_back(figures[themes[t]].base);
        }
        ReportTable table = list_table("Themes of complaints received in the period", "Theme", labels, counts,
                                       figures[received].base);
        table.rows.back().cells[0] = "Complaints received";
        table.note = "A complaint may have more than one theme, so the themes may add up to more than the "
                     "complaints received.";
        section.tables.push_back(std::move(table));
    }
    {
        std::vector<std::string> labels;
        std::vector<std::int64_t> counts;
        for (std::size_t s = 0; s < source_codes.size(); ++s) {
            labels.push_back(term_label(codes, complaint_vocabulary::compliment_sources, source_codes[s]));
            counts.push_back(figures[sources[s]].base);
        }
        section.tables.push_back(
            list_table("Compliments received in the period, by who paid them", "From", labels, counts, std::nullopt));
    }
    return section;
}

} // namespace chorus::report_detail

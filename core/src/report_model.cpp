// The plan report's model (report.hpp): what the renderers show, with every count already
// through disclosure control. The complaints figures are counted by the MeasureCalculator
// with measures made up here, so the report and the measure sets count complaints one way.
#include "chorus/report.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/plugin_api.hpp"
#include "chorus/progress.hpp"
#include "chorus/stats.hpp"
#include "chorus/store.hpp"
#include "chorus/themes.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <map>
#include <set>

namespace chorus {

namespace {

void check_cancel(Progress* progress)
{
    if (progress && progress->cancelled())
        throw Cancelled();
}

bool contains(const std::vector<std::string>& codes, std::string_view code)
{
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string capitalised(std::string_view text)
{
    std::string result(text);
    std::replace(result.begin(), result.end(), '_', ' ');
    if (!result.empty() && result[0] >= 'a' && result[0] <= 'z')
        result[0] = static_cast<char>(result[0] - 'a' + 'A');
    return result;
}

// "Q3 2025-26" from "Q3 2025-26 (October to December 2025)".
std::string short_description(const Period& period)
{
    const std::string description = period.description();
    return description.substr(0, description.find(" ("));
}

std::string long_date(const std::string& date)
{
    static constexpr std::array<const char*, 12> months{"January", "February", "March",     "April",
                                                         "May",     "June",     "July",      "August",
                                                         "September", "October", "November", "December"};
    if (date.size() != 10)
        return date;
    const int month = std::stoi(date.substr(5, 2)), day = std::stoi(date.substr(8, 2));
    if (month < 1 || month > 12)
        return date;
    return std::to_string(day) + " " + months[static_cast<std::size_t>(month - 1)] + " " + date.substr(0, 4);
}

// A percentage as shown: rounded half away from zero to `decimals` places.
std::string percent_text(double percent, int decimals = 0)
{
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(percent * scale) / scale;
    char text[32];
    std::snprintf(text, sizeof text, "%.*f%%", decimals, rounded);
    return text;
}

std::string term_label(const std::vector<plugin::Vocabulary>* vocabularies, std::string_view vocabulary,
                       const std::string& code)
{
    if (vocabularies)
        for (const auto& v : *vocabularies)
            if (v.id == vocabulary)
                for (const Option& term : v.terms)
                    if (term.code == code && !term.label.empty())
                        return term.label;
    return capitalised(code);
}

std::vector<std::string> term_codes(const std::vector<plugin::Vocabulary>* vocabularies, std::string_view vocabulary)
{
    std::vector<std::string> codes;
    if (vocabularies)
        for (const auto& v : *vocabularies)
            if (v.id == vocabulary)
                for (const Option& term : v.terms)
                    codes.push_back(term.code);
    return codes;
}

// ---- Measures -------------------------------------------------------------------------------

std::string target_text(const MeasureDefinition& measure)
{
    if (!measure.target)
        return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.*f%s", measure.decimals, *measure.target, measure.is_count() ? "" : "%");
    return text;
}

std::string base_text(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    if (measure.is_count())
        return "count";
    if (figures.suppressed)
        return "<" + std::to_string(measure.minimum_base); // never the base of a hidden figure
    if (figures.base == 0)
        return "-";
    return std::to_string(figures.base);
}

std::string direction_text(Direction direction)
{
    return direction == Direction::not_available ? "-" : capitalised(to_string(direction));
}

// The measure set with the report's threshold applied: a measure's own minimum base may only raise it.
std::optional<MeasureSet> report_measure_set(const ReportOptions& options)
{
    if (!options.measures)
        return std::nullopt;
    MeasureSet set = *options.measures;
    for (MeasureDefinition& measure : set.measures)
        measure.minimum_base = std::max(measure.minimum_base, options.threshold);
    return set;
}

ReportSection measures_section(Store& store, const ReportOptions& options, const MeasureSet* set,
                               const std::vector<MeasureResult>& results)
{
    ReportSection section;
    section.heading = "Feedback measures";
    if (!set) {
        section.paragraphs.push_back("No measure set was given, so this report has no measures table. "
                                     "Choose the improvement plan's measure set to include it.");
        return section;
    }
    section.paragraphs.push_back(set->title.empty() ? set->id : set->title);
    const Scorecard scorecard = make_scorecard(results);
    section.paragraphs.push_back(capitalised(scorecard_sentence(scorecard.overall)) + ".");

    ReportTable table;
    table.caption = "Feedback measures for " + short_description(options.period);
    table.header = {"Measure", "Frequency", "Collection method", "Latest update", "Value",
                    "Base", "Target", "RAG", "DoT"};
    table.rag_column = 7;
    std::string area;
    for (const MeasureResult& result : results) {
        const MeasureDefinition& measure = *result.measure;
        if (measure.plan_area != area || table.rows.empty()) {
            area = measure.plan_area;
            table.rows.push_back({{area.empty() ? "Other measures" : area}, true, false});
        }
        table.rows.push_back(
            {{measure.title + "\nBase: " + measure_base_rule(store, measure), capitalised(to_string(measure.frequency)),
              measure.collection_method.empty() ? "-" : measure.collection_method,
              short_description(result.current.period), display_value(measure, result.current),
              base_text(measure, result.current), target_text(measure),
              result.rag == Rag::none ? "-" : capitalised(to_string(result.rag)),
              direction_text(result.against_previous)},
             false,
             false});
    }
    table.note = "Values are shown as c when the base is under " + std::to_string(options.threshold)
               + " (or the measure's own minimum base), and the base as <N. DoT: direction of travel "
                 "against the previous period.";
    section.tables.push_back(std::move(table));
    return section;
}

// ---- Survey charts and quotes -------------------------------------------------------------

struct SurveyInstrument {
    std::string id;
    Instrument latest;
};

// The instruments with complete responses in the period (or the one asked for), by title.
std::vector<SurveyInstrument> instruments_in_period(Store& store, const ReportOptions& options)
{
    std::vector<SurveyInstrument> found;
    std::set<std::string> ids;
    for (const InstrumentSummary& summary : store.list_instruments())
        ids.insert(summary.id);
    if (!options.instrument.empty() && !ids.count(options.instrument))
        throw Error("the report's instrument " + options.instrument + " is not stored");
    for (const std::string& id : ids) {
        if (!options.instrument.empty() && id != options.instrument)
            continue;
        ResponseFilter filter;
        filter.instrument_id = id;
        filter.captured_from = options.period.first_day();
        filter.captured_to = options.period.last_day();
        if (store.count_responses(filter) == 0)
            continue;
        found.push_back({id, store.instrument(id)});
    }
    std::sort(found.begin(), found.end(),
              [](const SurveyInstrument& a, const SurveyInstrument& b) { return a.latest.title < b.latest.title; });
    return found;
}

std::string option_label(const Question& question, const std::string& code)
{
    const Option* option = question.find_option(code);
    return option && !option->label.empty() ? option->label : code;
}

// "Not applicable, Don't know and blanks".
std::string label_list(const std::vector<std::string>& labels)
{
    std::string text;
    for (std::size_t i = 0; i < labels.size(); ++i)
        text += (i == 0 ? "" : i + 1 == labels.size() ? " and " : ", ") + labels[i];
    return text;
}

// The measures that publish figures of this question for the report period: each one's
// positive count and base are known to a reader of the measures table.
std::vector<const MeasureResult*> measures_of(const std::vector<MeasureResult>& results, const ReportOptions& options,
                                              const std::string& instrument_id, const Question& question)
{
    std::vector<const MeasureResult*> found;
    for (const MeasureResult& result : results) {
        const MeasureDefinition& measure = *result.measure;
        if (measure.source == MeasureSource::survey && measure.instrument == instrument_id
            && measure.questions == std::vector<std::string>{question.key} && result.current.period == options.period
            && !result.current.suppressed && result.current.base > 0)
            found.push_back(&result);
    }
    return found;
}

ReportChart question_chart(Store& store, const ReportOptions& options, const std::string& instrument_id,
                           const Question& question, const std::vector<MeasureResult>& results)
{
    StatsQuery query;
    query.instrument_id = instrument_id;
    query.question_key = question.key;
    query.captured_from = options.period.first_day();
    query.captured_to = options.period.last_day();
    for (std::string_view code : default_out_of_base_codes())
        if (question.find_option(code))
            query.excluded_codes.emplace_back(code);
    const QuestionStats stats = compute_question_stats(store, query);

    // Entries: the options, the excluded codes, blank, the base, the responses. The options add
    // up to the base (for multiple choice they may add up to more: the line is then only
    // cautious), and the base with the excluded answers and blanks to the responses.
    CountTable table;
    CountTable::Line options_line, responses_line;
    for (const OptionCount& option : stats.options) {
        options_line.members.push_back(table.entries.size());
        table.entries.push_back(option.count);
    }
    for (const auto& [code, count] : stats.excluded) {
        responses_line.members.push_back(table.entries.size());
        table.entries.push_back(count);
    }
    const std::size_t blank = table.entries.size();
    table.entries.push_back(stats.blank);
    const std::size_t base = table.entries.size();
    table.entries.push_back(stats.base);
    const std::size_t responses = table.entries.size();
    table.entries.push_back(stats.responses);
    options_line.total = base;
    responses_line.members.push_back(blank);
    responses_line.members.push_back(base);
    responses_line.total = responses;
    responses_line.total_first = true; // keep the base, which every percentage needs
    table.lines = {options_line, responses_line};
    // A measure of this question publishes its positive count and its base (as a percentage
    // and n): both are lines over the options, with totals the chart cannot hide.
    for (const MeasureResult* result : measures_of(results, options, instrument_id, question)) {
        const MeasureDefinition& measure = *result->measure;
        std::vector<std::string> out_of_base;
        if (measure.out_of_base)
            out_of_base = *measure.out_of_base;
        else
            for (std::string_view code : default_out_of_base_codes())
                out_of_base.emplace_back(code);
        CountTable::Line positive, base_line;
        for (std::size_t i = 0; i < stats.options.size(); ++i) {
            if (contains(measure.positive, stats.options[i].code))
                positive.members.push_back(i);
            if (!contains(out_of_base, stats.options[i].code))
                base_line.members.push_back(i);
        }
        for (std::size_t i = 0; i < stats.excluded.size(); ++i)
            if (!contains(out_of_base, stats.excluded[i].first))
                base_line.members.push_back(stats.options.size() + i);
        if (measure.blank_in_base)
            base_line.members.push_back(blank);
        positive.total = table.entries.size();
        table.published.push_back(table.entries.size());
        table.entries.push_back(result->current.positive);
        base_line.total = table.entries.size();
        table.published.push_back(table.entries.size());
        table.entries.push_back(result->current.base);
        table.lines.push_back(std::move(positive));
        table.lines.push_back(std::move(base_line));
    }
    const SuppressedTable shown = suppress(table, options.threshold);

    ReportChart chart;
    chart.title = question.label.empty() ? question.key : question.label;
    for (std::size_t i = 0; i < stats.options.size(); ++i) {
        ReportBar bar;
        bar.label = stats.options[i].label.empty() ? stats.options[i].code : stats.options[i].label;
        bar.count = shown.text(i);
        bar.percent = shown.percent(i, base);
        bar.percent_text = bar.percent ? percent_text(*bar.percent) : shown.shown(i) ? "-" : "c";
        chart.bars.push_back(std::move(bar));
    }
    std::vector<std::string> out_labels, out_counts;
    for (std::size_t i = 0; i < stats.excluded.size(); ++i) {
        const std::string label = option_label(question, stats.excluded[i].first);
        out_labels.push_back(label);
        out_counts.push_back(label + ": " + shown.text(stats.options.size() + i));
    }
    out_labels.push_back("blanks");
    out_counts.push_back("blank: " + shown.text(blank));
    chart.subtitle = "Base: " + shown.text(base) + (question.type == QuestionType::multiple_choice ? " respondents" : " answers")
                   + " (excludes " + label_list(out_labels) + "). Responses: " + shown.text(responses) + ".";
    if (question.type == QuestionType::multiple_choice)
        chart.subtitle += " More than one answer could be chosen.";
    std::string note = "Not in the base: ";
    for (std::size_t i = 0; i < out_counts.size(); ++i)
        note += (i ? "; " : "") + out_counts[i];
    chart.note = note + ".";
    return chart;
}

std::vector<ReportSection> survey_sections(Store& store, const ReportOptions& options,
                                           const std::vector<MeasureResult>& results, Progress* progress,
                                           std::vector<ReportQuote>& quotes)
{
    std::vector<ReportSection> sections;
    const std::vector<SurveyInstrument> instruments = instruments_in_period(store, options);
    std::size_t total = 0, done = 0;
    for (const auto& instrument : instruments)
        total += instrument.latest.questions.size();
    for (const SurveyInstrument& instrument : instruments) {
        ReportSection section;
        section.heading = "Survey: " + instrument.latest.title;
        section.paragraphs.push_back(
            "Answers to " + instrument.latest.title + " captured in " + short_description(options.period)
            + ". Percentages are of the base: answers other than not applicable, don't know "
              "(where offered) and blanks.");
        for (const Question& question : instrument.latest.questions) {
            check_cancel(progress);
            if (progress)
                progress->update(done, total, "survey questions");
            ++done;
            if (is_choice_type(question.type)) {
                section.charts.push_back(question_chart(store, options, instrument.id, question, results));
            } else if (question.type == QuestionType::short_text || question.type == QuestionType::long_text) {
                StatsQuery query;
                query.instrument_id = instrument.id;
                query.question_key = question.key;
                query.captured_from = options.period.first_day();
                query.captured_to = options.period.last_day();
                for (const TextAnswer& answer : list_text_answers(store, query))
                    if (contains(answer.tags, quote_tag))
                        quotes.push_back({answer.text, instrument.latest.title + ": "
                                                           + (question.label.empty() ? question.key : question.label)});
            }
        }
        if (section.charts.empty())
            section.paragraphs.push_back("This survey has no choice questions to chart.");
        sections.push_back(std::move(section));
    }
    return sections;
}

// ---- Complaints -----------------------------------------------------------------------------

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

} // namespace

bool is_figure_cell(std::string_view text)
{
    if (text == "c" || text == "-")
        return true;
    const std::size_t start = text.rfind('<', 0) == 0 ? 1 : 0;
    return start < text.size() && text[start] >= '0' && text[start] <= '9'
        && text.find_first_not_of("0123456789.%", start) == std::string_view::npos;
}

std::string bar_value_text(const ReportBar& bar)
{
    if (bar.count == "c")
        return "c";
    return bar.percent ? bar.percent_text + " (n=" + bar.count + ")" : "n=" + bar.count;
}

std::optional<ReportFormat> report_format_from_string(std::string_view name)
{
    if (name == "html")
        return ReportFormat::html;
    if (name == "pdf")
        return ReportFormat::pdf;
    return std::nullopt;
}

Report build_report(Store& store, const ReportOptions& options, Progress* progress)
{
    if (options.threshold < 1)
        throw Error("the disclosure threshold must be 1 or more, not " + std::to_string(options.threshold));
    Report report;
    report.title = options.title;
    report.period = options.period.description();
    report.generated_on = long_date(options.generated_on.empty() ? local_date() : options.generated_on);
    report.threshold = options.threshold;

    ReportSection about;
    about.heading = "About this report";
    if (options.threshold > 1)
        about.paragraphs.push_back(
            "Counts from 1 to " + std::to_string(options.threshold - 1) + " are shown as c to protect the people "
            "they describe, and so are other counts where a total could reveal a hidden one. A percentage is "
            "not shown when its count is hidden or its base is under " + std::to_string(options.threshold)
            + ". Zero is shown.");
    else
        about.paragraphs.push_back("This report was made without small-number suppression (threshold 1): "
                                   "do not publish it.");
    about.paragraphs.push_back("Every percentage gives its base n and says what the base leaves out. Free text "
                               "is left out, except the quotes a lead chose for this report.");
    report.sections.push_back(std::move(about));

    check_cancel(progress);
    const std::optional<MeasureSet> set = report_measure_set(options);
    std::vector<MeasureResult> results; // pointing into `set`
    if (set)
        results = MeasureCalculator(store, *set, options.complaints, options.complaint_codes)
                      .report(options.period, progress);
    report.sections.push_back(measures_section(store, options, set ? &*set : nullptr, results));
    std::vector<ReportQuote> quotes;
    for (ReportSection& section : survey_sections(store, options, results, progress, quotes))
        report.sections.push_back(std::move(section));
    if (report.sections.size() == 2)
        report.sections.push_back({"Survey results",
                                   {"No survey responses were captured in " + short_description(options.period) + "."},
                                   {},
                                   {},
                                   {}});
    ReportSection quoted;
    quoted.heading = "Chosen quotes";
    if (quotes.empty())
        quoted.paragraphs.push_back("No answers were chosen as quotes for this period. A lead chooses one by "
                                    "tagging the answer \"quote\" in the analysis view.");
    else
        quoted.paragraphs.push_back("What people wrote, chosen by a lead (tagged \"quote\"). Other free text "
                                    "is never included.");
    quoted.quotes = std::move(quotes);
    report.sections.push_back(std::move(quoted));
    check_cancel(progress);
    report.sections.push_back(complaints_section(store, options, progress));
    check_cancel(progress);
    return report;
}

} // namespace chorus

// The plan report's model (report.hpp): what the renderers show, with every count already
// through disclosure control: the measures table, the survey charts and the chosen quotes
// here, the complaints section in report_complaints.cpp.
#include "chorus/report.hpp"

#include "report_sections.hpp"

#include "chorus/dates.hpp"
#include "chorus/error.hpp"
#include "chorus/progress.hpp"
#include "chorus/stats.hpp"
#include "chorus/store.hpp"
#include "chorus/themes.hpp"

#include <algorithm>
#include <set>

namespace chorus {

using namespace report_detail;

namespace {

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

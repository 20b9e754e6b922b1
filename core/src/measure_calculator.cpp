#include "chorus/measures.hpp"

#include "chorus/case_procedure.hpp"
#include "chorus/plugin_api.hpp"
#include "chorus/store.hpp"
#include "json_reading.hpp"
#include "measure_counting.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <map>

namespace chorus {

namespace {

std::string measure_path(std::size_t index, const MeasureDefinition& measure)
{
    return "$.measures[" + std::to_string(index) + "] (" + measure.id + ")";
}

// Checks a measure set against what it counts: the instruments and questions in the store,
// the complaints procedure and its code lists.
class MeasureSetChecker {
public:
    MeasureSetChecker(Store& store, const std::string& source, const CaseProcedure* procedure,
                      const std::vector<plugin::Vocabulary>* codes)
        : store_(store), source_(source), procedure_(procedure), codes_(codes) {}

    std::vector<DefinitionProblem> check(const MeasureSet& set)
    {
        for (std::size_t i = 0; i < set.measures.size(); ++i) {
            const MeasureDefinition& measure = set.measures[i];
            if (measure.source == MeasureSource::survey)
                check_survey(measure, measure_path(i, measure));
            else
                check_complaints(measure, measure_path(i, measure));
        }
        return std::move(problems_);
    }

private:
    void check_survey(const MeasureDefinition& measure, const std::string& path)
    {
        const std::vector<Instrument>& versions = versions_of(measure.instrument);
        if (versions.empty()) {
            problem(path + ".source.instrument", "there is no instrument " + in_quotes(measure.instrument));
            return;
        }
        std::vector<std::string> codes; // every option of every question measured, any version
        for (const std::string& key : measure.questions) {
            bool found = false;
            for (const Instrument& instrument : versions) {
                const Question* question = instrument.find_question(key);
                if (!question)
                    continue;
                found = true;
                if (!is_choice_type(question->type)) {
                    problem(path + ".source.questions", "question " + in_quotes(key) + " of " + measure.instrument
                                                            + " is " + std::string(to_string(question->type))
                                                            + ": a measure counts the options of choice questions");
                    return;
                }
                for (const Option& option : question->options)
                    codes.push_back(option.code);
            }
            if (!found)
                problem(path + ".source.questions", "instrument " + measure.instrument + " has no question "
                                                        + in_quotes(key));
        }
        if (codes.empty())
            return;
        check_codes(path + ".positive", measure.positive, codes, "an option of the question");
        if (measure.out_of_base)
            check_codes(path + ".out_of_base", *measure.out_of_base, codes, "an option of the question");
    }

    // Every stored version of an instrument, read once however many measures count it.
    const std::vector<Instrument>& versions_of(const std::string& id)
    {
        auto [found, added] = versions_.try_emplace(id);
        if (added) {
            auto numbers = store_.connection().prepare(
                "SELECT version FROM instrument_version WHERE instrument = ? ORDER BY version");
            numbers.bind(1, id);
            while (numbers.step())
                found->second.push_back(store_.instrument(id, numbers.column_int(0)));
        }
        return found->second;
    }

    void check_complaints(const MeasureDefinition& measure, const std::string& path)
    {
        if (!procedure_) {
            problem(path + ".source.type", "counting complaints needs the complaints plugin, which is not loaded");
            return;
        }
        if (!measure.stage.empty()) {
            std::vector<std::string> stages;
            for (const char* procedure : {"statutory", "corporate"})
                if (measure.procedure.empty() || measure.procedure == procedure)
                    for (const StageRule& rule : procedure_->stages(procedure))
                        stages.push_back(rule.code);
            check_codes(path + ".source.stage", {measure.stage}, stages, "a stage of the procedure");
        }
        check_vocabulary(path + ".source.theme", measure.theme, complaint_vocabulary::complaint_themes);
        check_vocabulary(path + ".source.source_type", measure.source_type, complaint_vocabulary::compliment_sources);
        if (measure.source == MeasureSource::complaint_outcomes) {
            for (const std::string& code : measure.positive)
                check_vocabulary(path + ".positive", code, complaint_vocabulary::outcomes);
            for (const std::string& code : measure.out_of_base.value_or(std::vector<std::string>{}))
                check_vocabulary(path + ".out_of_base", code, complaint_vocabulary::outcomes);
        }
    }

    void check_vocabulary(const std::string& path, const std::string& code, std::string_view vocabulary)
    {
        if (code.empty() || !codes_)
            return;
        for (const plugin::Vocabulary& known : *codes_)
            if (known.id == vocabulary) {
                std::vector<std::string> terms;
                for (const Option& term : known.terms)
                    terms.push_back(term.code);
                check_codes(path, {code}, terms, "a code of the " + known.title + " list");
            }
    }

    void check_codes(const std::string& path, const std::vector<std::string>& given,
                     const std::vector<std::string>& known, const std::string& what)
    {
        for (const std::string& code : given)
            if (std::find(known.begin(), known.end(), code) == known.end()) {
                std::vector<std::string> unique;
                for (const std::string& k : known)
                    if (std::find(unique.begin(), unique.end(), k) == unique.end())
                        unique.push_back(k);
                problem(path, in_quotes(code) + " is not " + what + " (expected one of " + join(unique, ", ") + ")");
            }
    }

    void problem(const std::string& path, const std::string& message) { problems_.push_back({source_, path, message}); }

    Store& store_;
    const std::string& source_;
    const CaseProcedure* procedure_;
    const std::vector<plugin::Vocabulary>* codes_;
    std::map<std::string, std::vector<Instrument>> versions_;
    std::vector<DefinitionProblem> problems_;
};

} // namespace

bool counts_complaints(const MeasureSet& set)
{
    return std::any_of(set.measures.begin(), set.measures.end(),
                       [](const MeasureDefinition& measure) { return measure.source != MeasureSource::survey; });
}

MeasureFigures make_figures(const MeasureDefinition& measure, const Period& period, std::int64_t base,
                            std::int64_t positive, std::vector<std::pair<std::string, std::int64_t>> out_of_base)
{
    MeasureFigures figures;
    figures.period = period;
    figures.base = base;
    figures.positive = positive;
    figures.out_of_base = std::move(out_of_base);
    if (measure.is_count())
        figures.value = static_cast<double>(base); // none received is a figure too
    else if (base > 0)
        figures.value = static_cast<double>(positive) * 100.0 / static_cast<double>(base);
    figures.suppressed = base > 0 && base < measure.minimum_base;
    return figures;
}

MeasureCalculator::MeasureCalculator(Store& store, const MeasureSet& set, const CaseProcedure* complaints,
                                     const std::vector<plugin::Vocabulary>* complaint_codes)
    : store_(store), set_(set), complaints_(complaints)
{
    auto problems = MeasureSetChecker(store, "measure set " + set.id, complaints, complaint_codes).check(set);
    if (!problems.empty())
        throw DefinitionError(std::move(problems));
}

std::vector<std::vector<MeasureFigures>> MeasureCalculator::figures(
    const std::vector<std::vector<Period>>& periods_per_measure, Progress* progress)
{
    if (periods_per_measure.size() != set_.measures.size())
        throw Error("measure set " + set_.id + ": periods were given for " + std::to_string(periods_per_measure.size())
                    + " measures, but it has " + std::to_string(set_.measures.size()));
    FiguresTable table(set_.measures.size());
    for (std::size_t m = 0; m < set_.measures.size(); ++m)
        table[m].resize(periods_per_measure[m].size());
    count_survey_measures(store_, set_, periods_per_measure, table, progress);
    if (counts_complaints(set_))
        count_complaint_measures(store_, set_, *complaints_, periods_per_measure, table);
    return table;
}

std::vector<MeasureResult> MeasureCalculator::report(const Period& report, Progress* progress)
{
    std::vector<std::vector<Period>> periods;
    for (const MeasureDefinition& measure : set_.measures) {
        const Period current = latest_period_ended_by(report, measure.frequency);
        periods.push_back({current, current.previous(), current.year_before()});
    }
    const FiguresTable table = figures(periods, progress);
    std::vector<MeasureResult> results;
    for (std::size_t m = 0; m < set_.measures.size(); ++m) {
        const MeasureDefinition& measure = set_.measures[m];
        MeasureResult result;
        result.measure = &measure;
        result.current = table[m][0];
        result.previous = table[m][1];
        result.year_before = table[m][2];
        result.rag = rate(measure, result.current);
        result.against_previous = direction_of_travel(measure, result.previous, result.current);
        result.against_year_before = direction_of_travel(measure, result.year_before, result.current);
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace chorus

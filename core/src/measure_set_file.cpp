#include "chorus/measure_set_file.hpp"

#include "chorus/error.hpp"
#include "json_reading.hpp"

#include <algorithm>

namespace chorus {

std::vector<const Question*> measurable_questions(const Instrument& instrument)
{
    std::vector<const Question*> questions;
    for (const Question& question : instrument.questions)
        if (is_choice_type(question.type) && !question.options.empty())
            questions.push_back(&question);
    return questions;
}

std::vector<Option> options_of_questions(const Instrument& instrument, const std::vector<std::string>& keys)
{
    std::vector<Option> options;
    for (const Question& question : instrument.questions) {
        if (std::find(keys.begin(), keys.end(), question.key) == keys.end())
            continue;
        for (const Option& option : question.options)
            if (std::none_of(options.begin(), options.end(), [&](const Option& o) { return o.code == option.code; }))
                options.push_back(option);
    }
    return options;
}

std::vector<DefinitionProblem> measure_set_problems(const MeasureSet& set, const std::filesystem::path& file,
                                                    Store& store, const CaseProcedure* complaints,
                                                    const std::vector<plugin::Vocabulary>* codes)
{
    const std::string source = file.filename().string();
    try {
        // Checked as read back, so what is saved is what the next open will see.
        const MeasureSet read_back = parse_measure_set(measure_set_to_json(set), source);
        if (complaints == nullptr && counts_complaints(read_back))
            return {{source, "$.measures",
                     "this set counts complaints, but no loaded plugin offers a complaints procedure"}};
        MeasureCalculator checked(store, read_back, complaints, codes);
    } catch (const DefinitionError& error) {
        std::vector<DefinitionProblem> problems = error.problems();
        for (auto& problem : problems)
            problem.source = source;
        return problems;
    }
    return {};
}

void save_measure_set(const MeasureSet& set, const std::filesystem::path& file)
{
    const std::string text = measure_set_to_json(set);
    save_text_file(file, text, "measure set");
}

} // namespace chorus

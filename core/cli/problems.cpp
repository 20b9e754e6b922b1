#include "problems.hpp"

namespace chorus::cli {

std::vector<std::string> describe(const std::vector<DefinitionProblem>& problems)
{
    std::vector<std::string> lines;
    for (const auto& problem : problems) {
        std::string line = problem.source.empty() ? std::string() : problem.source + ": ";
        if (!problem.path.empty())
            line += problem.path + ": ";
        lines.push_back(line + problem.message);
    }
    return lines;
}

std::vector<std::string> describe(const std::vector<AnswerProblem>& problems)
{
    std::vector<std::string> lines;
    for (const auto& problem : problems)
        lines.push_back(problem.question_key.empty()
                            ? problem.message
                            : "question \"" + problem.question_key + "\": " + problem.message);
    return lines;
}

std::vector<std::string> describe(const std::vector<RowProblem>& problems)
{
    std::vector<std::string> lines;
    for (const auto& problem : problems)
        lines.push_back(problem.to_string());
    return lines;
}

} // namespace chorus::cli

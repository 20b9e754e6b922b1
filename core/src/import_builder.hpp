#pragma once
// What the XLSForm and SurveyJS importers share (internal): turning the source's names
// into Chorus keys, translating conditions against the questions imported so far,
// collecting warnings, and making sure the result is a valid instrument.
#include "chorus/definition_import.hpp"
#include "condition_translation.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

// "firstName" -> "first_name", "Age (years)" -> "age_years"; "" when nothing is left.
std::string key_from_name(std::string_view name);
// An option code ([A-Za-z0-9_.-]+, at most 64 characters) from a source value.
std::string code_from_value(std::string_view value);
// An instrument id ([a-z0-9][a-z0-9_.-]*, at most 64 characters), "imported" when nothing is left.
std::string instrument_id_from(std::string_view text);

// The error of a file that could not be read, as a DefinitionError naming the file once.
DefinitionError unreadable_definition(const std::filesystem::path& file, const Error& error);

class ImportBuilder {
public:
    explicit ImportBuilder(std::string source) : source_(std::move(source)) {}

    const std::string& source() const { return source_; }
    // Where warnings go, for readers that report into a list (JsonObjectReader).
    std::vector<DefinitionProblem>& warnings() { return warnings_; }
    void warn(const std::string& location, const std::string& message);

    // A key for the source name that no other question has; warns when it differs from
    // the name (renamed to fit Chorus's rules, or a duplicate).
    std::string key_for(std::string_view name, const std::string& location);

    // The condition in Chorus's language, or "" with a warning naming the question and the
    // original expression when it cannot be translated or uses a later question.
    std::string translate(std::string_view expression, ConditionDialect dialect, const std::string& location,
                          const std::string& key);

    // Adds a question; `source_name` then refers to it in later conditions, with
    // `codes` mapping the source's values to its option codes.
    void add(Question question, const std::string& location, const std::string& source_name,
             std::map<std::string, std::string, std::less<>> codes = {});

    // The instrument with every question that passes validation; a question that cannot
    // be made valid is dropped (a condition that cannot, removed) with a warning.
    // Throws DefinitionError when no question is left.
    ImportedDefinition finish(Instrument header);

private:
    std::string source_;
    std::vector<DefinitionProblem> warnings_;
    std::set<std::string, std::less<>> used_keys_;
    std::map<std::string, ImportedName, std::less<>> names_;
    std::vector<Question> questions_;
    std::vector<std::string> locations_;
};

} // namespace chorus

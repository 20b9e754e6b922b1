#pragma once
// Importing instrument definitions written by other tools: XLSForm workbooks (.xlsx)
// and SurveyJS JSON. What each source type becomes, what is skipped and how conditions
// are translated: docs/import-formats.md.
//
// What cannot be carried over (a question type Chorus does not have, a condition it
// cannot express, a constraint, another language's labels) is left out with a warning
// naming the file, the place (sheet and row, or JSON path) and what was left out. The
// instrument returned always passes validate_instrument.
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"
#include "chorus/instrument_json.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

struct ImportedDefinition {
    Instrument instrument;
    // source: the file; path: "survey row 4", "choices row 2", "settings", or a JSON path
    // such as "$.pages[2].elements[5] (resume)".
    std::vector<DefinitionProblem> warnings;
};

// Throws DefinitionError listing every problem when the file cannot be read, is not an
// .xlsx workbook, has no survey sheet or nothing in it can be imported.
CHORUS_CORE_API ImportedDefinition import_xlsform(const std::filesystem::path& file);

// Throws DefinitionError for malformed JSON, a document that is not a SurveyJS survey,
// or one with nothing importable. `source` names the input in every problem.
CHORUS_CORE_API ImportedDefinition import_surveyjs(std::string_view json_text, const std::string& source);

enum class DefinitionFormat { chorus, surveyjs, xlsform };

// .xlsx -> XLSForm; .json (or any other name) -> Chorus's own format, unless the JSON
// has SurveyJS's shape (pages or elements, and no questions). Throws DefinitionError.
CHORUS_CORE_API DefinitionFormat detect_definition_format(const std::filesystem::path& file,
                                                          std::string_view content);
// Reads the file in the format it is in; a Chorus definition has no warnings.
CHORUS_CORE_API ImportedDefinition import_definition_file(const std::filesystem::path& file);

CHORUS_CORE_API std::string_view to_string(DefinitionFormat format);

} // namespace chorus

#pragma once
// Reading and writing instrument definitions in Chorus's JSON format
// (docs/instrument-format.md). Loading validates the whole definition and
// reports every problem it finds, each naming the file, a JSON path and the problem.
#include "chorus/error.hpp"
#include "chorus/export.hpp"
#include "chorus/instrument.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

struct CHORUS_CORE_API DefinitionProblem {
    std::string source;  // file name or other description of the input
    std::string path;    // JSON path, e.g. "$.questions[3].options[1].code"; "" for syntax errors
    std::string message; // e.g. "duplicate option code \"agree\""

    std::string to_string() const; // "source: path: message"
};

class CHORUS_CORE_API DefinitionError : public Error {
public:
    explicit DefinitionError(std::vector<DefinitionProblem> problems);
    const std::vector<DefinitionProblem>& problems() const { return problems_; }

private:
    std::vector<DefinitionProblem> problems_;
};

// Parses and validates; on any problem throws DefinitionError listing all of them.
// Scale questions without options get default_options().
CHORUS_CORE_API Instrument parse_instrument(std::string_view json_text, const std::string& source);
CHORUS_CORE_API Instrument load_instrument_file(const std::filesystem::path& file);

// Checks a definition built in code (e.g. by a plugin or an importer) with the
// same rules as parse_instrument; returns the problems, empty when valid.
CHORUS_CORE_API std::vector<DefinitionProblem> validate_instrument(const Instrument& instrument,
                                                                   const std::string& source);

// Canonical JSON: same definition -> byte-identical text (used to detect changed re-imports).
CHORUS_CORE_API std::string instrument_to_json(const Instrument& instrument);

} // namespace chorus

#pragma once
// The property shared by the XLSForm and SurveyJS targets: an imported definition is valid
// and loads again, unchanged, from the JSON Chorus stores it as.
#include "fuzz_support.hpp"

#include "chorus/definition_import.hpp"
#include "chorus/instrument_json.hpp"

namespace chorus::fuzz {

inline void check_imported_definition(const std::string& importer, const ImportedDefinition& imported)
{
    if (!validate_instrument(imported.instrument, "imported").empty())
        fail(importer + " returned a definition validate_instrument refuses");
    const std::string canonical = instrument_to_json(imported.instrument);
    Instrument again;
    if (loads_or_refuses("parse_instrument", [&] { again = parse_instrument(canonical, "imported.json"); })
        == Outcome::refused) {
        std::string why;
        try {
            parse_instrument(canonical, "imported.json");
        } catch (const Error& error) {
            why = error.what();
        }
        fail(importer + " returned a definition that does not load again from its JSON: " + why + "\n" + canonical);
    }
    if (instrument_to_json(again) != canonical)
        fail(importer + " returned a definition whose JSON changes when loaded again:\n" + canonical);
}

} // namespace chorus::fuzz

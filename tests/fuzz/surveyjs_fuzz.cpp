// Fuzz target: SurveyJS JSON import (import_surveyjs).
#include "definition_reload.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace chorus;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ImportedDefinition imported;
    if (fuzz::loads_or_refuses("import_surveyjs", [&] { imported = import_surveyjs(text, "fuzz.json"); })
        == fuzz::Outcome::loaded)
        fuzz::check_imported_definition("import_surveyjs", imported);
    return 0;
}

// Fuzz target: XLSForm import from .xlsx workbooks (import_xlsform: xlsx_reader's libzip and
// expat reading, then the form's sheets). The input is a workbook or a list of its parts
// (fuzz_support.hpp, write_workbook).
#include "definition_reload.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace chorus;
    const auto file = fuzz::scratch_folder() / "form.xlsx";
    fuzz::write_workbook(file, std::string_view(reinterpret_cast<const char*>(data), size));
    ImportedDefinition imported;
    if (fuzz::loads_or_refuses("import_xlsform", [&] { imported = import_xlsform(file); }) == fuzz::Outcome::loaded)
        fuzz::check_imported_definition("import_xlsform", imported);
    return 0;
}

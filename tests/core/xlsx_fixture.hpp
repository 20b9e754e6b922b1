#pragma once
// Writing small .xlsx workbooks for the importer tests: each cell is given as text, and
// written as a shared string, an inline string or a number (when it looks like one), so
// that the reader meets every kind of cell a spreadsheet program writes. Numbers in the
// date and time columns are Excel serial day numbers, styled as dates and times as a
// spreadsheet program styles them; "TRUE"/"FALSE" in the boolean columns are booleans.
#include <filesystem>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace chorus::test {

// Column indexes (0 = A) whose cells are written as a spreadsheet program types them.
struct FixtureCellKinds {
    std::vector<std::size_t> date_time_columns; // built-in format 22 ("m/d/yy h:mm")
    std::vector<std::size_t> date_columns;      // a custom format, "dd/mm/yyyy"
    std::vector<std::size_t> boolean_columns;
};

struct FixtureSheet {
    FixtureSheet(std::string sheet_name, std::vector<std::vector<std::string>> sheet_rows, FixtureCellKinds cell_kinds = {})
        : name(std::move(sheet_name)), rows(std::move(sheet_rows)), kinds(std::move(cell_kinds)) {}
    std::string name;
    std::vector<std::vector<std::string>> rows; // rows[0] is row 1; "" leaves the cell out
    FixtureCellKinds kinds;
};

void write_xlsx(const std::filesystem::path& file, const std::vector<FixtureSheet>& sheets);

} // namespace chorus::test

#pragma once
// Writing small .xlsx workbooks for the importer tests: each cell is given as text, and
// written as a shared string, an inline string or a number (when it looks like one), so
// that the reader meets every kind of cell a spreadsheet program writes.
#include <filesystem>
#include <string>
#include <vector>

namespace chorus::test {

struct FixtureSheet {
    std::string name;
    std::vector<std::vector<std::string>> rows; // rows[0] is row 1; "" leaves the cell out
};

void write_xlsx(const std::filesystem::path& file, const std::vector<FixtureSheet>& sheets);

} // namespace chorus::test

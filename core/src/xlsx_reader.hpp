#pragma once
// Reading the cells of an .xlsx workbook (a zip of SpreadsheetML parts) as text (internal).
// Used by the XLSForm importer; kept apart so that response import from XLSX can reuse it.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace chorus {

struct XlsxRow {
    int number = 0;                 // as the spreadsheet shows it, 1-based
    std::vector<std::string> cells; // cells[0] is column A; "" for an empty cell
};

struct XlsxSheet {
    std::string name;           // the tab's name, e.g. "survey"
    std::vector<XlsxRow> rows;  // rows with at least one non-empty cell, in order
};

// Every worksheet of the workbook, in the workbook's order. Shared strings, inline strings,
// numbers (as written in the file, e.g. "3" or "2.5") and booleans ("TRUE"/"FALSE") are
// read as text. Throws Error naming the file when it cannot be read, is not a zip archive,
// has no workbook or holds malformed XML.
std::vector<XlsxSheet> read_xlsx_sheets(const std::filesystem::path& file);

// "A" for 0, "Z" for 25, "AA" for 26.
std::string xlsx_column_name(std::size_t index);

} // namespace chorus

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
// read as text; a number in a date or time format (an Excel serial day number) is read as
// "YYYY-MM-DD" when it has no time of day, else "YYYY-MM-DDTHH:MM:SS" (no zone: the
// spreadsheet has none). Throws Error naming the file when it cannot be read, is not a zip
// archive, has no workbook or holds malformed XML.
std::vector<XlsxSheet> read_xlsx_sheets(const std::filesystem::path& file);

// One worksheet, read as read_xlsx_sheets does: `name`, or the first when `name` is empty.
// Throws Error naming the file and its sheets when it has no sheet of that name.
// `sheet_names`, when given, receives the names of every sheet, in order.
XlsxSheet read_xlsx_sheet(const std::filesystem::path& file, const std::string& name = {},
                          std::vector<std::string>* sheet_names = nullptr);

// "A" for 0, "Z" for 25, "AA" for 26.
std::string xlsx_column_name(std::size_t index);

} // namespace chorus

#pragma once
// Importing responses from CSV or XLSX files: one row per response, one column per
// question, matched to the instrument's questions by a ColumnMapping (response_mapping.hpp;
// by default auto_map: question keys, labels, and the metadata columns Chorus and online
// survey tools write). Choice answers may be option codes or labels (case-insensitive);
// multiple choice answers are separated by ';' or ", " (whole labels are matched first, so a
// label may contain a comma). All rows or none: every bad row is reported with its line (or
// sheet, row and column) and reason, and then nothing is imported. See docs/import-formats.md.
#include "chorus/error.hpp"
#include "chorus/export.hpp"
#include "chorus/response_mapping.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chorus {

class Store;
class Progress;

struct CHORUS_CORE_API RowProblem {
    std::size_t line = 0;      // 1-based line in a CSV file (the header is line 1), or row of a sheet
    std::string column;        // header, or "" for the row as a whole
    std::string message;
    std::string sheet;         // the sheet's name for an XLSX file, else ""
    std::string column_letter; // "C" for an XLSX file, else ""
    // "line 7, column listened: ..." or "sheet Form1, row 7, column C (Listened): ..."
    std::string to_string() const;
};

class CHORUS_CORE_API ImportError : public Error {
public:
    ImportError(const std::string& summary, std::vector<RowProblem> problems);
    const std::vector<RowProblem>& problems() const { return problems_; }

private:
    std::vector<RowProblem> problems_;
};

struct CsvImportOptions {
    std::string instrument_id;
    int instrument_version = 0;  // 0 = latest
    std::string captured_by;     // default for rows without a captured_by column
    std::string team;            // default for rows without a team column
    std::string respondent_type; // default for rows without a respondent_type column
};

struct ResponseImportOptions : CsvImportOptions {
    std::string sheet;                    // XLSX: the sheet to read; "" = the first
    std::optional<ColumnMapping> mapping; // none = auto_map of the file's header
};

struct ResponseImportResult {
    std::size_t imported = 0;
    // Rows without a uuid whose derived uuid is stored already: imported by an earlier run
    // of the same file (or a later export of the same form), so skipped.
    std::size_t already_imported = 0;
    ColumnMapping mapping; // as used
};

// The start of a file: its header and first rows, for auto_map and for a mapping editor.
struct ImportSample {
    std::string sheet; // XLSX: the sheet read
    std::vector<std::string> sheets; // XLSX: every sheet of the workbook, in order
    std::size_t header_line = 0;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};
// Reads `rows` rows after the header. Throws Error for an unreadable, empty or malformed file.
CHORUS_CORE_API ImportSample read_import_sample(const std::filesystem::path& file, const std::string& sheet = {},
                                                std::size_t rows = 20);
// The first `count` different non-empty values of column `index`, for showing beside its header.
CHORUS_CORE_API std::vector<std::string> sample_values(const ImportSample& sample, std::size_t index,
                                                       std::size_t count = 3);
// .xlsx (case-insensitive) is read as a workbook, anything else as CSV.
CHORUS_CORE_API bool is_xlsx_file(const std::filesystem::path& file);

// One row as it would be stored: metadata then answers, each as (key, stored text); multiple
// choice codes joined by ";".
struct PreviewRow {
    std::size_t line = 0;
    std::vector<std::pair<std::string, std::string>> values;
};

struct ImportPreview {
    ColumnMapping mapping;
    std::string sheet;
    std::size_t rows = 0;             // data rows (rows of empty cells are skipped)
    std::size_t bad_rows = 0;
    std::size_t already_imported = 0; // rows that an import would skip (see ResponseImportResult)
    std::vector<PreviewRow> first_rows;
    std::vector<RowProblem> problems; // the first 1000
    std::size_t problem_count = 0;    // all of them
    std::string summary;              // what an import would say: "... nothing was imported" or ""
    std::size_t would_import() const { return problem_count > 0 ? 0 : rows - already_imported; }
};

// The whole file checked as an import would check it, writing nothing. Throws Error for an
// unreadable file or unknown instrument, Cancelled when progress says so.
CHORUS_CORE_API ImportPreview preview_response_import(Store& store, const std::filesystem::path& file,
                                                      const ResponseImportOptions& options,
                                                      std::size_t first_rows = 10, Progress* progress = nullptr);

// CSV or XLSX by the file's name. Throws ImportError (nothing imported), Error for an
// unreadable file or unknown instrument, Cancelled when progress says so.
CHORUS_CORE_API ResponseImportResult import_responses(Store& store, const std::filesystem::path& file,
                                                      const ResponseImportOptions& options,
                                                      const std::string& actor, Progress* progress = nullptr);
CHORUS_CORE_API ResponseImportResult import_responses_xlsx(Store& store, const std::filesystem::path& file,
                                                           const ResponseImportOptions& options,
                                                           const std::string& actor, Progress* progress = nullptr);
// Returns the number of responses imported.
CHORUS_CORE_API std::size_t import_responses_csv(Store& store, const std::filesystem::path& file,
                                                 const CsvImportOptions& options,
                                                 const std::string& actor,
                                                 Progress* progress = nullptr);

} // namespace chorus

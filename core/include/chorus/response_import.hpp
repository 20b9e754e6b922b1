#pragma once
// Importing responses from a CSV file: a header row of question keys (and optional
// metadata columns: uuid, captured_at, captured_by, team, respondent_type), one row
// per response. Choice answers may be option codes or option labels (case-insensitive);
// multiple choice answers are separated by ';'. All rows or none: every bad row is
// reported with its line number and reason, and then nothing is imported.
#include "chorus/error.hpp"
#include "chorus/export.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace chorus {

class Store;
class Progress;

struct CHORUS_CORE_API RowProblem {
    std::size_t line = 0;  // 1-based line in the file (the header is line 1)
    std::string column;    // header name, or "" for the row as a whole
    std::string message;
    std::string to_string() const; // "line 7, column listened: ..."
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

// Returns the number of responses imported. Throws ImportError (nothing imported),
// Error for an unreadable file or unknown instrument, Cancelled when progress says so.
CHORUS_CORE_API std::size_t import_responses_csv(Store& store, const std::filesystem::path& file,
                                                 const CsvImportOptions& options,
                                                 const std::string& actor,
                                                 Progress* progress = nullptr);

} // namespace chorus

#pragma once
// Exports of stored responses (docs/cli.md, "Exports"): CSV of one instrument version (the
// columns `responses import` reads back), XLSX with one sheet per instrument and an optional
// measures sheet, and JSON of everything (re-importable with import_json_export()).
//
// Disclosure control: an export is anonymised unless `identifiable` is set, leaving out who
// captured each response and every free-text answer (short and long text) unless `free_text`
// is set. Measures come as the MeasureCalculator's figures: a suppressed figure is written as
// "c" without its base or counts. Every export is audited ("export", the file name, format,
// counts and whether it is identifiable; never answers or names).
//
// The file is written beside `out` under a temporary name and renamed at the end, so a
// failed or cancelled export leaves no file, partial or temporary.
#include "chorus/export.hpp"
#include "chorus/measures.hpp"
#include "chorus/periods.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

class Progress;
class Store;

enum class ExportFormat { csv, xlsx, json };

CHORUS_CORE_API std::string_view to_string(ExportFormat format);

// The measures an export includes: the set's figures for one report period.
struct ExportedMeasures {
    std::string set_name; // e.g. the set file's name, shown in the file
    Period period;
    std::vector<MeasureResult> results;
};

struct ExportOptions {
    ExportFormat format = ExportFormat::json;
    std::filesystem::path out;
    // The instruments exported (ids); empty = every stored instrument. CSV needs exactly one.
    std::vector<std::string> instruments{};
    int csv_version = 0;             // CSV: the version exported; 0 = the latest
    std::optional<Period> period{};  // only responses captured on a UK day of this period
    bool identifiable = false;       // include captured_by and free text
    bool free_text = false;          // include free-text answers in an anonymised export
    bool bom = false;                // CSV: start with a UTF-8 byte order mark (for Excel)
    bool overwrite = false;          // replace an existing `out`; otherwise it is refused
    // JSON: also the complaints and compliments log (those received in the period), with the
    // case reference and who recorded them only when identifiable, their free text (points,
    // reasons, learning actions, summaries) as for answers.
    bool complaints = false;
    const ExportedMeasures* measures = nullptr; // XLSX measures sheet, JSON "measures"; may be null
};

struct ExportSummary {
    std::size_t responses = 0;
    std::size_t instruments = 0; // instrument versions (JSON, CSV) or instrument sheets (XLSX)
    std::size_t measures = 0;
    std::size_t complaints = 0;
    std::size_t compliments = 0;
};

// Writes the export. Throws Error naming the file or option for bad options (an unknown
// instrument, CSV without exactly one instrument, an existing file without `overwrite`,
// an unwritable folder), Cancelled when `progress` says so; the audit row is written only
// when the file is complete.
CHORUS_CORE_API ExportSummary export_data(Store& store, const ExportOptions& options, const std::string& actor,
                                          Progress* progress = nullptr);

// The question types whose answers are free text, left out of anonymised exports.
CHORUS_CORE_API bool is_free_text(QuestionType type);

struct JsonImportSummary {
    std::size_t instruments_added = 0;
    std::size_t instruments_unchanged = 0;
    std::size_t responses_added = 0;
    std::size_t responses_skipped = 0; // identical ones already stored
    std::size_t complaints_added = 0;
    std::size_t complaints_skipped = 0;
    std::size_t compliments_added = 0;
    std::size_t compliments_skipped = 0;
};

// Adds what a JSON export holds, in ONE transaction: instrument versions (an identical one
// already stored is left alone; a different definition with the same id and version is
// refused), then responses, complaints and compliments by uuid (an identical stored one is
// skipped; the same uuid with different content is refused). Only identifiable exports are full enough to import. Any
// problem throws (DefinitionError listing every problem with its JSON path, or Error) and
// changes nothing. `dry_run` does every check and write, then rolls back.
CHORUS_CORE_API JsonImportSummary import_json_export(Store& store, const std::filesystem::path& file,
                                                     const std::string& actor, bool dry_run = false,
                                                     Progress* progress = nullptr);

} // namespace chorus

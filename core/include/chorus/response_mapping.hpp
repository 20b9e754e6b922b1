#pragma once
// Which question each column of a response file answers. Online survey tools (Microsoft
// Forms, Google Forms, SurveyMonkey...) export one column per question headed by its label,
// plus columns of their own (a timestamp, an id, the respondent's email). auto_map matches
// them to an instrument; the result is a plain value the app and chorus-cli can change per
// column, save as a small JSON file and load again (docs/import-formats.md).
#include "chorus/export.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

struct Instrument;

enum class ColumnTarget { ignored, question, uuid, captured_at, captured_by, team, respondent_type };

// How a column got its target; `nothing` with target ignored is a column that matched
// nothing, which an import refuses until it is mapped or deliberately ignored.
enum class MatchedBy { nothing, key, label, metadata_name, identifying, mapping_file, chosen };

struct ColumnMatch {
    std::string header; // as in the file, trimmed; "" for a nameless column
    ColumnTarget target = ColumnTarget::ignored;
    std::string question_key; // when target is question
    MatchedBy matched_by = MatchedBy::nothing;
    std::string note; // why it is ignored, or a warning ("identifying: not imported")

    bool unmatched() const { return !header.empty() && target == ColumnTarget::ignored && matched_by == MatchedBy::nothing; }
};

struct CHORUS_CORE_API ColumnMapping {
    std::vector<ColumnMatch> columns; // one per column of the file, in order
    std::vector<std::string> notes;   // about the mapping as a whole (e.g. a mapping file's unused entries)

    // Keys of the questions that take an answer and that no column maps to.
    std::vector<std::string> unmapped_questions(const Instrument& instrument) const;
    // How many columns answer a question: which instrument a file answers best.
    std::size_t question_columns() const;
    // The first column whose header equals `header` (trimmed, case-insensitive); npos when none.
    std::size_t find(std::string_view header) const;
};

// "listened", "captured_at", ... or "" for an ignored column: the form mapping files,
// --map and the app's dropdown use.
CHORUS_CORE_API std::string target_name(const ColumnMatch& column);
// "key", "label", "metadata", "identifying", "mapping file", "chosen", "no match".
CHORUS_CORE_API std::string_view to_string(MatchedBy matched_by);

// What a column can be imported as, for a mapping editor's dropdown: "(ignore)" (target ""),
// the metadata columns, then each question that takes an answer as "key: label".
struct MappingChoice {
    std::string target; // as set_column_target takes it
    std::string label;
};
CHORUS_CORE_API std::vector<MappingChoice> mapping_choices(const Instrument& instrument);

// Matches each header (sample_rows: the first rows of the file, to tell an id column of
// UUIDs from a tool's row numbers): by question key (case-insensitive, trimmed), then by
// question label (ignoring case, spacing and punctuation), then metadata columns by the
// names online tools use ("Timestamp", "Completion time" -> captured_at; "Response ID" ->
// uuid when its values are UUIDs; "Team"). Identifying columns ("Email", "Name") are
// ignored with a note. No two columns get the same target.
CHORUS_CORE_API ColumnMapping auto_map(const Instrument& instrument, const std::vector<std::string>& headers,
                                       const std::vector<std::vector<std::string>>& sample_rows = {});

// Sets column `index` to `target` (a question key, a metadata name or "" to ignore it),
// marked `chosen`. Throws Error when the target is neither a question that takes an answer
// nor a metadata name.
CHORUS_CORE_API void set_column_target(ColumnMapping& mapping, const Instrument& instrument, std::size_t index,
                                       std::string_view target, MatchedBy matched_by = MatchedBy::chosen);

// "Column header=target" as given to chorus-cli --map; Error naming the text when the file
// has no such column or the target is unknown.
CHORUS_CORE_API void apply_mapping_override(ColumnMapping& mapping, const Instrument& instrument,
                                            std::string_view header_equals_target);

// Applies a saved mapping file to the columns it names (the rest keep their automatic
// match). Throws Error naming the file when it cannot be read, is malformed, is for another
// instrument or names an unknown target; columns it names that this file lacks become notes.
CHORUS_CORE_API void apply_mapping_file(ColumnMapping& mapping, const Instrument& instrument,
                                        const std::filesystem::path& file);
// Writes every named column's target (temporary file, then renamed: never half a file).
CHORUS_CORE_API void save_mapping_file(const ColumnMapping& mapping, const std::string& instrument_id,
                                       const std::filesystem::path& file);

} // namespace chorus

#pragma once
// What the three export writers share (internal): the responses to export, read page by page
// through the public Store API, the columns an export keeps, and progress with cancel.
#include "chorus/data_export.hpp"
#include "chorus/instrument.hpp"
#include "chorus/response.hpp"
#include "chorus/store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace chorus::exporting {

// One instrument exported: its versions (oldest first) and the filter of its responses.
struct ExportedInstrument {
    std::string id;
    std::vector<Instrument> versions;
    int only_version = 0; // CSV: only responses to this version; 0 = every version
    std::uint64_t responses = 0; // how many the options select
};

class ExportRun {
public:
    ExportRun(Store& store, const ExportOptions& options, Progress* progress);

    Store& store() { return store_; }
    const ExportOptions& options() const { return options_; }
    const std::vector<ExportedInstrument>& instruments() const { return instruments_; }

    // Whether an export keeps the answers of `question` (notes never; free text only when
    // identifiable or free text was chosen).
    bool keeps(const Question& question) const;
    // The question keys of `instrument`'s versions the export keeps, in the order the
    // versions first have them.
    std::vector<const Question*> kept_questions(const ExportedInstrument& instrument) const;

    // Calls `each` for every response to `instrument` the options select, in the responses
    // list's order, reporting progress and throwing Cancelled when asked to stop.
    void for_each_response(const ExportedInstrument& instrument, const std::function<void(const Response&)>& each);
    std::size_t responses_written() const { return static_cast<std::size_t>(done_); }
    std::size_t instrument_sheets = 0; // XLSX
    std::size_t complaints_written = 0;
    std::size_t compliments_written = 0;

private:
    ResponseFilter filter_for(const ExportedInstrument& instrument) const;

    Store& store_;
    const ExportOptions& options_;
    Progress* progress_;
    std::vector<ExportedInstrument> instruments_;
    std::uint64_t total_ = 0;
    std::uint64_t done_ = 0;
};

// A metadata or question value as CSV text: option codes, multiple choice codes joined by
// ';' (what `responses import` reads), numbers in their shortest exact form.
std::string answer_text(const Answer& answer);

// The writers: each writes the whole file `file` (a temporary name beside the final one).
void write_csv(ExportRun& run, const std::filesystem::path& file);
void write_xlsx(ExportRun& run, const std::filesystem::path& file);
void write_json(ExportRun& run, const std::filesystem::path& file);

} // namespace chorus::exporting

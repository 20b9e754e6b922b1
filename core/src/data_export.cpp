// export_data: checks the options, picks the responses, runs one format's writer on a
// temporary file beside the output, renames it into place and audits the export.
#include "data_export_internal.hpp"

#include "chorus/error.hpp"
#include "chorus/progress.hpp"
#include "chorus/uuid.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <system_error>

namespace chorus {

namespace fs = std::filesystem;

std::string_view to_string(ExportFormat format)
{
    switch (format) {
    case ExportFormat::csv: return "csv";
    case ExportFormat::xlsx: return "xlsx";
    case ExportFormat::json: return "json";
    }
    return "json";
}

bool is_free_text(QuestionType type)
{
    return type == QuestionType::short_text || type == QuestionType::long_text;
}

namespace exporting {

namespace {

constexpr std::int64_t page_size = 1000;

std::string path_text(const fs::path& path)
{
    const auto text = path.u8string();
    return std::string(text.begin(), text.end());
}

std::vector<ExportedInstrument> selected_instruments(Store& store, const ExportOptions& options)
{
    const std::vector<InstrumentSummary> stored = store.list_instruments(); // by id then version
    std::vector<std::string> ids = options.instruments;
    if (ids.empty()) {
        for (const InstrumentSummary& summary : stored)
            if (ids.empty() || ids.back() != summary.id)
                ids.push_back(summary.id);
    }
    std::vector<ExportedInstrument> selected;
    for (const std::string& id : ids) {
        if (std::any_of(selected.begin(), selected.end(), [&](const auto& done) { return done.id == id; }))
            continue; // named twice
        ExportedInstrument instrument{id, {}, 0};
        for (const InstrumentSummary& summary : stored)
            if (summary.id == id)
                instrument.versions.push_back(store.instrument(id, summary.version));
        if (instrument.versions.empty())
            throw Error("instrument \"" + id + "\" is not in " + path_text(store.file()));
        selected.push_back(std::move(instrument));
    }
    if (options.format == ExportFormat::csv) {
        if (options.instruments.size() != 1)
            throw Error("a CSV export holds one instrument: name exactly one (" + std::to_string(options.instruments.size())
                        + " were named)");
        ExportedInstrument& only = selected.front();
        const int version = options.csv_version == 0 ? only.versions.back().version : options.csv_version;
        auto it = std::find_if(only.versions.begin(), only.versions.end(),
                               [&](const Instrument& stored_version) { return stored_version.version == version; });
        if (it == only.versions.end())
            throw Error("instrument \"" + only.id + "\" has no version " + std::to_string(version));
        only.versions = {*it};
        only.only_version = version;
    }
    return selected;
}

} // namespace

ExportRun::ExportRun(Store& store, const ExportOptions& options, Progress* progress)
    : store_(store), options_(options), progress_(progress), instruments_(selected_instruments(store, options))
{
    for (ExportedInstrument& instrument : instruments_) {
        if (instrument.only_version == 0) {
            instrument.responses = static_cast<std::uint64_t>(store_.count_responses(filter_for(instrument)));
        } else {
            // count_responses cannot filter by version; the list's summaries can, page by page.
            ResponseFilter filter = filter_for(instrument);
            filter.limit = page_size;
            for (;;) {
                const std::vector<ResponseSummary> page = store_.list_responses(filter);
                instrument.responses += static_cast<std::uint64_t>(
                    std::count_if(page.begin(), page.end(), [&](const auto& summary) {
                        return summary.instrument_version == instrument.only_version;
                    }));
                if (page.size() < static_cast<std::size_t>(page_size))
                    break;
                filter.after = page.back().position;
            }
        }
        total_ += instrument.responses;
    }
}

bool ExportRun::keeps(const Question& question) const
{
    if (question.type == QuestionType::note)
        return false;
    return !is_free_text(question.type) || options_.identifiable || options_.free_text;
}

std::vector<const Question*> ExportRun::kept_questions(const ExportedInstrument& instrument) const
{
    std::vector<const Question*> kept;
    for (const Instrument& version : instrument.versions)
        for (const Question& question : version.questions)
            if (keeps(question) && std::none_of(kept.begin(), kept.end(), [&](const Question* earlier) {
                    return earlier->key == question.key;
                }))
                kept.push_back(&question);
    return kept;
}

ResponseFilter ExportRun::filter_for(const ExportedInstrument& instrument) const
{
    ResponseFilter filter;
    filter.instrument_id = instrument.id;
    if (options_.period) {
        filter.captured_from = options_.period->first_day();
        filter.captured_to = options_.period->last_day();
    }
    return filter;
}

void ExportRun::for_each_response(const ExportedInstrument& instrument,
                                  const std::function<void(const Response&)>& each)
{
    ResponseFilter filter = filter_for(instrument);
    filter.limit = page_size;
    for (;;) {
        const std::vector<ResponseSummary> page = store_.list_responses(filter);
        for (const ResponseSummary& summary : page) {
            if (instrument.only_version != 0 && summary.instrument_version != instrument.only_version)
                continue;
            if (progress_ && done_ % 100 == 0) {
                if (progress_->cancelled())
                    throw Cancelled();
                progress_->update(done_, total_, "exporting " + instrument.id);
            }
            const std::optional<Response> response = store_.find_response(summary.uuid);
            if (!response)
                continue; // deleted since the page was read
            each(*response);
            ++done_;
        }
        if (page.size() < static_cast<std::size_t>(page_size))
            return;
        filter.after = page.back().position;
    }
}

std::string answer_text(const Answer& answer)
{
    struct Text {
        std::string operator()(const std::string& text) const { return text; }
        std::string operator()(const std::vector<std::string>& codes) const { return join(codes, ";"); }
        std::string operator()(std::int64_t number) const { return std::to_string(number); }
        std::string operator()(double number) const { return format_number(number); }
    };
    return std::visit(Text{}, answer);
}

} // namespace exporting

ExportSummary export_data(Store& store, const ExportOptions& options, const std::string& actor, Progress* progress)
{
    const fs::path out = options.out;
    const std::string name = exporting::path_text(out.filename());
    if (out.empty() || name.empty())
        throw Error("the export needs a file name");
    std::error_code error;
    if (fs::is_directory(out, error))
        throw Error(exporting::path_text(out) + " is a folder; give the export a file name");
    if (!options.overwrite && fs::exists(out, error))
        throw Error(exporting::path_text(out) + " already exists; choose another name or allow overwriting it");
    const fs::path folder = out.has_parent_path() ? out.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, error))
        throw Error("cannot export to " + exporting::path_text(out) + ": the folder "
                    + exporting::path_text(folder) + " does not exist");

    exporting::ExportRun run(store, options, progress);
    // Hidden, in the same folder (so the rename is atomic), and unique to this export.
    const fs::path temporary = folder / ("." + name + "." + new_uuid().substr(0, 8) + ".part");
    try {
        switch (options.format) {
        case ExportFormat::csv: exporting::write_csv(run, temporary); break;
        case ExportFormat::xlsx: exporting::write_xlsx(run, temporary); break;
        case ExportFormat::json: exporting::write_json(run, temporary); break;
        }
        if (progress && progress->cancelled())
            throw Cancelled();
    } catch (...) {
        fs::remove(temporary, error);
        throw;
    }

    ExportSummary summary;
    summary.responses = run.responses_written();
    for (const auto& instrument : run.instruments())
        summary.instruments += instrument.versions.size();
    if (options.format == ExportFormat::xlsx)
        summary.instruments = run.instrument_sheets;
    summary.measures = options.measures ? options.measures->results.size() : 0;
    summary.complaints = run.complaints_written;
    summary.compliments = run.compliments_written;
    std::string detail = "format " + std::string(to_string(options.format)) + "; "
                       + std::to_string(summary.responses) + " responses; "
                       + std::to_string(summary.instruments) + " instrument"
                       + (options.format == ExportFormat::xlsx ? " sheets" : " versions");
    if (options.measures)
        detail += "; " + std::to_string(summary.measures) + " measures";
    if (options.complaints && options.format == ExportFormat::json)
        detail += "; " + std::to_string(summary.complaints) + " complaints; " + std::to_string(summary.compliments)
                + " compliments";
    if (options.period)
        detail += "; period " + options.period->label();
    detail += std::string("; identifiable ") + (options.identifiable ? "yes" : "no");
    if (!options.identifiable)
        detail += std::string("; free text ") + (options.free_text ? "yes" : "no");
    try {
        // Audited before the file appears, so an export never exists unaudited.
        store.audit(actor, "export", name, detail);
        if (!options.overwrite && fs::exists(out, error))
            throw Error(exporting::path_text(out) + " was created by something else during the export; "
                                                    "nothing was replaced");
        fs::rename(temporary, out, error);
        if (error)
            throw Error("cannot save the export as " + exporting::path_text(out) + ": " + error.message());
    } catch (...) {
        fs::remove(temporary, error);
        throw;
    }
    return summary;
}

} // namespace chorus

// export (one function per format, chosen by --format) and import of a JSON export.
// The exports themselves are core's (chorus/data_export.hpp); this reads the options,
// computes a measure set's figures when asked, and shows progress that Ctrl+C cancels.
#include "commands.hpp"
#include "measures_report.hpp"
#include "table.hpp"
#include "terminal_progress.hpp"

#include "chorus/dates.hpp"
#include "chorus/data_export.hpp"
#include "chorus/measures.hpp"

#include <algorithm>
#include <csignal>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace chorus::cli {

namespace {

volatile std::sig_atomic_t interrupted = 0;

extern "C" void note_interrupt(int) { interrupted = 1; }

// Terminal progress that Ctrl+C cancels, so an interrupted export removes its temporary
// file instead of leaving it behind. The previous handler comes back at the end.
class InterruptibleProgress : public Progress {
public:
    InterruptibleProgress(Context& context, std::string what)
        : line_(context.err(), stderr_is_terminal(), std::move(what))
    {
        interrupted = 0;
        previous_ = std::signal(SIGINT, note_interrupt);
    }
    ~InterruptibleProgress() override { std::signal(SIGINT, previous_ == SIG_ERR ? SIG_DFL : previous_); }
    InterruptibleProgress(const InterruptibleProgress&) = delete;
    InterruptibleProgress& operator=(const InterruptibleProgress&) = delete;

    void update(std::uint64_t done, std::uint64_t total, std::string_view stage) override
    {
        line_.update(done, total, stage);
    }
    bool cancelled() const override { return interrupted != 0; }
    void finish() { line_.finish(); }

private:
    TerminalProgress line_;
    void (*previous_)(int) = SIG_DFL;
};

struct ExportRequest {
    ExportOptions options;
    std::optional<MeasureSet> set; // --set, its minimum bases raised to --threshold
    std::string set_file;
};

void refuse_option(const Arguments& arguments, std::string_view option, std::string_view format,
                   std::string_view why)
{
    if (arguments.has(option))
        throw UsageError("--" + std::string(option) + " does not apply to --format " + std::string(format) + ": "
                         + std::string(why));
}

void read_set(const Arguments& arguments, ExportRequest& request)
{
    const auto file = arguments.value("set");
    if (!file)
        return;
    request.set_file = *file;
    request.set = load_measure_set(*file);
    // --threshold can only make suppression stricter than the set's own minimum bases.
    const std::int64_t threshold = arguments.integer("threshold", 1, 1000000).value_or(5);
    for (MeasureDefinition& measure : request.set->measures)
        measure.minimum_base = std::max(measure.minimum_base, threshold);
}

// One function per format: what it takes from the command line beyond the shared options.
void csv_options(const Arguments& arguments, ExportRequest& request)
{
    refuse_option(arguments, "set", "csv", "measures are exported by xlsx and json");
    if (arguments.values("instrument").size() != 1)
        throw UsageError("a CSV export holds one instrument: name exactly one with --instrument ID");
    request.options.format = ExportFormat::csv;
    request.options.csv_version = instrument_version_option(arguments);
    request.options.bom = arguments.has("bom");
}

void xlsx_options(const Arguments& arguments, ExportRequest& request)
{
    refuse_option(arguments, "bom", "xlsx", "a byte order mark is for CSV files");
    refuse_option(arguments, "version", "xlsx", "each sheet holds every version of its instrument");
    request.options.format = ExportFormat::xlsx;
    read_set(arguments, request);
}

void json_options(const Arguments& arguments, ExportRequest& request)
{
    refuse_option(arguments, "bom", "json", "a byte order mark is for CSV files");
    refuse_option(arguments, "version", "json", "a JSON export holds every version");
    request.options.format = ExportFormat::json;
    // Everything means the complaints log too; --instrument asks for responses only.
    request.options.complaints = !arguments.has("instrument");
    read_set(arguments, request);
}

struct FormatEntry {
    std::string_view name;
    void (*read_options)(const Arguments&, ExportRequest&);
};

constexpr FormatEntry formats[] = {{"csv", csv_options}, {"xlsx", xlsx_options}, {"json", json_options}};

// "csv, xlsx or json"
std::string format_names()
{
    std::string names;
    const std::size_t count = std::size(formats);
    for (std::size_t i = 0; i < count; ++i)
        names += (i == 0 ? "" : i + 1 == count ? " or " : ", ") + std::string(formats[i].name);
    return names;
}

} // namespace

int export_command(const Arguments& arguments, Context& context)
{
    const std::string format = arguments.required("format");
    const auto entry = std::find_if(std::begin(formats), std::end(formats),
                                    [&](const FormatEntry& known) { return known.name == format; });
    if (entry == std::end(formats))
        throw UsageError("--format: unknown format \"" + format + "\"; use " + format_names());

    // Every usage mistake is reported before the database is opened.
    ExportRequest request;
    ExportOptions& options = request.options;
    options.out = arguments.required("out");
    options.instruments = arguments.values("instrument");
    options.identifiable = arguments.has("identifiable");
    options.free_text = arguments.has("free-text");
    options.overwrite = arguments.has("force");
    if (const auto period = arguments.value("period")) {
        options.period = parse_period(*period);
        if (!options.period)
            throw UsageError("--period: \"" + *period
                             + "\" is not a period; use a quarter of the financial year (2025-Q3), a month "
                               "(2025-12), a half year (2025-H1) or a financial year (FY2025-26)");
    }
    arguments.integer("threshold", 1, 1000000); // a bad value is a usage error with or without --set
    entry->read_options(arguments, request);
    std::error_code error;
    if (!options.overwrite && std::filesystem::exists(options.out, error))
        throw Error(options.out.string() + " already exists; use --force to replace it");

    ExportSummary summary;
    {
        InterruptibleProgress progress(context, "exporting");
        std::optional<ExportedMeasures> measures;
        if (request.set) {
            const Period period = report_period(arguments, local_date());
            measures = ExportedMeasures{std::filesystem::path(request.set_file).filename().string(), period,
                                        compute_measures(context, *request.set, request.set_file, period, &progress)};
            options.measures = &*measures;
        }
        try {
            summary = export_data(context.store(), options, context.actor(), &progress);
        } catch (const Cancelled&) {
            throw Error("export cancelled; no file was written");
        }
        progress.finish(); // ends the progress line before the result is printed
    }
    std::vector<std::string> parts{count_noun(static_cast<std::int64_t>(summary.responses), "response", "responses")};
    if (options.complaints) {
        parts.push_back(count_noun(static_cast<std::int64_t>(summary.complaints), "complaint", "complaints"));
        parts.push_back(count_noun(static_cast<std::int64_t>(summary.compliments), "compliment", "compliments"));
    }
    if (options.measures)
        parts.push_back(count_noun(static_cast<std::int64_t>(summary.measures), "measure", "measures"));
    std::string what = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i)
        what += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
    context.out() << "exported " << what
                  << " to " << options.out.string() << " (" << format << ", "
                  << (options.identifiable ? "identifiable: audited"
                      : options.free_text  ? "anonymised, with free text"
                                           : "anonymised")
                  << ")\n";
    return 0;
}

int import_command(const Arguments& arguments, Context& context)
{
    const std::filesystem::path file = arguments.operands().front();
    const bool dry_run = arguments.has("dry-run");
    JsonImportSummary summary;
    {
        InterruptibleProgress progress(context, dry_run ? "checking" : "importing");
        try {
            summary = import_json_export(context.store(), file, context.actor(), dry_run, &progress);
        } catch (const Cancelled&) {
            throw Error("import cancelled; nothing was imported");
        }
        progress.finish();
    }
    context.out() << (dry_run ? "would import " : "imported ") << file.filename().string() << ": "
                  << count_noun(static_cast<std::int64_t>(summary.instruments_added), "instrument version",
                                "instrument versions")
                  << " added (" << summary.instruments_unchanged << " already stored), "
                  << count_noun(static_cast<std::int64_t>(summary.responses_added), "response", "responses")
                  << " added (" << summary.responses_skipped << " already stored)";
    if (summary.complaints_added + summary.complaints_skipped + summary.compliments_added + summary.compliments_skipped > 0)
        context.out() << ", "
                      << count_noun(static_cast<std::int64_t>(summary.complaints_added), "complaint", "complaints")
                      << " added (" << summary.complaints_skipped << " already stored), "
                      << count_noun(static_cast<std::int64_t>(summary.compliments_added), "compliment", "compliments")
                      << " added (" << summary.compliments_skipped << " already stored)";
    context.out() << (dry_run ? "; nothing stored" : "") << '\n';
    return 0;
}

} // namespace chorus::cli

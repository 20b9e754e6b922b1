// export --format html|pdf: the plan report. Ctrl+C cancels it like the app's Cancel button:
// the report is written to a temporary file that is removed, so no partial file is left.
#include "export_report.hpp"

#include "complaints_plugin.hpp"
#include "measures_report.hpp"
#include "terminal_progress.hpp"

#include "chorus/measures.hpp"

#include <atomic>
#include <csignal>
#include <ostream>

namespace chorus::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int)
{
    interrupted = true;
}

// Progress on the terminal that reports Ctrl+C as a cancel, for as long as it lives.
class InterruptibleProgress : public TerminalProgress {
public:
    using TerminalProgress::TerminalProgress;
    bool cancelled() const override { return interrupted; }
};

class InterruptHandler {
public:
    InterruptHandler() : previous_(std::signal(SIGINT, on_interrupt)) { interrupted = false; }
    ~InterruptHandler() { std::signal(SIGINT, previous_); }
    InterruptHandler(const InterruptHandler&) = delete;
    InterruptHandler& operator=(const InterruptHandler&) = delete;

private:
    void (*previous_)(int);
};

} // namespace

ReportExportArguments report_export_arguments(const Arguments& arguments)
{
    ReportExportArguments result;
    const std::string format = arguments.required("format");
    const auto parsed = report_format_from_string(format);
    if (!parsed)
        throw UsageError("--format: \"" + format + "\" is not a report format; use html or pdf");
    result.format = *parsed;
    // The data export's options, for when both share the `export` command: a report is always
    // anonymised and has one instrument at most.
    for (std::string_view option : {"identifiable", "free-text", "bom", "version"})
        if (arguments.has(option))
            throw UsageError("--" + std::string(option) + " does not apply to --format " + format
                             + ": a report is anonymised, with only the quotes a lead chose");
    if (arguments.values("instrument").size() > 1)
        throw UsageError("--instrument: a report takes one instrument, or none for every instrument");
    result.out = arguments.required("out");
    result.period = report_period(arguments, today_option(arguments));
    if (const auto set = arguments.value("set"))
        result.set = *set;
    result.threshold = arguments.integer("threshold", 1, 1000).value_or(default_disclosure_threshold);
    result.force = arguments.has("force");
    result.instrument = arguments.value_or("instrument", "");
    return result;
}

int export_report(Context& context, const ReportExportArguments& arguments)
{
    ReportOptions options;
    options.period = arguments.period;
    options.threshold = arguments.threshold;
    options.instrument = arguments.instrument;
    if (arguments.set)
        options.measures = load_measure_set(*arguments.set);

    // The complaints section needs the plugin; without it the report says so, unless the
    // measure set itself counts complaints.
    std::optional<ComplaintsPlugin> plugin;
    try {
        plugin.emplace(complaints_plugin(context));
    } catch (const ListedError& error) {
        if (options.measures && counts_complaints(*options.measures))
            throw ListedError("measure set " + arguments.set->string()
                                  + " has complaints measures, which need the complaints plugin; " + error.what(),
                              error.details());
        context.err() << "chorus-cli: the complaints plugin is not loaded; the report has no complaints figures\n";
    }
    if (plugin) {
        options.complaints = &plugin->procedure();
        options.complaint_codes = &plugin->vocabularies();
    }

    Store& store = context.store();
    try {
        InterruptHandler handler;
        InterruptibleProgress progress(context.err(), stderr_is_terminal(), "writing the report");
        write_report(store, options, arguments.format, arguments.out, &progress, arguments.force);
    } catch (const Cancelled&) {
        context.err() << "chorus-cli: export cancelled; no file was written\n";
        return 1;
    }
    context.out() << "wrote " << arguments.out.string() << '\n';
    return 0;
}

} // namespace chorus::cli

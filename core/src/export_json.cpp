// JSON export (docs/cli.md, "JSON export"): the instrument versions, then one response per
// line, streamed so a million responses never sit in memory at once; then the measures.
// The same data always gives the same bytes (no export time in the file: the audit log has it).
#include "data_export_internal.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/error.hpp"
#include "chorus/instrument_json.hpp"
#include "complaints_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <tuple>

namespace chorus::exporting {

namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson answer_json(const Answer& answer)
{
    return std::visit([](const auto& value) { return OrderedJson(value); }, answer);
}

OrderedJson response_json(const ExportRun& run, const Instrument& version, const Response& response)
{
    OrderedJson item{{"uuid", response.uuid},
                     {"instrument", response.instrument_id},
                     {"version", response.instrument_version},
                     {"captured_at", response.captured_at}};
    if (run.options().identifiable)
        item["captured_by"] = response.captured_by;
    item["team"] = response.team;
    item["respondent_type"] = response.respondent_type;
    OrderedJson answers = OrderedJson::object();
    for (const auto& [key, answer] : response.answers) {
        const Question* question = version.find_question(key);
        if (question != nullptr && run.keeps(*question))
            answers[key] = answer_json(answer);
    }
    item["answers"] = std::move(answers);
    return item;
}

// A suppressed figure keeps only its period and "c": never its base or counts.
OrderedJson figures_json(const MeasureDefinition& measure, const MeasureFigures& figures)
{
    OrderedJson item{{"period", figures.period.label()}, {"shown", display_value(measure, figures)}};
    if (figures.suppressed) {
        item["suppressed"] = true;
        return item;
    }
    item["suppressed"] = false;
    item["value"] = figures.value ? OrderedJson(*figures.value) : OrderedJson(nullptr);
    item["base"] = figures.base;
    if (!measure.is_count())
        item["positive"] = figures.positive;
    return item;
}

OrderedJson measures_json(const ExportedMeasures& measures)
{
    OrderedJson results = OrderedJson::array();
    for (const MeasureResult& result : measures.results) {
        const MeasureDefinition& measure = *result.measure;
        results.push_back({{"id", measure.id},
                           {"title", measure.title},
                           {"plan_area", measure.plan_area},
                           {"kind", measure.is_count() ? "count" : "percentage"},
                           {"minimum_base", measure.minimum_base},
                           {"target", measure.target ? OrderedJson(*measure.target) : OrderedJson(nullptr)},
                           {"current", figures_json(measure, result.current)},
                           {"previous", figures_json(measure, result.previous)},
                           {"year_before", figures_json(measure, result.year_before)},
                           {"rag", to_string(result.rag)},
                           {"against_previous", to_string(result.against_previous)},
                           {"against_year_before", to_string(result.against_year_before)}});
    }
    return {{"set", measures.set_name}, {"period", measures.period.label()}, {"results", std::move(results)}};
}

const Instrument& version_of(const ExportedInstrument& instrument, int version)
{
    for (const Instrument& stored : instrument.versions)
        if (stored.version == version)
            return stored;
    throw Error("response to " + instrument.id + " version " + std::to_string(version)
                + ", which is not stored"); // list_instruments and the responses disagree
}

// The log received in the period, by date received then uuid: the order is the same in any
// database the file is imported into (the register's order also depends on when each was recorded).
void write_complaints(ExportRun& run, std::ostream& out)
{
    const ExportOptions& options = run.options();
    ComplaintLog log(run.store());
    ComplaintFilter complaints_filter;
    ComplimentFilter compliments_filter;
    if (options.period) {
        complaints_filter.received_from = compliments_filter.received_from = options.period->first_day();
        complaints_filter.received_to = compliments_filter.received_to = options.period->last_day();
    }
    std::vector<Complaint> complaints = log.list(complaints_filter);
    std::sort(complaints.begin(), complaints.end(), [](const Complaint& a, const Complaint& b) {
        return std::tie(a.received, a.uuid) < std::tie(b.received, b.uuid);
    });
    out << ",\n  \"complaints\": [";
    for (std::size_t i = 0; i < complaints.size(); ++i)
        out << (i == 0 ? "\n    " : ",\n    ")
            << complaint_json(complaints[i], options.identifiable, options.free_text).dump();
    out << (complaints.empty() ? "]" : "\n  ]");
    std::vector<Compliment> compliments = log.list_compliments(compliments_filter);
    std::sort(compliments.begin(), compliments.end(), [](const Compliment& a, const Compliment& b) {
        return std::tie(a.received, a.uuid) < std::tie(b.received, b.uuid);
    });
    out << ",\n  \"compliments\": [";
    for (std::size_t i = 0; i < compliments.size(); ++i)
        out << (i == 0 ? "\n    " : ",\n    ")
            << compliment_json(compliments[i], options.identifiable, options.free_text).dump();
    out << (compliments.empty() ? "]" : "\n  ]");
    run.complaints_written = complaints.size();
    run.compliments_written = compliments.size();
}

} // namespace

void write_json(ExportRun& run, const std::filesystem::path& file)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error("cannot write " + file.parent_path().string() + ": the folder is not writable");
    const ExportOptions& options = run.options();
    out << "{\n  \"format\": \"chorus-export\",\n  \"format_version\": 1,\n"
        << "  \"identifiable\": " << (options.identifiable ? "true" : "false") << ",\n"
        << "  \"free_text\": " << (options.identifiable || options.free_text ? "true" : "false") << ",\n"
        << "  \"period\": " << (options.period ? OrderedJson(options.period->label()) : OrderedJson(nullptr)).dump()
        << ",\n  \"instruments\": [";
    bool first = true;
    for (const ExportedInstrument& instrument : run.instruments())
        for (const Instrument& version : instrument.versions) {
            out << (first ? "\n    " : ",\n    ") << OrderedJson::parse(instrument_to_json(version)).dump();
            first = false;
        }
    out << "\n  ],\n  \"responses\": [";
    first = true;
    for (const ExportedInstrument& instrument : run.instruments())
        run.for_each_response(instrument, [&](const Response& response) {
            out << (first ? "\n    " : ",\n    ")
                << response_json(run, version_of(instrument, response.instrument_version), response).dump();
            first = false;
        });
    out << "\n  ]";
    if (options.complaints)
        write_complaints(run, out);
    if (options.measures)
        out << ",\n  \"measures\": " << measures_json(*options.measures).dump(2);
    out << "\n}\n";
    out.close();
    if (!out)
        throw Error("cannot write the export beside " + file.parent_path().string() + " (is the disk full?)");
}

} // namespace chorus::exporting

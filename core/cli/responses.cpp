// responses add | list | import
#include "answers_json.hpp"
#include "commands.hpp"
#include "table.hpp"
#include "terminal_progress.hpp"

#include "chorus/dates.hpp"
#include "chorus/response_import.hpp"
#include "chorus/uuid.hpp"

#include <limits>
#include <ostream>

namespace chorus::cli {

int responses_add(const Arguments& arguments, Context& context)
{
    // Every usage mistake is reported before the database is opened.
    const auto instrument_id = arguments.required("instrument");
    const auto answers_file = arguments.required("answers");
    const int version = instrument_version_option(arguments);
    std::string captured_at;
    if (auto given = arguments.value("captured-at")) {
        auto normalised = normalise_timestamp(*given);
        if (!normalised)
            throw UsageError("--captured-at: expected a date and time such as "
                             "2024-05-01T14:30Z or 2024-05-01, got \"" + *given + "\"");
        captured_at = *normalised;
    } else {
        captured_at = utc_now();
    }

    Store& store = context.store();
    const auto instrument = store.instrument(instrument_id, version);
    Response response;
    response.uuid = new_uuid();
    response.instrument_id = instrument.id;
    response.instrument_version = instrument.version;
    response.captured_at = captured_at;
    response.captured_by = arguments.value_or("captured-by", context.actor());
    response.team = arguments.value_or("team", "");
    response.respondent_type = arguments.value_or("respondent-type", "");
    response.answers = read_answers_file(answers_file, instrument);

    if (arguments.has("draft")) {
        store.save_draft(response, context.actor());
        context.out() << "saved draft " << response.uuid << '\n';
    } else {
        store.add_response(response, context.actor());
        context.out() << "saved response " << response.uuid << '\n';
    }
    return 0;
}

int responses_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    ResponseFilter filter;
    filter.instrument_id = arguments.value_or("instrument", "");
    filter.limit =
        arguments.integer("limit", 0, std::numeric_limits<std::int64_t>::max()).value_or(-1);
    const auto responses = context.store().list_responses(filter);

    if (format == "json") {
        auto list = OrderedJson::array();
        for (const auto& response : responses)
            list.push_back({{"uuid", response.uuid},
                            {"instrument", response.instrument_id},
                            {"version", response.instrument_version},
                            {"captured_at", response.captured_at},
                            {"captured_by", response.captured_by},
                            {"team", response.team},
                            {"respondent_type", response.respondent_type}});
        print_json(context.out(), list);
        return 0;
    }
    if (responses.empty()) {
        context.out() << "No responses"
                      << (filter.instrument_id.empty() ? "" : " to " + filter.instrument_id)
                      << ".\n";
        return 0;
    }
    Table table({{"UUID"},
                 {"Instrument"},
                 {"Version", Align::right},
                 {"Captured at"},
                 {"Team"},
                 {"Respondent type"}});
    for (const auto& response : responses)
        table.add_row({response.uuid, response.instrument_id,
                       std::to_string(response.instrument_version), response.captured_at,
                       response.team, response.respondent_type});
    table.print(context.out());
    return 0;
}

int responses_import(const Arguments& arguments, Context& context)
{
    const std::filesystem::path file = arguments.operands().front();
    const auto instrument_id = arguments.required("instrument");
    const int version = instrument_version_option(arguments);

    Store& store = context.store();
    // Resolved here so the message can name the version "latest" turned out to be.
    const auto instrument = store.instrument(instrument_id, version);
    CsvImportOptions options;
    options.instrument_id = instrument.id;
    options.instrument_version = instrument.version;
    options.captured_by = arguments.value_or("captured-by", context.actor());
    options.team = arguments.value_or("team", "");
    options.respondent_type = arguments.value_or("respondent-type", "");

    std::size_t imported = 0;
    {
        TerminalProgress progress(context.err(), stderr_is_terminal(), "importing");
        imported = import_responses_csv(store, file, options, context.actor(), &progress);
    } // ends the progress line before the result is printed
    context.out() << "imported "
                  << count_noun(static_cast<std::int64_t>(imported), "response", "responses")
                  << " into " << instrument.id << " version " << instrument.version << '\n';
    return 0;
}

} // namespace chorus::cli

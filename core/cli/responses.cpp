// responses add | list | import
#include "answers_json.hpp"
#include "commands.hpp"
#include "table.hpp"
#include "terminal_progress.hpp"

#include "chorus/dates.hpp"
#include "chorus/instrument.hpp"
#include "chorus/response_import.hpp"
#include "chorus/response_mapping.hpp"
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

namespace {

// "A" for 0, "AA" for 26: columns as a spreadsheet names them.
std::string column_letters(std::size_t index)
{
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

// The mapping the import will use: automatic, then the mapping file, then each --map.
ColumnMapping import_mapping(const Arguments& arguments, const Instrument& instrument, const ImportSample& sample)
{
    ColumnMapping mapping = auto_map(instrument, sample.headers, sample.rows);
    if (auto file = arguments.value("mapping"))
        apply_mapping_file(mapping, instrument, *file);
    for (const auto& text : arguments.values("map")) {
        try {
            apply_mapping_override(mapping, instrument, text);
        } catch (const Error& error) {
            throw UsageError(std::string("--map ") + error.what());
        }
    }
    return mapping;
}

void print_mapping(std::ostream& out, const ColumnMapping& mapping, const Instrument& instrument,
                   const ImportSample& sample)
{
    Table table({{"Column"}, {"Header"}, {"Imported as"}, {"Matched by"}, {"Note"}});
    for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
        const auto& column = mapping.columns[i];
        if (column.header.empty())
            continue;
        const std::string target = target_name(column);
        table.add_row({sample.sheet.empty() ? std::to_string(i + 1) : column_letters(i), column.header,
                       target.empty() ? "(ignore)" : target, std::string(to_string(column.matched_by)), column.note});
    }
    table.print(out);
    const auto unmapped = mapping.unmapped_questions(instrument);
    if (!unmapped.empty()) {
        out << "Questions no column answers:";
        for (const auto& key : unmapped)
            out << ' ' << key;
        out << '\n';
    }
    for (const auto& note : mapping.notes)
        out << "Note: " << note << '\n';
}

void print_preview(std::ostream& out, const ImportPreview& preview)
{
    out << count_noun(static_cast<std::int64_t>(preview.rows), "row", "rows") << ": "
        << preview.would_import() << " would be imported";
    if (preview.already_imported > 0)
        out << ", " << preview.already_imported << " already imported (skipped)";
    out << "; nothing stored (dry run)\n";
    for (const auto& row : preview.first_rows) {
        out << (preview.sheet.empty() ? "line " : "row ") << row.line << ":";
        for (const auto& [key, value] : row.values)
            out << ' ' << key << '=' << value;
        out << '\n';
    }
    if (!preview.summary.empty())
        out << preview.summary << '\n';
    for (const auto& problem : preview.problems)
        out << "  " << problem.to_string() << '\n';
}

} // namespace

int responses_import(const Arguments& arguments, Context& context)
{
    const std::filesystem::path file = arguments.operands().front();
    const auto instrument_id = arguments.required("instrument");
    const int version = instrument_version_option(arguments);
    const std::string sheet = arguments.value_or("sheet", "");
    if (!sheet.empty() && !is_xlsx_file(file))
        throw UsageError("--sheet is for .xlsx files");

    Store& store = context.store();
    // Resolved here so the message can name the version "latest" turned out to be.
    const auto instrument = store.instrument(instrument_id, version);
    const ImportSample sample = read_import_sample(file, sheet);
    ResponseImportOptions options;
    options.instrument_id = instrument.id;
    options.instrument_version = instrument.version;
    options.captured_by = arguments.value_or("captured-by", context.actor());
    options.team = arguments.value_or("team", "");
    options.respondent_type = arguments.value_or("respondent-type", "");
    options.sheet = sample.sheet;
    options.mapping = import_mapping(arguments, instrument, sample);
    if (auto saved = arguments.value("save-mapping")) {
        save_mapping_file(*options.mapping, instrument.id, *saved);
        context.err() << "saved the column mapping to " << *saved << '\n';
    }

    if (arguments.has("dry-run")) {
        ImportPreview preview;
        {
            TerminalProgress progress(context.err(), stderr_is_terminal(), "checking");
            preview = preview_response_import(store, file, options, 10, &progress);
        }
        context.out() << "Columns of " << file.filename().string()
                      << (sample.sheet.empty() ? "" : " (sheet " + sample.sheet + ")") << " for " << instrument.id
                      << " version " << instrument.version << ":\n";
        print_mapping(context.out(), *options.mapping, instrument, sample);
        context.out() << '\n';
        print_preview(context.out(), preview);
        return preview.problem_count > 0 ? 1 : 0;
    }

    for (const auto& column : options.mapping->columns)
        if (!column.note.empty())
            context.err() << "warning: column \"" << column.header << "\": " << column.note << '\n';
    ResponseImportResult result;
    {
        TerminalProgress progress(context.err(), stderr_is_terminal(), "importing");
        result = import_responses(store, file, options, context.actor(), &progress);
    } // ends the progress line before the result is printed
    context.out() << "imported "
                  << count_noun(static_cast<std::int64_t>(result.imported), "response", "responses")
                  << " into " << instrument.id << " version " << instrument.version;
    if (result.already_imported > 0)
        context.out() << "; " << result.already_imported << " already imported, skipped";
    context.out() << '\n';
    return 0;
}

} // namespace chorus::cli

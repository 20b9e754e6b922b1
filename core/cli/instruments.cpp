// instruments list | show | import
#include "commands.hpp"
#include "problems.hpp"
#include "table.hpp"

#include "chorus/definition_import.hpp"
#include "chorus/instrument_json.hpp"

#include <ostream>
#include <sstream>

namespace chorus::cli {

namespace {

std::string format_number(double value)
{
    std::ostringstream text;
    text.precision(15);
    text << value;
    return text.str();
}

std::string join(const std::vector<std::string>& items, std::string_view separator)
{
    std::string joined;
    for (const auto& item : items)
        joined += (joined.empty() ? "" : std::string(separator)) + item;
    return joined;
}

void print_question(std::ostream& out, std::size_t number, const Question& question)
{
    out << "  " << number << ". " << question.key << " (" << to_string(question.type)
        << (question.required ? ", required" : "") << ") " << question.label << '\n';
    const std::string detail_indent(7, ' ');
    if (question.type == QuestionType::rating_0_10) {
        // Eleven generated options "0".."10" say less than the end labels.
        out << detail_indent << "0 to 10";
        if (!question.min_label.empty() || !question.max_label.empty())
            out << ": 0 = " << question.min_label << ", 10 = " << question.max_label;
        out << '\n';
    } else {
        for (const auto& option : question.options)
            out << detail_indent << option.code << " = " << option.label << '\n';
    }
    if (question.min || question.max)
        out << detail_indent << "range: " << (question.min ? format_number(*question.min) : "any")
            << " to " << (question.max ? format_number(*question.max) : "any") << '\n';
    if (!question.relevant.empty())
        out << detail_indent << "shown when: " << question.relevant << '\n';
}

void print_instrument_text(std::ostream& out, const Instrument& instrument)
{
    out << instrument.title << '\n'
        << "  id:       " << instrument.id << '\n'
        << "  version:  " << instrument.version << '\n'
        << "  plugin:   " << (instrument.plugin.empty() ? "(none)" : instrument.plugin) << '\n';
    if (!instrument.respondent_types.empty())
        out << "  answered by: " << join(instrument.respondent_types, ", ") << '\n';
    if (!instrument.description.empty())
        out << "  " << instrument.description << '\n';
    out << '\n';
    for (std::size_t i = 0; i < instrument.questions.size(); ++i)
        print_question(out, i + 1, instrument.questions[i]);
}

} // namespace

void print_instruments_table(std::ostream& out, const std::vector<InstrumentSummary>& instruments)
{
    Table table({{"ID"},
                 {"Version", Align::right},
                 {"Title"},
                 {"Plugin"},
                 {"Responses", Align::right}});
    for (const auto& instrument : instruments)
        table.add_row({instrument.id, std::to_string(instrument.version), instrument.title,
                       instrument.plugin, std::to_string(instrument.responses)});
    table.print(out);
}

int instruments_list(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"table", "json"}, "table");
    const auto instruments = context.store().list_instruments();
    if (format == "json") {
        auto list = OrderedJson::array();
        for (const auto& instrument : instruments)
            list.push_back({{"id", instrument.id},
                            {"version", instrument.version},
                            {"title", instrument.title},
                            {"plugin", instrument.plugin},
                            {"stored_at", instrument.stored_at},
                            {"responses", instrument.responses}});
        print_json(context.out(), list);
    } else if (instruments.empty()) {
        context.out() << "No instruments stored. Import one with chorus-cli instruments import "
                         "FILE, or try chorus-cli demo.\n";
    } else {
        print_instruments_table(context.out(), instruments);
    }
    return 0;
}

int instruments_show(const Arguments& arguments, Context& context)
{
    const auto format = arguments.choice("format", {"text", "json"}, "text");
    const int version = instrument_version_option(arguments);
    const auto instrument = context.store().instrument(arguments.operands().front(), version);
    if (format == "json") {
        std::string json = instrument_to_json(instrument);
        context.out() << json << (json.empty() || json.back() != '\n' ? "\n" : "");
    } else {
        print_instrument_text(context.out(), instrument);
    }
    return 0;
}

int instruments_import(const Arguments& arguments, Context& context)
{
    const bool dry_run = arguments.has("dry-run");
    // In order, one at a time: a bad file stops the run, and the files before it
    // stay imported (each add is its own transaction).
    for (const auto& file : arguments.operands()) {
        const auto imported = import_definition_file(file);
        // What another tool's file lost in conversion; the import goes on.
        for (const auto& line : describe(imported.warnings))
            context.err() << "warning: " << line << '\n';
        const auto& instrument = imported.instrument;
        const std::string name = instrument.id + " version " + std::to_string(instrument.version);
        if (dry_run) {
            const auto count = instrument.questions.size();
            context.out() << "would import " << name << " (" << count << (count == 1 ? " question" : " questions")
                          << "; nothing stored)\n";
            print_instrument_text(context.out(), instrument);
            continue;
        }
        const auto outcome = context.store().add_instrument(instrument, context.actor());
        if (outcome == AddOutcome::added)
            context.out() << "added " << name << '\n';
        else
            context.out() << "unchanged " << name << " (already stored)\n";
        context.out().flush(); // shows progress before a later file fails
    }
    return 0;
}

} // namespace chorus::cli

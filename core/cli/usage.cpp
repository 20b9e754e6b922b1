// The command table and the usage text generated from it, so --help can never
// disagree with what the parser accepts.
#include "commands.hpp"
#include "export_report.hpp"

#include "chorus/paths.hpp"

#include <cstdint>
#include <cstdlib>
#include <ostream>

namespace chorus::cli {

namespace {

constexpr std::size_t any_number = SIZE_MAX;

OptionSpec required_option(std::string_view name, std::string_view value_name,
                           std::string_view help)
{
    return {name, value_name, help, false, true};
}

OptionSpec optional_option(std::string_view name, std::string_view value_name,
                           std::string_view help)
{
    return {name, value_name, help, false, false};
}

OptionSpec flag(std::string_view name, std::string_view help)
{
    return {name, {}, help, false, false};
}

struct Operands {
    std::string_view text; // e.g. "FILE..."
    std::size_t min = 0;
    std::size_t max = 0;
};

constexpr Operands no_operands{"", 0, 0};

Command command(std::vector<std::string_view> words, Operands operands,
                std::string_view summary, std::vector<OptionSpec> options, CommandFunction run)
{
    return {{std::move(words), operands.text, operands.min, operands.max, summary,
             std::move(options)},
            run};
}

// Options shared by the commands that attach metadata to responses.
std::vector<OptionSpec> response_metadata_options(std::vector<OptionSpec> options)
{
    options.push_back(optional_option("version", "N",
                                      "instrument version (default: the latest)"));
    options.push_back(optional_option("team", "TEAM", "team or locality"));
    options.push_back(optional_option("respondent-type", "TYPE",
                                      "who answered: child, young_person, parent, carer, ..."));
    options.push_back(optional_option("captured-by", "WHO",
                                      "the worker who captured it (default: you)"));
    return options;
}

OptionSpec repeatable_option(std::string_view name, std::string_view value_name, std::string_view help,
                             bool required = false)
{
    return {name, value_name, help, true, required};
}

// The complaints register, compliments and closure days (complaints.cpp, complaint_changes.cpp,
// compliments.cpp); all but closure days need the complaints plugin.
void add_complaint_commands(std::vector<Command>& table)
{
    const auto format = optional_option("format", "table|json", "output format (default: table)");
    const auto today = optional_option("today", "DATE", "count status to this day (default: today)");
    const Operands complaint{"ID", 1, 1};
    const Operands date{"DATE", 1, 1};
    table.push_back(command(
        {"complaints", "list"}, no_operands,
        "The register: stage, next due date, working days left or overdue, outcome.",
        {flag("open", "only open complaints"), optional_option("from", "DATE", "received on or after DATE"),
         optional_option("to", "DATE", "received on or before DATE"),
         optional_option("procedure", "statutory|corporate", "only this procedure"), today,
         optional_option("limit", "N", "at most N complaints"), format},
        complaints_list));
    table.push_back(command({"complaints", "show"}, complaint,
                            "Every detail of one complaint (ID: uuid, uuid start or case reference).",
                            {today}, complaints_show));
    table.push_back(command(
        {"complaints", "add"}, no_operands, "Record a new complaint; prints its uuid and first due date.",
        {required_option("received", "DATE", "the day it was received"),
         required_option("complainant-type", "CODE", "who complained: parent, young_person, ..."),
         required_option("service-area", "CODE", "e.g. children_in_need"),
         repeatable_option("point", "TEXT", "a point of complaint (repeat for each)", true),
         optional_option("procedure", "CODE", "statutory (default) or corporate"),
         optional_option("reference", "REF", "the council's case reference"),
         optional_option("became-aware", "DATE", "when the complainant became aware of the matter"),
         optional_option("team", "TEAM", "team or locality"),
         repeatable_option("theme", "CODE", "a theme, e.g. communication (repeat for each)"),
         flag("advocate-offered", "an advocate was offered")},
        complaints_add));
    table.push_back(command({"complaints", "escalate"}, complaint,
                            "Move a complaint to its next stage, requested on DATE.",
                            {required_option("date", "DATE", "the day the next stage was requested")},
                            complaints_escalate));
    table.push_back(command({"complaints", "respond"}, complaint,
                            "Record a milestone of the current stage (default: the response).",
                            {required_option("date", "DATE", "the day it happened"),
                             optional_option("milestone", "CODE",
                                             "responded (default), panel_held or report_sent")},
                            complaints_respond));
    table.push_back(command({"complaints", "extend"}, complaint,
                            "Extend the current stage (complex stage 1: 20 days; stage 2: up to 65).",
                            {required_option("reason", "TEXT", "why it needs longer")}, complaints_extend));
    table.push_back(command({"complaints", "outcome"}, complaint,
                            "Record the outcome of one point at the current stage.",
                            {required_option("point", "N", "the point's number, from 1"),
                             required_option("outcome", "CODE", "upheld, partially_upheld, not_upheld, ...")},
                            complaints_outcome));
    table.push_back(command({"complaints", "learning"}, complaint, "Add a learning action (\"you said, we did\").",
                            {required_option("action", "TEXT", "what will change"),
                             required_option("owner", "ROLE", "the role or team responsible, not a name"),
                             optional_option("due", "DATE", "when it should be done")},
                            complaints_learning));
    table.push_back(command({"compliments", "add"}, no_operands, "Record a compliment.",
                            {required_option("received", "DATE", "the day it was received"),
                             required_option("source", "CODE", "who paid it: parent, foster_carer, teacher, ..."),
                             optional_option("service-area", "CODE", "e.g. fostering"),
                             optional_option("team", "TEAM", "team or locality"),
                             optional_option("summary", "TEXT", "what it said")},
                            compliments_add));
    table.push_back(command({"compliments", "list"}, no_operands, "List compliments, newest first.",
                            {optional_option("from", "DATE", "received on or after DATE"),
                             optional_option("to", "DATE", "received on or before DATE"),
                             optional_option("limit", "N", "at most N compliments"), format},
                            compliments_list));
    table.push_back(command({"closure-days", "list"}, no_operands,
                            "List the council's local closure days, which deadlines skip.", {format},
                            closure_days_list));
    table.push_back(command({"closure-days", "add"}, date, "Add a local closure day.",
                            {required_option("reason", "TEXT", "e.g. offices closed at Christmas")},
                            closure_days_add));
    table.push_back(command({"closure-days", "remove"}, date, "Remove a local closure day.", {},
                            closure_days_remove));
}

void add_retention_commands(std::vector<Command>& table)
{
    const Operands kind{"RECORDS", 1, 1};
    const Operands record{"RECORDS ID", 2, 2};
    const auto format = optional_option("format", "table|json", "output format (default: table)");
    const auto reason = required_option("reason", "TEXT", "why (kept in the audit log; no names)");
    table.push_back(command({"retention", "list"}, no_operands,
                            "How long responses, drafts, complaints and compliments are kept.", {format},
                            retention_list));
    table.push_back(command({"retention", "set"}, kind,
                            "Keep RECORDS (responses, drafts, complaints, compliments) for N months.",
                            {required_option("months", "N", "1 to 1200"), reason}, retention_set));
    table.push_back(command({"retention", "remove"}, kind, "Keep RECORDS until deleted by hand.", {reason},
                            retention_remove));
    table.push_back(command({"holds", "list"}, no_operands, "List the records on legal hold.", {format},
                            holds_list));
    table.push_back(command({"holds", "place"}, record,
                            "Keep one record past its retention (a complaint by uuid or case reference).",
                            {reason}, holds_place));
    table.push_back(command({"holds", "release"}, record, "Release a legal hold.", {reason}, holds_release));
    table.push_back(command({"purge"}, no_operands,
                            "Delete every record past its retention, except those on legal hold and open "
                            "complaints; each deletion is audited.",
                            {optional_option("reason", "TEXT", "why, e.g. the quarterly purge (required unless --dry-run)"),
                             optional_option("today", "DATE", "count retention back from DATE (default: today)"),
                             flag("dry-run", "count what would be deleted; delete nothing"),
                             flag("yes", "delete: this cannot be undone")},
                            purge));
    table.push_back(command({"erase"}, {"RECORDS ID...", 2, any_number},
                            "Erase one person's records on request, with everything kept with them "
                            "(a case reference erases all its complaints); audited.",
                            {optional_option("reason", "TEXT", "why, e.g. the request's number (required unless --dry-run)"),
                             flag("dry-run", "list what would be erased; erase nothing"),
                             flag("yes", "erase: this cannot be undone")},
                            erase));
}

void add_user_commands(std::vector<Command>& table)
{
    const Operands name{"NAME", 1, 1};
    const auto reason = required_option("reason", "TEXT", "why (kept in the audit log)");
    const auto role = required_option("role", "worker|lead|admin", "what the account may do (docs/access.md)");
    table.push_back(command({"users", "list"}, no_operands, "List the user accounts and their roles.",
                            {optional_option("format", "table|json", "output format (default: table)")}, users_list));
    table.push_back(command({"users", "add"}, name,
                            "Add a user account (the first must be an admin); the password is asked twice, "
                            "or taken from CHORUS_NEW_PASSWORD.",
                            {role}, users_add));
    table.push_back(command({"users", "role"}, name, "Change an account's role.", {role, reason}, users_role));
    table.push_back(command({"users", "password"}, name, "Set an account's password.", {}, users_password));
    table.push_back(command({"users", "deactivate"}, name, "Stop an account signing in (it stays in the audit log).",
                            {reason}, users_deactivate));
}

std::vector<Command> make_commands()
{
    const auto format = [](std::string_view choices, std::string_view fallback) {
        return optional_option("format", choices, fallback);
    };
    std::vector<Command> table;
    table.push_back(command({"instruments", "list"}, no_operands,
                            "List every stored instrument version.",
                            {format("table|json", "output format (default: table)")},
                            instruments_list));
    table.push_back(command({"instruments", "show"}, {"ID", 1, 1},
                            "Show an instrument's questions.",
                            {optional_option("version", "N", "version (default: the latest)"),
                             format("text|json", "output format (default: text)")},
                            instruments_show));
    table.push_back(command({"instruments", "import"}, {"FILE...", 1, any_number},
                            "Import instrument definitions (Chorus JSON, SurveyJS JSON or "
                            "XLSForm .xlsx), in order; stops at the first bad file.",
                            {flag("dry-run", "show what would be imported; store nothing")},
                            instruments_import));

    auto add_options = response_metadata_options(
        {required_option("instrument", "ID", "the instrument answered"),
         required_option("answers", "FILE", "JSON object from question key to answer")});
    add_options.push_back(optional_option("captured-at", "TIME",
                                          "when, e.g. 2024-05-01T14:30Z (default: now)"));
    add_options.push_back(flag("draft", "save as a draft (required questions may be blank)"));
    table.push_back(command({"responses", "add"}, no_operands,
                            "Add one response from a JSON file of answers.",
                            std::move(add_options), responses_add));
    table.push_back(command({"responses", "list"}, no_operands,
                            "List stored responses (never their answers).",
                            {optional_option("instrument", "ID", "only this instrument"),
                             optional_option("limit", "N", "at most N responses"),
                             format("table|json", "output format (default: table)")},
                            responses_list));
    auto import_options = response_metadata_options({required_option("instrument", "ID", "the instrument answered")});
    import_options.push_back(optional_option("mapping", "FILE.json", "a saved column mapping (docs/import-formats.md)"));
    import_options.push_back(repeatable_option("map", "HEADER=KEY",
                                               "import column HEADER as question KEY (or metadata; empty KEY ignores it)"));
    import_options.push_back(optional_option("sheet", "NAME", "the sheet of an .xlsx file (default: the first)"));
    import_options.push_back(flag("dry-run", "show the mapping, the first rows as stored and every problem; store nothing"));
    import_options.push_back(optional_option("save-mapping", "FILE.json", "save the column mapping used"));
    table.push_back(command({"responses", "import"}, {"FILE.(csv|xlsx)", 1, 1},
                            "Import responses from CSV or XLSX (e.g. an online form's export): all rows or none.",
                            std::move(import_options), responses_import));
    table.push_back(command(
        {"stats"}, no_operands, "Count the answers to one question across every version.",
        {required_option("instrument", "ID", "the instrument"),
         required_option("question", "KEY", "the question's key"),
         {"exclude", "CODE,...", "option codes left out of the base, e.g. na,dont_know", true,
          false},
         format("json|table", "output format (default: json)"),
         optional_option("decimals", "N", "decimal places of table percentages (default: 0)")},
        stats));
    table.push_back(command(
        {"measures"}, no_operands,
        "A measure set's figures for a period: value, base, RAG, direction of travel, scorecard.",
        {required_option("set", "FILE", "the measure set (JSON; see docs/measures.md)"),
         optional_option("period", "PERIOD", "2025-Q3, 2025-12, 2025-H1 or FY2025-26 (default: last quarter)"),
         format("json|table", "output format (default: table on a terminal, else json)"),
         optional_option("today", "DATE", "the last quarter is the latest ended by DATE (default: today)")},
        measures));
    table.push_back(command(
        {"export"}, no_operands,
        "Export responses as CSV, XLSX or JSON (anonymised unless --identifiable, audited), or write the "
        "plan report as HTML or PDF with small counts suppressed.",
        {required_option("format", "csv|xlsx|json|html|pdf", "the file's format (html, pdf: the plan report)"),
         required_option("out", "FILE", "the file written (refused when it exists, unless --force)"),
         optional_option("period", "PERIOD", "only responses of 2025-Q3, 2025-12, 2025-H1 or FY2025-26 "
                                             "(html, pdf: default the last quarter)"),
         repeatable_option("instrument", "ID", "only this instrument (repeat for more; csv, html, pdf: one)"),
         optional_option("version", "N", "csv: the instrument version (default: the latest)"),
         optional_option("set", "FILE", "xlsx, json, html, pdf: add this measure set's figures for --period"),
         flag("identifiable", "include who captured each response and free text (audited)"),
         flag("free-text", "include free-text answers in an anonymised export"),
         flag("bom", "csv: start with a UTF-8 byte order mark, for Excel"),
         optional_option("threshold", "N", "suppress figures on a base below N; html, pdf: counts 1 to N-1 "
                                               "shown as c (default: 5)"),
         flag("force", "replace an existing --out file"),
         optional_option("today", "DATE", "html, pdf: the last quarter is the latest ended by DATE (default: today)")},
        export_command));
    table.push_back(command({"import"}, {"FILE.json", 1, 1},
                            "Import a JSON export (identifiable): instruments and responses by uuid, "
                            "all or nothing.",
                            {flag("dry-run", "check everything and report what would be added; store nothing")},
                            import_command));
    table.push_back(command({"demo"}, no_operands,
                            "Add the demo instruments and responses (once) and show an overview.",
                            {}, demo));
    table.push_back(command({"plugins"}, no_operands,
                            "List the loaded plugins, what each provides, and refused ones "
                            "with the reason.",
                            {format("table|json", "output format (default: table)")}, plugins));
    add_complaint_commands(table);
    add_retention_commands(table);
    add_user_commands(table);
    table.push_back(command({"encrypt"}, no_operands,
                            "Encrypt the database with a passphrase (asked twice, or taken from "
                            "CHORUS_NEW_PASSPHRASE); docs/encryption.md.",
                            {}, encrypt));
    table.push_back(command({"decrypt"}, no_operands, "Store the database unencrypted again.", {}, decrypt));
    table.push_back(command({"rekey"}, no_operands,
                            "Change the database's passphrase (the new one asked twice, or taken from "
                            "CHORUS_NEW_PASSPHRASE).",
                            {}, rekey));
    return table;
}

// "chorus-cli responses add --instrument ID ... [--draft]", wrapped to fit 80
// columns with continuation lines indented under the first option.
std::string synopsis(const CommandSpec& command, std::size_t indent)
{
    std::string start = "chorus-cli " + command.name();
    if (!command.operands.empty())
        start += " " + std::string(command.operands);
    std::string text = start;
    std::size_t line_width = indent + start.size();
    const std::string continuation = "\n" + std::string(indent + start.size() + 1, ' ');
    for (const auto& option : command.options) {
        std::string item = "--" + std::string(option.name);
        if (option.takes_value())
            item += " " + std::string(option.value_name);
        if (!option.required)
            item = "[" + item + "]";
        if (line_width + 1 + item.size() > 79) {
            text += continuation + item;
            line_width = continuation.size() - 1 + item.size();
        } else {
            text += " " + item;
            line_width += 1 + item.size();
        }
    }
    return text;
}

void print_option_lines(std::ostream& out, const std::vector<OptionSpec>& options,
                        std::string_view indent)
{
    for (const auto& option : options) {
        std::string text = "--" + std::string(option.name);
        if (option.takes_value())
            text += " " + std::string(option.value_name);
        if (text.size() < 26)
            text.resize(26, ' ');
        else
            text += "  ";
        out << indent << text << option.help << '\n';
    }
}

void print_common_options(std::ostream& out)
{
    out << "Options for every command (before or after the command words):\n";
    print_option_lines(out,
                       {database_option,
                        optional_option("user", "NAME", "sign in as NAME, on a database with user accounts "
                                                        "(password: $CHORUS_PASSWORD, else asked)"),
                        flag("help", "(or -h) this text; after a command, its usage")},
                       "  ");
    out << "  The default database is " << default_database_path().string()
        << "\n  (set CHORUS_DATA_DIR to use another folder).\n"
           "  An encrypted database's passphrase is taken from CHORUS_PASSPHRASE, else asked\n"
           "  on the terminal (never an option: the command line is seen by others).\n"
           "  Plugins load from the folder installed with Chorus and from each folder in\n"
           "  CHORUS_PLUGIN_PATH; their instruments are added to the database it opens.\n";
}

} // namespace

const std::vector<Command>& commands()
{
    static const std::vector<Command> table = [] {
        auto made = make_commands();
        for (const Command& command : made)
            command_permission(command.spec); // throws for a command added without one: every run fails
        return made;
    }();
    return table;
}

void print_program_usage(std::ostream& out)
{
    out << "chorus-cli: Chorus without the windows, for scripts and tests.\n\n"
           "Usage: chorus-cli COMMAND [OPTIONS]\n"
           "       chorus-cli --help | --version\n\n"
           "Commands:\n";
    for (const auto& command : commands()) {
        out << "  " << synopsis(command.spec, 2) << "\n      " << command.spec.summary << '\n';
        print_option_lines(out, command.spec.options, "      ");
    }
    out << '\n';
    print_common_options(out);
    out << "\nExit codes: 0 success, 1 failure, 2 usage error.\n"
           "The audit log records $CHORUS_USER (else $USER or $USERNAME) as who did it.\n";
}

void print_command_usage(std::ostream& out, const CommandSpec& command)
{
    out << "Usage: " << synopsis(command, 7) << "\n\n" << command.summary << '\n';
    if (!command.options.empty()) {
        out << "\nOptions:\n";
        print_option_lines(out, command.options, "  ");
    }
    out << '\n';
    print_common_options(out);
}

void print_group_usage(std::ostream& out, std::string_view group)
{
    out << "Usage:\n";
    for (const auto& command : commands())
        if (command.spec.words.front() == group)
            out << "  " << synopsis(command.spec, 2) << "\n      " << command.spec.summary
                << '\n';
    out << "\nRun chorus-cli " << group << " COMMAND --help for a command's options.\n";
}

} // namespace chorus::cli

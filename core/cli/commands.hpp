#pragma once
// The commands of chorus-cli and what they share: the database, the actor and
// the output streams.
#include "arguments.hpp"

#include "chorus/error.hpp"
#include "chorus/paths.hpp"
#include "chorus/plugin_host.hpp"
#include "chorus/store.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace chorus::cli {

// A failure that comes with a list of details, printed one per line under the
// summary (like DefinitionError and friends, for problems found by chorus-cli itself).
class ListedError : public Error {
public:
    ListedError(const std::string& summary, std::vector<std::string> details)
        : Error(summary), details_(std::move(details)) {}
    const std::vector<std::string>& details() const { return details_; }

private:
    std::vector<std::string> details_;
};

class Context {
public:
    // create_folder: make the database's folder when missing (for the default
    // database, whose data folder does not exist on a first run).
    Context(std::filesystem::path database, bool create_folder, std::string actor,
            std::ostream& out, std::ostream& err);

    const std::filesystem::path& database() const { return database_; }
    const std::string& actor() const { return actor_; }
    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }

    // Opened on first use, so --help and usage errors never create a database. Opening
    // registers the plugins' instruments, warning on err about refused plugins and
    // about instruments that conflict with stored ones.
    Store& store();

    // Loaded from PluginHost::default_folders() on first use.
    PluginHost& plugins();

private:
    std::filesystem::path database_;
    bool create_folder_;
    std::string actor_;
    std::ostream& out_;
    std::ostream& err_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<PluginHost> plugins_;
};

using CommandFunction = int (*)(const Arguments&, Context&);

struct Command {
    CommandSpec spec;
    CommandFunction run;
};

// Every command, in the order --help lists them.
const std::vector<Command>& commands();

// --version N of the instrument commands: 0 (the latest) when absent.
int instrument_version_option(const Arguments& arguments);


// Usage text: the whole program, one command, or the commands under a group word.
void print_program_usage(std::ostream& out);
void print_command_usage(std::ostream& out, const CommandSpec& command);
void print_group_usage(std::ostream& out, std::string_view group);

// The commands.
int instruments_list(const Arguments& arguments, Context& context);
int instruments_show(const Arguments& arguments, Context& context);
int instruments_import(const Arguments& arguments, Context& context);
int responses_add(const Arguments& arguments, Context& context);
int responses_list(const Arguments& arguments, Context& context);
int responses_import(const Arguments& arguments, Context& context);
int stats(const Arguments& arguments, Context& context);
int measures(const Arguments& arguments, Context& context);
int export_command(const Arguments& arguments, Context& context); // `export` is a C++ keyword
int import_command(const Arguments& arguments, Context& context);
int demo(const Arguments& arguments, Context& context);
int plugins(const Arguments& arguments, Context& context);
int complaints_list(const Arguments& arguments, Context& context);
int complaints_show(const Arguments& arguments, Context& context);
int complaints_add(const Arguments& arguments, Context& context);
int complaints_escalate(const Arguments& arguments, Context& context);
int complaints_respond(const Arguments& arguments, Context& context);
int complaints_extend(const Arguments& arguments, Context& context);
int complaints_outcome(const Arguments& arguments, Context& context);
int complaints_learning(const Arguments& arguments, Context& context);
int compliments_add(const Arguments& arguments, Context& context);
int compliments_list(const Arguments& arguments, Context& context);
int closure_days_list(const Arguments& arguments, Context& context);
int closure_days_add(const Arguments& arguments, Context& context);
int closure_days_remove(const Arguments& arguments, Context& context);

// Shared by `instruments list` and `demo`.
void print_instruments_table(std::ostream& out, const std::vector<InstrumentSummary>& instruments);

} // namespace chorus::cli

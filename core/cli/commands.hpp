#pragma once
// The commands of chorus-cli and what they share: the database, the actor and
// the output streams.
#include "arguments.hpp"

#include "chorus/access.hpp"
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
    // `actor`: --user, else $CHORUS_USER or the login name. `permission`: what the command
    // does, checked against the signed-in account's role when the database has accounts.
    Context(std::filesystem::path database, bool create_folder, std::string actor, Permission permission,
            std::ostream& out, std::ostream& err);

    const std::filesystem::path& database() const { return database_; }
    // Valid once store() has been called: the signed-in account's name when the database
    // has accounts.
    const std::string& actor() const { return actor_; }
    // An admin on a database without accounts (it is open to whoever can open the file).
    Role role() const { return role_; }
    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }

    // Opened on first use, so --help and usage errors never create a database. When the
    // database has user accounts, opening signs in (password from $CHORUS_PASSWORD, else
    // asked on the terminal) and refuses a role the command's permission does not allow
    // (AccessDenied). An encrypted database's passphrase comes from $CHORUS_PASSPHRASE, else
    // the terminal. Then it registers the plugins' instruments, warning on err about
    // refused plugins and about instruments that conflict with stored ones.
    Store& store();

    // Closes the store, so that the database can be converted (encryption.cpp).
    void close_store() { store_.reset(); }
    // The passphrase the store was opened with (empty for a plain database); valid once store()
    // has been called.
    const std::string& passphrase() const { return passphrase_; }

    // Loaded from PluginHost::default_folders() on first use.
    PluginHost& plugins();

private:
    std::filesystem::path database_;
    bool create_folder_;
    std::string actor_;
    Permission permission_;
    Role role_ = Role::admin;
    std::string passphrase_;
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
// What a command does, for the access check (access.hpp).
Permission command_permission(const CommandSpec& command);
// A password typed on the terminal without echo, or $`variable` when set; Error when
// neither is possible (no terminal).
std::string password_input(const char* variable, const std::string& prompt);

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
int retention_list(const Arguments& arguments, Context& context);
int retention_set(const Arguments& arguments, Context& context);
int retention_remove(const Arguments& arguments, Context& context);
int holds_list(const Arguments& arguments, Context& context);
int holds_place(const Arguments& arguments, Context& context);
int holds_release(const Arguments& arguments, Context& context);
int purge(const Arguments& arguments, Context& context);
int erase(const Arguments& arguments, Context& context);
int users_list(const Arguments& arguments, Context& context);
int users_add(const Arguments& arguments, Context& context);
int users_role(const Arguments& arguments, Context& context);
int users_password(const Arguments& arguments, Context& context);
int users_deactivate(const Arguments& arguments, Context& context);
int encrypt(const Arguments& arguments, Context& context);
int decrypt(const Arguments& arguments, Context& context);
int rekey(const Arguments& arguments, Context& context);

// Shared by `instruments list` and `demo`.
void print_instruments_table(std::ostream& out, const std::vector<InstrumentSummary>& instruments);

} // namespace chorus::cli

#include "commands.hpp"

#include "chorus/encryption.hpp"
#include "chorus/users.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <limits>
#include <ostream>
#include <system_error>

namespace chorus::cli {

Context::Context(std::filesystem::path database, bool create_folder, std::string actor, Permission permission,
                 std::ostream& out, std::ostream& err)
    : database_(std::move(database)), create_folder_(create_folder), actor_(std::move(actor)),
      permission_(permission), out_(out), err_(err)
{
}

Store& Context::store()
{
    if (!store_) {
        // Store creates the file but not its folder. Only the default folder is made:
        // a mistyped --db folder should fail, not leave new folders behind.
        const auto folder = database_.parent_path();
        std::error_code error;
        if (create_folder_ && !folder.empty() && !std::filesystem::is_directory(folder, error)) {
            std::filesystem::create_directories(folder, error);
            if (error)
                throw Error("cannot create the folder " + folder.string() + " for the database: " +
                            error.message());
        }
        if (is_encrypted_database(database_))
            passphrase_ = password_input("CHORUS_PASSPHRASE", "Passphrase for " + database_.string());
        auto store = std::make_unique<Store>(database_, passphrase_);
        if (UserDirectory users(*store); users.has_accounts()) {
            const UserAccount account = users.sign_in(
                actor_, password_input("CHORUS_PASSWORD", "Password for " + actor_ + " on " + database_.string()));
            actor_ = account.name;
            role_ = account.role;
            require(actor_, role_, permission_);
        }
        auto& host = plugins();
        const auto conflicts = host.register_instruments(*store, actor_);
        store_ = std::move(store);
        // One line each, so a refused or out-of-step plugin is noticed but never stops the command.
        if (const auto refused = host.refused().size(); refused > 0)
            err_ << "chorus-cli: warning: " << refused << (refused == 1 ? " plugin" : " plugins")
                 << " refused; run chorus-cli plugins for the reason\n";
        for (const auto& conflict : conflicts)
            err_ << "chorus-cli: warning: " << conflict << '\n';
    }
    return *store_;
}

PluginHost& Context::plugins()
{
    if (!plugins_) {
        plugins_ = std::make_unique<PluginHost>();
        plugins_->load_folders(PluginHost::default_folders());
    }
    return *plugins_;
}

std::string password_input(const char* variable, const std::string& prompt)
{
    if (const char* given = std::getenv(variable))
        return given;
    if (!isatty(STDIN_FILENO))
        throw Error(std::string("a ") + (std::string_view(variable).find("PASSPHRASE") != std::string_view::npos ? "passphrase" : "password")
                    + " is needed: set " + variable + " or run chorus-cli on a terminal");
    termios before{};
    tcgetattr(STDIN_FILENO, &before);
    termios hidden = before;
    hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    std::cerr << prompt << ": " << std::flush;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden);
    std::string password;
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
    std::cerr << '\n';
    return password;
}

int instrument_version_option(const Arguments& arguments)
{
    return static_cast<int>(
        arguments.integer("version", 1, std::numeric_limits<int>::max()).value_or(0));
}

} // namespace chorus::cli

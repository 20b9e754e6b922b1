// chorus-cli: finds the command, runs it, and turns every failure into a short
// message on stderr and an exit code (0 success, 1 failure, 2 usage error).
#include "arguments.hpp"
#include "commands.hpp"
#include "problems.hpp"

#include "chorus/complaint_log.hpp"
#include "chorus/instrument_json.hpp"
#include "chorus/paths.hpp"
#include "chorus/response_import.hpp"
#include "chorus/response_validation.hpp"
#include "chorus/users.hpp"
#include "chorus/version.hpp"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::cli {

namespace {

constexpr int exit_success = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

bool is_help_option(std::string_view token)
{
    return token == "-h" || token == "--help";
}

bool is_group(std::string_view word)
{
    for (const auto& command : commands())
        if (command.spec.words.size() > 1 && command.spec.words.front() == word)
            return true;
    return false;
}

std::string subcommand_names(std::string_view group)
{
    std::string names;
    for (const auto& command : commands())
        if (command.spec.words.size() > 1 && command.spec.words.front() == group)
            names += (names.empty() ? "" : ", ") + std::string(command.spec.words[1]);
    return names;
}

// The command named by the first tokens, or nullptr; `used` says how many words it took.
const Command* find_command(const std::vector<std::string>& tokens, std::size_t& used)
{
    for (const auto& command : commands()) {
        const auto& words = command.spec.words;
        if (tokens.size() < words.size())
            continue;
        bool matches = true;
        for (std::size_t i = 0; i < words.size() && matches; ++i)
            matches = tokens[i] == words[i];
        if (matches) {
            used = words.size();
            return &command;
        }
    }
    return nullptr;
}

int print_help_for(const std::vector<std::string>& words)
{
    std::size_t used = 0;
    if (words.empty()) {
        print_program_usage(std::cout);
    } else if (const Command* command = find_command(words, used);
               command != nullptr && used == words.size()) {
        print_command_usage(std::cout, command->spec);
    } else if (words.size() == 1 && is_group(words.front())) {
        print_group_usage(std::cout, words.front());
    } else {
        std::string name;
        for (const auto& word : words)
            name += (name.empty() ? "" : " ") + word;
        throw UsageError("no command \"" + name + "\"");
    }
    return exit_success;
}

int run(std::vector<std::string> tokens)
{
    const auto database = extract_global_option(tokens, "db");
    const auto user = extract_global_option(tokens, "user");
    if (tokens.empty())
        throw UsageError("missing command");

    const std::string& first = tokens.front();
    if (is_help_option(first))
        return print_help_for({});
    if (first == "help")
        return print_help_for({tokens.begin() + 1, tokens.end()});
    if (first == "--version") {
        std::cout << "chorus-cli " << version_string << '\n';
        return exit_success;
    }
    if (first.size() > 1 && first.front() == '-')
        throw UsageError("expected a command before " + first);

    std::size_t used = 0;
    const Command* command = find_command(tokens, used);
    if (command == nullptr) {
        if (!is_group(first))
            throw UsageError("unknown command \"" + first + "\"");
        if (tokens.size() > 1 && is_help_option(tokens[1]))
            return print_help_for({first});
        if (tokens.size() == 1 || tokens[1].front() == '-')
            throw UsageError(first + " needs a command: " + subcommand_names(first));
        throw UsageError("unknown command \"" + first + " " + tokens[1] + "\"");
    }

    const auto arguments = Arguments::parse(
        command->spec, {tokens.begin() + static_cast<std::ptrdiff_t>(used), tokens.end()});
    if (arguments.help_requested()) {
        print_command_usage(std::cout, command->spec);
        return exit_success;
    }
    Context context(database ? std::filesystem::path(*database) : default_database_path(),
                    !database, user.value_or(current_actor()), command_permission(command->spec), std::cout,
                    std::cerr);
    return command->run(arguments, context);
}

// The message's first line after "chorus-cli: ", then each detail indented. Without
// details, any further lines of the message are the details.
void print_failure(const std::string& message, std::vector<std::string> details = {})
{
    std::string_view text = message;
    const std::string_view first_line = text.substr(0, text.find('\n'));
    if (details.empty()) {
        while (text.find('\n') != std::string_view::npos) {
            text.remove_prefix(text.find('\n') + 1);
            details.emplace_back(text.substr(0, text.find('\n')));
        }
    }
    std::cout.flush(); // keep stdout and stderr in order on a shared terminal
    std::cerr << "chorus-cli: " << first_line << '\n';
    // A single detail that repeats the summary adds nothing.
    if (details.size() == 1 && details.front() == first_line)
        return;
    for (const auto& detail : details)
        std::cerr << "  " << detail << '\n';
}

// "complaint 3f2a… cannot be saved" without the problems what() also joins into the line,
// since they follow one per line.
std::string refusal_summary(const ComplaintError& error)
{
    const std::string message = error.what();
    const auto end = message.find(" cannot be saved: ");
    return end == std::string::npos ? message : message.substr(0, end) + " cannot be saved";
}

} // namespace

} // namespace chorus::cli

int main(int argc, char** argv)
{
    using namespace chorus::cli;
    try {
        return run({argv + (argc > 0 ? 1 : 0), argv + argc});
    } catch (const UsageError& error) {
        std::cout.flush();
        std::cerr << "chorus-cli: " << error.what() << " (see chorus-cli --help)\n";
        return exit_usage;
    } catch (const chorus::DefinitionError& error) {
        print_failure(error.what(), describe(error.problems()));
    } catch (const chorus::InvalidResponse& error) {
        print_failure(error.what(), describe(error.problems()));
    } catch (const chorus::ImportError& error) {
        print_failure(error.what(), describe(error.problems()));
    } catch (const chorus::SignInError& error) {
        print_failure(std::string("cannot sign in: ") + error.what(),
                      {"this database has user accounts: give --user NAME, and the password in "
                       "CHORUS_PASSWORD or when asked"});
    } catch (const chorus::ComplaintError& error) {
        print_failure(refusal_summary(error), error.problems());
    } catch (const ListedError& error) {
        print_failure(error.what(), error.details());
    } catch (const std::exception& error) {
        print_failure(error.what());
    } catch (...) {
        print_failure("unexpected error");
    }
    return exit_failure;
}

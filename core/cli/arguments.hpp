#pragma once
// A tiny command-line parser for chorus-cli. Every command declares its options;
// anything else on the command line is a usage error (exit code 2).
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::cli {

// A mistake in how chorus-cli was called. main() prints it on one line with a
// pointer to --help and exits with code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string_view name;       // without the dashes, e.g. "instrument"
    std::string_view value_name; // e.g. "ID"; empty for a flag such as --draft
    std::string_view help;
    bool repeatable = false;     // may be given more than once (values are collected)
    bool required = false;       // shown without brackets in the usage; the command checks it

    bool takes_value() const { return !value_name.empty(); }
};

struct CommandSpec {
    std::vector<std::string_view> words; // e.g. {"responses", "add"}
    std::string_view operands;           // e.g. "ID" or "FILE..."; empty when none
    std::size_t min_operands = 0;
    std::size_t max_operands = 0;        // SIZE_MAX for "any number"
    std::string_view summary;            // one line
    std::vector<OptionSpec> options;     // --db and --help are added by the parser

    std::string name() const;            // "responses add"
};

// The option every command accepts, before or after the command words.
inline constexpr OptionSpec database_option{"db", "FILE",
                                            "the database (default: the user's data folder)"};

class Arguments {
public:
    // Parses what follows the command words. --db and --help are always accepted.
    static Arguments parse(const CommandSpec& command, const std::vector<std::string>& tokens);

    const std::vector<std::string>& operands() const { return operands_; }
    bool has(std::string_view option) const;
    bool help_requested() const { return help_; }

    // The value given for an option (the last one, for repeatable options).
    std::optional<std::string> value(std::string_view option) const;
    std::vector<std::string> values(std::string_view option) const;
    std::string value_or(std::string_view option, std::string fallback) const;
    std::string required(std::string_view option) const; // UsageError when missing

    // A whole number in [min, max]; UsageError naming the option otherwise.
    std::optional<std::int64_t> integer(std::string_view option, std::int64_t min,
                                        std::int64_t max) const;

    // A date given as YYYY-MM-DD or DD/MM/YYYY, as "YYYY-MM-DD"; UsageError naming the
    // option otherwise.
    std::optional<std::string> date(std::string_view option) const;

    // One of `allowed`; `fallback` when the option is absent.
    std::string choice(std::string_view option, const std::vector<std::string_view>& allowed,
                       std::string_view fallback) const;

private:
    std::vector<std::string> operands_;
    std::map<std::string, std::vector<std::string>, std::less<>> options_;
    bool help_ = false;
};

// Removes every "--NAME VALUE" / "--NAME=VALUE" from argv-style tokens, so that the options
// every command takes (--db, --user) may appear anywhere. Returns the value (UsageError when
// it has none or is given twice).
std::optional<std::string> extract_global_option(std::vector<std::string>& tokens, std::string_view name);

// Parses a whole number (digits with an optional sign); nullopt for anything else.
std::optional<std::int64_t> parse_integer(std::string_view text);

} // namespace chorus::cli

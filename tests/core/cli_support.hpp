#pragma once
// Runs a chorus-cli binary as a process, for the tests of chorus-cli (cli_test.cpp,
// cli_complaints_test.cpp). POSIX only: the callers skip their tests on Windows.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace chorus::test {

struct CliResult {
    int status = -1; // exit code; 128 + signal when killed
    std::string out;
    std::string err;
};

std::ostream& operator<<(std::ostream& stream, const CliResult& result);

// Runs `program` with `arguments` in this process's environment, with each NAME=value of
// `environment` replacing (or adding) that variable. Standard input is /dev/null; standard
// output and error go through files in `scratch`.
CliResult run_program(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                      const std::vector<std::string>& environment, const std::filesystem::path& scratch);

// `program` with `arguments` and --db `database`, its data folder in `scratch`/data, as the user
// "tester", and no CHORUS_PLUGIN_PATH: only the plugins built with it load.
CliResult run_on_database(const std::filesystem::path& program, std::vector<std::string> arguments,
                          const std::filesystem::path& database, const std::filesystem::path& scratch);

// The widest line of `text` in terminal columns (UTF-8 code points).
std::size_t widest_line(const std::string& text);

// A copy of `program` installed on its own under `folder` (bin/ with its library in lib/, no
// plugin folder), as an installation without plugins; returns the copy's path.
std::filesystem::path install_without_plugins(const std::filesystem::path& program, const std::filesystem::path& folder);

} // namespace chorus::test

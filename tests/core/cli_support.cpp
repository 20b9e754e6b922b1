#include "cli_support.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#if !defined(_WIN32)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
extern char** environ;
#endif

namespace chorus::test {

std::ostream& operator<<(std::ostream& stream, const CliResult& result)
{
    return stream << "exit " << result.status << "\n--- stdout\n"
                  << result.out << "--- stderr\n"
                  << result.err;
}

CliResult run_program(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                      const std::vector<std::string>& environment, const std::filesystem::path& scratch)
{
    CliResult result;
#if !defined(_WIN32)
    const auto out_file = scratch / "stdout.txt";
    const auto err_file = scratch / "stderr.txt";

    const auto overridden = [&](const std::string& variable) {
        for (const auto& setting : environment)
            if (variable.compare(0, setting.find('=') + 1, setting, 0, setting.find('=') + 1) == 0)
                return true;
        return false;
    };
    std::vector<std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry)
        if (!overridden(*entry))
            variables.emplace_back(*entry);
    variables.insert(variables.end(), environment.begin(), environment.end());

    std::vector<std::string> argv_text{program.string()};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv_pointers;
    for (auto& text : argv_text)
        argv_pointers.push_back(text.data());
    argv_pointers.push_back(nullptr);
    std::vector<char*> environment_pointers;
    for (auto& text : variables)
        environment_pointers.push_back(text.data());
    environment_pointers.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t child = 0;
    const int spawned = posix_spawn(&child, argv_text.front().c_str(), &actions, nullptr, argv_pointers.data(),
                                    environment_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        ADD_FAILURE() << "could not run " << program.string() << ": " << std::strerror(spawned);
        return result;
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out_file);
    result.err = read_file(err_file);
#else
    (void)program;
    (void)arguments;
    (void)environment;
    (void)scratch;
#endif
    return result;
}

CliResult run_on_database(const std::filesystem::path& program, std::vector<std::string> arguments,
                          const std::filesystem::path& database, const std::filesystem::path& scratch)
{
    arguments.push_back("--db");
    arguments.push_back(database.string());
    return run_program(program, arguments,
                       {"CHORUS_DATA_DIR=" + (scratch / "data").string(), "CHORUS_USER=tester", "CHORUS_PLUGIN_PATH="},
                       scratch);
}

std::size_t widest_line(const std::string& text)
{
    std::size_t widest = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        widest = std::max(widest, static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](char byte) {
                              return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U;
                          })));
    return widest;
}

std::filesystem::path install_without_plugins(const std::filesystem::path& program, const std::filesystem::path& folder)
{
    namespace fs = std::filesystem;
    const fs::path built = program.parent_path().parent_path();
    fs::create_directories(folder / "bin");
    fs::create_directories(folder / "lib");
    const fs::path copy = folder / "bin" / program.filename();
    fs::copy_file(program, copy);
    for (const auto& entry : fs::directory_iterator(built / "lib"))
        if (entry.path().filename().string().rfind("libchorus_core", 0) == 0)
            fs::create_symlink(entry.path(), folder / "lib" / entry.path().filename());
    return copy;
}

} // namespace chorus::test

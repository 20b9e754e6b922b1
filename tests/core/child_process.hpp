#pragma once
// A program run by a test as a separate process, with pipes to its standard input, output
// and error: for tests where another process holds a lock, fails a write or is killed.
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace chorus::test {

class ChildProcess {
public:
    explicit ChildProcess(const std::vector<std::string>& argv);
    ~ChildProcess(); // kills and reaps it if still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // The next line of its standard output, waiting up to `timeout`; nullopt at the end of
    // its output or on timeout.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    // Every line it writes from now until it exits (or closes its output).
    std::vector<std::string> read_remaining_lines();
    std::string error_output(); // all of standard error; call after wait()

    void close_input();
    void kill(int signal);
    // Waits for it to end: its exit code, or -N when signal N ended it.
    int wait();

private:
    bool fill(std::chrono::steady_clock::time_point deadline); // false at end of output or deadline

    pid_t pid_ = -1;
    int input_ = -1;
    int output_ = -1;
    int error_ = -1;
    std::string buffered_;
    bool output_ended_ = false;
    std::optional<int> status_;
};

} // namespace chorus::test

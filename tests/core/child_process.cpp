#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

extern char** environ;

namespace chorus::test {

namespace {

void make_pipe(int ends[2])
{
    if (pipe2(ends, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
}

} // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv)
{
    int in[2], out[2], err[2];
    make_pipe(in);
    make_pipe(out);
    make_pipe(err);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::vector<char*> args;
    for (const std::string& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    input_ = in[1];
    output_ = out[0];
    error_ = err[0];
    if (rc != 0) {
        close(input_);
        close(output_);
        close(error_);
        throw std::runtime_error("cannot start " + argv.front());
    }
}

ChildProcess::~ChildProcess()
{
    if (!status_) {
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    for (int fd : {input_, output_, error_})
        if (fd >= 0)
            close(fd);
}

bool ChildProcess::fill(std::chrono::steady_clock::time_point deadline)
{
    if (output_ended_)
        return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd ready{output_, POLLIN, 0};
    const int polled = poll(&ready, 1, static_cast<int>(std::max<long>(0, left.count())));
    if (polled <= 0)
        return false;
    char chunk[4096];
    const ssize_t got = read(output_, chunk, sizeof chunk);
    if (got <= 0) {
        output_ended_ = true;
        return false;
    }
    buffered_.append(chunk, static_cast<std::size_t>(got));
    return true;
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto end = buffered_.find('\n'); end != std::string::npos) {
            std::string line = buffered_.substr(0, end);
            buffered_.erase(0, end + 1);
            return line;
        }
        if (!fill(deadline))
            return std::nullopt;
    }
}

std::vector<std::string> ChildProcess::read_remaining_lines()
{
    std::vector<std::string> lines;
    const auto far = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (fill(far)) {
    }
    while (auto line = read_line(std::chrono::milliseconds(0)))
        lines.push_back(*line);
    return lines; // a last line without its newline was not finished: not a report
}

std::string ChildProcess::error_output()
{
    std::string text;
    char chunk[4096];
    ssize_t got;
    while ((got = read(error_, chunk, sizeof chunk)) > 0)
        text.append(chunk, static_cast<std::size_t>(got));
    return text;
}

void ChildProcess::close_input()
{
    if (input_ >= 0) {
        close(input_);
        input_ = -1;
    }
}

void ChildProcess::kill(int signal)
{
    ::kill(pid_, signal);
}

int ChildProcess::wait()
{
    if (!status_) {
        int raw = 0;
        while (waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
        }
        status_ = WIFSIGNALED(raw) ? -WTERMSIG(raw) : WEXITSTATUS(raw);
    }
    return *status_;
}

} // namespace chorus::test

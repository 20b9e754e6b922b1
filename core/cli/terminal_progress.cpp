#include "terminal_progress.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

#if defined(_WIN32)
#include <io.h>
#include <stdio.h>
#else
#include <unistd.h>
#endif

namespace chorus::cli {

namespace {

bool is_terminal(std::FILE* stream)
{
#if defined(_WIN32)
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

} // namespace

bool stderr_is_terminal() { return is_terminal(stderr); }

bool stdout_is_terminal() { return is_terminal(stdout); }

TerminalProgress::TerminalProgress(std::ostream& out, bool enabled, std::string what)
    : out_(out), enabled_(enabled), what_(std::move(what))
{
}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::update(std::uint64_t done, std::uint64_t total, std::string_view stage)
{
    if (!enabled_)
        return;
    // Redrawing more often than ~10 times a second only slows the import down.
    const auto now = std::chrono::steady_clock::now();
    const bool complete = total > 0 && done >= total;
    if (shown_ && !complete && now - last_shown_ < std::chrono::milliseconds(100))
        return;
    last_shown_ = now;

    std::string line = what_ + ": ";
    if (total > 0)
        line += std::to_string(std::min(done, total) * 100 / total) + "%";
    else
        line += std::to_string(done);
    if (!stage.empty())
        line += " (" + std::string(stage) + ")";
    const std::size_t width = line.size();
    if (width < shown_width_)
        line.append(shown_width_ - width, ' '); // clear what a longer line left behind
    out_ << '\r' << line << std::flush;
    shown_ = true;
    shown_width_ = width;
}

void TerminalProgress::finish()
{
    if (shown_)
        out_ << '\n' << std::flush;
    shown_ = false;
    enabled_ = false;
}

} // namespace chorus::cli

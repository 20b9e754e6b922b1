#pragma once
// Progress as one rewritten line on a terminal ("\rimporting: 45%"). Silent when
// the stream is not a terminal, so scripts and logs see only the result.
#include "chorus/progress.hpp"

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace chorus::cli {

bool stderr_is_terminal();
// Whether results go to a terminal (a person reading) rather than a pipe or file (a script).
bool stdout_is_terminal();

class TerminalProgress : public Progress {
public:
    // `what` starts the line, e.g. "importing".
    TerminalProgress(std::ostream& out, bool enabled, std::string what);
    ~TerminalProgress() override; // ends the line if anything was shown
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void update(std::uint64_t done, std::uint64_t total, std::string_view stage) override;
    void finish(); // ends the line; later updates are ignored

private:
    std::ostream& out_;
    bool enabled_;
    std::string what_;
    bool shown_ = false;
    std::size_t shown_width_ = 0;
    std::chrono::steady_clock::time_point last_shown_;
};

} // namespace chorus::cli

#pragma once
// GUI-free progress reporting for long work. The app implements it with a
// progress dialog, chorus-cli with a line on the terminal.
#include <cstdint>
#include <exception>
#include <string_view>

namespace chorus {

class Progress {
public:
    virtual ~Progress() = default;
    // done out of total units (total 0 = unknown); stage says what is happening.
    virtual void update(std::uint64_t done, std::uint64_t total, std::string_view stage) = 0;
    // Polled between units of work; true stops the work, which then changes nothing.
    virtual bool cancelled() const { return false; }
};

class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

} // namespace chorus

#pragma once
// Small text functions used across core's sources (internal).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

inline std::string_view trim(std::string_view text)
{
    const char* spaces = " \t\r\n";
    auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(spaces);
    return text.substr(first, last - first + 1);
}

template <typename Strings>
std::string join(const Strings& items, std::string_view separator)
{
    std::string result;
    for (const auto& item : items) {
        if (!result.empty())
            result += separator;
        result += item;
    }
    return result;
}

// Shortest text that reads back as the same double ("3", "2.5", "0.1").
inline std::string format_number(double value)
{
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc{})
        return std::to_string(value);
    return std::string(buffer, end);
}

} // namespace chorus

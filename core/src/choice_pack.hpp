#pragma once
// A response's chosen options, kept in its own row (response.choices) as a JSON array of
// choice row ids, "[12,15,33]" (internal). One row per response instead of one per chosen
// option makes a million-response import write 20 times fewer rows, every count reads a
// response's choices with the response, and sqlite3 can still read them with json_each
// (docs/storage.md, "Answers").
#include <cstdint>
#include <string>
#include <string_view>

namespace chorus {

inline constexpr std::string_view empty_choice_pack = "[]";

// Adds one id to a pack being built from "" (finish_choice_pack closes it).
inline void append_choice_id(std::string& pack, std::int64_t id)
{
    pack += pack.empty() ? '[' : ',';
    pack += std::to_string(id);
}

inline std::string finish_choice_pack(std::string pack)
{
    if (pack.empty())
        return std::string(empty_choice_pack);
    pack += ']';
    return pack;
}

// Calls f(id) for every id of a pack, in stored order.
template <typename F>
void for_each_choice_id(std::string_view pack, F&& f)
{
    std::int64_t id = 0;
    bool in_number = false;
    for (char c : pack) {
        if (c >= '0' && c <= '9') {
            id = id * 10 + (c - '0');
            in_number = true;
        } else if (in_number) {
            f(id);
            id = 0;
            in_number = false;
        }
    }
}

} // namespace chorus

#pragma once
// One cell of a response file as the answer or metadata value it stands for (internal to
// response import): choice codes or labels, multiple choice joined by ';' or ", ", numbers,
// dates and capture times as online tools write them. Built once per column, used per cell
// without allocating once warm: the million-row import runs through here.
#include "chorus/instrument.hpp"
#include "chorus/response.hpp"
#include "chorus/response_mapping.hpp"
#include "text_util.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chorus::cells {

inline char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Lower-cases into a reused buffer, so matching a cell allocates nothing once warm.
inline std::string_view lowered(std::string_view text, std::string& buffer)
{
    buffer.assign(text);
    std::transform(buffer.begin(), buffer.end(), buffer.begin(), lower);
    return buffer;
}

inline std::string in_quotes(std::string_view value)
{
    return '"' + std::string(value) + '"';
}

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using CodeMap = std::unordered_map<std::string, const std::string*, StringHash, std::equal_to<>>;

// Option lookups for one choice question, built once: exact code, then case-insensitive
// code, then case-insensitive label (earlier options win ties), then the words online tools
// write for yes and no.
class ChoiceLookup {
public:
    explicit ChoiceLookup(const Question& question)
    {
        std::string scratch;
        for (const auto& option : question.options) {
            exact_.emplace(option.code, &option.code);
            code_.emplace(std::string(lowered(option.code, scratch)), &option.code);
            label_.emplace(std::string(lowered(trim(option.label), scratch)), &option.code);
            names_.emplace_back(std::string(lowered(option.code, scratch)), &option.code);
            if (!trim(option.label).empty())
                names_.emplace_back(std::string(lowered(trim(option.label), scratch)), &option.code);
            codes_ += (codes_.empty() ? "" : ", ") + option.code;
        }
        // Longest first, so that "Yes, often" is matched before "Yes".
        std::stable_sort(names_.begin(), names_.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
        alias("true", "yes");   // spreadsheet booleans, "true"/"false" exports
        alias("false", "no");
        alias("n/a", "na");
        alias("n/a", "not applicable");
    }

    const std::string& codes() const { return codes_; }

    const std::string* find(std::string_view value, std::string& scratch) const
    {
        if (auto it = exact_.find(value); it != exact_.end())
            return it->second;
        auto folded = lowered(value, scratch);
        if (auto it = code_.find(folded); it != code_.end())
            return it->second;
        if (auto it = label_.find(folded); it != label_.end())
            return it->second;
        return nullptr;
    }

    // Splits "Child in need, Early help, support" into codes by matching whole codes and
    // labels (longest first) separated by ',' or ';', so that a label may hold a comma.
    // Returns the problem, or "".
    std::string match_joined(std::string_view value, std::vector<std::string>& codes, std::string& scratch) const
    {
        const std::string_view folded = lowered(value, scratch);
        std::size_t at = 0;
        auto skip_separators = [&] {
            while (at < folded.size() && (folded[at] == ' ' || folded[at] == ',' || folded[at] == ';' || folded[at] == '\t'))
                ++at;
        };
        for (skip_separators(); at < folded.size(); skip_separators()) {
            const std::string* code = nullptr;
            std::size_t length = 0;
            for (const auto& [name, option] : names_) {
                if (name.empty() || folded.compare(at, name.size(), name) != 0)
                    continue;
                auto next = folded.find_first_not_of(" \t", at + name.size());
                if (next == std::string_view::npos || folded[next] == ',' || folded[next] == ';') {
                    code = option;
                    length = name.size();
                    break;
                }
            }
            if (!code) {
                auto stop = value.find_first_of(",;", at);
                return in_quotes(trim(value.substr(at, stop == std::string_view::npos ? stop : stop - at))) +
                       " is not one of the options: " + codes_;
            }
            if (std::find(codes.begin(), codes.end(), *code) != codes.end())
                return in_quotes(*code) + " is chosen more than once";
            codes.push_back(*code);
            at += length;
        }
        return {};
    }

private:
    void alias(std::string_view word, std::string_view meaning)
    {
        std::string scratch;
        if (find(word, scratch) == nullptr)
            if (const std::string* code = find(meaning, scratch))
                label_.emplace(std::string(word), code);
    }

    CodeMap exact_, code_, label_;
    std::vector<std::pair<std::string, const std::string*>> names_; // lower-case codes and labels
    std::string codes_; // "a, b, c" for messages
};

struct Column {
    ColumnTarget kind = ColumnTarget::ignored;
    std::string header; // as trimmed; "" for a nameless column
    const Question* question = nullptr;
    std::unique_ptr<ChoiceLookup> choices;
};

// ISO 8601 (with Z, an offset or none: UTC), "2025-10-03 14:22:10", or UK day-first
// "03/10/2025 14:22[:10]"; returns the stored UTC form.
std::optional<std::string> read_timestamp(std::string_view value);

// Converts one non-empty, trimmed cell of a question column into `answer`, reusing what it
// holds from an earlier cell, and sets `answered` (false for a blank answer, e.g. ";");
// returns the problem or "" (with a problem, `answer` holds nothing of use). Messages may
// quote choice, number and date values but never free text.
std::string convert(const Column& column, std::string_view value, Answer& answer, bool& answered,
                    std::string& scratch);

} // namespace chorus::cells
